/**
 * Message Carbons (XEP-0280): copies of the messages the account's other clients send and
 * receive. A carbon is trusted only when the account's own server sent it (XEP-0280 §11: the
 * outer message's `from` is the account's bare JID); anything else is a forgery.
 */
import type { OwnMessage } from '@switchboard/core';
import xml, { type Element } from '@xmpp/xml';
import { parseDelay } from './delay';
import { parseMessage } from './messages';

/** The carbons namespace. */
export const NS_CARBONS = 'urn:xmpp:carbons:2';
const NS_FORWARD = 'urn:xmpp:forward:0';
const NS_STANZA_ID = 'urn:xmpp:sid:0';

/** What an inbound message is, as far as carbons go. */
export type CarbonReading =
  /** A copy the account's server sent: `sent` by another client, or `received` by one. */
  | { readonly kind: 'sent' | 'received'; readonly message: Element }
  /** It wraps a carbon but does not come from the account's server. */
  | { readonly kind: 'forged'; readonly from: string }
  /** Not a carbon. */
  | undefined;

/** The IQ child that enables carbons for this connection (XEP-0280 §5). */
export function enableCarbons(): Element {
  return xml('enable', { xmlns: NS_CARBONS });
}

/** The bare form of `address` (no resource), lower-cased for comparison. */
export function bareOf(address: string): string {
  const slash = address.indexOf('/');
  return (slash < 0 ? address : address.slice(0, slash)).toLowerCase();
}

/** Reads `stanza` as a carbon for the account whose bare JID is `ownBare`. */
export function readCarbon(stanza: Element, ownBare: string): CarbonReading {
  const wrapper = stanza.getChild('sent', NS_CARBONS) ?? stanza.getChild('received', NS_CARBONS);
  if (wrapper === undefined) return undefined;
  const from = stanza.attrs.from ?? '';
  // §11: only the user's own server sends carbons, from the user's bare JID.
  if (from.toLowerCase() !== ownBare.toLowerCase()) return { kind: 'forged', from };
  const message = wrapper.getChild('forwarded', NS_FORWARD)?.getChild('message');
  if (message === undefined) return undefined;
  const kind = wrapper.name as 'sent' | 'received';
  // The copy must be about this account: sent by one of its clients, or addressed to it.
  const party = kind === 'sent' ? message.attrs.from : message.attrs.to;
  if (party !== undefined && bareOf(party) !== ownBare.toLowerCase())
    return { kind: 'forged', from };
  return { kind, message };
}

/** The archive id (XEP-0359) the account's archive gave `message`, if any. */
function archiveIdOf(message: Element, ownBare: string): string | undefined {
  const own = ownBare.toLowerCase();
  const stamped = message
    .getChildren('stanza-id', NS_STANZA_ID)
    .find((e) => (e.attrs.by ?? '').toLowerCase() === own);
  return stamped?.attrs.id;
}

/**
 * The {@link OwnMessage} a `sent` carbon carries, or undefined when it has no body. `ownBare`:
 * the account's bare JID as bound.
 */
export function ownMessageOf(
  carbon: Element,
  message: Element,
  ownBare: string,
): OwnMessage | undefined {
  const parsed = parseMessage(message);
  if (parsed === undefined) return undefined;
  // No `to`: sent to the account itself (RFC 6120 §8.1.1.1; Prosody drops a `to` of the own bare JID).
  const to = message.attrs.to ?? ownBare;
  const archiveId = archiveIdOf(message, ownBare) ?? archiveIdOf(carbon, ownBare);
  const delay = parsed.delay ?? parseDelay(carbon);
  return {
    to,
    from: parsed.from,
    type: parsed.type,
    body: parsed.body,
    ...(parsed.id === undefined ? {} : { id: parsed.id }),
    ...(parsed.thread === undefined ? {} : { thread: parsed.thread }),
    ...(archiveId === undefined ? {} : { archiveId }),
    ...(delay === undefined ? {} : { delay }),
  };
}
