/**
 * Why a room refused a join (XEP-0045 §7.2.6–§7.2.11): the presence error's condition, named
 * for the caller in `details.condition` of SB_ROOM_JOIN_REFUSED.
 */
import { SwitchboardError } from '@switchboard/core';
import type { Element } from '@xmpp/xml';
import { readCondition } from '../../connection/readCondition';

/** XMPP condition → the reason a caller acts on. */
const REASONS: Readonly<Record<string, string>> = {
  conflict: 'conflict',
  'not-authorized': 'password',
  forbidden: 'banned',
  'registration-required': 'members-only',
  'service-unavailable': 'full',
  'item-not-found': 'not-found',
  'not-allowed': 'not-allowed',
  'not-acceptable': 'nick-rejected',
  'jid-malformed': 'nick-rejected',
};

const ADVICE: Readonly<Record<string, string>> = {
  conflict: 'the nick is in use; join again with another nick',
  password: 'the room needs a password, or the one given is wrong',
  banned: 'this account is banned from the room',
  'members-only': 'the room is for members only',
  full: 'the room is full',
  'not-found': 'the room does not exist and cannot be created',
  'not-allowed': 'this account may not create the room',
  'nick-rejected': 'the room does not accept this nick',
};

/** SB_ROOM_JOIN_REFUSED for a `<presence type='error'/>` from the room. */
export function joinRefused(room: string, nick: string, stanza: Element): SwitchboardError {
  const { condition: xmppCondition, text } = readCondition(stanza.getChild('error'));
  const condition = REASONS[xmppCondition] ?? xmppCondition;
  const advice = ADVICE[condition] ?? `the room answered ${xmppCondition}`;
  return new SwitchboardError(
    'SB_ROOM_JOIN_REFUSED',
    `Joining ${room} as ${nick} was refused: ${advice}${text === undefined ? '' : ` (${text})`}.`,
    {
      details: {
        room,
        nick,
        condition,
        xmppCondition,
        ...(text === undefined ? {} : { text }),
      },
    },
  );
}

/** SB_ROOM_JOIN_REFUSED when the room did not answer the join in time. */
export function joinTimedOut(room: string, timeoutMs: number): SwitchboardError {
  return new SwitchboardError(
    'SB_ROOM_JOIN_REFUSED',
    `${room} did not confirm the join within ${timeoutMs} ms; the join was given up.`,
    { details: { room, condition: 'timeout', timeoutMs } },
  );
}
