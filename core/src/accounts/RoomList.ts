/**
 * The rooms of one account (capability `rooms`). The account holds them, not a session: they
 * survive reconnects. After a fresh login (not a resumed session) each room is joined again,
 * asking only for what arrived after the last message the account saw there, and messages to a
 * room wait until it is rejoined. Occupants and topic are kept from what the sessions report.
 * See docs/conversations.md.
 */
import { SwitchboardError } from '../errors/SwitchboardError';
import type {
  JoinRoomOptions,
  Occupant,
  OccupantChange,
  RoomJoinRequest,
  RoomLeft,
  RoomState,
  TopicChange,
} from '../im/rooms';
import type { InboundMessage } from '../im/types';
import type { ProtocolSession } from '../plugins/ProtocolPlugin';
import type { OperationGate } from './OperationGate';

/** What the list needs of its account. */
export interface RoomListOwner {
  readonly gate: OperationGate;
  /** Throws SB_ADDRESS_INVALID naming `field` unless `address` is valid (`'room'` for rooms). */
  readonly checkAddress: (address: string, field: string) => void;
  /** The nick used when `joinRoom` names none. */
  readonly defaultNick: () => string;
  /** The account's online session, if any. */
  readonly current: () => ProtocolSession | undefined;
  /** True when the account may ask for history (capability `history`). */
  readonly canCatchUp: () => boolean;
  /** Lets messages held for a rejoin go. */
  readonly flush: () => void;
  readonly joined: (room: RoomState) => void;
  readonly left: (left: RoomLeft) => void;
  readonly occupant: (room: string, change: OccupantChange) => void;
  readonly topic: (change: TopicChange) => void;
}

interface Entry {
  readonly request: RoomJoinRequest;
  phase: 'joining' | 'joined' | 'rejoining';
  nick: string;
  topic?: string;
  created?: boolean;
  occupants: Map<string, Occupant>;
  /** The archive id of the last message seen in the room. */
  lastArchiveId?: string;
  /** When the last message seen in the room was sent (or when the room was joined). */
  lastSeen: Date;
}

/** The account's rooms; see the module header. */
export class RoomList {
  readonly #rooms = new Map<string, Entry>();
  readonly #owner: RoomListOwner;

  constructor(owner: RoomListOwner) {
    this.#owner = owner;
  }

  /** The rooms the account is in (or rejoining), in the order they were joined. */
  get rooms(): readonly RoomState[] {
    return [...this.#rooms.values()].filter((e) => e.phase !== 'joining').map(snapshot);
  }

  /** The room `address`, when the account is in it (or rejoining it). */
  room(address: string): RoomState | undefined {
    const entry = this.#rooms.get(address);
    return entry === undefined || entry.phase === 'joining' ? undefined : snapshot(entry);
  }

  /**
   * Joins `room`; resolves with its state once the server confirmed. Joining a room the account
   * is in already resolves with its state at once.
   */
  async join(room: string, options: JoinRoomOptions = {}): Promise<RoomState> {
    this.#owner.gate.require('rooms');
    this.#owner.checkAddress(room, 'room');
    this.#owner.gate.online('joinRoom');
    const known = this.#rooms.get(room);
    if (known !== undefined && known.phase !== 'joining') return snapshot(known);
    const request: RoomJoinRequest = {
      room,
      nick: options.nick ?? this.#owner.defaultNick(),
      ...(options.password === undefined ? {} : { password: options.password }),
      ...(options.history === undefined ? {} : { history: options.history }),
    };
    const entry: Entry = {
      request,
      phase: 'joining',
      nick: request.nick,
      occupants: new Map(),
      lastSeen: new Date(),
    };
    this.#rooms.set(room, entry);
    try {
      const state = await this.#owner.gate.call('rooms', 'joinRoom', 'joinRoom', request);
      this.#entered(entry, state);
      return snapshot(entry);
    } catch (error) {
      if (this.#rooms.get(room) === entry) this.#rooms.delete(room);
      throw error;
    }
  }

  /** Leaves `room` (a no-op for a room the account is not in). */
  async leave(room: string, reason?: string): Promise<void> {
    this.#owner.checkAddress(room, 'room');
    const entry = this.#rooms.get(room);
    if (entry === undefined) return;
    if (this.#owner.current() !== undefined && entry.phase === 'joined') {
      await this.#owner.gate.call('rooms', 'leaveRoom', 'leaveRoom', room, reason);
    }
    if (this.#rooms.get(room) !== entry) return;
    this.#rooms.delete(room);
    this.#owner.left({ room, reason: 'requested' });
    this.#owner.flush();
  }

  /**
   * The checks of a message to `room` before anything is queued: the `rooms` capability, a room
   * address, and the account in the room (SB_ROOM_NOT_JOINED).
   */
  checkSend(room: string): void {
    this.#owner.gate.require('rooms');
    this.#owner.checkAddress(room, 'room');
    this.requireJoined(room, 'sendMessage');
  }

  /** SB_ROOM_NOT_JOINED unless the account is in `room` (or rejoining it). */
  requireJoined(room: string, operation: string): void {
    const entry = this.#rooms.get(room);
    if (entry !== undefined && entry.phase !== 'joining') return;
    throw new SwitchboardError(
      'SB_ROOM_NOT_JOINED',
      `${operation} needs the account to be in ${room}; join it first. Nothing was sent.`,
      { details: { room, operation } },
    );
  }

  /** True while a message to `room` must wait for the room to be rejoined. */
  held(room: string): boolean {
    return this.#rooms.get(room)?.phase === 'rejoining';
  }

  /** Notes the last message seen in a room, for the catch-up after a reconnect. */
  saw(message: InboundMessage): void {
    if (message.type !== 'groupchat') return;
    const entry = this.#rooms.get(message.from);
    if (entry === undefined) return;
    if (message.archiveId !== undefined) entry.lastArchiveId = message.archiveId;
    const stamp = message.delay?.stamp ?? new Date();
    if (stamp > entry.lastSeen) entry.lastSeen = stamp;
  }

  /** A session reported a change among a room's occupants. */
  occupant(room: string, change: OccupantChange): void {
    const entry = this.#rooms.get(room);
    if (entry === undefined) return;
    const { occupant } = change;
    if (change.kind === 'renamed') entry.occupants.delete(change.previousNick);
    if (change.kind === 'left') entry.occupants.delete(occupant.nick);
    else entry.occupants.set(occupant.nick, occupant);
    if (occupant.self && change.kind === 'renamed') entry.nick = occupant.nick;
    if (entry.phase === 'joined') this.#owner.occupant(room, change);
  }

  /** A session reported a room's topic. */
  topic(change: TopicChange): void {
    const entry = this.#rooms.get(change.room);
    if (entry === undefined) return;
    entry.topic = change.topic;
    if (entry.phase === 'joined') this.#owner.topic(change);
  }

  /** A session reported that the account is out of a room without having asked. */
  removed(left: RoomLeft): void {
    if (!this.#rooms.delete(left.room)) return;
    this.#owner.left(left);
    this.#owner.flush();
  }

  /**
   * A session came online. A resumed one is still in every room (but makes again a rejoin its
   * lost session had not finished); a fresh one joins each again, catching up from the last
   * message seen, while messages to the room wait.
   */
  online(session: ProtocolSession): void {
    for (const entry of this.#rooms.values()) {
      if (entry.phase === 'joining') continue;
      // A resumed session is still in the rooms its stream was in; a rejoin the lost session
      // had not finished is made again.
      if (session.resumed === true && entry.phase !== 'rejoining') continue;
      entry.phase = 'rejoining';
      entry.occupants.clear();
      this.#rejoin(session, entry);
    }
  }

  #rejoin(session: ProtocolSession, entry: Entry): void {
    const { request } = entry;
    const after = this.#owner.canCatchUp() ? entry.lastArchiveId : undefined;
    const again = {
      ...request,
      nick: entry.nick,
      history: { since: entry.lastSeen },
      ...(after === undefined ? {} : { after }),
    };
    this.#owner.gate.call('rooms', 'joinRoom', 'joinRoom', again).then(
      (state) => {
        if (this.#rooms.get(request.room) !== entry) {
          // Left (or removed) while the rejoin was under way: leave what it joined.
          if (this.#owner.current() === session) {
            session.leaveRoom?.(request.room).catch(() => undefined);
          }
          return;
        }
        this.#entered(entry, state);
        this.#owner.flush();
      },
      (error: unknown) => {
        // The session that was asked is gone: the next one rejoins.
        if (this.#owner.current() !== session || this.#rooms.get(request.room) !== entry) return;
        this.#rooms.delete(request.room);
        const failure = SwitchboardError.is(error)
          ? error
          : new SwitchboardError('SB_ROOM_JOIN_REFUSED', undefined, {
              cause: error,
              details: { room: request.room },
            });
        this.#owner.left({ room: request.room, reason: 'failed', error: failure });
        this.#owner.flush();
      },
    );
  }

  #entered(entry: Entry, state: RoomState): void {
    entry.phase = 'joined';
    entry.nick = state.nick;
    entry.occupants = new Map(state.occupants.map((o) => [o.nick, o]));
    if (state.topic !== undefined) entry.topic = state.topic;
    if (state.created !== undefined) entry.created = state.created;
    this.#owner.joined(snapshot(entry));
  }
}

function snapshot(entry: Entry): RoomState {
  return {
    room: entry.request.room,
    nick: entry.nick,
    occupants: [...entry.occupants.values()],
    ...(entry.topic === undefined ? {} : { topic: entry.topic }),
    ...(entry.created === undefined ? {} : { created: entry.created }),
  };
}
