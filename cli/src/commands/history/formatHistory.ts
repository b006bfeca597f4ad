import type { HistoryMessage, HistoryPage } from '@switchboard/core';
import { bareAddress, stamp } from '../chat/formatEvent';

function line(message: HistoryMessage): string {
  const who = message.outgoing
    ? 'you'
    : message.type === 'groupchat' && message.nick !== undefined
      ? `<${message.nick}>`
      : bareAddress(message.from);
  const body = message.body.replace(/\r?\n/g, '\n    ');
  // The archive's time, not "delayed": everything here is from the archive.
  const at = stamp(message, new Date()).replace(', delayed', '');
  return `${at} ${who}: ${body}  (${message.archiveId})`;
}

/** The lines `switchboard history` prints for `page`. */
export function formatHistory(
  page: HistoryPage,
  next: (direction: 'before' | 'after', id: string) => string,
  forwards: boolean,
): string[] {
  if (page.messages.length === 0) return [`No messages in the history of ${page.conversation}.`];
  const lines = page.messages.map(line);
  if (!page.complete) {
    const id = forwards ? page.last : page.first;
    if (id !== undefined) {
      lines.push(`${forwards ? 'Newer' : 'Older'}: ${next(forwards ? 'after' : 'before', id)}`);
    }
  }
  return lines;
}
