/**
 * IRC channels as rooms (https://modern.ircdocs.horse/#channel-operations): `JOIN` with its
 * `NAMES` list and topic, `PART`, `TOPIC`, `INVITE`, and what the server reports of the channels
 * the session is in (joins, parts, quits, kicks, membership modes, nick changes, topics,
 * invitations). Only channels the account asked for are reported; a channel the server put the
 * connection in unasked is tracked quietly (a later `joinRoom` of it resolves from what is known).
 */
import {
  type InboundMessage,
  type RoomJoinRequest,
  type RoomState,
  type SessionSink,
  SwitchboardError,
} from '@switchboard/core';
import type { Inbound } from '../im/inboundMessage';
import type { OutboundLine } from '../session/OutboundMessages';
import { foldCase } from '../wire/casemapping';
import type { IrcMessage } from '../wire/IrcMessage';
import type { Isupport } from '../wire/Isupport';
import { Channel } from './Channel';
import { ChannelRequests } from './ChannelRequests';
import {
  badChannelName,
  JOIN_REFUSALS,
  joinRefused,
  notRejoined,
  REQUEST_REFUSALS,
  refusedChannel,
  requestRefused,
} from './channelErrors';
import { type HeldMessage, HeldMessages } from './HeldMessages';
import { MembershipEvents } from './MembershipEvents';

/** The most channels the server may put the connection in unasked before more are ignored. */
export const MAX_UNREQUESTED = 20;

/** What {@link Channels} needs of its session. */
export interface ChannelsHost {
  /** Writes a line; `redact` keeps its parameters out of the stanza log (a channel key). */
  readonly write: (message: IrcMessage, options?: { readonly redact?: boolean }) => Promise<void>;
  readonly sink: SessionSink;
  readonly isupport: Isupport;
  /** The session's current nick. */
  readonly nick: () => string;
  /** True when requests can carry a `label` (labeled-response). */
  readonly labelled: () => boolean;
  readonly timeoutMs: number;
  /** Hands a message's lines to the send side. */
  readonly take: (id: string, lines: OutboundLine[]) => void;
  /** True when an inbound message with this `msgid` was reported already (it is noted). */
  readonly seen: (id: string) => boolean;
}

function line(command: string, params: string[], label?: string): IrcMessage {
  return { tags: new Map(label === undefined ? [] : [['label', label]]), command, params };
}

/** The channels of one session; see the module header. */
export class Channels {
  readonly #host: ChannelsHost;
  readonly #requests: ChannelRequests;
  readonly #events: MembershipEvents;
  /** By folded name. */
  readonly #channels = new Map<string, Channel>();
  /** Channels asked for and not joined yet: folded name → the name as asked. */
  readonly #wanted = new Map<string, string>();
  /** Pending invitations: folded nick → folded channel (to match an unlabelled 401). */
  readonly #invites = new Map<string, string>();
  /** Messages sent to a channel and not settled yet: id → the channel as the host named it. */
  readonly #sends = new Map<string, string>();
  /** Messages left by a lost session, by folded channel, until the channel is joined. */
  readonly #held = new HeldMessages();

  constructor(host: ChannelsHost) {
    this.#host = host;
    this.#requests = new ChannelRequests(host.timeoutMs);
    this.#events = new MembershipEvents({
      channels: this.#channels,
      sink: host.sink,
      isupport: host.isupport,
      fold: (s) => this.fold(s),
      isMe: (nick) => this.#isMe(nick),
      nick: host.nick,
      joined: (channel, source) => this.#joined(channel, source),
      listed: (channel) => this.#listed(channel),
      parted: (key) => this.#requests.resolve('part', key),
      topicSet: (key) => this.#requests.resolve('topic', key),
    });
  }

  /** `text` folded under the server's `CASEMAPPING`. */
  fold(text: string): string {
    return foldCase(text, this.#host.isupport.casemapping);
  }

  /** True when `target` names a channel on this server (`CHANTYPES`, default `#&`). */
  isChannel(target: string): boolean {
    return target !== '' && this.#host.isupport.chanTypes.includes(target[0] as string);
  }

  /**
   * True when `target` of a PRIVMSG/NOTICE/TAGMSG is a channel, also with a `STATUSMSG` prefix
   * (`@#chan`: to the channel's operators).
   */
  isChannelTarget(target: string): boolean {
    return this.isChannel(this.#withoutStatus(target));
  }

  /**
   * Takes a PRIVMSG/NOTICE/TAGMSG to a channel (false for one to a nick): a message in a channel
   * the account joined is reported once as {@link roomMessage} makes it; typing notifications and
   * anything in other channels are left out.
   */
  deliver(message: IrcMessage, inbound: Inbound): boolean {
    if (!this.isChannelTarget(message.params[0] ?? '')) return false;
    const room = inbound.kind === 'message' ? this.roomMessage(inbound.message) : undefined;
    if (room === undefined || (room.id !== undefined && this.#host.seen(room.id))) return true;
    this.#host.sink.message(room);
    return true;
  }

  /**
   * A channel message as the host gets it: `groupchat` from the room as the account named it,
   * the sender's nick, the `msgid` as the archive id; undefined for a channel the account is
   * not in (or one it was put in unasked).
   */
  roomMessage(message: InboundMessage): InboundMessage | undefined {
    const room = this.joinedName(this.#withoutStatus(message.to ?? ''));
    if (room === undefined) return undefined;
    return {
      ...message,
      from: room,
      to: this.#host.nick(),
      type: 'groupchat',
      nick: message.from,
      ...(message.id === undefined ? {} : { archiveId: message.id }),
    };
  }

  /**
   * Keeps a message a lost session left for a channel until the channel is joined again (sent
   * before the join resolves, so it goes out ahead of anything sent after); false for a message
   * to a nick.
   */
  holdUntilJoined(id: string, lines: OutboundLine[]): boolean {
    const target = lines[0]?.target ?? '';
    if (!this.isChannel(target)) return false;
    const key = this.fold(target);
    this.#held.hold(key, { id, lines });
    this.#held.expireAfter(
      this.#host.timeoutMs,
      (k) => this.#wanted.has(k) || this.#channels.has(k),
      (k) => this.#refuseHeld(k, notRejoined(target)),
    );
    return true;
  }

  /** The channel `target` as the host named it, when the account is in it. */
  joinedName(target: string): string | undefined {
    const channel = this.#channels.get(this.fold(target));
    return channel?.requested === true ? channel.name : undefined;
  }

  /** Joins `request.room` (see `ProtocolSession.joinRoom`); the nick is the session's. */
  async join(request: RoomJoinRequest): Promise<RoomState> {
    const { room } = request;
    const chanTypes = this.#host.isupport.chanTypes;
    if (!this.isChannel(room)) throw badChannelName(room, chanTypes);
    const key = this.fold(room);
    const known = this.#channels.get(key);
    if (known !== undefined) {
      // A channel the account is in keeps the name it was first asked for.
      if (!known.requested) known.name = room;
      known.requested = true;
      if (!known.listing) return this.#state(known);
    } else if (!this.#wanted.has(key)) {
      this.#wanted.set(key, room);
      const label = this.#host.labelled() ? this.#requests.label() : undefined;
      const params = request.password === undefined ? [room] : [room, request.password];
      const waiting = this.#requests.wait('join', key, room, label);
      const redact = request.password !== undefined;
      await this.#host.write(line('JOIN', params, label), { redact }).catch(() => undefined);
      return this.#joinedState(waiting, key);
    }
    return this.#joinedState(this.#requests.wait('join', key, room, undefined), key);
  }

  /** Resolves once the join waited for settles; a join that timed out may be sent again. */
  async #joinedState(waiting: Promise<void>, key: string): Promise<RoomState> {
    try {
      await waiting;
    } catch (error) {
      if (SwitchboardError.is(error, 'SB_TIMEOUT')) this.#wanted.delete(key);
      throw error;
    }
    const channel = this.#channels.get(key);
    if (channel === undefined) {
      throw new SwitchboardError('SB_ROOM_JOIN_REFUSED', 'The channel was left while joining.', {
        details: { room: key, condition: 'left' },
      });
    }
    return this.#state(channel);
  }

  /**
   * Leaves `room` with `PART`; resolves on the server's `PART` (or when it says we are out).
   * The channel is let go of at once: nothing more about it is reported, and joining it again
   * sends a new `JOIN`, which the server reads after the `PART`.
   */
  async leave(room: string, reason?: string): Promise<void> {
    const key = this.fold(room);
    if (!this.#channels.delete(key)) return;
    const label = this.#host.labelled() ? this.#requests.label() : undefined;
    const waiting = this.#requests.wait('part', key, room, label);
    await this.#host.write(line('PART', reason === undefined ? [room] : [room, reason], label));
    await waiting;
  }

  /** Sets `room`'s topic; resolves on the server's `TOPIC`, rejects on a refusal (482). */
  async setTopic(room: string, topic: string): Promise<void> {
    const key = this.fold(room);
    const label = this.#host.labelled() ? this.#requests.label() : undefined;
    const waiting = this.#requests.wait('topic', key, room, label);
    await this.#host.write(line('TOPIC', [room, topic], label));
    await waiting;
  }

  /** Invites `nick` to `room`; resolves on 341, rejects on 401, 443, 482 and the like. */
  async invite(room: string, nick: string): Promise<void> {
    const key = this.fold(room);
    const label = this.#host.labelled() ? this.#requests.label() : undefined;
    this.#invites.set(this.fold(nick), key);
    const waiting = this.#requests.wait('invite', key, room, label);
    try {
      await this.#host.write(line('INVITE', [nick, room], label));
      await waiting;
    } finally {
      this.#invites.delete(this.fold(nick));
    }
  }

  /**
   * Takes the lines about channels (membership, topics, invitations, NAMES and the replies to
   * channel requests); false for any other line. `label` is the labeled-response label the line
   * answers, if any.
   */
  receive(message: IrcMessage, label: string | undefined): boolean {
    if (this.#events.receive(message)) return true;
    const { command } = message;
    if (command === '341') {
      this.#requests.resolve('invite', this.fold(message.params[2] ?? ''));
      return true;
    }
    if (command === 'ACK') return this.#silentJoin(label);
    if (command === '401' && !this.#hasInviteFor(message, label)) return false;
    if (JOIN_REFUSALS[command] !== undefined || REQUEST_REFUSALS[command] !== undefined) {
      return this.#refusal(message, label);
    }
    return false;
  }

  /** A message with `id` was sent to `target`: when it is a channel, its echo is a receipt. */
  sending(id: string, target: string): void {
    const name = this.joinedName(target);
    if (name !== undefined) this.#sends.set(id, name);
  }

  /** The server accepted every line of message `id`: a channel reflected it back. */
  accepted(id: string): void {
    const room = this.#sends.get(id);
    if (room === undefined) return;
    this.#sends.delete(id);
    // After the account has reported the send accepted (the same echo confirms both).
    setImmediate(() => this.#host.sink.receipt?.({ id, from: room, state: 'delivered' }));
  }

  /** Message `id` settled otherwise (bounced, abandoned). */
  forget(id: string): void {
    this.#sends.delete(id);
  }

  /**
   * The connection is gone: every request fails, nothing is joined any more. Returns the held
   * messages, for the next session to send.
   */
  close(error: SwitchboardError | undefined): HeldMessage[] {
    this.#requests.fail(
      error ?? new SwitchboardError('SB_CONNECTION_CLOSED', 'The IRC connection closed.'),
    );
    this.#channels.clear();
    this.#wanted.clear();
    this.#sends.clear();
    return this.#held.releaseAll();
  }

  #withoutStatus(target: string): string {
    let at = 0;
    const statusmsg = this.#host.isupport.get('STATUSMSG') ?? '';
    while (at < target.length - 1 && statusmsg.includes(target[at] as string)) at++;
    return target.slice(at);
  }

  /**
   * `ACK` (labeled-response: the request had no reply) to our `JOIN`: the connection is in the
   * channel already without the session knowing (e.g. a bouncer's or ergo's attached session).
   * The channel's `NAMES` then stand in for the join's.
   */
  #silentJoin(label: string | undefined): boolean {
    const request = this.#requests.sentWith(label);
    if (request?.kind !== 'join') return false;
    if (this.#channels.has(request.key)) return true;
    this.#wanted.delete(request.key);
    this.#channels.set(request.key, new Channel(request.room, true));
    void this.#host.write(line('NAMES', [request.room])).catch(() => undefined);
    return true;
  }

  #hasInviteFor(message: IrcMessage, label: string | undefined): boolean {
    if (label !== undefined) return this.#requests.keyOfLabel(label) !== undefined;
    return this.#invites.has(this.fold(message.params[1] ?? ''));
  }

  #refusal(message: IrcMessage, label: string | undefined): boolean {
    const chanTypes = this.#host.isupport.chanTypes;
    const named = refusedChannel(message, chanTypes);
    let key = named === undefined ? undefined : this.fold(named);
    if (message.command === '401' && label === undefined) {
      key = this.#invites.get(this.fold(message.params[1] ?? ''));
    }
    if (JOIN_REFUSALS[message.command] !== undefined) {
      const refused = this.#requests.reject(['join'], key, label, (_, room) => {
        const error = joinRefused(room, message);
        this.#refuseHeld(this.fold(room), error);
        this.#wanted.delete(this.fold(room));
        return error;
      });
      if (refused) return true;
    }
    if (REQUEST_REFUSALS[message.command] === undefined) return false;
    if (message.command === '442' || message.command === '403') {
      // Leaving a channel the server says we are not in: we are out of it.
      const resolved = key !== undefined && this.#requests.resolve('part', key);
      if (resolved && key !== undefined) this.#channels.delete(key);
      if (resolved) return true;
    }
    return this.#requests.reject(['topic', 'invite', 'part'], key, label, (kind, room) =>
      requestRefused(kind === 'part' ? 'leaving' : kind, room, message),
    );
  }

  /** A channel that could not be joined again: the messages held for it are refused. */
  #refuseHeld(key: string, error: SwitchboardError): void {
    for (const message of this.#held.release(key)) {
      this.#host.sink.sent({ id: message.id, status: 'refused', error });
    }
  }

  /** Our JOIN arrived: the channel is created as asked for, or tracked quietly when unasked. */
  #joined(key: string, source: string): Channel | undefined {
    const asked = this.#wanted.get(key);
    this.#wanted.delete(key);
    if (asked === undefined && this.#unrequested() >= MAX_UNREQUESTED) return undefined;
    const channel = new Channel(asked ?? source, asked !== undefined);
    this.#channels.set(key, channel);
    return channel;
  }

  /** The first NAMES list of a channel ended: a pending join resolves. */
  #listed(channel: Channel): void {
    if (!channel.requested) return;
    const key = this.fold(channel.name);
    if (channel.topic !== undefined && channel.topic !== '') {
      this.#host.sink.topic?.({
        room: channel.name,
        topic: channel.topic,
        ...(channel.topicBy === undefined ? {} : { by: channel.topicBy }),
      });
    }
    for (const message of this.#held.release(key)) this.#host.take(message.id, message.lines);
    while (this.#requests.resolve('join', key)) {
      // Every join waiting for this channel resolves.
    }
    // Its modes (324): in a moderated channel, occupants without a prefix are visitors.
    void this.#host.write(line('MODE', [channel.name])).catch(() => undefined);
  }

  #state(channel: Channel): RoomState {
    return channel.state(this.#host.nick(), this.#events.prefixes, (n) => this.#isMe(n));
  }

  #unrequested(): number {
    let count = 0;
    for (const channel of this.#channels.values()) if (!channel.requested) count++;
    return count;
  }

  #isMe(nick: string): boolean {
    return this.fold(nick) === this.fold(this.#host.nick());
  }
}
