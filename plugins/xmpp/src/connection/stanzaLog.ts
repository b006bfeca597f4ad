/**
 * The stanza log: every element sent and received, as text, with SASL payloads redacted.
 */
import type { Client } from '@xmpp/client-core';
import xml, { type Element } from '@xmpp/xml';
import { NS_SASL } from '../sasl/exchange';

const SASL_PAYLOADS = new Set(['auth', 'response', 'challenge', 'success']);

/**
 * The element as log text. The text of SASL `<auth/>`, `<response/>`, `<challenge/>` and
 * `<success/>` becomes `[redacted]` unless `saslIsSecret` is false (a mechanism declared
 * `redaction: 'none'`, such as ANONYMOUS).
 */
export function redactedText(element: Element, saslIsSecret: boolean): string {
  if (
    saslIsSecret &&
    element.getNS() === NS_SASL &&
    SASL_PAYLOADS.has(element.name) &&
    element.text() !== ''
  ) {
    return xml(element.name, { ...element.attrs }, '[redacted]').toString();
  }
  return element.toString();
}

/** Reports every element the entity sends and receives to `log`; a throwing logger is ignored. */
export function attachStanzaLog(
  entity: Client,
  log: (direction: 'in' | 'out', text: string) => void,
  saslIsSecret: () => boolean,
): void {
  const report = (direction: 'in' | 'out', element: Element): void => {
    try {
      log(direction, redactedText(element, saslIsSecret()));
    } catch {
      // A host's logger must not break the connection.
    }
  };
  entity.on('send', (element: Element) => report('out', element));
  entity.on('element', (element: Element) => report('in', element));
}
