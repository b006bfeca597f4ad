import type { EventEmitter } from 'eventemitter3';
import { AccountLoginMemory } from '../credentials/AccountLoginMemory';
import { loginAborted } from '../credentials/askPassword';
import type { ReauthReason } from '../credentials/CredentialService';
import { SwitchboardError } from '../errors/SwitchboardError';
import type { ProfilePlugin, ProtocolSession, SessionSink } from '../plugins/ProtocolPlugin';
import type { AccountConfig } from './AccountConfig';
import type { AccountEvents } from './AccountEvents';
import { type AccountState, assertTransition } from './AccountState';
import { abortable, type ConnectOptions } from './abortable';
import { type EventSink, eventSink } from './eventSink';
import { type CredentialContext, openWithCredentials } from './openWithCredentials';
import { LivenessMonitor } from './reliability/LivenessMonitor';
import { type LivenessOptions, resolveLiveness } from './reliability/LivenessOptions';
import { MessageSender } from './reliability/MessageSender';
import type { IdentifiedMessage } from './reliability/Outbox';
import { resolveReconnect } from './reliability/ReconnectPolicy';
import { Recovery } from './reliability/Recovery';

/** What the lifecycle reads of its account, and where it reports. */
export interface LifecycleOwner extends EventEmitter<AccountEvents> {
  readonly id: string;
  readonly config: AccountConfig;
}

/**
 * How the lifecycle opens sessions: the plugin's `open`, or what the account wraps around it,
 * and what runs once a session is online (before the `online` event).
 */
export interface SessionOpener extends Pick<ProfilePlugin, 'open'> {
  online?(session: ProtocolSession): void;
  /** Session reports the account handles itself instead of only emitting them (rooms, receipts). */
  readonly reports?: Partial<EventSink>;
  /** True while `message` must wait before any session takes it (its room is being rejoined). */
  held?(message: IdentifiedMessage): boolean;
}

/**
 * The connection state machine of one account
 * (offline → connecting → authenticating → online → disconnected → reconnecting → … / failed):
 * logs in through {@link openWithCredentials}, keeps the session alive, reconnects with backoff
 * after a loss, and owns the account's {@link MessageSender}, which it tells when sessions come
 * and go. Events go out through the account.
 */
export class AccountLifecycle {
  readonly #account: LifecycleOwner;
  readonly #opener: SessionOpener;
  readonly #context: CredentialContext;
  #state: AccountState = 'offline';
  #session: ProtocolSession | undefined;
  #connecting: Promise<void> | undefined;
  /** Aborted when the login under way is given up. */
  #attempt: AbortController | undefined;
  #closing = false;
  /** Counts sessions, so a late report from a replaced session is ignored. */
  #generation = 0;
  readonly #recovery: Recovery;
  readonly #liveness: LivenessOptions | undefined;
  readonly #events: EventSink;
  #monitor: LivenessMonitor | undefined;
  /** Sends the account's messages in order, on this session or the next. */
  readonly sender: MessageSender;
  /** What the account remembers between logins (FAST token, user-agent id, SCRAM keys). */
  readonly memory: AccountLoginMemory;
  /**
   * Features the server announced for the current session: what it announced at login
   * (`ProtocolSession.features`), or what it answered when asked.
   */
  announced: readonly string[] | undefined;

  /**
   * `opener` opens each session (default: `plugin`; the account passes what adds its
   * extensions and watch list). Throws SB_CONFIG_INVALID for bad reconnect or liveness settings.
   */
  constructor(
    account: LifecycleOwner,
    plugin: ProfilePlugin,
    context: CredentialContext,
    opener: SessionOpener = { open: (request) => plugin.open(request) },
  ) {
    this.#account = account;
    this.#opener = opener;
    this.#context = context;
    this.memory = new AccountLoginMemory(context.credentials.store, account.id);
    const { config } = account;
    this.#recovery = new Recovery(resolveReconnect(config.reconnect));
    this.#liveness = resolveLiveness(plugin.profile.liveness, config.liveness);
    this.sender = new MessageSender(
      {
        session: () => this.session,
        reconnects: () => this.#recovery.enabled,
        held: (message) => opener.held?.(message) === true,
      },
      config.offlineQueueLimit,
    );
    this.#events = { ...eventSink(account, this.sender), ...opener.reports };
  }

  /** The account's state. */
  get state(): AccountState {
    return this.#state;
  }

  /** The session while online. */
  get session(): ProtocolSession | undefined {
    return this.#state === 'online' ? this.#session : undefined;
  }

  /** True while the account recovers a lost session (sends wait for the next one). */
  get recovering(): boolean {
    return this.#recovery.active;
  }

  /** Connects; see `Account.connect`. */
  connect(options: ConnectOptions = {}): Promise<void> {
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(loginAborted(this.#account.id, signal.reason));
    if (this.#state === 'online') return Promise.resolve();
    this.#recovery.hurry();
    if (this.#connecting === undefined) {
      const running = this.#connect().finally(() => {
        if (this.#connecting === running) this.#connecting = undefined;
      });
      this.#connecting = running;
    }
    if (signal === undefined) return this.#connecting;
    const giveUp = (): void => void this.disconnect().catch(() => undefined);
    return abortable(this.#connecting, signal, giveUp, (reason) =>
      loginAborted(this.#account.id, reason),
    );
  }

  /** Closes the session and stops reconnecting; see `Account.disconnect`. */
  async disconnect(): Promise<void> {
    // Whatever a login under way reports from now on (a newer continuation) is stale.
    this.#generation += 1;
    this.#attempt?.abort(loginAborted(this.#account.id, undefined));
    // A connect() from now on starts a new login rather than joining the one given up.
    this.#connecting = undefined;
    this.#recovery.stop();
    this.#monitor?.stop();
    this.#monitor = undefined;
    const session = this.#session;
    this.#session = undefined;
    if (session !== undefined) {
      this.#closing = true;
      try {
        await session.close();
      } finally {
        this.#closing = false;
      }
    }
    this.sender.abandon({ reason: 'was disconnected' });
    if (this.#state !== 'offline') this.#transition('offline');
  }

  async #connect(): Promise<void> {
    this.#transition('connecting');
    const generation = ++this.#generation;
    const attempt = new AbortController();
    this.#attempt = attempt;
    try {
      const session = await openWithCredentials({
        accountId: this.#account.id,
        config: this.#account.config,
        plugin: this.#opener,
        sink: this.#sink(generation),
        context: this.#context,
        beforeRetry: () => {
          if (generation === this.#generation) this.#transition('connecting');
        },
        continuation: () => this.#recovery.continuation,
        signal: attempt.signal,
        memory: this.memory,
      });
      if (generation !== this.#generation) {
        // disconnect() was called while this login was under way: do not keep its session.
        await session.close().catch(() => undefined);
        throw loginAborted(this.#account.id, attempt.signal.reason);
      }
      this.#becomeOnline(session);
    } catch (cause) {
      const error = SwitchboardError.is(cause)
        ? cause
        : new SwitchboardError('SB_CONNECTION_FAILED', undefined, { cause });
      // Given up by disconnect() (and maybe followed by a newer login): nothing to report.
      if (generation !== this.#generation) throw error;
      const recovering = this.#recovery.active;
      if (recovering && this.#recovery.worthRetrying(error)) {
        this.#scheduleReconnect(error);
        throw error;
      }
      this.#recovery.stop();
      this.sender.abandon({
        reason: error.code === 'SB_REAUTH_REQUIRED' ? 'needs new tokens' : 'failed',
        cause: error,
      });
      if (error.code === 'SB_REAUTH_REQUIRED') {
        this.#transition('reauth-required', error);
        this.#account.emit('reauthRequired', error.details.reason as ReauthReason, error);
      } else {
        this.#transition('failed', error);
      }
      // The account made this attempt on its own (unless the host hurried it): report it.
      if (recovering) this.#account.emit('error', error);
      throw error;
    } finally {
      if (this.#attempt === attempt) this.#attempt = undefined;
    }
  }

  #becomeOnline(session: ProtocolSession): void {
    this.#session = session;
    this.announced = session.features;
    this.#transition('online');
    this.#opener.online?.(session);
    const recovered = this.#recovery.finish();
    if (this.#liveness !== undefined && session.liveness !== undefined) {
      this.#monitor = new LivenessMonitor(session.liveness, this.#liveness);
    }
    this.#account.emit('online', session.address);
    if (recovered !== undefined) {
      this.#account.emit('reconnected', { ...recovered, resumed: session.resumed === true });
    }
    this.sender.flush();
  }

  /** After a loss: waits the backoff delay, then tries again (or gives up after maxAttempts). */
  #scheduleReconnect(error: SwitchboardError | undefined): void {
    const next = this.#recovery.schedule(error, this.#account.id, () => {
      this.connect().catch(() => undefined);
    });
    if ('gaveUp' in next) {
      this.sender.abandon({ reason: 'stopped reconnecting', cause: next.gaveUp });
      this.#transition('failed', next.gaveUp);
      this.#account.emit('error', next.gaveUp);
      return;
    }
    this.#transition('reconnecting', error);
    this.#account.emit('reconnecting', { ...next, ...(error === undefined ? {} : { error }) });
  }

  #sink(generation: number): SessionSink {
    return {
      ...this.#events,
      authenticating: () => {
        if (generation === this.#generation) this.#transition('authenticating');
      },
      carryOver: (continuation) => {
        if (generation === this.#generation) this.#recovery.continuation = continuation;
      },
      closed: (error) => {
        if (this.#closing || this.#state !== 'online' || generation !== this.#generation) return;
        this.#lost(error);
      },
    };
  }

  /** The online session ended without a request: reconnect, or let its messages go. */
  #lost(error: SwitchboardError | undefined): void {
    const session = this.#session;
    this.#session = undefined;
    this.#monitor?.stop();
    this.#monitor = undefined;
    this.#transition('disconnected', error);
    if (error !== undefined) this.#account.emit('error', error);
    // A listener may have called disconnect() (the account is offline now): that is final.
    if (this.#state !== 'disconnected') return;
    if (this.#recovery.worthRetrying(error)) {
      this.#recovery.continuation = session?.continuation?.();
      this.#scheduleReconnect(error);
      return;
    }
    this.sender.abandon({
      reason: 'lost its connection',
      ...(error === undefined ? {} : { cause: error }),
    });
  }

  #transition(to: AccountState, error?: SwitchboardError): void {
    const from = this.#state;
    assertTransition(from, to);
    this.#state = to;
    this.#account.emit('state', error === undefined ? { from, to } : { from, to, error });
  }
}
