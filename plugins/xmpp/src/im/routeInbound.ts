/**
 * Inbound stanzas to the account: messages (RFC 6121 §5) once each, bounces (RFC 6120 §8.3,
 * `<message type='error'/>`), chat states (XEP-0085), presence and subscriptions (RFC 6121 §3,
 * §4), and roster pushes (RFC 6121 §2.1.6), answered with a result. Installed before the
 * connection opens, right after stream management: a resumed stream replays stanzas in the same
 * read as `<resumed/>`, and each one the stream counts must reach the account.
 */
import { type SessionSink, SwitchboardError } from '@switchboard/core';
import type { Client } from '@xmpp/client-core';
import type { Middleware } from '@xmpp/middleware';
import type { Element } from '@xmpp/xml';
import { readCondition } from '../connection/readCondition';
import type { RecentMessages } from '../sm/RecentMessages';
import { parseChatState } from './chatStates';
import { parseDelay } from './delay';
import type { MessageTracking } from './MessageTracking';
import { parseMessage } from './messages';
import { parsePresence } from './presence';
import { NS_ROSTER, parseRoster } from './roster';

/** What the router needs. */
export interface InboundRoute {
  readonly entity: Client;
  readonly middleware: Middleware;
  /** xmpp.js's IQ callee (`@xmpp/iq/callee`), which answers the IQs handlers accept. */
  readonly iqCallee: {
    set(ns: string, name: string, handler: (ctx: { stanza: Element }) => unknown): void;
  };
  readonly sink: SessionSink;
  readonly recent: RecentMessages;
  /** Carbons, receipts and markers (XEP-0280, XEP-0184, XEP-0333). */
  readonly tracking?: MessageTracking;
  /** Takes the stanzas a feature handles itself (rooms, archive results); they are not routed here. */
  readonly claim?: (stanza: Element) => boolean;
}

/** SB_MESSAGE_BOUNCED for a `<message type='error'/>`. */
function bounceError(stanza: Element): SwitchboardError {
  const error = stanza.getChild('error');
  const { condition, text } = readCondition(error);
  const from = stanza.attrs.from ?? '';
  return new SwitchboardError(
    'SB_MESSAGE_BOUNCED',
    `A message to ${from} was returned: ${condition}${text ? ` (${text})` : ''}.`,
    {
      details: {
        condition,
        type: error?.attrs.type,
        from,
        ...(stanza.attrs.id === undefined ? {} : { id: stanza.attrs.id }),
        ...(text === undefined ? {} : { text }),
      },
    },
  );
}

/** Routes inbound stanzas of one connection to `sink`. */
export function routeInbound(route: InboundRoute): void {
  const { entity, middleware, iqCallee, sink, recent, tracking, claim } = route;
  const own = (): string | undefined => entity.jid?.toString();
  middleware.use(({ stanza }, next) => {
    try {
      if (claim?.(stanza) === true) return next();
      if (stanza.name === 'message') routeMessage(stanza, sink, recent, tracking);
      else if (stanza.name === 'presence') routePresence(stanza, sink, own());
    } catch (error) {
      // A host's listener threw: that is the host's exception (as with any emitter), not the
      // connection's; it must not be taken for a stream error or stop the stanzas after it.
      setImmediate(() => {
        throw error;
      });
    }
    return next();
  });
  iqCallee.set(NS_ROSTER, 'query', ({ stanza }) => {
    // RFC 6121 §2.1.6: only the user's own server may push; anything else is not answered with
    // a result (xmpp.js replies service-unavailable).
    const from = stanza.attrs.from;
    if (from !== undefined && from !== entity.jid?.bare().toString()) return undefined;
    for (const item of parseRoster(stanza.getChild('query', NS_ROSTER))) sink.roster(item);
    return true;
  });
}

function routeMessage(
  stanza: Element,
  sink: SessionSink,
  recent: RecentMessages,
  tracking: MessageTracking | undefined,
): void {
  const from = stanza.attrs.from;
  if (stanza.attrs.type === 'error') {
    const id = stanza.attrs.id;
    sink.bounced({
      from: from ?? '',
      error: bounceError(stanza),
      ...(id === undefined ? {} : { id }),
    });
    return;
  }
  if (tracking?.route(stanza) === true) return;
  const message = parseMessage(stanza);
  if (message === undefined) {
    const state = parseChatState(stanza);
    const delay = parseDelay(stanza);
    if (state !== undefined && from !== undefined) {
      sink.chatState({ from, state, ...(delay === undefined ? {} : { delay }) });
    }
    return;
  }
  if (recent.firstTime(stanza)) sink.message(message);
}

function routePresence(stanza: Element, sink: SessionSink, own: string | undefined): void {
  // The server reflects the account's own presence to it (RFC 6121 §4.2.2): not a contact's.
  if (own !== undefined && stanza.attrs.from === own) return;
  const parsed = parsePresence(stanza);
  if (parsed?.kind === 'presence') sink.presence(parsed.update);
  else if (parsed?.kind === 'subscription') sink.subscription(parsed.update);
}
