/**
 * The defined condition and optional text of an XMPP error element: a stanza `<error/>`
 * (RFC 6120 §8.3), a SASL `<failure/>` (§6.5) or a stream error (§4.9).
 */
import type { Element } from '@xmpp/xml';

/** Condition (the first child other than `<text/>`) and text; `undefined-condition` when absent. */
export function readCondition(element: Element | undefined): { condition: string; text?: string } {
  const condition =
    element?.getChildElements().find((child) => child.name !== 'text')?.name ??
    'undefined-condition';
  const text = element?.getChildText('text');
  return text === null || text === undefined || text === '' ? { condition } : { condition, text };
}
