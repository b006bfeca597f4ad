import { EventEmitter } from 'eventemitter3';
import { type CapabilitySet, mergeCapabilities } from '../capabilities/CapabilitySet';
import { CredentialService, type ReauthReason } from '../credentials/CredentialService';
import { MemoryTokenStore } from '../credentials/MemoryTokenStore';
import { SwitchboardError } from '../errors/SwitchboardError';
import { nextMessageId } from '../im/messageId';
import type {
  ChatState,
  ContactInput,
  OutboundMessage,
  OutboundPresence,
  RosterItem,
  SendResult,
  VCard,
} from '../im/types';
import type { ProfilePlugin, ProtocolSession, SessionSink } from '../plugins/ProtocolPlugin';
import type { AccountConfig } from './AccountConfig';
import type { AccountEvents } from './AccountEvents';
import { type AccountState, assertTransition } from './AccountState';
import { checkAddress } from './checkAddress';
import { type EventSink, eventSink } from './eventSink';
import { OperationGate } from './OperationGate';
import { type CredentialContext, openWithCredentials } from './openWithCredentials';
import { protectConfig } from './protectConfig';
import { LivenessMonitor } from './reliability/LivenessMonitor';
import { type LivenessOptions, resolveLiveness } from './reliability/LivenessOptions';
import { MessageSender } from './reliability/MessageSender';
import { resolveReconnect } from './reliability/ReconnectPolicy';
import { Recovery } from './reliability/Recovery';

/**
 * One account on one profile: owns the connection state machine
 * (offline → connecting → authenticating → online → disconnected → reconnecting → … / failed),
 * keeps the connection alive, reconnects with backoff after a loss, sends messages in order and
 * settles each one honestly (confirmed by the server, or rejected with a coded error), and turns
 * what the protocol session reports into typed events.
 */
export class Account extends EventEmitter<AccountEvents> {
  /** Stable id, `profile:address` unless configured. */
  readonly id: string;
  readonly config: AccountConfig;
  readonly #plugin: ProfilePlugin;
  readonly #context: CredentialContext;
  #state: AccountState = 'offline';
  #session: ProtocolSession | undefined;
  #connecting: Promise<void> | undefined;
  #closing = false;
  #announced: readonly string[] | undefined;
  /** Counts sessions, so a late report from a replaced session is ignored. */
  #generation = 0;
  readonly #recovery: Recovery;
  readonly #liveness: LivenessOptions | undefined;
  readonly #sender: MessageSender;
  readonly #events: EventSink;
  readonly #gate: OperationGate = new OperationGate(this, () => this.#session);
  #monitor: LivenessMonitor | undefined;

  /**
   * Usually created by `Switchboard.createAccount`, which passes the instance's credential service
   * and the profile's OAuth2 client. Without a context, tokens live in memory and are not renewed.
   * Throws SB_CONFIG_INVALID for bad reconnect or liveness settings.
   */
  constructor(config: AccountConfig, plugin: ProfilePlugin, context?: CredentialContext) {
    super();
    this.config = protectConfig(config);
    this.id = config.id ?? `${config.profile}:${config.address}`;
    this.#plugin = plugin;
    this.#context = context ?? { credentials: new CredentialService(new MemoryTokenStore()) };
    this.#recovery = new Recovery(resolveReconnect(config.reconnect));
    this.#liveness = resolveLiveness(plugin.profile.liveness, config.liveness);
    this.#sender = new MessageSender(
      {
        session: () => (this.#state === 'online' ? this.#session : undefined),
        reconnects: () => this.#recovery.enabled,
      },
      config.offlineQueueLimit,
    );
    this.#events = eventSink(this, this.#sender);
  }

  /** What `JSON.stringify` shows of the account: who it is and its state, no credential. */
  toJSON(): { id: string; profile: string; address: string; state: AccountState } {
    return {
      id: this.id,
      profile: this.config.profile,
      address: this.config.address,
      state: this.#state,
    };
  }

  /** The current state. */
  get state(): AccountState {
    return this.#state;
  }

  /** The address the server assigned once online (e.g. a full JID), else undefined. */
  get address(): string | undefined {
    return this.#session?.address;
  }

  /** The profile this account runs on. */
  get profile(): ProfilePlugin['profile'] {
    return this.#plugin.profile;
  }

  /**
   * Connects and authenticates; resolves once online. Concurrent calls share one attempt.
   * Rejects with a coded {@link SwitchboardError}; the account is then `failed`. While the
   * account is `reconnecting`, this makes the next attempt now.
   */
  connect(): Promise<void> {
    if (this.#state === 'online') return Promise.resolve();
    this.#recovery.hurry();
    this.#connecting ??= this.#connect().finally(() => {
      this.#connecting = undefined;
    });
    return this.#connecting;
  }

  /**
   * Closes the session and stops reconnecting; the account goes `offline`. The session first
   * asks the server to confirm what it has (XEP-0198); messages still unconfirmed or waiting for
   * a reconnect are then rejected with SB_SEND_ABANDONED (`details.delivery` says whether each
   * may have arrived). Safe to call in any state.
   */
  async disconnect(): Promise<void> {
    // Whatever a login under way reports from now on (a newer continuation) is stale.
    this.#generation += 1;
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
    this.#sender.abandon({ reason: 'was disconnected' });
    if (this.#state !== 'offline') this.#transition('offline');
  }

  /**
   * What this account can do: the profile's declaration, narrowed by what the server announced
   * (disco) once it has been asked.
   */
  get capabilities(): CapabilitySet {
    return mergeCapabilities(this.#plugin.profile.capabilities, this.#announced);
  }

  /** Asks the server what it supports and updates {@link capabilities}. Requires `online`. */
  async refreshCapabilities(): Promise<CapabilitySet> {
    this.#announced = await this.#gate.online('refreshCapabilities').serverFeatures();
    return this.capabilities;
  }

  /**
   * Sends a message after the ones sent before it; while reconnecting it waits for the next
   * session. Resolves once the server confirmed it (`acknowledged: true`, XEP-0198) or it was
   * written to a connection that confirms nothing (`false`). Rejects at once with
   * SB_ADDRESS_INVALID, SB_CONTENT_INVALID or SB_MESSAGE_TOO_LARGE (nothing sent), later with
   * SB_MESSAGE_REFUSED or SB_SEND_ABANDONED (`details.delivery`); never drops it silently.
   * Bounces are `bounced` events. See docs/reliability.md, "What a send promises".
   */
  async sendMessage(message: OutboundMessage): Promise<SendResult> {
    if (!this.#recovery.active) this.#gate.online('sendMessage');
    this.#gate.requireMessageType(message.type ?? 'chat');
    if (message.chatState !== undefined) this.#gate.require('chatStates');
    const identified = { ...message, id: message.id ?? nextMessageId() };
    this.checkAddress(identified.to, 'to');
    this.#plugin.checkMessage?.(identified, this.config);
    return this.#sender.send(identified);
  }

  /**
   * Throws SB_ADDRESS_INVALID (naming `field`) unless `address` is a valid address on this
   * account's protocol (for XMPP, a JID after RFC 7622). Hosts can use it on user input.
   */
  checkAddress(address: string, field = 'address'): void {
    checkAddress(this.#plugin, address, field);
  }

  /** How many messages wait for a session to take them (e.g. while reconnecting). */
  get queuedMessages(): number {
    return this.#sender.waiting;
  }

  /** How many messages were written but not confirmed by the server yet. */
  get unconfirmedMessages(): number {
    return this.#sender.unconfirmed;
  }

  /** Resolves once every message sent so far has settled (at once when none is pending). */
  whenIdle(): Promise<void> {
    return this.#sender.idle();
  }

  /** Sends a typing notification (XEP-0085). Requires the `chatStates` capability. */
  async sendChatState(to: string, state: ChatState): Promise<void> {
    this.checkAddress(to, 'to');
    return this.#gate.guard('chatStates', 'sendChatState', (s) => s.sendChatState(to, state));
  }

  /** Adds a contact or updates its name and groups. Requires `roster.write`. */
  async addContact(contact: ContactInput): Promise<void> {
    this.checkAddress(contact.address);
    return this.#gate.guard('roster.write', 'addContact', (s) => s.setContact(contact));
  }

  /** Removes a contact. Requires `roster.write`. */
  async removeContact(address: string): Promise<void> {
    this.checkAddress(address);
    return this.#gate.guard('roster.write', 'removeContact', (s) => s.removeContact(address));
  }

  /** Fetches a contact's vCard, or the account's own. Requires `vcard.read`. */
  async getVCard(address?: string): Promise<VCard> {
    if (address !== undefined) this.checkAddress(address);
    return this.#gate.guard('vcard.read', 'getVCard', (s) => s.getVCard(address));
  }

  /** Publishes the account's own vCard. Requires `vcard.write`. */
  async setVCard(vcard: VCard): Promise<void> {
    return this.#gate.guard('vcard.write', 'setVCard', (s) => s.setVCard(vcard));
  }

  /** Pings the server (XEP-0199); resolves with the round trip in ms. Requires `ping`. */
  async ping(address?: string): Promise<number> {
    if (address !== undefined) this.checkAddress(address);
    return this.#gate.guard('ping', 'ping', (s) => s.ping(address));
  }

  /** Broadcasts the account's presence (or sends it to `presence.to`). Requires `online`. */
  async sendPresence(presence: OutboundPresence = {}): Promise<void> {
    if (presence.to !== undefined) this.checkAddress(presence.to, 'to');
    return this.#gate.online('sendPresence').sendPresence(presence);
  }

  /** Fetches the roster from the server. Requires `online` and `roster.read`. */
  async getRoster(): Promise<RosterItem[]> {
    return this.#gate.guard('roster.read', 'getRoster', (s) => s.getRoster());
  }

  /** Asks to see a contact's presence. Requires `online`. */
  async subscribe(address: string): Promise<void> {
    this.checkAddress(address);
    return this.#gate.online('subscribe').subscribe(address);
  }

  /** Lets a contact who asked see this account's presence. Requires `online`. */
  async approveSubscription(address: string): Promise<void> {
    this.checkAddress(address);
    return this.#gate.online('approveSubscription').approveSubscription(address);
  }

  /** Refuses a contact's pending request to see this account's presence. Requires `online`. */
  async denySubscription(address: string): Promise<void> {
    return this.#gate.addressed('denySubscription', address).denySubscription(address);
  }

  /** Stops a contact from seeing this account's presence any longer. Requires `online`. */
  async cancelSubscription(address: string): Promise<void> {
    return this.#gate.addressed('cancelSubscription', address).cancelSubscription(address);
  }

  /** Stops seeing a contact's presence. Requires `online`. */
  async unsubscribe(address: string): Promise<void> {
    return this.#gate.addressed('unsubscribe', address).unsubscribe(address);
  }

  async #connect(): Promise<void> {
    this.#transition('connecting');
    const generation = ++this.#generation;
    try {
      const session = await openWithCredentials(
        this.id,
        this.config,
        this.#plugin,
        this.#sink(generation),
        this.#context,
        () => this.#transition('connecting'),
        () => this.#recovery.continuation,
      );
      if (this.#state === 'offline') {
        // disconnect() was called while this login was under way: do not keep its session.
        await session.close().catch(() => undefined);
        throw new SwitchboardError(
          'SB_ACCOUNT_STATE',
          'The account was disconnected while it was connecting.',
          {
            details: { account: this.id, state: 'offline' },
          },
        );
      }
      this.#becomeOnline(session);
    } catch (cause) {
      const error = SwitchboardError.is(cause)
        ? cause
        : new SwitchboardError('SB_CONNECTION_FAILED', undefined, { cause });
      if (this.#state === 'offline') throw error;
      const recovering = this.#recovery.active;
      if (recovering && this.#recovery.worthRetrying(error)) {
        this.#scheduleReconnect(error);
        throw error;
      }
      this.#recovery.stop();
      this.#sender.abandon({
        reason: error.code === 'SB_REAUTH_REQUIRED' ? 'needs new tokens' : 'failed',
        cause: error,
      });
      if (error.code === 'SB_REAUTH_REQUIRED') {
        this.#transition('reauth-required', error);
        this.emit('reauthRequired', error.details.reason as ReauthReason, error);
      } else {
        this.#transition('failed', error);
      }
      // The account made this attempt on its own (unless the host hurried it): report it.
      if (recovering) this.emit('error', error);
      throw error;
    }
  }

  #becomeOnline(session: ProtocolSession): void {
    this.#session = session;
    this.#announced = undefined;
    this.#transition('online');
    const recovered = this.#recovery.finish();
    if (this.#liveness !== undefined && session.liveness !== undefined) {
      this.#monitor = new LivenessMonitor(session.liveness, this.#liveness);
    }
    this.emit('online', session.address);
    if (recovered !== undefined) {
      this.emit('reconnected', { ...recovered, resumed: session.resumed === true });
    }
    this.#sender.flush();
  }

  /** After a loss: waits the backoff delay, then tries again (or gives up after maxAttempts). */
  #scheduleReconnect(error: SwitchboardError | undefined): void {
    const next = this.#recovery.schedule(error, this.id, () => {
      this.connect().catch(() => undefined);
    });
    if ('gaveUp' in next) {
      this.#sender.abandon({ reason: 'stopped reconnecting', cause: next.gaveUp });
      this.#transition('failed', next.gaveUp);
      this.emit('error', next.gaveUp);
      return;
    }
    this.#transition('reconnecting', error);
    this.emit('reconnecting', { ...next, ...(error === undefined ? {} : { error }) });
  }

  #sink(generation: number): SessionSink {
    return {
      ...this.#events,
      authenticating: () => this.#transition('authenticating'),
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
    if (error !== undefined) this.emit('error', error);
    // A listener may have called disconnect() (the account is offline now): that is final.
    if (this.#state !== 'disconnected') return;
    if (this.#recovery.worthRetrying(error)) {
      this.#recovery.continuation = session?.continuation?.();
      this.#scheduleReconnect(error);
      return;
    }
    this.#sender.abandon({
      reason: 'lost its connection',
      ...(error === undefined ? {} : { cause: error }),
    });
  }

  #transition(to: AccountState, error?: SwitchboardError): void {
    const from = this.#state;
    assertTransition(from, to);
    this.#state = to;
    this.emit('state', error === undefined ? { from, to } : { from, to, error });
  }
}
