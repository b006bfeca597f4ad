/**
 * A received PRIVMSG, NOTICE or TAGMSG as the core's message or chat state: the sender's nick as
 * the address, `msgid` as the id, `server-time` as the delay when the message is old, CTCP
 * ACTION as a `/me` body (the XEP-0245 convention hosts already show), other CTCP left out.
 */
import type { ChatState, ChatStateUpdate, InboundMessage } from '@switchboard/core';
import type { IrcMessage } from '../wire/IrcMessage';
import { serverTime } from '../wire/serverTime';

/** A message older than this when it arrives is reported as delayed (stored and replayed). */
export const DELAY_THRESHOLD_MS = 30_000;

const TYPING: Readonly<Record<string, ChatState>> = {
  active: 'composing',
  paused: 'paused',
  done: 'active',
};

/** What a received line means to the host. */
export type Inbound =
  | { readonly kind: 'message'; readonly message: InboundMessage }
  | { readonly kind: 'chatState'; readonly update: ChatStateUpdate };

function delayOf(message: IrcMessage, replayed: boolean, now: number) {
  const stamp = serverTime(message);
  if (stamp === undefined) return undefined;
  if (!replayed && now - stamp.getTime() < DELAY_THRESHOLD_MS) return undefined;
  const from = message.source?.kind === 'server' ? message.source.name : undefined;
  return from === undefined ? { stamp } : { stamp, from };
}

function bodyOf(text: string): string | undefined {
  if (!text.startsWith('\u0001')) return text;
  const inner = text.slice(1, text.endsWith('\u0001') ? -1 : undefined);
  if (inner.startsWith('ACTION ')) return `/me ${inner.slice(7)}`;
  // Other CTCP (VERSION, PING, …) are client-to-client queries, not messages.
  return undefined;
}

/**
 * The meaning of a private PRIVMSG/NOTICE/TAGMSG addressed to the account; undefined for
 * anything else (channel messages, server notices, CTCP queries). `replayed`: the line came in a
 * history or playback batch; `archived`: the server keeps history (`draft/chathistory`), so the
 * `msgid` is also the message's `archiveId`.
 */
export function inboundOf(
  message: IrcMessage,
  options: { readonly replayed?: boolean; readonly archived?: boolean; readonly now?: number } = {},
): Inbound | undefined {
  if (message.source?.kind !== 'user') return undefined;
  const from = message.source.nick;
  const delay = delayOf(message, options.replayed === true, options.now ?? Date.now());
  const id = message.tags.get('msgid');
  if (message.command === 'TAGMSG') {
    const state = TYPING[message.tags.get('+typing') ?? ''];
    if (state === undefined) return undefined;
    return {
      kind: 'chatState',
      update: { from, state, ...(delay === undefined ? {} : { delay }) },
    };
  }
  if (message.command !== 'PRIVMSG' && message.command !== 'NOTICE') return undefined;
  const body = bodyOf(message.params[1] ?? '');
  if (body === undefined) return undefined;
  return {
    kind: 'message',
    message: {
      ...(id === undefined ? {} : { id }),
      ...(id !== undefined && options.archived === true ? { archiveId: id } : {}),
      from,
      to: message.params[0] ?? '',
      // A NOTICE must never be answered automatically: the meaning of a headline.
      type: message.command === 'NOTICE' ? 'headline' : 'chat',
      body,
      ...(delay === undefined ? {} : { delay }),
    },
  };
}
