/**
 * Presence (RFC 6121 §4) and presence subscriptions (RFC 6121 §3).
 */
import type {
  Availability,
  OutboundPresence,
  PresenceUpdate,
  SubscriptionUpdate,
} from '@switchboard/core';
import xml, { type Element } from '@xmpp/xml';

const SHOW: readonly string[] = ['away', 'chat', 'dnd', 'xa'];
const SUBSCRIPTION: readonly string[] = ['subscribe', 'subscribed', 'unsubscribe', 'unsubscribed'];

/** What an inbound `<presence/>` means: availability, a subscription, or nothing we surface. */
export type ParsedPresence =
  | { readonly kind: 'presence'; readonly update: PresenceUpdate }
  | { readonly kind: 'subscription'; readonly update: SubscriptionUpdate }
  | undefined;

export function parsePresence(stanza: Element): ParsedPresence {
  const from = stanza.attrs.from;
  if (from === undefined) return undefined;
  const type = stanza.attrs.type;
  if (type !== undefined && SUBSCRIPTION.includes(type)) {
    return { kind: 'subscription', update: { from, type: type as SubscriptionUpdate['type'] } };
  }
  if (type !== undefined && type !== 'unavailable') return undefined;
  const show = stanza.getChildText('show') ?? '';
  const availability: Availability =
    type === 'unavailable' ? 'offline' : SHOW.includes(show) ? (show as Availability) : 'available';
  const status = stanza.getChildText('status');
  const priority = Number.parseInt(stanza.getChildText('priority') ?? '', 10);
  return {
    kind: 'presence',
    update: {
      from,
      availability,
      ...(status === null ? {} : { status }),
      ...(Number.isNaN(priority) ? {} : { priority }),
    },
  };
}

/** The `<presence/>` for the account's own availability. */
export function buildPresence(presence: OutboundPresence): Element {
  const show =
    presence.availability === undefined || presence.availability === 'available'
      ? null
      : presence.availability;
  return xml(
    'presence',
    presence.to === undefined ? {} : { to: presence.to },
    show === null ? null : xml('show', {}, show),
    presence.status === undefined ? null : xml('status', {}, presence.status),
    presence.priority === undefined ? null : xml('priority', {}, String(presence.priority)),
  );
}

/** A subscription request or answer to `to`. */
export function buildSubscription(to: string, type: SubscriptionUpdate['type']): Element {
  return xml('presence', { to, type });
}
