/**
 * Numeric replies that refuse a channel request (https://modern.ircdocs.horse/#numerics), as
 * coded errors: a refused `JOIN` is SB_ROOM_JOIN_REFUSED with the same conditions an XMPP room
 * gives where they match; a refused `TOPIC` or `INVITE` is SB_STANZA_ERROR.
 */
import { SwitchboardError } from '@switchboard/core';
import type { IrcMessage } from '../wire/IrcMessage';

/** The numerics that refuse a `JOIN`, by condition. */
export const JOIN_REFUSALS: Readonly<Record<string, string>> = {
  '403': 'not-found',
  '405': 'too-many',
  '437': 'unavailable',
  '471': 'full',
  '473': 'invite-only',
  '474': 'banned',
  '475': 'password',
  '476': 'bad-name',
  '477': 'registration-required',
  '479': 'bad-name',
  '489': 'secure-only',
};

/** The numerics that refuse a `TOPIC`, `INVITE` or `PART`, by condition. */
export const REQUEST_REFUSALS: Readonly<Record<string, string>> = {
  '401': 'item-not-found',
  '403': 'item-not-found',
  '442': 'not-in-room',
  '443': 'already-in-room',
  '482': 'forbidden',
};

/** The channel a refusal names: `<client> <channel> :text`, or `<channel> :text` (476). */
export function refusedChannel(message: IrcMessage, chanTypes: string): string | undefined {
  const [first, second] = message.params;
  if (first !== undefined && chanTypes.includes(first[0] ?? '') && message.params.length === 2) {
    return first;
  }
  // 443 is `<client> <nick> <channel> :text`.
  const channel = message.command === '443' ? message.params[2] : second;
  return channel;
}

function textOf(message: IrcMessage): string {
  return (message.params.length > 2 ? (message.params.at(-1) ?? '') : '').slice(0, 200);
}

/** SB_ROOM_JOIN_REFUSED for a refusal of joining `room`. */
export function joinRefused(room: string, message: IrcMessage): SwitchboardError {
  const condition = JOIN_REFUSALS[message.command] ?? 'refused';
  return new SwitchboardError(
    'SB_ROOM_JOIN_REFUSED',
    `The IRC server refused to let this account join ${room.slice(0, 80)} (${message.command}: ${condition}).`,
    { details: { room, condition, numeric: message.command, text: textOf(message) } },
  );
}

/** SB_ROOM_JOIN_REFUSED for a name that is not a channel on this server (nothing sent). */
export function badChannelName(room: string, chanTypes: string): SwitchboardError {
  return new SwitchboardError(
    'SB_ROOM_JOIN_REFUSED',
    `${room.slice(0, 80)} is not a channel on this server (channels start with one of ${chanTypes}); nothing was sent.`,
    { details: { room: room.slice(0, 80), condition: 'bad-name' } },
  );
}

/** SB_STANZA_ERROR for a refused `operation` on `room`. */
export function requestRefused(
  operation: string,
  room: string,
  message: IrcMessage,
): SwitchboardError {
  const condition = REQUEST_REFUSALS[message.command] ?? 'refused';
  return new SwitchboardError(
    'SB_STANZA_ERROR',
    `The IRC server refused ${operation} in ${room.slice(0, 80)} (${message.command}: ${condition}).`,
    {
      details: { operation, room, condition, numeric: message.command, text: textOf(message) },
    },
  );
}

/** SB_TIMEOUT for a channel request the server did not answer within `timeoutMs`. */
export function channelTimeout(
  operation: string,
  room: string,
  timeoutMs: number,
): SwitchboardError {
  return new SwitchboardError(
    'SB_TIMEOUT',
    `The IRC server did not answer ${operation} of ${room.slice(0, 80)} within ${timeoutMs} ms.`,
    { details: { operation, room: room.slice(0, 80), timeoutMs } },
  );
}

/** SB_ROOM_NOT_JOINED for messages a lost session left for a channel nothing rejoined. */
export function notRejoined(room: string): SwitchboardError {
  return new SwitchboardError(
    'SB_ROOM_NOT_JOINED',
    `The account did not rejoin ${room}; the messages to it were not sent again.`,
    { details: { room, operation: 'sendMessage' } },
  );
}
