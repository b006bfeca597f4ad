import { EventEmitter } from 'eventemitter3';
import { type CapabilitySet, mergeCapabilities } from '../capabilities/CapabilitySet';
import { CredentialService } from '../credentials/CredentialService';
import { MemoryTokenStore } from '../credentials/MemoryTokenStore';
import type { HistoryPage, HistoryQuery } from '../im/history';
import { nextMessageId } from '../im/messageId';
import type { JoinRoomOptions, RoomState } from '../im/rooms';
import type {
  ChatState,
  ContactInput,
  OutboundMessage,
  OutboundPresence,
  RosterItem,
  SendResult,
  VCard,
} from '../im/types';
import type { ProfilePlugin } from '../plugins/ProtocolPlugin';
import type { AccountConfig } from './AccountConfig';
import type { AccountEvents } from './AccountEvents';
import { AccountExtensions, type SessionExtension } from './AccountExtensions';
import { AccountLifecycle } from './AccountLifecycle';
import type { AccountState } from './AccountState';
import type { ConnectOptions, DisconnectOptions } from './abortable';
import { checkAddress } from './checkAddress';
import { conversationReports } from './conversationReports';
import { Deliveries } from './Deliveries';
import { historyRequest } from './historyRequest';
import { OperationGate } from './OperationGate';
import type { CredentialContext } from './openWithCredentials';
import { protectConfig } from './protectConfig';
import { RoomList } from './RoomList';
import { WatchList } from './WatchList';

/**
 * One account on one profile: connects (the state machine, keepalive and reconnects live in
 * `AccountLifecycle`), sends messages in order and settles each one honestly (confirmed by
 * the server, or rejected with a coded error), checks every operation before anything is sent,
 * and reports what its sessions see as typed events.
 */
export class Account extends EventEmitter<AccountEvents> {
  /** Stable id, `profile:address` unless configured. */
  readonly id: string;
  readonly config: AccountConfig;
  readonly #plugin: ProfilePlugin;
  readonly #lifecycle: AccountLifecycle;
  readonly #extensions: AccountExtensions;
  readonly #watchList: WatchList;
  readonly #rooms: RoomList;
  readonly #deliveries = new Deliveries((update) => this.emit('delivery', update));
  readonly #gate: OperationGate = new OperationGate(this, () => this.#lifecycle.session);

  /**
   * Usually created by `Switchboard.createAccount`, which passes the instance's credential service
   * and the profile's OAuth2 client. Without a context, tokens live in memory and are not renewed.
   * Throws SB_CONFIG_INVALID for bad reconnect or liveness settings, SB_ADDRESS_INVALID for a bad
   * address in `config.watch` (and SB_CAPABILITY_UNSUPPORTED for a watch list on a profile
   * without `watch`).
   */
  constructor(config: AccountConfig, plugin: ProfilePlugin, context?: CredentialContext) {
    super();
    this.config = protectConfig(config);
    this.id = config.id ?? `${config.profile}:${config.address}`;
    this.#plugin = plugin;
    this.#extensions = new AccountExtensions(plugin, () => this.#lifecycle.session);
    this.#lifecycle = new AccountLifecycle(
      this,
      plugin,
      context ?? { credentials: new CredentialService(new MemoryTokenStore()) },
      {
        open: (request) => this.#watchList.open(request, (r) => this.#extensions.open(r)),
        online: (session) => {
          this.#watchList.online();
          this.#rooms.online(session);
        },
        held: (message) => message.type === 'groupchat' && this.#rooms.held(message.to),
        reports: conversationReports(
          this,
          () => this.#rooms,
          this.#deliveries,
          () => this.#lifecycle.sender,
        ),
      },
    );
    this.#rooms = new RoomList({
      gate: this.#gate,
      checkAddress: (address, field) => this.checkAddress(address, field),
      defaultNick: () => config.parameters?.nick ?? config.address.split('@')[0] ?? config.address,
      current: () => this.#lifecycle.session,
      canCatchUp: () => this.capabilities.history,
      flush: () => this.#lifecycle.sender.flush(),
      joined: (room) => this.emit('roomJoined', room),
      left: (left) => this.emit('roomLeft', left),
      occupant: (room, change) => this.emit('occupant', room, change),
      topic: (change) => this.emit('topic', change),
    });
    this.#watchList = new WatchList({
      seed: config.watch,
      checkAddress: (address, field) => this.checkAddress(address, field),
      gate: this.#gate,
      current: () => this.#lifecycle.session,
      report: (error) => this.emit('error', error),
    });
  }

  /** What `JSON.stringify` shows of the account: who it is and its state, no credential. */
  toJSON(): { id: string; profile: string; address: string; state: AccountState } {
    return {
      id: this.id,
      profile: this.config.profile,
      address: this.config.address,
      state: this.#lifecycle.state,
    };
  }

  /** The current state. */
  get state(): AccountState {
    return this.#lifecycle.state;
  }

  /** The address the server assigned once online (e.g. a full JID), else undefined. */
  get address(): string | undefined {
    return this.#lifecycle.session?.address;
  }

  /** The profile this account runs on. */
  get profile(): ProfilePlugin['profile'] {
    return this.#plugin.profile;
  }

  /**
   * Connects and authenticates; resolves once online. Concurrent calls share one attempt.
   * Rejects with a coded {@link SwitchboardError}; the account is then `failed`. While the
   * account is `reconnecting`, this makes the next attempt now. An aborted `options.signal`
   * gives the login up (see {@link ConnectOptions}).
   */
  connect(options: ConnectOptions = {}): Promise<void> {
    return this.#lifecycle.connect(options);
  }

  /**
   * Closes the session and stops reconnecting; the account goes `offline`. The session first
   * asks the server to confirm what it has (XEP-0198); messages still unconfirmed or waiting for
   * a reconnect are then rejected with SB_SEND_ABANDONED (`details.delivery` says whether each
   * may have arrived). A login under way is given up: its `connect()` rejects with SB_ABORTED.
   * Safe to call in any state. With `signOut: true` the account also forgets what makes its
   * next login faster: the FAST token (XEP-0484) kept in the token store, and the SCRAM keys
   * cached in memory (the user-agent id stays).
   */
  async disconnect(options: DisconnectOptions = {}): Promise<void> {
    try {
      await this.#lifecycle.disconnect();
    } finally {
      if (options.signOut === true) await this.#lifecycle.memory.signOut();
    }
  }

  /**
   * What this account can do: the profile's declaration, narrowed by what the server announced
   * (at login, or when asked by {@link refreshCapabilities}) through the plugin's
   * `capabilityFeatures`.
   */
  get capabilities(): CapabilitySet {
    const { profile, capabilityFeatures } = this.#plugin;
    return mergeCapabilities(profile.capabilities, this.#lifecycle.announced, capabilityFeatures);
  }

  /**
   * Asks the server what it supports (`serverFeatures`, e.g. XMPP disco#info) or, for a session
   * that cannot ask, takes what it announced at login, and updates {@link capabilities}.
   * Requires `online`; SB_CAPABILITY_UNSUPPORTED when the session has neither.
   */
  async refreshCapabilities(): Promise<CapabilitySet> {
    const session = this.#gate.online('refreshCapabilities');
    const features =
      session.serverFeatures === undefined && session.features !== undefined
        ? session.features
        : await this.#gate.method(session, 'serverFeatures', 'refreshCapabilities')();
    // Only while the session that answered is still the account's.
    if (this.#lifecycle.session === session) this.#lifecycle.announced = features;
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
    if (!this.#lifecycle.recovering) this.#gate.online('sendMessage');
    this.#gate.requireMessageType(message.type ?? 'chat');
    if (message.chatState !== undefined) this.#gate.require('chatStates');
    const identified = { ...message, id: message.id ?? nextMessageId() };
    if (identified.type === 'groupchat') this.#rooms.checkSend(identified.to);
    else this.checkAddress(identified.to, 'to');
    this.#plugin.checkMessage?.(identified, this.config);
    return this.#deliveries.follow(identified, this.#lifecycle.sender.send(identified));
  }

  /**
   * Joins a room (XMPP: a multi-user chat room's bare JID; IRC: a channel); resolves with its
   * occupants and topic once the server confirmed. Requires `online` and `rooms`. The account
   * stays in it across reconnects (rejoining and catching up on what it missed) until
   * {@link leaveRoom} or a `roomLeft` event. Rejects with SB_ROOM_JOIN_REFUSED
   * (`details.condition`: `conflict` for a nick in use, `password`, `banned` …).
   */
  async joinRoom(room: string, options?: JoinRoomOptions): Promise<RoomState> {
    return this.#rooms.join(room, options);
  }

  /** Leaves a room; a no-op for a room the account is not in. */
  async leaveRoom(room: string, reason?: string): Promise<void> {
    return this.#rooms.leave(room, reason);
  }

  /** The rooms the account is in (including those it is rejoining after a reconnect). */
  get rooms(): readonly RoomState[] {
    return this.#rooms.rooms;
  }

  /** Sets a joined room's topic. Requires `rooms`; SB_ROOM_NOT_JOINED outside the room. */
  async setTopic(room: string, topic: string): Promise<void> {
    this.checkAddress(room, 'room');
    this.#rooms.requireJoined(room, 'setTopic');
    return this.#gate.call('rooms', 'setTopic', 'setTopic', room, topic);
  }

  /** Invites `address` to a joined room. Requires `rooms`; SB_ROOM_NOT_JOINED outside it. */
  async invite(room: string, address: string, reason?: string): Promise<void> {
    this.checkAddress(room, 'room');
    this.checkAddress(address, 'contact');
    this.#rooms.requireJoined(room, 'invite');
    return this.#gate.call('rooms', 'invite', 'invite', room, address, reason);
  }

  /**
   * Fetches one page of the history the server keeps of a conversation (a contact's address
   * or a room's), oldest message first. Requires `online` and `history`. See
   * {@link HistoryQuery} for paging; SB_CONFIG_INVALID for a bad query (nothing sent).
   */
  async history(conversation: string, query: HistoryQuery = {}): Promise<HistoryPage> {
    this.#gate.require('history');
    const room = this.#rooms.room(conversation) !== undefined || query.room === true;
    this.checkAddress(conversation, room ? 'room' : 'contact');
    const request = historyRequest(conversation, room, query);
    return this.#gate.call('history', 'history', 'history', request);
  }

  /** Tells `to` that its message `id` was displayed (XEP-0333). Requires `readMarkers`. */
  async markRead(to: string, id: string): Promise<void> {
    this.checkAddress(to, 'to');
    return this.#gate.call('readMarkers', 'markRead', 'markRead', to, id);
  }

  /**
   * Throws SB_ADDRESS_INVALID (naming `field`) unless `address` is a valid contact address on
   * this account's protocol (for XMPP, a JID after RFC 7622; for IRC, a nick). Hosts can use it
   * on user input.
   */
  checkAddress(address: string, field = 'contact'): void {
    checkAddress(this.#plugin, address, field);
  }

  /**
   * Adds an extension (e.g. an `XmppExtension`) to the live session and every later one; returns
   * what removes it. Throws SB_EXTENSION_INVALID (another protocol, a taken name, …).
   */
  use(extension: SessionExtension): () => void {
    return this.#extensions.use(extension);
  }

  /** How many messages wait for a session to take them (e.g. while reconnecting). */
  get queuedMessages(): number {
    return this.#lifecycle.sender.waiting;
  }

  /** How many messages were written but not confirmed by the server yet. */
  get unconfirmedMessages(): number {
    return this.#lifecycle.sender.unconfirmed;
  }

  /** Resolves once every message sent so far has settled (at once when none is pending). */
  whenIdle(): Promise<void> {
    return this.#lifecycle.sender.idle();
  }

  /** Sends a typing notification (XEP-0085). Requires the `chatStates` capability. */
  async sendChatState(to: string, state: ChatState): Promise<void> {
    this.checkAddress(to, 'to');
    return this.#gate.call('chatStates', 'sendChatState', 'sendChatState', to, state);
  }

  /** Adds a contact or updates its name and groups. Requires `roster.write`. */
  async addContact(contact: ContactInput): Promise<void> {
    this.checkAddress(contact.address, 'contact');
    return this.#gate.call('roster.write', 'addContact', 'setContact', contact);
  }

  /** Removes a contact. Requires `roster.write`. */
  async removeContact(address: string): Promise<void> {
    this.checkAddress(address, 'contact');
    return this.#gate.call('roster.write', 'removeContact', 'removeContact', address);
  }

  /** Fetches a contact's vCard, or the account's own. Requires `vcard.read`. */
  async getVCard(address?: string): Promise<VCard> {
    if (address !== undefined) this.checkAddress(address, 'contact');
    return this.#gate.call('vcard.read', 'getVCard', 'getVCard', address);
  }

  /** Publishes the account's own vCard. Requires `vcard.write`. */
  async setVCard(vcard: VCard): Promise<void> {
    return this.#gate.call('vcard.write', 'setVCard', 'setVCard', vcard);
  }

  /** Pings the server (XEP-0199); resolves with the round trip in ms. Requires `ping`. */
  async ping(address?: string): Promise<number> {
    if (address !== undefined) this.checkAddress(address, 'contact');
    return this.#gate.call('ping', 'ping', 'ping', address);
  }

  /** Broadcasts the account's presence (or sends it to `presence.to`). Requires `online`. */
  async sendPresence(presence: OutboundPresence = {}): Promise<void> {
    if (presence.to !== undefined) this.checkAddress(presence.to, 'to');
    return this.#gate.online('sendPresence').sendPresence(presence);
  }

  /** Fetches the roster from the server. Requires `online` and `roster.read`. */
  async getRoster(): Promise<RosterItem[]> {
    return this.#gate.call('roster.read', 'getRoster', 'getRoster');
  }

  /** Asks to see a contact's presence. Requires `online` and `subscriptions`. */
  async subscribe(address: string): Promise<void> {
    this.checkAddress(address, 'contact');
    return this.#gate.call('subscriptions', 'subscribe', 'subscribe', address);
  }

  /** Lets a contact who asked see this account's presence. Requires `online` and `subscriptions`. */
  async approveSubscription(address: string): Promise<void> {
    this.checkAddress(address, 'contact');
    return this.#gate.call('subscriptions', 'approveSubscription', 'approveSubscription', address);
  }

  /**
   * Refuses a contact's pending request to see this account's presence. Requires `online` and
   * `subscriptions`.
   */
  async denySubscription(address: string): Promise<void> {
    this.checkAddress(address, 'contact');
    return this.#gate.call('subscriptions', 'denySubscription', 'denySubscription', address);
  }

  /**
   * Stops a contact from seeing this account's presence any longer. Requires `online` and
   * `subscriptions`.
   */
  async cancelSubscription(address: string): Promise<void> {
    this.checkAddress(address, 'contact');
    return this.#gate.call('subscriptions', 'cancelSubscription', 'cancelSubscription', address);
  }

  /** Stops seeing a contact's presence. Requires `online` and `subscriptions`. */
  async unsubscribe(address: string): Promise<void> {
    this.checkAddress(address, 'contact');
    return this.#gate.call('subscriptions', 'unsubscribe', 'unsubscribe', address);
  }

  /**
   * Follows `address`'s presence without its approval and without a server-side contact list
   * (IRC `MONITOR`); updates arrive as `presence` events. Requires `watch`. The account keeps
   * the list across sessions: offline or reconnecting, only the list changes and the next
   * session gets it at login. Watching an address twice is a no-op.
   */
  async watch(address: string): Promise<void> {
    return this.#watchList.watch(address);
  }

  /** Stops following `address`'s presence; a no-op for an address not watched. */
  async unwatch(address: string): Promise<void> {
    return this.#watchList.unwatch(address);
  }

  /** The watched addresses (see {@link watch}), in the order they were added. */
  get watching(): readonly string[] {
    return this.#watchList.addresses;
  }
}
