/**
 * Chat Markers (XEP-0333): marking outbound messages markable, telling a sender its message was
 * displayed, and reading the markers contacts send.
 */
import xml, { type Element } from '@xmpp/xml';
import { nextId } from '../connection/nextId';
import { NS_HINTS } from './receipts';

/** The chat markers namespace. */
export const NS_MARKERS = 'urn:xmpp:chat-markers:0';

/** What a marker says of the message it names. */
export interface Marker {
  readonly id: string;
  readonly state: 'delivered' | 'read';
}

/** The `<markable/>` an outbound message carries so the recipient may send markers. */
export function markable(): Element {
  return xml('markable', { xmlns: NS_MARKERS });
}

/** The message telling `to` that its message `id` was displayed (stored for an offline sender). */
export function displayedMarker(to: string, id: string): Element {
  return xml(
    'message',
    { to, type: 'chat', id: nextId() },
    xml('displayed', { xmlns: NS_MARKERS, id }),
    xml('store', { xmlns: NS_HINTS }),
  );
}

/** The marker `stanza` carries: `received` is delivered, `displayed` and `acknowledged` read. */
export function parseMarker(stanza: Element): Marker | undefined {
  for (const child of stanza.getChildElements()) {
    if (child.getNS() !== NS_MARKERS) continue;
    const id = child.attrs.id;
    if (id === undefined || id === '') continue;
    if (child.name === 'received') return { id, state: 'delivered' };
    if (child.name === 'displayed' || child.name === 'acknowledged') return { id, state: 'read' };
  }
  return undefined;
}
