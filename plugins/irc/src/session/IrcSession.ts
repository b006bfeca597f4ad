/**
 * A registered IRC connection as a Switchboard session: messages with confirmation through
 * `echo-message`, bounces, typing, away, ping, liveness, and what a lost session leaves for the
 * next one.
 */
import {
  type ChatState,
  type HistoryPage,
  type HistoryRequest,
  type OutboundMessage,
  type OutboundPresence,
  type ProtocolSession,
  type RoomJoinRequest,
  type RoomState,
  type SendHandover,
  type SessionContinuation,
  type SessionLiveness,
  type SessionSink,
  SwitchboardError,
} from '@switchboard/core';
import { Channels } from '../channels/Channels';
import type { IrcConnection } from '../connection/IrcConnection';
import type { CatchUpReport } from '../history/catchUp';
import { HistoryQueries, type SessionCatchUp } from '../history/HistoryQueries';
import { returnedMessage } from '../im/bounces';
import { inboundOf } from '../im/inboundMessage';
import type { Registered } from '../registration/register';
import { BatchCollector, type IrcBatch } from '../wire/BatchCollector';
import { foldCase } from '../wire/casemapping';
import type { IrcMessage } from '../wire/IrcMessage';
import { ChannelJoins } from './ChannelJoins';
import { capChange } from './capChange';
import type { IrcContinuation } from './IrcContinuation';
import { Monitor } from './Monitor';
import type { OutboundLine } from './OutboundMessages';
import { OutboundPump } from './OutboundPump';
import { OwnLines } from './OwnLines';
import { outboundLines } from './outboundLines';
import { Pings } from './Pings';
import { RecentIds } from './RecentIds';
import { sessionFeatures } from './sessionFeatures';

/** What a session is made from. */
export interface IrcSessionOptions {
  readonly connection: IrcConnection;
  readonly registered: Registered;
  /** The network part of the account's address. */
  readonly network: string;
  readonly sink: SessionSink;
  readonly continuation: IrcContinuation | undefined;
  readonly timeoutMs: number;
}

const TYPING: Readonly<Record<ChatState, string>> = {
  composing: 'active',
  paused: 'paused',
  active: 'done',
  inactive: 'done',
  gone: 'done',
};

const HISTORY_BATCHES = new Set(['chathistory', 'znc.in/playback']);

function line(command: string, params: string[], tags = new Map<string, string>()): IrcMessage {
  return { tags, command, params };
}

/** One live IRC session. */
export class IrcSession implements ProtocolSession {
  readonly resumed = false;
  readonly liveness: SessionLiveness;
  readonly #connection: IrcConnection;
  readonly #sink: SessionSink;
  readonly #network: string;
  readonly #timeoutMs: number;
  readonly #outbound: OutboundPump;
  readonly #batches = new BatchCollector();
  readonly #recent: RecentIds;
  readonly #pings: Pings;
  readonly #monitor: Monitor;
  readonly #history: HistoryQueries;
  readonly #own: OwnLines;
  readonly #channels: Channels;
  readonly #joins: ChannelJoins;
  #registered: Registered;
  #nick: string;
  #caps: Map<string, string>;
  #lost: IrcContinuation | undefined;
  #closing = false;

  constructor(options: IrcSessionOptions) {
    this.#connection = options.connection;
    this.#outbound = new OutboundPump(options.connection);
    this.#sink = options.sink;
    this.#network = options.network;
    this.#timeoutMs = options.timeoutMs;
    this.#registered = options.registered;
    this.#nick = options.registered.nick;
    this.#caps = new Map(options.registered.caps);
    this.#recent = new RecentIds(options.continuation?.recent);
    this.#pings = new Pings((token) =>
      this.#connection.write(line('PING', [token]), { urgent: true }),
    );
    const casemapping = options.registered.isupport.casemapping;
    this.#monitor = new Monitor(
      {
        write: (params) => this.#connection.write(line('MONITOR', params)),
        presence: (update) => this.#sink.presence(update),
        fold: (nick) => foldCase(nick, casemapping),
      },
      options.registered.isupport.get('MONITOR'),
    );
    this.#history = new HistoryQueries({
      write: (message) => this.#connection.write(message),
      isupport: options.registered.isupport,
      isMe: (nick) => this.#isMe(nick),
      caps: () => this.#caps,
      timeoutMs: options.timeoutMs,
    });
    this.#own = new OwnLines({
      outbound: this.#outbound,
      recent: this.#recent,
      sink: this.#sink,
      isMe: (nick) => this.#isMe(nick),
      isupport: options.registered.isupport,
      caps: () => this.#caps,
      accepted: (id) => this.#channels.accepted(id),
    });
    this.#joins = new ChannelJoins({
      channels: () => this.#channels,
      sink: this.#sink,
      archived: () => this.#caps.has('draft/chathistory'),
      playback: () => this.#caps.has('znc.in/playback'),
      privmsg: (target, text) => this.#connection.write(line('PRIVMSG', [target, text])),
      catching: {
        history: (request) => this.history(request),
        catchUp: (options) => this.catchUp(options),
        seen: (id) => this.#recent.seen(id),
      },
    });
    this.#channels = new Channels({
      write: (message, options) => this.#connection.write(message, options),
      sink: { ...this.#sink, message: (message) => this.#joins.message(message) },
      isupport: options.registered.isupport,
      nick: () => this.#nick,
      labelled: () => this.#caps.has('labeled-response'),
      timeoutMs: this.#timeoutMs,
      take: (id, lines) => this.#take(id, lines),
      seen: (id) => this.#recent.seen(id),
    });
    const connection = this.#connection;
    connection.limits = { lineBytes: options.registered.isupport.lineBytes };
    connection.onMessage = (message) => this.#receive(message);
    connection.onClose = (error) => this.#closed(error);
    this.liveness = {
      lastReceivedAt: () => connection.receivedAt,
      lastSentAt: () => connection.sentAt,
      keepalive: () => {
        void connection.write(line('PING', ['keepalive']), { urgent: true }).catch(() => undefined);
      },
      probe: async (timeoutMs) => {
        await this.#pings.ping(timeoutMs);
      },
      abort: (error) => connection.close(error),
    };
    for (const resend of options.continuation?.resend ?? []) {
      const lines = resend.lines.map((l) => ({ ...l, state: 'queued' as const }));
      // Lines to a channel wait for the channel to be joined again.
      if (!this.#channels.holdUntilJoined(resend.id, lines)) this.#take(resend.id, lines);
    }
    for (const message of options.registered.early) this.#receive(message);
  }

  /** `nick@network`, with the nick the server gave. */
  get address(): string {
    return `${this.#nick}@${this.#network}`;
  }

  /** The capabilities acknowledged by the server (and `+typing`, `MONITOR` where usable). */
  get features(): readonly string[] {
    return sessionFeatures(this.#caps, this.#registered.isupport, this.#monitor.supported);
  }

  /**
   * Follows the presence of `addresses` through MONITOR. Throws SB_CAPABILITY_UNSUPPORTED when the
   * server has no MONITOR and SB_WATCH_LIMIT above its limit (nothing sent).
   */
  watch(addresses: readonly string[]): Promise<void> {
    return this.#monitor.watch(addresses);
  }

  /** Stops following the presence of `addresses`. */
  unwatch(addresses: readonly string[]): Promise<void> {
    return this.#monitor.unwatch(addresses);
  }

  continuation(): SessionContinuation | undefined {
    return this.#lost;
  }

  async sendMessage(message: OutboundMessage & { readonly id: string }): Promise<SendHandover> {
    if (this.#connection.closed) {
      throw new SwitchboardError('SB_CONNECTION_CLOSED', 'The IRC connection is closed.');
    }
    const lines = outboundLines(message, this.#nick, this.#registered.isupport);
    if (!this.#caps.has('echo-message')) {
      // Nothing will confirm these lines: written is all that can be known.
      for (const l of lines) await this.#connection.write(line(l.command, [l.target, l.text]));
      return 'written';
    }
    this.#take(message.id, lines);
    return 'pending';
  }

  /** Joins a channel (`JOIN`, NAMES, topic; see docs/irc.md, "Channels"). */
  joinRoom(request: RoomJoinRequest): Promise<RoomState> {
    return this.#joins.join(request);
  }

  /** Leaves a channel (`PART`). */
  leaveRoom(room: string, reason?: string): Promise<void> {
    return this.#channels.leave(room, reason);
  }

  /** Sets a channel's topic (`TOPIC`). */
  setTopic(room: string, topic: string): Promise<void> {
    return this.#channels.setTopic(room, topic);
  }

  /** Invites a nick to a channel (`INVITE`). */
  invite(room: string, address: string): Promise<void> {
    return this.#channels.invite(room, address);
  }

  async sendPresence(presence: OutboundPresence): Promise<void> {
    if (presence.to !== undefined) {
      throw new SwitchboardError(
        'SB_CAPABILITY_UNSUPPORTED',
        'IRC has no presence directed at one user; nothing was sent.',
        { details: { capability: 'directedPresence' } },
      );
    }
    const availability = presence.availability ?? 'available';
    const text = presence.status ?? (availability === 'available' ? '' : availability);
    await this.#connection.write(
      line('AWAY', availability === 'available' && presence.status === undefined ? [] : [text]),
    );
  }

  async sendChatState(to: string, state: ChatState): Promise<void> {
    await this.#connection.write(line('TAGMSG', [to], new Map([['+typing', TYPING[state]]])));
  }

  async ping(address?: string): Promise<number> {
    if (address !== undefined) {
      throw new SwitchboardError(
        'SB_CAPABILITY_UNSUPPORTED',
        'IRC pings the server only; nothing was sent.',
        { details: { capability: 'ping', address } },
      );
    }
    const started = performance.now();
    await this.#pings.ping(this.#timeoutMs);
    return Math.round(performance.now() - started);
  }

  /** One page of `draft/chathistory` (capability `history`); see {@link HistoryQueries.query}. */
  history(request: HistoryRequest): Promise<HistoryPage> {
    return this.#history.query(request);
  }

  /**
   * Reports, in order and each once, what came in `options.target` (nick or channel) after the
   * archive id `options.after`, skipping what the live path delivered (see `catchUp`).
   */
  catchUp(options: Omit<SessionCatchUp, 'seen'>): Promise<CatchUpReport> {
    return this.#history.catchUp({ ...options, seen: (id) => this.#recent.seen(id) });
  }

  async serverFeatures(): Promise<readonly string[]> {
    return this.features;
  }

  async close(): Promise<void> {
    if (this.#closing) return;
    this.#closing = true;
    await this.#connection.quit('Leaving', this.#timeoutMs);
  }

  #take(id: string, lines: OutboundLine[]): void {
    this.#channels.sending(id, lines[0]?.target ?? '');
    this.#outbound.take(id, lines, this.#caps.has('labeled-response'));
  }

  #receive(message: IrcMessage): void {
    if (this.#history.claim(message)) return;
    const item = this.#batches.push(message);
    if (item === undefined) return;
    if ('items' in item) this.#receiveBatch(item, item.tags.get('label'));
    else this.#handle(item, message.tags.get('label'), false);
  }

  #receiveBatch(batch: IrcBatch, label: string | undefined): void {
    const replayed = HISTORY_BATCHES.has(batch.type);
    for (const item of batch.items) {
      if ('items' in item) this.#receiveBatch(item, label);
      else this.#handle(item, label, replayed);
    }
  }

  #handle(message: IrcMessage, label: string | undefined, replayed: boolean): void {
    switch (message.command) {
      case 'PING':
        void this.#connection
          .write(line('PONG', message.params.slice(0, 1)), { urgent: true })
          .catch(() => undefined);
        return;
      case 'PONG':
        this.#pings.pong(message.params.at(-1) ?? '');
        return;
      case 'ERROR':
        this.#connection.close(
          new SwitchboardError('SB_CONNECTION_CLOSED', 'The IRC server closed the link.', {
            details: { text: (message.params[0] ?? '').slice(0, 200) },
          }),
        );
        return;
      case 'NICK':
        if (!replayed) this.#channels.receive(message, label);
        if (message.source?.kind === 'user' && this.#isMe(message.source.nick)) {
          this.#nick = message.params[0] ?? this.#nick;
        }
        return;
      case 'CAP':
        this.#caps = capChange(this.#caps, message, (request) => {
          void this.#connection.write(line('CAP', ['REQ', request])).catch(() => undefined);
        });
        return;
      default:
    }
    // Channel state follows live lines only: a history batch's JOIN or NICK is the past.
    if (!replayed && this.#channels.receive(message, label)) return;
    if (this.#own.receive(message, label, replayed)) return;
    if (this.#monitor.receive(message)) return;
    const returned = returnedMessage(message);
    if (returned !== undefined) {
      this.#bounce(returned.target, returned.error, label);
      return;
    }
    const archived = this.#caps.has('draft/chathistory');
    const inbound = inboundOf(message, { replayed, archived });
    if (inbound === undefined) return;
    if (this.#channels.deliver(message, inbound)) return;
    if (inbound.kind === 'chatState') {
      this.#sink.chatState(inbound.update);
      return;
    }
    if (!this.#isMe(inbound.message.to ?? '')) return;
    if (inbound.message.id !== undefined && this.#recent.seen(inbound.message.id)) return;
    this.#sink.message(inbound.message);
  }

  #bounce(target: string, error: SwitchboardError, label: string | undefined): void {
    const casemapping = this.#registered.isupport.casemapping;
    const id = this.#outbound.bounce(label, target, (s) => foldCase(s, casemapping));
    this.#sink.bounced({ ...(id === undefined ? {} : { id }), from: target, error });
    if (id !== undefined) this.#sink.sent({ id, status: 'refused', error });
    if (id !== undefined) this.#channels.forget(id);
  }

  #isMe(nick: string): boolean {
    const casemapping = this.#registered.isupport.casemapping;
    return foldCase(nick, casemapping) === foldCase(this.#nick, casemapping);
  }

  #closed(error: SwitchboardError | undefined): void {
    const lost =
      error ?? new SwitchboardError('SB_CONNECTION_CLOSED', 'The IRC connection closed.');
    this.#pings.fail(lost);
    this.#history.fail(lost);
    const { unknown, resend: pumped } = this.#outbound.lose();
    const resend = [...this.#channels.close(error), ...pumped];
    for (const id of unknown) {
      this.#sink.sent({
        id,
        status: 'refused',
        error: new SwitchboardError(
          'SB_SEND_ABANDONED',
          'The connection was lost after the message was written and before the server confirmed it; it may or may not have arrived, and it is not sent again.',
          { cause: error, details: { reason: 'lost its connection', id, delivery: 'unknown' } },
        ),
      });
    }
    if (error !== undefined) {
      this.#lost = { protocol: 'irc', resend, recent: this.#recent.list() };
    }
    this.#sink.closed(error);
  }
}
