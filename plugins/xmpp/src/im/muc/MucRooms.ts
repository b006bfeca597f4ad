/**
 * Multi-User Chat (XEP-0045) on one connection: joining (§7.2: occupants' presence, then this
 * account's own with status 110, then history and the subject that ends the join; status 201
 * for a room the join created, accepted as an instant room, §10.1.2), occupant changes,
 * subjects, room messages with the room's archive id (XEP-0359 `<stanza-id by=room/>`), this
 * session's own messages reflected back (receipts, see `OwnEchoes`), invitations, leaving.
 * After a reconnect, a join with `after` replays the room's archive from there (`catchUp`).
 */
import {
  type InboundMessage,
  type RoomJoinRequest,
  type RoomState,
  type SessionSink,
  SwitchboardError,
} from '@switchboard/core';
import type { Element } from '@xmpp/xml';
import { nextId } from '../../connection/nextId';
import { readCondition } from '../../connection/readCondition';
import type { ArchiveQueries } from '../mam/ArchiveQueries';
import { parseMessage } from '../messages';
import { catchUp } from './catchUp';
import { joinRefused, joinTimedOut } from './joinRefused';
import {
  bareOf,
  instantRoomQuery,
  inviteMessage,
  joinPresence,
  leavePresence,
  originIdOf,
  resourceOf,
  stanzaIdBy,
  subjectMessage,
} from './mucElements';
import type { OwnEchoes } from './OwnEchoes';
import { occupantChange } from './occupantChange';
import { parseOccupantPresence } from './occupantPresence';
import {
  firstArchived,
  type RoomEntry,
  type RoomMemo,
  roomEntry,
  roomMemo,
  roomState,
} from './RoomEntry';
import { parseInvitation, parseSubject } from './roomInbound';

/** What the rooms need of their session. */
export interface MucRoomsParts {
  readonly sink: SessionSink;
  readonly send: (element: Element) => Promise<void>;
  readonly iq: (type: 'set', child: Element, to?: string) => Promise<Element | undefined>;
  readonly archive: ArchiveQueries;
  /** The account's own bare JID. */
  readonly own: () => string;
  readonly timeoutMs: number;
  readonly echoes: OwnEchoes;
  /** True when this account sent the message `id` to `room` (this session or an earlier one). */
  readonly sentEarlier: (room: string, id: string) => boolean;
  /** The rooms a lost session was in: kept when this one resumes its stream. */
  readonly previous?: readonly RoomMemo[];
}

/** Joins of a locked room (`item-not-found`) tried, and the pause before the next, growing. */
const LOCKED_ATTEMPTS = 4;
const LOCKED_RETRY_MS = 250;

interface TopicWait {
  readonly room: string;
  readonly topic: string;
  readonly done: (error?: unknown) => void;
}

/** Waits for `settled` up to `ms`; `onTimeout` makes the error to reject with. */
function within<T>(settled: Promise<T>, ms: number, onTimeout: () => unknown): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  return Promise.race([settled, limit]).finally(() => clearTimeout(timer));
}

/** See the module header. */
export class MucRooms {
  readonly #rooms = new Map<string, RoomEntry>();
  readonly #topics = new Map<string, TopicWait>();
  readonly #joins = new Map<string, Promise<RoomState>>();
  readonly #parts: MucRoomsParts;

  constructor(parts: MucRoomsParts) {
    this.#parts = parts;
    for (const memo of parts.previous ?? []) this.#rooms.set(memo.room, roomEntry(undefined, memo));
  }

  /** The stream was not resumed: the server has left every room of the lost session. */
  fresh(): void {
    for (const [room, entry] of this.#rooms)
      if (entry.request === undefined) this.#rooms.delete(room);
  }

  /** The rooms this session is in, for a session that resumes this one's stream. */
  memo(): RoomMemo[] {
    return [...this.#rooms.values()].filter((e) => e.phase === 'joined').map(roomMemo);
  }

  /** True when `stanza` belongs to a room (or is an invitation): handled here, not routed on. */
  claim(stanza: Element): boolean {
    const from = stanza.attrs.from;
    if (from === undefined) return false;
    if (stanza.name === 'presence') return this.#presence(stanza, from);
    if (stanza.name === 'message') return this.#message(stanza, from);
    return false;
  }

  /**
   * Joins a room; see `ProtocolSession.joinRoom`. A room another occupant has just created is
   * locked until configured (`item-not-found`): the join is tried again a few times, as happens
   * when several accounts rejoin a room a server restart removed.
   */
  join(request: RoomJoinRequest): Promise<RoomState> {
    // A second join of a room being joined waits for the first.
    const pending = this.#joins.get(request.room);
    if (pending !== undefined) return pending;
    const joined = this.#joinRetrying(request).finally(() => this.#joins.delete(request.room));
    this.#joins.set(request.room, joined);
    return joined;
  }

  async #joinRetrying(request: RoomJoinRequest): Promise<RoomState> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.#join(request);
      } catch (error) {
        const locked =
          SwitchboardError.is(error, 'SB_ROOM_JOIN_REFUSED') &&
          error.details.xmppCondition === 'item-not-found';
        if (!locked || attempt >= LOCKED_ATTEMPTS) throw error;
        await new Promise((resolve) => setTimeout(resolve, LOCKED_RETRY_MS * attempt));
      }
    }
  }

  async #join(request: RoomJoinRequest): Promise<RoomState> {
    const { room } = request;
    const known = this.#rooms.get(room);
    if (known?.phase === 'joined') return roomState(known);
    const entry = roomEntry(request);
    this.#rooms.set(room, entry);
    const confirmed = new Promise<void>((resolve, reject) => {
      entry.done = (error) => (error === undefined ? resolve() : reject(error));
    });
    // The room may refuse while the join presence is still being written: handled below.
    confirmed.catch(() => undefined);
    const { timeoutMs } = this.#parts;
    try {
      await this.#parts.send(joinPresence(request, request.after !== undefined));
      await within(confirmed, timeoutMs, () => joinTimedOut(room, timeoutMs));
    } catch (error) {
      if (this.#rooms.get(room) === entry) {
        this.#rooms.delete(room);
        // In the room, or perhaps about to be (a late answer): leave it.
        const timedOut = SwitchboardError.is(error) && error.details.condition === 'timeout';
        if (entry.selfSeen || timedOut) {
          this.#parts.send(leavePresence(room, entry.nick)).catch(() => undefined);
        }
      }
      throw error;
    }
    if (request.after !== undefined) {
      entry.phase = 'catching-up';
      await catchUp(entry, request, this.#parts);
    }
    entry.phase = 'joined';
    return roomState(entry);
  }

  /** Leaves a room; resolves on the room's confirmation (or after the timeout: it is gone here). */
  async leave(room: string, reason?: string): Promise<void> {
    const entry = this.#rooms.get(room);
    if (entry === undefined) return;
    entry.phase = 'leaving';
    const gone = new Promise<void>((resolve) => {
      entry.done = () => resolve();
    });
    try {
      await this.#parts.send(leavePresence(room, entry.nick, reason));
      await within(gone, this.#parts.timeoutMs, () => undefined).catch(() => undefined);
    } finally {
      if (this.#rooms.get(room) === entry) this.#rooms.delete(room);
    }
  }

  /** Sets the subject; resolves when the room announces it, rejects on the room's error. */
  async setTopic(room: string, topic: string): Promise<void> {
    const id = nextId();
    const done = new Promise<void>((resolve, reject) => {
      this.#topics.set(id, {
        room,
        topic,
        done: (error) => (error === undefined ? resolve() : reject(error)),
      });
    });
    // The room may refuse while the message is still being written: handled below.
    done.catch(() => undefined);
    const timedOut = (): SwitchboardError =>
      new SwitchboardError('SB_TIMEOUT', `${room} did not confirm the topic within the timeout.`, {
        details: { room },
      });
    try {
      await this.#parts.send(subjectMessage(room, id, topic));
      await within(done, this.#parts.timeoutMs, timedOut);
    } finally {
      this.#topics.delete(id);
    }
  }

  /** Sends a mediated invitation through the room. */
  async invite(room: string, address: string, reason?: string): Promise<void> {
    await this.#parts.send(inviteMessage(room, nextId(), address, reason));
  }

  /** The nick this session has in `room`, when it is in it. */
  nickIn(room: string): string | undefined {
    return this.#rooms.get(room)?.nick;
  }

  #presence(stanza: Element, from: string): boolean {
    const room = bareOf(from);
    const entry = this.#rooms.get(room);
    if (entry === undefined) return false;
    if (stanza.attrs.type === 'error') {
      if (entry.phase === 'joining') entry.done?.(joinRefused(room, entry.nick, stanza));
      return true;
    }
    const presence = parseOccupantPresence(stanza);
    if (presence === undefined) return true;
    if (entry.phase === 'leaving') {
      if (presence.self && presence.unavailable) entry.done?.();
      return true;
    }
    if (entry.phase === 'joining' && !entry.selfSeen) {
      if (!presence.self) {
        if (presence.unavailable) entry.occupants.delete(presence.nick);
        else occupantChange(entry, presence);
        return true;
      }
      if (presence.unavailable) {
        entry.done?.(joinRefused(room, entry.nick, stanza));
        return true;
      }
      entry.selfSeen = true;
      entry.nick = presence.nick;
      occupantChange(entry, presence);
      if (presence.statuses.has(201)) this.#configure(entry);
      return true;
    }
    const { change, left } = occupantChange(entry, presence);
    if (change !== undefined) this.#parts.sink.occupant?.(room, change);
    if (left !== undefined) {
      this.#rooms.delete(room);
      if (entry.phase === 'joining') entry.done?.(joinRefused(room, entry.nick, stanza));
      else this.#parts.sink.roomLeft?.(left);
    }
    return true;
  }

  /** A room this join created is locked until configured: accept the defaults (instant room). */
  #configure(entry: RoomEntry): void {
    entry.created = true;
    entry.unconfigured = true;
    this.#parts.iq('set', instantRoomQuery(), entry.room).then(
      () => {
        entry.unconfigured = false;
        entry.done?.();
      },
      (error: unknown) => entry.done?.(error),
    );
  }

  #message(stanza: Element, from: string): boolean {
    const room = bareOf(from);
    const type = stanza.attrs.type;
    if (type === 'error') return this.#error(stanza);
    if (type !== 'groupchat') {
      const invitation = parseInvitation(stanza);
      if (invitation !== undefined) this.#parts.sink.invitation?.(invitation);
      return invitation !== undefined;
    }
    // A groupchat message from a room the account is not in (left, or a sender posing as a
    // room) is nobody's room message: dropped, never routed as a message.
    const entry = this.#rooms.get(room);
    if (entry === undefined || entry.phase === 'leaving') return true;
    const nick = resourceOf(from);
    const subject = parseSubject(stanza);
    if (subject !== undefined) {
      this.#subject(entry, subject, nick);
      return true;
    }
    if (nick !== undefined && nick === entry.nick && this.#ownEcho(entry, stanza)) return true;
    const parsed = parseMessage(stanza);
    if (parsed === undefined) return true;
    const archiveId = stanzaIdBy(stanza, room);
    const message: InboundMessage = {
      ...parsed,
      from: room,
      type: 'groupchat',
      ...(nick === undefined ? {} : { nick }),
      ...(archiveId === undefined ? {} : { archiveId }),
    };
    // While the archive is replayed, live messages wait (they come after what it replays).
    if (entry.phase === 'catching-up') entry.held.push(message);
    else if (firstArchived(entry, archiveId)) this.#parts.sink.message(message);
    return true;
  }

  /**
   * This session's message reflected back, or one an earlier session of the account sent (and
   * resent after a reconnect): a `delivered` receipt.
   */
  #ownEcho(entry: RoomEntry, stanza: Element): boolean {
    const { room } = entry;
    const ids = [stanza.attrs.id, originIdOf(stanza)];
    if (this.#parts.echoes.reflected(room, stanza)) {
      for (const id of ids) if (id !== undefined) entry.arrived.add(id);
      return true;
    }
    const id = ids.find(
      (candidate) => candidate !== undefined && this.#parts.sentEarlier(room, candidate),
    );
    if (id === undefined) return false;
    entry.arrived.add(id);
    this.#parts.sink.receipt?.({ id, from: room, state: 'delivered' });
    return true;
  }

  /** True when `room` showed that this account's message `id` reached it. */
  arrived(room: string, id: string): boolean {
    return this.#rooms.get(room)?.arrived.has(id) === true;
  }

  #subject(entry: RoomEntry, topic: string, nick: string | undefined): void {
    entry.topic = topic;
    const change = { room: entry.room, topic, ...(nick === undefined ? {} : { by: nick }) };
    if (entry.phase === 'joining') {
      if (topic !== '') this.#parts.sink.topic?.(change);
      if (entry.selfSeen && !entry.unconfigured) entry.done?.();
      return;
    }
    this.#parts.sink.topic?.(change);
    if (nick !== entry.nick) return;
    for (const wait of this.#topics.values()) {
      if (wait.room === entry.room && wait.topic === topic) wait.done();
    }
  }

  /** An error for a subject change this session asked for; other errors are bounces. */
  #error(stanza: Element): boolean {
    const wait = this.#topics.get(stanza.attrs.id ?? '');
    if (wait === undefined) return false;
    const { condition, text } = readCondition(stanza.getChild('error'));
    wait.done(
      new SwitchboardError(
        'SB_ROOM_REFUSED',
        `${wait.room} refused the topic: ${condition}${text === undefined ? '' : ` (${text})`}.`,
        { details: { room: wait.room, condition, ...(text === undefined ? {} : { text }) } },
      ),
    );
    return true;
  }
}
