/**
 * What an outbound message asks of the recipient's client: a receipt (XEP-0184 `<request/>`)
 * and chat markers (XEP-0333 `<markable/>`), for `chat` messages unless `requestReceipt` is
 * false, and only what the profile supports.
 */
import type { OutboundMessage } from '@switchboard/core';
import type { Element } from '@xmpp/xml';
import { markable } from './markers';
import { receiptRequest } from './receipts';

/** Which requests the profile makes (capabilities `receipts` and `readMarkers`). */
export interface DeliveryRequests {
  readonly receipts: boolean;
  readonly markers: boolean;
}

/** The request children for `message` (none when it asks for nothing). */
export function deliveryRequests(
  message: Pick<OutboundMessage, 'type' | 'requestReceipt'>,
  requests: DeliveryRequests,
): Element[] {
  if ((message.type ?? 'chat') !== 'chat' || message.requestReceipt === false) return [];
  return [
    ...(requests.receipts ? [receiptRequest()] : []),
    ...(requests.markers ? [markable()] : []),
  ];
}
