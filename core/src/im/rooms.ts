/**
 * Group conversations, one model for both protocols: an XMPP multi-user chat room (XEP-0045) and
 * an IRC channel are both a *room* with an address (`room@conference.example.org`, `#switchboard`),
 * occupants known by nick, a topic, and the same events. See docs/conversations.md.
 */
import type { SwitchboardError } from '../errors/SwitchboardError';

/**
 * An occupant's standing in a room, one small set for both protocols:
 * - XMPP: affiliation `owner`/`admin` first, then role `moderator`, `participant` (→ `member`)
 *   or `visitor`;
 * - IRC: channel prefixes `~` owner, `&` admin, `@` and `%` moderator, `+` and none `member`
 *   (`visitor` for an unvoiced occupant of a moderated, `+m`, channel).
 */
export type OccupantRank = 'owner' | 'admin' | 'moderator' | 'member' | 'visitor';

/** One occupant of a room. */
export interface Occupant {
  /** The room's address. */
  readonly room: string;
  /** The occupant's nick in the room. */
  readonly nick: string;
  readonly rank: OccupantRank;
  /**
   * The occupant's own address when the room shows it (XMPP: a non-anonymous room's real JID;
   * IRC: `nick!user@host`).
   */
  readonly address?: string;
  /** True for this account's own occupant. */
  readonly self: boolean;
}

/** Why an occupant left a room. */
export type LeaveReason =
  /** It left by itself (XMPP unavailable presence; IRC `PART`). */
  | 'left'
  /** Its connection ended (IRC `QUIT`; XMPP unavailable presence with a status). */
  | 'quit'
  /** A moderator removed it (XMPP status 307; IRC `KICK`). */
  | 'kicked'
  /** A moderator banned it (XMPP status 301; IRC `+b` with a kick). */
  | 'banned'
  /** The room was destroyed or shut down (XMPP `<destroy/>`, status 332). */
  | 'destroyed'
  /** Its affiliation was taken away in a members-only room (XMPP status 321, 322). */
  | 'removed';

/** A change among a room's occupants, as the `occupant` event reports it. */
export type OccupantChange =
  | { readonly kind: 'joined'; readonly occupant: Occupant }
  | {
      readonly kind: 'left';
      readonly occupant: Occupant;
      readonly reason: LeaveReason;
      /** Who removed it (kicks and bans), when the server says. */
      readonly by?: string;
      /** The reason text given, if any. */
      readonly text?: string;
    }
  | { readonly kind: 'updated'; readonly occupant: Occupant; readonly previous: OccupantRank }
  | { readonly kind: 'renamed'; readonly occupant: Occupant; readonly previousNick: string };

/** A room's topic (XMPP `<subject/>`; IRC `TOPIC`, 332). */
export interface TopicChange {
  readonly room: string;
  /** The new topic; empty when it was cleared. */
  readonly topic: string;
  /** The nick that set it, when known. */
  readonly by?: string;
}

/** An invitation to a room (XMPP mediated or direct invitation; IRC `INVITE`). */
export interface Invitation {
  readonly room: string;
  /** Who invited this account. */
  readonly from: string;
  readonly reason?: string;
  /** The room's password, when the invitation carries one (XMPP). */
  readonly password?: string;
}

/** A room this account is no longer in, without asking to leave it or after asking. */
export interface RoomLeft {
  readonly room: string;
  /**
   * - `requested`: `leaveRoom` was called;
   * - `kicked`, `banned`, `removed`, `destroyed`: the room or a moderator removed this account;
   * - `failed`: a rejoin after a reconnect was refused (`error` says why).
   */
  readonly reason: 'requested' | 'kicked' | 'banned' | 'removed' | 'destroyed' | 'failed';
  readonly by?: string;
  readonly text?: string;
  /** Set for `failed`: SB_ROOM_JOIN_REFUSED and the like. */
  readonly error?: SwitchboardError;
}

/** How much of a room's recent messages to replay on joining (XMPP `<history/>`). */
export interface RoomHistoryLimit {
  /** At most this many messages; 0 for none. */
  readonly maxMessages?: number;
  /** Only messages newer than this. */
  readonly since?: Date;
}

/** What `Account.joinRoom` takes besides the room's address. */
export interface JoinRoomOptions {
  /** The nick to use; default: the profile's choice (XMPP: the account's local part; IRC: its nick). */
  readonly nick?: string;
  /** The room's password (XMPP password-protected room; IRC channel key, `+k`). */
  readonly password?: string;
  /**
   * How much recent history the room replays on joining; the server's default when absent.
   * On a rejoin after a reconnect, the account asks instead for what arrived since the last
   * message it saw (through history paging where the room supports it).
   */
  readonly history?: RoomHistoryLimit;
}

/** What a session needs to join (or rejoin) a room. */
export interface RoomJoinRequest {
  readonly room: string;
  readonly nick: string;
  readonly password?: string;
  readonly history?: RoomHistoryLimit;
  /**
   * Set on a rejoin after a reconnect when the room's history can be paged: the archive id of
   * the last message the account saw there. The session then replays exactly what came after
   * it (nothing the account saw, nothing missed) instead of `history`.
   */
  readonly after?: string;
}

/** A room as the account sees it once joined. */
export interface RoomState {
  readonly room: string;
  /** This account's nick in the room (the server may have changed the one asked for). */
  readonly nick: string;
  /** The topic, when the room has one. */
  readonly topic?: string;
  /** Everyone in the room, this account included (`self: true`). */
  readonly occupants: readonly Occupant[];
  /** True when joining created the room (XMPP status 201). */
  readonly created?: boolean;
}
