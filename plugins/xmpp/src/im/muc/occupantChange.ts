/**
 * Turns an occupant presence of a joined room into the change the account reports (joined,
 * left with its reason, updated rank, renamed), keeping the room's occupant list current.
 */
import type { Occupant, OccupantChange, RoomLeft } from '@switchboard/core';
import { leaveReasonOf, type OccupantPresence } from './occupantPresence';
import type { RoomEntry } from './RoomEntry';

/** What one presence changed: an occupant report, and for this account's removal a `roomLeft`. */
export interface PresenceOutcome {
  readonly change?: OccupantChange;
  readonly left?: RoomLeft;
}

function occupantOf(room: string, presence: OccupantPresence, nick = presence.nick): Occupant {
  return {
    room,
    nick,
    rank: presence.rank,
    self: presence.self,
    ...(presence.address === undefined ? {} : { address: presence.address }),
  };
}

/** Applies `presence` to `entry` (a room the account is in) and says what changed. */
export function occupantChange(entry: RoomEntry, presence: OccupantPresence): PresenceOutcome {
  const { room } = entry;
  const known = entry.occupants.get(presence.nick);
  if (presence.unavailable && presence.newNick !== undefined) {
    entry.occupants.delete(presence.nick);
    const occupant = occupantOf(room, presence, presence.newNick);
    entry.occupants.set(occupant.nick, occupant);
    if (presence.self) entry.nick = occupant.nick;
    return { change: { kind: 'renamed', occupant, previousNick: presence.nick } };
  }
  if (presence.unavailable) {
    entry.occupants.delete(presence.nick);
    const reason = leaveReasonOf(presence.statuses, presence.destroyed);
    const extra = {
      ...(presence.actor === undefined ? {} : { by: presence.actor }),
      ...(presence.reason === undefined ? {} : { text: presence.reason }),
    };
    const change: OccupantChange = {
      kind: 'left',
      // Leaving takes the role away: the rank it had is the one the room knew.
      occupant: known ?? occupantOf(room, presence),
      reason,
      ...extra,
    };
    if (!presence.self || !removedFor(presence)) return { change };
    return { change, left: { room, reason, ...extra } as RoomLeft };
  }
  const occupant = occupantOf(room, presence);
  entry.occupants.set(occupant.nick, occupant);
  if (known === undefined) return { change: { kind: 'joined', occupant } };
  if (known.rank !== occupant.rank) {
    return { change: { kind: 'updated', occupant, previous: known.rank } };
  }
  return {};
}

/**
 * True when this account's own unavailable presence takes it out of the room for good: kicked,
 * banned, removed, or the room destroyed. Without such a code (a server shutting down sends a
 * plain one, or status 332), the connection ends next and the account rejoins after it.
 */
function removedFor(presence: OccupantPresence): boolean {
  const { statuses } = presence;
  return presence.destroyed || [301, 307, 321, 322].some((code) => statuses.has(code));
}
