/**
 * A PRIVMSG or NOTICE with this account's own nick as source that this session did not send:
 * the user wrote it on another connection of the same account (ergo multiclient, a bouncer's
 * `znc.in/self-message`), reported as the core's {@link OwnMessage}.
 */
import type { OwnMessage } from '@switchboard/core';
import type { IrcMessage } from '../wire/IrcMessage';
import { inboundOf } from './inboundMessage';

/**
 * The own message `message` carries (`to` the contact or channel; `groupchat` for a channel;
 * `msgid` as id, and as archive id when `archived`: the server keeps history), or undefined
 * for what is not one (CTCP queries, TAGMSG).
 */
export function ownMessageOf(
  message: IrcMessage,
  options: { readonly replayed: boolean; readonly archived: boolean; readonly chanTypes: string },
): OwnMessage | undefined {
  const inbound = inboundOf(message, options);
  if (inbound?.kind !== 'message') return undefined;
  const { id, archiveId, to = '', type, body, delay } = inbound.message;
  const channel = to !== '' && options.chanTypes.includes(to.charAt(0));
  return {
    ...(id === undefined ? {} : { id }),
    ...(archiveId === undefined ? {} : { archiveId }),
    to,
    type: channel ? 'groupchat' : type,
    body,
    ...(delay === undefined ? {} : { delay }),
  };
}
