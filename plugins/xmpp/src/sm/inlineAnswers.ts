/**
 * Stream management inside a SASL2 `<success/>` (XEP-0388 with XEP-0198 and Bind2, XEP-0386):
 * `<resumed/>` or `<failed/>` for an inline resumption directly in it, `<enabled/>` or
 * `<failed/>` for an inline enable inside Bind2's `<bound/>`.
 */
import type { Element } from '@xmpp/xml';

const NS_SM = 'urn:xmpp:sm:3';
const NS_BIND2 = 'urn:xmpp:bind:0';

/** The stream management answers of `success`: the resumption's first, then the enable's. */
export function inlineAnswers(success: Element): Element[] {
  const direct = success.getChildElements().filter((child) => child.getNS() === NS_SM);
  const bound = success.getChild('bound', NS_BIND2);
  const enabled = bound?.getChildElements().filter((child) => child.getNS() === NS_SM) ?? [];
  return [...direct, ...enabled];
}
