/**
 * Message Delivery Receipts (XEP-0184): asking for a receipt, reading one, and answering a
 * request.
 */
import xml, { type Element } from '@xmpp/xml';
import { nextId } from '../connection/nextId';

/** The receipts namespace. */
export const NS_RECEIPTS = 'urn:xmpp:receipts';
/** Message Processing Hints (XEP-0334). */
export const NS_HINTS = 'urn:xmpp:hints';

/** The `<request/>` an outbound message carries to ask for a receipt. */
export function receiptRequest(): Element {
  return xml('request', { xmlns: NS_RECEIPTS });
}

/** The id a `<received/>` receipt confirms, if `stanza` is one. */
export function parseReceipt(stanza: Element): string | undefined {
  const id = stanza.getChild('received', NS_RECEIPTS)?.attrs.id;
  return id === undefined || id === '' ? undefined : id;
}

/**
 * The receipt answering `stanza`, or undefined when it asks for none or must not get one
 * (XEP-0184 §5: no receipt for a message without an id; none to rooms, errors or headlines).
 */
export function receiptAnswer(stanza: Element): Element | undefined {
  if (stanza.getChild('request', NS_RECEIPTS) === undefined) return undefined;
  const { id, from } = stanza.attrs;
  const type = stanza.attrs.type ?? 'normal';
  if (id === undefined || id === '' || from === undefined) return undefined;
  if (type !== 'chat' && type !== 'normal') return undefined;
  return xml(
    'message',
    { to: from, id: nextId(), ...(type === 'chat' ? { type } : {}) },
    xml('received', { xmlns: NS_RECEIPTS, id }),
    // Stored for an offline sender (XEP-0334), like the message it answers.
    xml('store', { xmlns: NS_HINTS }),
  );
}
