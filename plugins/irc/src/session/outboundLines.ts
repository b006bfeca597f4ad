/**
 * A message to send as IRC lines: `PRIVMSG` (`NOTICE` for a headline), one or more per line of
 * the body, each short enough for the server to relay with our prefix in front.
 */
import type { OutboundMessage } from '@switchboard/core';
import type { Isupport } from '../wire/Isupport';
import { messageBudget, splitText } from '../wire/splitText';
import type { OutboundLine } from './OutboundMessages';

/** The lines of `message` sent by `nick` on a server with `isupport`, all queued. */
export function outboundLines(
  message: OutboundMessage,
  nick: string,
  isupport: Isupport,
): OutboundLine[] {
  const command = message.type === 'headline' ? 'NOTICE' : 'PRIVMSG';
  const budget = messageBudget({
    nick,
    // The server relays our line with our user@host in front; assume the longest usual ones.
    user: 'u'.repeat(Number(isupport.get('USERLEN') ?? 18)),
    host: 'h'.repeat(63),
    target: message.to,
    command,
    lineBytes: isupport.lineBytes,
  });
  const lines: OutboundLine[] = [];
  for (const paragraph of message.body.split(/\r\n|\r|\n/)) {
    for (const text of splitText(paragraph === '' ? ' ' : paragraph, budget)) {
      lines.push({ command, target: message.to, text, state: 'queued' });
    }
  }
  return lines;
}
