import {
  type CredentialKind,
  type LoginFraming,
  type OutboundPresence,
  type SaslCredentials,
  type SaslRegistry,
  type SessionSink,
  SwitchboardError,
} from '@switchboard/core';
import createIqCallee from '@xmpp/iq/callee.js';
import createMiddleware from '@xmpp/middleware';
import createStreamFeatures from '@xmpp/stream-features';
import type { Element } from '@xmpp/xml';
import { ExtensionHost } from '../extensions/ExtensionHost';
import type { XmppExtension } from '../extensions/XmppExtension';
import { Conversations } from '../im/Conversations';
import { checkStanza } from '../im/checkStanza';
import type { DeliveryRequests } from '../im/deliveryRequests';
import { MessageTracking } from '../im/MessageTracking';
import { withDeferred } from '../im/muc/DeferredSends';
import { routeInbound } from '../im/routeInbound';
import { Sasl2Gate } from '../sasl/Sasl2Gate';
import { sasl2Feature, type XmppLoginOptions } from '../sasl/sasl2Feature';
import { saslFeature } from '../sasl/saslFeature';
import { RecentMessages } from '../sm/RecentMessages';
import { resendPrevious } from '../sm/resendPrevious';
import { StreamManagement } from '../sm/StreamManagement';
import type { XmppContinuation } from '../sm/XmppContinuation';
import { XmppSession } from '../XmppSession';
import { abortedLogin } from './abortedLogin';
import { bindResource } from './bindResource';
import { blamesStanza, markRetryable } from './blamesStanza';
import { type DeliveryReports, deliveryReports } from './deliveryReports';
import { HardenedClient } from './HardenedClient';
import { IqClient } from './IqClient';
import type { Endpoint } from './resolveEndpoint';
import { secureStream } from './secureStream';
import { attachStanzaLog } from './stanzaLog';
import { toSwitchboardError } from './toSwitchboardError';
import { createTransports } from './transports';

/** Everything needed to bring one XMPP session online. */
export interface OpenXmppSessionOptions {
  readonly endpoint: Endpoint;
  readonly registry: SaslRegistry;
  readonly credentials: SaslCredentials;
  readonly credentialKinds: readonly CredentialKind[];
  readonly profileMechanisms: readonly string[] | undefined;
  readonly accountMechanisms: readonly string[] | undefined;
  readonly resource: string | undefined;
  readonly initialPresence: OutboundPresence | false;
  readonly timeoutMs: number;
  /** SASL2 and FAST switches, the account's login memory and user agent. */
  readonly login: XmppLoginOptions;
  readonly sink: SessionSink;
  /** The host's stanza log, if on; entries are redacted here. */
  readonly log: ((direction: 'in' | 'out', text: string) => void) | undefined;
  /** What the account's lost session left: resume it or resend what it did not get out. */
  readonly continuation: XmppContinuation | undefined;
  /** Aborted when the account gives the login up: the connection is dropped wherever it is. */
  readonly signal: AbortSignal | undefined;
  /** Attached before the stream opens; `maxStanzaBytes` limits what they send. */
  readonly extensions: readonly XmppExtension[];
  readonly maxStanzaBytes: number;
  /** Carbons (capability `otherDevices`), receipt and marker requests, answering receipts. */
  readonly tracking: {
    readonly carbons: boolean;
    readonly requests: DeliveryRequests;
    readonly answerReceipts: boolean;
  };
}

function serviceUri({ host, port, tls }: Endpoint): string {
  const h = host.includes(':') ? `[${host}]` : host;
  return `${tls === 'direct' ? 'xmpps' : 'xmpp'}://${h}:${port}`;
}

function deadline(ms: number, what: string): { promise: Promise<never>; cancel: () => void } {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new SwitchboardError('SB_TIMEOUT', `${what} did not complete within ${ms} ms.`)),
      ms,
    );
  });
  return { promise, cancel: () => clearTimeout(timer) };
}

/**
 * Connects (direct TLS or STARTTLS), authenticates through the registry, resumes the previous
 * stream or binds a new one (XEP-0198 where offered), sends the initial presence, resends what
 * the previous session left unacknowledged, and returns the online session. Inbound stanzas
 * reach the sink from the first byte after authentication (a resumed stream replays some right
 * away). On any failure the socket is closed, the sink gets what the next attempt needs
 * (`carryOver`) when this one started from a continuation, and a coded error is thrown.
 */
export async function openXmppSession(options: OpenXmppSessionOptions): Promise<XmppSession> {
  const { endpoint, timeoutMs, sink } = options;
  const where = { host: endpoint.host, port: endpoint.port };
  const entity = new HardenedClient({
    service: serviceUri(endpoint),
    domain: endpoint.domain,
    timeout: timeoutMs,
    lookup: endpoint.lookup,
    // An account's own bare JID; not a bare domain (an anonymous login has no account yet).
    from: options.credentials.address?.includes('@') ? options.credentials.address : undefined,
  });
  entity.transports.push(...createTransports({ servername: endpoint.servername, ca: endpoint.ca }));
  const middleware = createMiddleware({ entity });
  // First: what follows a SASL2 success waits until it is verified and applied.
  const gate = new Sasl2Gate(middleware);
  const streamFeatures = createStreamFeatures({ middleware });
  const reports = deliveryReports(sink, where);
  // First: it must count every inbound stanza, and resume before resource binding.
  const sm = new StreamManagement({
    entity,
    middleware,
    streamFeatures,
    previous: options.continuation,
    timeoutMs,
    onHandled: (stanzas) => {
      reports.handled(stanzas);
      conversations.acknowledged(stanzas);
    },
    onStalled: (waitedMs, unacknowledged) =>
      entity.abort(
        new SwitchboardError(
          'SB_CONNECTION_LOST',
          `The server did not acknowledge ${unacknowledged} stanzas within ${waitedMs} ms; the connection was closed.`,
          { details: { waitedMs, unacknowledged, reason: 'no-acknowledgement' } },
        ),
      ),
  });
  const iq = new IqClient(entity, middleware);
  const iqCallee = createIqCallee({ entity, middleware });
  iqCallee.get('urn:xmpp:ping', 'ping', () => ({}));
  const recent = new RecentMessages(options.continuation?.seen);
  const tracking = new MessageTracking({
    ...options.tracking,
    sink,
    recent,
    previous: options.continuation?.tracking,
  });
  tracking.attach({
    address: () => entity.jid?.toString(),
    send: (element) => entity.send(element).catch(() => undefined),
  });
  const conversations = roomsAndArchive(
    { entity, iq, sm, sink, recent, where, timeoutMs, reports },
    options,
  );
  const claim = (stanza: Element): boolean => conversations.claim(stanza);
  routeInbound({ entity, middleware, iqCallee, sink, recent, tracking, claim });
  const maxBytes = options.maxStanzaBytes;
  const extensions = new ExtensionHost({
    entity,
    middleware,
    iq,
    sink,
    where,
    timeoutMs,
    maxBytes,
  });
  extensions.attachAll(options.extensions);
  // SASL payloads are redacted unless the chosen mechanism declares they carry no secret.
  let saslIsSecret = true;
  if (options.log !== undefined) attachStanzaLog(entity, options.log, () => saslIsSecret);

  secureStream({
    middleware,
    settings: { servername: endpoint.servername, ca: endpoint.ca },
    allowInsecure: endpoint.allowInsecure,
    timeoutMs,
  });
  let framing: LoginFraming['reason'] = 'sasl2-not-offered';
  let announced = false;
  const selected = (
    mechanism: string,
    trace: Parameters<SessionSink['mechanismSelected']>[1],
    how: LoginFraming,
  ): void => {
    saslIsSecret = options.registry.get(mechanism)?.redaction !== 'none';
    if (!announced) sink.authenticating();
    announced = true;
    sink.mechanismSelected(mechanism, trace, how);
  };
  const selection = {
    registry: options.registry,
    credentials: options.credentials,
    credentialKinds: options.credentialKinds,
    profileMechanisms: options.profileMechanisms,
    accountMechanisms: options.accountMechanisms,
    allowInsecure: endpoint.allowInsecure,
    timeoutMs,
    server: endpoint.domain,
    onSelected: selected,
  };
  sasl2Feature({
    ...selection,
    entity,
    streamFeatures,
    gate,
    login: options.login,
    tag: options.resource ?? 'Switchboard',
    sm,
    carbons: options.tracking.carbons,
    onCarbons: () => tracking.enabledInline(),
    onDeclined: (reason) => {
      framing = reason;
    },
  });
  saslFeature({
    ...selection,
    entity,
    streamFeatures,
    scramKeys: options.login.memory?.scramKeys,
    framing: () => framing,
  });
  bindResource(streamFeatures, iq, options.resource, timeoutMs);

  // xmpp.js entities are Node emitters: an 'error' without a listener would crash the host.
  const swallow = (): void => undefined;
  entity.on('error', swallow);
  const limit = deadline(timeoutMs * 3, `Connecting to ${where.host}:${where.port}`);
  const giveUp = (): void => entity.abort(abortedLogin(options.signal?.reason));
  if (options.signal?.aborted) giveUp();
  options.signal?.addEventListener('abort', giveUp, { once: true });
  try {
    await Promise.race([entity.start(), limit.promise]);
    await Promise.race([sm.settled(), limit.promise]);
    if (!sm.resumed) {
      conversations.fresh();
      conversations.defer(sm.takePrevious(isRoomMessage));
    }
    const parts = {
      entity,
      iq,
      sm,
      recent,
      sink,
      where,
      timeoutMs,
      extensions,
      conversations,
      tracking,
    };
    const session = new XmppSession(parts);
    extensions.wentOnline(sm.resumed);
    // Carbons: asked for now, answered while the presence and resent stanzas go out.
    const tracked = tracking.online(
      iq,
      entity.jid?.domain,
      sm.resumed,
      timeoutMs,
      entity.jid?.bare().toString(),
    );
    // A resumed stream keeps its presence; a new one announces it.
    if (!sm.resumed && options.initialPresence !== false) {
      await session.sendPresence(options.initialPresence);
    }
    await resendPrevious(sm, entity, reports, timeoutMs);
    await tracked;
    // A connection lost while the login finished is a failed login, not a dead online session.
    if (session.closed || entity.socket === null) {
      throw new SwitchboardError(
        'SB_CONNECTION_CLOSED',
        `The connection to ${where.host}:${where.port} closed as the login completed.`,
      );
    }
    return session;
  } catch (error) {
    entity.socket?.destroy?.();
    // What ended the stream says more than the write that failed because of it.
    let coded = entity.abortedWith ?? entity.streamError ?? toSwitchboardError(error, where);
    // A stanza-blaming stream error while stanzas were outstanding: the next attempt resends
    // them one at a time (and one was just refused if the resend found the cause).
    const outstanding = sm.unacknowledged > 0 || reports.refusedAny();
    if (blamesStanza(coded) && outstanding) coded = markRetryable(coded);
    if (options.continuation !== undefined) {
      const rooms = options.continuation.rooms;
      const carried = withDeferred(
        sm.continuation(recent.keys(), { suspect: blamesStanza(coded) }),
        conversations.deferred(),
      );
      const next: XmppContinuation = {
        ...carried,
        tracking: tracking.continuation(),
        echoes: conversations.echoes(),
        ...(rooms === undefined ? {} : { rooms }),
      };
      sink.carryOver(next);
    }
    throw coded;
  } finally {
    limit.cancel();
    options.signal?.removeEventListener('abort', giveUp);
  }
}

/** Rooms and history on this connection; the lost session's rooms are kept if it resumes. */
function roomsAndArchive(
  parts: {
    entity: HardenedClient;
    iq: IqClient;
    sm: StreamManagement;
    sink: SessionSink;
    recent: RecentMessages;
    where: { host: string; port: number };
    timeoutMs: number;
    reports: DeliveryReports;
  },
  options: OpenXmppSessionOptions,
): Conversations {
  const { entity, iq, sm, sink, recent, where, timeoutMs, reports } = parts;
  const rooms = options.continuation?.rooms;
  const echoes = options.continuation?.echoes;
  return new Conversations({
    sink,
    recent,
    timeoutMs,
    send: async (element) => {
      checkStanza(element);
      await entity.send(element).catch((error: unknown) => {
        throw toSwitchboardError(error, where);
      });
    },
    iq: async (type, child, to) => {
      checkStanza(child);
      return iq.request(type, child, to, timeoutMs).catch((error: unknown) => {
        throw toSwitchboardError(error, where);
      });
    },
    own: () => entity.jid?.bare().toString() ?? '',
    counting: () => sm.counting,
    online: () => entity.status === 'online',
    resend: async (item) => {
      sm.resending(item.stanza, item);
      await entity.send(item.stanza).catch((error: unknown) => {
        throw toSwitchboardError(error, where);
      });
      if (!sm.counting) reports.written(item.stanza);
    },
    ...(rooms === undefined ? {} : { previous: rooms }),
    ...(echoes === undefined ? {} : { previousEchoes: echoes }),
  });
}

/** A groupchat message: a fresh stream sends it again only once it has rejoined the room. */
function isRoomMessage(stanza: Element): boolean {
  return stanza.name === 'message' && stanza.attrs.type === 'groupchat';
}
