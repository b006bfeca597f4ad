/**
 * The account's answer to service discovery (XEP-0030 §3.1): one identity (RFC-registered
 * `client/pc`) and the features the library implements, plus those of attached extensions.
 * A query for a node gets item-not-found: the account publishes no nodes (no XEP-0115 caps).
 */
import xml, { type Element } from '@xmpp/xml';
import { NS_CHATSTATES } from '../im/chatStates';
import { NS_DISCO_INFO, NS_PING } from '../im/disco';
import { NS_MARKERS } from '../im/markers';
import { NS_RECEIPTS } from '../im/receipts';
import { stanzaError } from './stanzaError';

/** What the library answers or understands on its own, whatever the extensions. */
export const LIBRARY_FEATURES: readonly string[] = [
  NS_DISCO_INFO,
  NS_PING,
  NS_CHATSTATES,
  NS_RECEIPTS,
  NS_MARKERS,
];

/** The `<query/>` of a disco#info result listing `features` (sorted, once each). */
export function discoInfoResult(query: Element, features: Iterable<string>): Element {
  if (query.attrs.node !== undefined) throw stanzaError('item-not-found');
  const all = [...new Set([...LIBRARY_FEATURES, ...features])].sort();
  return xml(
    'query',
    { xmlns: NS_DISCO_INFO },
    xml('identity', { category: 'client', type: 'pc', name: 'Switchboard' }),
    ...all.map((f) => xml('feature', { var: f })),
  );
}
