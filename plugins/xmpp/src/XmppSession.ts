import {
  type ChatState,
  type ContactInput,
  type HistoryPage,
  type HistoryRequest,
  type OutboundMessage,
  type OutboundPresence,
  type ProtocolSession,
  type RoomJoinRequest,
  type RoomState,
  type RosterItem,
  type SendHandover,
  type SessionExtension,
  type SessionLiveness,
  type SessionSink,
  SwitchboardError,
  type VCard,
} from '@switchboard/core';
import xml, { type Element } from '@xmpp/xml';
import { blamesStanza, markRetryable } from './connection/blamesStanza';
import type { HardenedClient } from './connection/HardenedClient';
import type { IqClient } from './connection/IqClient';
import { nextId } from './connection/nextId';
import { toSwitchboardError } from './connection/toSwitchboardError';
import { asXmppExtension } from './extensions/asXmppExtension';
import type { ExtensionHost } from './extensions/ExtensionHost';
import type { Conversations } from './im/Conversations';
import { chatStateElement } from './im/chatStates';
import { checkStanza } from './im/checkStanza';
import { accountFeatures, discoInfoQuery, parseFeatures, pingElement } from './im/disco';
import type { MessageTracking } from './im/MessageTracking';
import { displayedMarker } from './im/markers';
import { buildMessage } from './im/messages';
import { withDeferred } from './im/muc/DeferredSends';
import { buildPresence, buildSubscription } from './im/presence';
import { parseRoster, rosterQuery, rosterRemoveQuery, rosterSetQuery } from './im/roster';
import { buildVCard, parseVCard, vcardQuery } from './im/vcard';
import type { RecentMessages } from './sm/RecentMessages';
import type { StreamManagement } from './sm/StreamManagement';
import type { XmppContinuation } from './sm/XmppContinuation';

/** How long a requested close may take before the connection is dropped. */
const CLOSE_LIMIT_MS = 5_000;

/** What a live session is built from. */
export interface XmppSessionParts {
  readonly entity: HardenedClient;
  readonly iq: IqClient;
  readonly sm: StreamManagement;
  readonly recent: RecentMessages;
  readonly sink: SessionSink;
  readonly where: { host: string; port: number };
  readonly timeoutMs: number;
  readonly extensions: ExtensionHost;
  readonly tracking: MessageTracking;
  /** Rooms (XEP-0045) and history (XEP-0313). */
  readonly conversations: Conversations;
}

/** Why an online session ended: a network error on an established session is a lost connection. */
function lostWith(error: unknown, where: { host: string; port: number }): SwitchboardError {
  const closed = `The connection to ${where.host}:${where.port} was closed`;
  if (error === undefined) return new SwitchboardError('SB_CONNECTION_CLOSED', `${closed}.`);
  const coded = toSwitchboardError(error, where);
  if (coded.code !== 'SB_CONNECTION_FAILED') return coded;
  const reason = typeof coded.details.code === 'string' ? ` (${coded.details.code})` : '';
  return new SwitchboardError('SB_CONNECTION_CLOSED', `${closed}${reason}.`, {
    cause: error,
    details: coded.details,
  });
}

/**
 * An online XMPP session: sends what the account asks (inbound stanzas are routed by
 * `routeInbound`, installed before the connection opened), keeps the liveness hooks, and
 * reports how the session ended.
 */
export class XmppSession implements ProtocolSession {
  readonly address: string;
  readonly liveness: SessionLiveness;
  readonly #parts: XmppSessionParts;
  #closed = false;
  #endedWith: SwitchboardError | undefined;
  #receivedAt = Date.now();
  #sentAt = Date.now();

  constructor(parts: XmppSessionParts) {
    this.#parts = parts;
    const { entity, sink, where, sm } = parts;
    this.address = entity.jid?.toString() ?? '';
    this.liveness = this.#livenessHooks();
    entity.on('element', () => {
      this.#receivedAt = Date.now();
    });
    entity.on('send', () => {
      this.#sentAt = Date.now();
    });
    let lastError: unknown;
    // The first error is the cause (e.g. a stream error); later ones are its echoes (EPIPE).
    entity.on('error', (error: unknown) => {
      lastError ??= error;
    });
    entity.on('disconnect', () => {
      if (this.#closed) return;
      this.#closed = true;
      let error = entity.abortedWith ?? entity.streamError ?? lostWith(lastError, where);
      // A stream error that blames a stanza, with stanzas unacknowledged: the next session can
      // find the cause by resending them one at a time, so the loss is worth a reconnect.
      if (blamesStanza(error) && sm.unacknowledged > 0) error = markRetryable(error);
      this.#endedWith = error;
      sink.closed(error);
    });
  }

  /** True when this session resumed the account's previous stream (XEP-0198). */
  get resumed(): boolean {
    return this.#parts.sm.resumed;
  }

  /**
   * What the server announced at login (disco#info, XEP-0030), carbons only when enabled;
   * undefined when it was not asked (a profile without `otherDevices`) or did not answer.
   */
  get features(): readonly string[] | undefined {
    return this.#parts.tracking.features;
  }

  /** What the next session needs: the stream to resume, unacknowledged stanzas, seen messages. */
  continuation(): XmppContinuation {
    const suspect = this.#endedWith !== undefined && blamesStanza(this.#endedWith);
    const { sm, recent, conversations, tracking } = this.#parts;
    const continued = withDeferred(
      sm.continuation(recent.keys(), { suspect }),
      conversations.deferred(),
    );
    return {
      ...continued,
      rooms: conversations.memo(),
      echoes: conversations.echoes(),
      tracking: tracking.continuation(),
    };
  }

  /**
   * Sends a message. `'pending'` where the server acknowledges stanzas (XEP-0198): the
   * acknowledgement is reported to the sink, by this session or a later one; `'written'`
   * otherwise.
   */
  async sendMessage(message: OutboundMessage & { readonly id: string }): Promise<SendHandover> {
    const { sm, tracking, conversations } = this.#parts;
    const element = conversations.outbound(
      buildMessage(message, message.id, tracking.requests(message, message.id)),
    );
    try {
      // The account checked the message's texts with the plugin's checkMessage before queueing it.
      await this.#send(element, { checked: true });
    } catch (error) {
      // The stream counted it before the write failed: the next session resends it if needed.
      if (sm.holds(element)) return 'pending';
      throw error;
    }
    return sm.counting ? 'pending' : 'written';
  }

  /** True once the connection has closed (the sink was told, or is about to be). */
  get closed(): boolean {
    return this.#closed;
  }

  async sendPresence(presence: OutboundPresence): Promise<void> {
    await this.#send(buildPresence(presence));
  }

  async getRoster(): Promise<RosterItem[]> {
    return parseRoster(await this.#iq('get', rosterQuery()));
  }

  async setContact(contact: ContactInput): Promise<void> {
    await this.#iq('set', rosterSetQuery(contact));
  }

  async removeContact(address: string): Promise<void> {
    await this.#iq('set', rosterRemoveQuery(address));
  }

  async getVCard(address?: string): Promise<VCard> {
    try {
      return parseVCard(await this.#iq('get', vcardQuery(), address));
    } catch (error) {
      // XEP-0054 §3.1: a server may answer item-not-found when no vCard exists.
      if (
        SwitchboardError.is(error, 'SB_STANZA_ERROR') &&
        error.details.condition === 'item-not-found'
      )
        return {};
      throw error;
    }
  }

  async setVCard(vcard: VCard): Promise<void> {
    await this.#iq('set', buildVCard(vcard));
  }

  async sendChatState(to: string, state: ChatState): Promise<void> {
    await this.#send(xml('message', { to, type: 'chat', id: nextId() }, chatStateElement(state)));
  }

  /** Tells `to` that its message `id` was displayed (XEP-0333 `displayed`, stored if offline). */
  async markRead(to: string, id: string): Promise<void> {
    await this.#send(displayedMarker(to, id));
  }

  async ping(address?: string): Promise<number> {
    const start = performance.now();
    await this.#iq('get', pingElement(), address ?? this.#parts.entity.jid?.domain);
    return performance.now() - start;
  }

  /** disco#info on the domain, and on the account's bare JID for its archive (XEP-0313). */
  async serverFeatures(): Promise<readonly string[]> {
    const { entity, tracking } = this.#parts;
    const [server, own] = await Promise.all([
      this.#iq('get', discoInfoQuery(), entity.jid?.domain),
      this.#iq('get', discoInfoQuery(), entity.jid?.bare().toString()).catch(() => undefined),
    ]);
    const mine = own === undefined ? [] : accountFeatures(parseFeatures(own));
    return tracking.narrow([...parseFeatures(server), ...mine]);
  }

  async subscribe(address: string): Promise<void> {
    await this.#send(buildSubscription(address, 'subscribe'));
  }

  async approveSubscription(address: string): Promise<void> {
    await this.#send(buildSubscription(address, 'subscribed'));
  }

  /** A refused request is an `unsubscribed` answer (RFC 6121 §3.1.5). */
  async denySubscription(address: string): Promise<void> {
    await this.#send(buildSubscription(address, 'unsubscribed'));
  }

  /** Cancelling a granted subscription is also `unsubscribed` (RFC 6121 §3.2). */
  async cancelSubscription(address: string): Promise<void> {
    await this.#send(buildSubscription(address, 'unsubscribed'));
  }

  /** RFC 6121 §3.3. */
  async unsubscribe(address: string): Promise<void> {
    await this.#send(buildSubscription(address, 'unsubscribe'));
  }

  /**
   * Closes the stream: the server is first asked to acknowledge what is outstanding (XEP-0198),
   * then `</stream:stream>`. A server that does not answer within a few seconds gets the
   * connection dropped.
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const { entity, timeoutMs } = this.#parts;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const limit = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, Math.min(timeoutMs, CLOSE_LIMIT_MS));
    });
    try {
      await Promise.race([entity.stop(), limit]);
    } catch {
      // Dropped below.
    } finally {
      clearTimeout(timer);
      entity.socket?.destroy?.();
    }
  }

  /**
   * Joins a room (XEP-0045 §7.2); with `request.after`, catches up from the room's archive.
   * See docs/xmpp-rooms.md.
   */
  joinRoom(request: RoomJoinRequest): Promise<RoomState> {
    return this.#parts.conversations.joinRoom(request);
  }

  leaveRoom(room: string, reason?: string): Promise<void> {
    return this.#parts.conversations.leaveRoom(room, reason);
  }

  setTopic(room: string, topic: string): Promise<void> {
    return this.#parts.conversations.setTopic(room, topic);
  }

  invite(room: string, address: string, reason?: string): Promise<void> {
    return this.#parts.conversations.invite(room, address, reason);
  }

  /** One page of the account's archive or a room's (XEP-0313). */
  history(request: HistoryRequest): Promise<HistoryPage> {
    return this.#parts.conversations.history(request);
  }

  /** Attaches an `XmppExtension` to this live session; returns what detaches it. */
  use(extension: SessionExtension): () => void {
    return this.#parts.extensions.attach(asXmppExtension(extension));
  }

  #livenessHooks(): SessionLiveness {
    const { entity } = this.#parts;
    return {
      lastReceivedAt: () => this.#receivedAt,
      lastSentAt: () => this.#sentAt,
      keepalive: () => {
        // RFC 6120 §4.6.1: whitespace between top-level elements keeps the connection busy.
        this.#sentAt = Date.now();
        entity.write(' ').catch(() => undefined);
      },
      probe: async (timeoutMs) => {
        const { iq } = this.#parts;
        try {
          await iq.request('get', pingElement(), entity.jid?.domain, timeoutMs);
        } catch (error) {
          // An error reply (e.g. a server without XEP-0199) proves the link as well as a result.
          if (!SwitchboardError.is(error, 'SB_STANZA_ERROR')) throw error;
        }
      },
      abort: (error) => entity.abort(error),
    };
  }

  async #iq(type: 'get' | 'set', child: Element, to?: string): Promise<Element | undefined> {
    const { iq, timeoutMs, where } = this.#parts;
    checkStanza(child);
    try {
      return await iq.request(type, child, to, timeoutMs);
    } catch (error) {
      throw toSwitchboardError(error, where);
    }
  }

  async #send(element: Element, { checked = false } = {}): Promise<void> {
    // A character XML cannot carry would make the server close the stream: refuse it here.
    if (!checked) checkStanza(element);
    try {
      await this.#parts.entity.send(element);
    } catch (error) {
      throw toSwitchboardError(error, this.#parts.where);
    }
  }
}
