/**
 * What a session knows of one room it is joining or in, and the part of it that survives into a
 * resumed stream (XEP-0198): a resumed session is still in its rooms, without rejoining them.
 */
import type { InboundMessage, Occupant, RoomJoinRequest, RoomState } from '@switchboard/core';

/** The part of a joined room a resumed session carries on with. */
export interface RoomMemo {
  readonly room: string;
  readonly nick: string;
  readonly topic?: string;
  readonly occupants: readonly Occupant[];
}

/** A room the session is joining, catching up on, in, or leaving. */
export interface RoomEntry {
  readonly room: string;
  readonly request: RoomJoinRequest | undefined;
  phase: 'joining' | 'catching-up' | 'joined' | 'leaving';
  nick: string;
  topic?: string;
  created: boolean;
  /** The own occupant presence arrived (status 110). */
  selfSeen: boolean;
  /** The room was created by this join and waits for its configuration (status 201). */
  unconfigured: boolean;
  occupants: Map<string, Occupant>;
  /** Live messages that arrived while the archive was replayed: emitted after it. */
  held: InboundMessage[];
  /** Archive ids seen in this room, to report each message once. */
  readonly archiveIds: Set<string>;
  /** Ids of this account's own messages the room showed it has (reflected or archived). */
  readonly arrived: Set<string>;
  /** Settles the pending join or leave. */
  done?: (error?: unknown) => void;
}

const REMEMBERED_IDS = 2_000;

/** A new entry for a join (or a resumed room, from its memo). */
export function roomEntry(request: RoomJoinRequest | undefined, memo?: RoomMemo): RoomEntry {
  const room = request?.room ?? memo?.room ?? '';
  return {
    room,
    request,
    phase: memo === undefined ? 'joining' : 'joined',
    nick: memo?.nick ?? request?.nick ?? '',
    created: false,
    selfSeen: memo !== undefined,
    unconfigured: false,
    occupants: new Map((memo?.occupants ?? []).map((o) => [o.nick, o])),
    held: [],
    archiveIds: new Set(),
    arrived: new Set(),
    ...(memo?.topic === undefined ? {} : { topic: memo.topic }),
  };
}

/** True the first time `archiveId` is seen in the room (always true without an id). */
export function firstArchived(entry: RoomEntry, archiveId: string | undefined): boolean {
  if (archiveId === undefined) return true;
  if (entry.archiveIds.has(archiveId)) return false;
  entry.archiveIds.add(archiveId);
  if (entry.archiveIds.size > REMEMBERED_IDS) {
    const oldest = entry.archiveIds.values().next().value;
    if (oldest !== undefined) entry.archiveIds.delete(oldest);
  }
  return true;
}

/** The room as `joinRoom` resolves with it. */
export function roomState(entry: RoomEntry): RoomState {
  return {
    room: entry.room,
    nick: entry.nick,
    occupants: [...entry.occupants.values()],
    ...(entry.topic === undefined ? {} : { topic: entry.topic }),
    ...(entry.created ? { created: true } : {}),
  };
}

/** The memo of a joined room. */
export function roomMemo(entry: RoomEntry): RoomMemo {
  return {
    room: entry.room,
    nick: entry.nick,
    occupants: [...entry.occupants.values()],
    ...(entry.topic === undefined ? {} : { topic: entry.topic }),
  };
}
