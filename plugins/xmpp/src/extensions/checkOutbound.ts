/**
 * The checks a stanza an extension sends passes, like every stanza the library sends: a stanza
 * (RFC 6120 §8: message, presence or iq in the client namespace), characters XML can carry,
 * and no larger than the account's limit.
 */
import { SwitchboardError } from '@switchboard/core';
import type { Element } from '@xmpp/xml';
import { checkStanza } from '../im/checkStanza';

const STANZAS: ReadonlySet<string> = new Set(['message', 'presence', 'iq']);

/** Throws SB_CONTENT_INVALID or SB_MESSAGE_TOO_LARGE unless `stanza` may be sent as it is. */
export function checkOutbound(stanza: Element, maxBytes: number): void {
  const xmlns = stanza.attrs.xmlns;
  if (!STANZAS.has(stanza.name) || (xmlns !== undefined && xmlns !== 'jabber:client')) {
    throw new SwitchboardError(
      'SB_CONTENT_INVALID',
      `Only <message/>, <presence/> and <iq/> stanzas can be sent, not <${stanza.name}/>; nothing was sent.`,
      { details: { field: 'stanza', reason: 'not-a-stanza', name: stanza.name } },
    );
  }
  checkStanza(stanza);
  checkSize(stanza, maxBytes);
}

/** Throws SB_MESSAGE_TOO_LARGE when `element` is more than `maxBytes` bytes of XML. */
export function checkSize(element: Element, maxBytes: number): void {
  const bytes = Buffer.byteLength(element.toString(), 'utf8');
  if (bytes <= maxBytes) return;
  throw new SwitchboardError(
    'SB_MESSAGE_TOO_LARGE',
    `The <${element.name}/> is ${bytes} bytes, more than the ${maxBytes} the account sends; nothing was sent.`,
    { details: { bytes, limit: maxBytes, name: element.name } },
  );
}
