/**
 * One line of a `chathistory` batch as a {@link HistoryMessage}: PRIVMSG and NOTICE (CTCP
 * ACTION as a `/me` body, as on the live path), with `msgid` as the archive id and `time` as the
 * delay. Channel messages are `groupchat` from the channel with the sender's `nick`.
 */
import type { HistoryMessage } from '@switchboard/core';
import { inboundOf } from '../im/inboundMessage';
import type { IrcMessage } from '../wire/IrcMessage';
import { isArchiveId } from './historyCommand';

/** How to read the lines of one conversation's history. */
export interface HistoryContext {
  /** True when the nick is this account's (case-mapped). */
  readonly isMe: (nick: string) => boolean;
  /** The characters that start a channel name (ISUPPORT `CHANTYPES`). */
  readonly chanTypes: string;
}

/**
 * The history message `line` carries, or undefined for anything else: other commands (JOIN,
 * PART… of `draft/event-playback`, TAGMSG), CTCP queries, and lines without a usable `msgid` or
 * `time` (an archive id must be 1–128 characters without spaces, see `isArchiveId`).
 */
export function historyMessage(
  line: IrcMessage,
  context: HistoryContext,
): HistoryMessage | undefined {
  const inbound = inboundOf(line, { replayed: true });
  if (inbound?.kind !== 'message') return undefined;
  const { message } = inbound;
  const archiveId = line.tags.get('msgid');
  if (archiveId === undefined || !isArchiveId(archiveId) || message.delay === undefined) {
    return undefined;
  }
  const outgoing = context.isMe(message.from);
  const target = message.to ?? '';
  const base = { ...message, id: archiveId, archiveId, delay: message.delay, outgoing };
  if (target !== '' && context.chanTypes.includes(target.charAt(0))) {
    const { to: _to, ...rest } = base;
    return { ...rest, from: target, nick: message.from, type: 'groupchat' };
  }
  return base;
}
