/**
 * How the chat prints rooms, messages from the user's other devices and delivery states.
 */
import type {
  DeliveryUpdate,
  InboundMessage,
  Invitation,
  OccupantChange,
  OccupantRank,
  OwnMessage,
  RoomLeft,
  RoomState,
  TopicChange,
} from '@switchboard/core';
import { bareAddress, formatMessage, stamp } from './formatEvent';

/** `[14:05] #room <bob> text` for a room message, the 1:1 form otherwise. */
export function formatInbound(message: InboundMessage, now: Date = new Date()): string {
  if (message.type !== 'groupchat' || message.nick === undefined) {
    return formatMessage(message, now);
  }
  return `${stamp(message, now)} ${message.from} <${message.nick}> ${indent(message.body)}`;
}

function indent(body: string): string {
  return body.replace(/\r?\n/g, '\n    ');
}

/** `[14:05] you (another device) → bob@example.org: text`. */
export function formatOwnMessage(message: OwnMessage, now: Date = new Date()): string {
  const to = message.type === 'groupchat' ? message.to : bareAddress(message.to);
  return `${stamp(message, now)} you (another device) → ${to}: ${indent(message.body)}`;
}

const RANK: Readonly<Record<OccupantRank, string>> = {
  owner: '~',
  admin: '&',
  moderator: '@',
  member: '',
  visitor: '-',
};

/** `~alice @bob carol` (owner, moderator, member). */
export function formatOccupants(room: RoomState): string {
  return room.occupants.map((o) => `${RANK[o.rank]}${o.nick}${o.self ? ' (you)' : ''}`).join(' ');
}

/** What the chat prints on entering a room. */
export function formatJoined(room: RoomState): string[] {
  const count = room.occupants.length;
  return [
    `* You are in ${room.room} as ${room.nick}${room.created === true ? ' (new room)' : ''}, ${count} ${count === 1 ? 'occupant' : 'occupants'}: ${formatOccupants(room)}`,
    ...(room.topic === undefined || room.topic === '' ? [] : [`* Topic: ${room.topic}`]),
  ];
}

function why(by: string | undefined, text: string | undefined): string {
  const parts = [by === undefined ? '' : `by ${by}`, text === undefined || text === '' ? '' : text];
  const said = parts.filter((p) => p !== '').join(': ');
  return said === '' ? '' : ` (${said})`;
}

/** `* bob joined #room`, `* bob left #room (kicked by alice: spam)` … */
export function formatOccupant(room: string, change: OccupantChange): string {
  const { occupant } = change;
  switch (change.kind) {
    case 'joined':
      return `* ${occupant.nick} joined ${room}`;
    case 'renamed':
      return `* ${change.previousNick} is now known as ${occupant.nick} in ${room}`;
    case 'updated':
      return `* ${occupant.nick} is now ${occupant.rank} in ${room} (was ${change.previous})`;
    case 'left': {
      const verb = {
        left: 'left',
        quit: 'quit',
        kicked: 'was kicked from',
        banned: 'was banned from',
        destroyed: 'left (room closed)',
        removed: 'was removed from',
      }[change.reason];
      return `* ${occupant.nick} ${verb} ${room}${why(change.by, change.text)}`;
    }
  }
}

/** `* #room topic (by bob): text`. */
export function formatTopic(change: TopicChange): string {
  const by = change.by === undefined ? '' : ` (set by ${change.by})`;
  return change.topic === ''
    ? `* ${change.room} has no topic now${by}`
    : `* ${change.room} topic${by}: ${change.topic}`;
}

/** An invitation with how to accept it. */
export function formatInvitation(invitation: Invitation): string {
  const reason = invitation.reason === undefined ? '' : ` (${invitation.reason})`;
  return `* ${bareAddress(invitation.from)} invites you to ${invitation.room}${reason}: /join ${invitation.room}`;
}

/** Why the account is out of a room. */
export function formatRoomLeft(left: RoomLeft): string {
  switch (left.reason) {
    case 'requested':
      return `* You left ${left.room}`;
    case 'failed':
      return `! Could not rejoin ${left.room}: ${left.error?.message ?? 'refused'}`;
    case 'destroyed':
      return `! ${left.room} was closed${why(left.by, left.text)}`;
    default:
      return `! You were ${left.reason} from ${left.room}${why(left.by, left.text)}`;
  }
}

const TICKS: Readonly<Record<DeliveryUpdate['state'], string>> = {
  accepted: '✓ sent',
  delivered: '✓✓ delivered',
  read: '✓✓ read',
  failed: '✗ failed',
};

/** `  ✓✓ delivered to bob@example.org: "hello th…"`. */
export function formatDelivery(update: DeliveryUpdate, body: string | undefined): string {
  const snippet =
    body === undefined ? update.id : `"${body.length > 24 ? `${body.slice(0, 24)}…` : body}"`;
  const reason =
    update.state === 'failed' && update.error !== undefined ? ` (${update.error.code})` : '';
  return `  ${TICKS[update.state]} to ${bareAddress(update.to)}: ${snippet}${reason}`;
}
