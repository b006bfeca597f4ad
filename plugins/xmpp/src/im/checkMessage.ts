/**
 * What an outbound message must satisfy before it is queued or sent: every text XML can carry,
 * and a stanza no larger than the account's limit (a server closes the stream on a stanza
 * above its own, e.g. Prosody's `c2s_stanza_size_limit`, 256 KiB by default).
 */
import { type OutboundMessage, SwitchboardError } from '@switchboard/core';
import type { Element } from '@xmpp/xml';
import { buildMessage } from './messages';
import { checkXmlText } from './xmlText';

/** The default largest outbound message stanza, in bytes (Prosody's and ejabberd's default). */
export const MAX_MESSAGE_BYTES = 262_144;

/** Escaping can make one UTF-16 unit at most 6 bytes (`&quot;`), plus the stanza's own markup. */
const WORST_BYTES_PER_UNIT = 6;
const MARKUP_BYTES = 512;

/**
 * Throws SB_CONTENT_INVALID for a character XML cannot carry (naming the field) and
 * SB_MESSAGE_TOO_LARGE when the `<message/>` (with the `extra` children it will carry) would be
 * larger than `maxBytes`.
 */
export function checkMessage(
  message: OutboundMessage & { readonly id: string },
  maxBytes = MAX_MESSAGE_BYTES,
  extra: readonly Element[] = [],
): void {
  checkXmlText(message.body, 'body');
  if (message.thread !== undefined) checkXmlText(message.thread, 'thread');
  if (message.type !== undefined) checkXmlText(message.type, 'type');
  checkXmlText(message.id, 'id');
  if (message.id === '') {
    throw new SwitchboardError('SB_CONTENT_INVALID', 'The message id is empty.', {
      details: { field: 'id', reason: 'empty' },
    });
  }
  const units =
    message.to.length + message.body.length + message.id.length + (message.thread?.length ?? 0);
  // Most messages are far below the limit: only measure exactly when it could matter.
  if (units * WORST_BYTES_PER_UNIT + MARKUP_BYTES <= maxBytes) return;
  const bytes = new TextEncoder().encode(
    buildMessage(message, message.id, extra).toString(),
  ).length;
  if (bytes <= maxBytes) return;
  throw new SwitchboardError(
    'SB_MESSAGE_TOO_LARGE',
    `The message to ${message.to} is ${bytes} bytes as a stanza, more than the ${maxBytes} the account sends; nothing was sent.`,
    { details: { bytes, limit: maxBytes, to: message.to } },
  );
}
