/**
 * Roster get, set and remove (RFC 6121 §2.2–2.5).
 */
import type { ContactInput, RosterItem, Subscription } from '@switchboard/core';
import xml, { type Element } from '@xmpp/xml';

/** The roster namespace. */
export const NS_ROSTER = 'jabber:iq:roster';

const SUBSCRIPTIONS: readonly string[] = ['none', 'to', 'from', 'both', 'remove'];

/** The `<query/>` of a roster get. */
export function rosterQuery(): Element {
  return xml('query', { xmlns: NS_ROSTER });
}

/** Items of a roster result; items without a jid are skipped. */
export function parseRoster(query: Element | undefined): RosterItem[] {
  if (query === undefined) return [];
  return query.getChildren('item').flatMap((item) => {
    const address = item.attrs.jid;
    if (address === undefined) return [];
    const raw = item.attrs.subscription ?? 'none';
    const subscription = (SUBSCRIPTIONS.includes(raw) ? raw : 'none') as Subscription;
    const { name } = item.attrs;
    return [
      {
        address,
        subscription,
        groups: item.getChildren('group').map((g) => g.text()),
        ...(name === undefined ? {} : { name }),
        ...(item.attrs.ask === 'subscribe' ? { pending: true } : {}),
      },
    ];
  });
}

/** The `<query/>` of a roster set that adds or updates one contact. */
export function rosterSetQuery(contact: ContactInput): Element {
  return xml(
    'query',
    { xmlns: NS_ROSTER },
    xml(
      'item',
      contact.name === undefined
        ? { jid: contact.address }
        : { jid: contact.address, name: contact.name },
      ...(contact.groups ?? []).map((g) => xml('group', {}, g)),
    ),
  );
}

/** The `<query/>` of a roster set that removes one contact. */
export function rosterRemoveQuery(address: string): Element {
  return xml('query', { xmlns: NS_ROSTER }, xml('item', { jid: address, subscription: 'remove' }));
}
