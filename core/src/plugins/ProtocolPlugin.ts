import type { AccountConfig } from '../accounts/AccountConfig';
import type { CapabilityFeatures } from '../capabilities/CapabilitySet';
import type { Credential } from '../credentials/Credential';
import type { LoginMemory } from '../credentials/LoginMemory';
import type { SwitchboardError } from '../errors/SwitchboardError';
import type { OwnMessage, SessionReceipt } from '../im/delivery';
import type { HistoryPage, HistoryRequest } from '../im/history';
import type {
  Invitation,
  OccupantChange,
  RoomJoinRequest,
  RoomLeft,
  RoomState,
  TopicChange,
} from '../im/rooms';
import type {
  ChatState,
  ChatStateUpdate,
  ContactInput,
  InboundMessage,
  OutboundMessage,
  OutboundPresence,
  PresenceUpdate,
  RosterItem,
  SubscriptionUpdate,
  VCard,
} from '../im/types';
import type { SelectionTraceEntry } from '../sasl/selection';
import type { LoginFraming } from './LoginFraming';
import type { ProfileDescriptor } from './ProfileDescriptor';
import type { SessionExtension } from './SessionExtension';

/**
 * What became of a message a session took over (its `sendMessage` resolved `'pending'`):
 * - `acknowledged`: the server confirmed it has it;
 * - `written`: a later session resent it on a connection that cannot confirm anything;
 * - `refused`: the server rejected it in a way that makes resending pointless (it closed the
 *   stream on receiving it); `error` is SB_MESSAGE_REFUSED.
 */
export type SendReport =
  | { readonly id: string; readonly status: 'acknowledged' | 'written' }
  | { readonly id: string; readonly status: 'refused'; readonly error: SwitchboardError };

/**
 * What a session did with a message handed to `sendMessage`:
 * - `'pending'`: it (and the continuations of later sessions) owns the message now and reports
 *   its fate through {@link SessionSink.sent}, on this session or a later one;
 * - `'written'`: it was written to a connection that confirms nothing; nothing more will be known.
 * A rejected `sendMessage` means the session did not take the message: nothing was written and
 * no continuation holds it.
 */
export type SendHandover = 'pending' | 'written';

/** A bounce as a session sees it: the account matches `id` to what it sent. */
export interface SessionBounce {
  readonly id?: string;
  /** Who returned the message (the address it was sent to, or a server). */
  readonly from: string;
  /** SB_MESSAGE_BOUNCED, with the protocol's condition and text in `details`. */
  readonly error: SwitchboardError;
}

/**
 * Callbacks through which a session reports to its account. A plugin may call the inbound ones
 * (`message`, `presence`, …) as soon as the connection carries stanzas, before `open` resolves:
 * what a resumed stream replays arrives right after the resumption.
 */
export interface SessionSink {
  /** The transport is up (and secured); authentication starts. */
  authenticating(): void;
  /**
   * Which SASL mechanism was chosen and why the others were not; `framing` (when the protocol
   * has more than one way to carry SASL) says which one this exchange uses and why. Called
   * again for a second exchange on the same connection (a refused FAST token).
   */
  mechanismSelected(
    mechanism: string,
    trace: readonly SelectionTraceEntry[],
    framing?: LoginFraming,
  ): void;
  message(message: InboundMessage): void;
  presence(presence: PresenceUpdate): void;
  subscription(update: SubscriptionUpdate): void;
  chatState(update: ChatStateUpdate): void;
  /** The server pushed a change of one roster item (`subscription: 'remove'` when removed). */
  roster(item: RosterItem): void;
  /** What became of a message the session took over with `'pending'`. */
  sent(report: SendReport): void;
  /** A server returned a message as undeliverable. */
  bounced(bounce: SessionBounce): void;
  /**
   * An attempt that failed after it had changed what the next session needs (the server
   * acknowledged some of the resent stanzas, or refused one) hands the newer continuation over.
   */
  carryOver(continuation: SessionContinuation): void;
  /** The session ended; `error` is set when it did not end by request. */
  closed(error?: SwitchboardError): void;
  /**
   * Someone joined, left, changed rank or nick in a joined room (this account's own occupant
   * included: a kick of this account also reports {@link roomLeft}).
   */
  occupant?(room: string, change: OccupantChange): void;
  /** A joined room's topic changed (also sent once when joining a room that has one). */
  topic?(change: TopicChange): void;
  /** Someone invited this account to a room. */
  invitation?(invitation: Invitation): void;
  /** This account is no longer in `room` without having asked (kicked, banned, destroyed). */
  roomLeft?(left: RoomLeft): void;
  /** The user sent a message from another device or client (never one this session sent). */
  ownMessage?(message: OwnMessage): void;
  /**
   * A recipient confirmed receipt or display of a message (or a room reflected it back). The
   * plugin reports only receipts from the address the message went to (anyone can name an id).
   */
  receipt?(receipt: SessionReceipt): void;
  /**
   * The session dropped an inbound stanza it must not trust (a forged message carbon:
   * SB_STANZA_FORGED, `details.from` the real sender); nothing else came of the stanza. The
   * account emits it as an `error` event.
   */
  refusedStanza?(error: SwitchboardError): void;
  /**
   * An extension failed outside any call the host awaits (a handler threw): the session went
   * on. `error` is SB_EXTENSION_FAILED naming the extension, with the exception as `cause`.
   */
  extensionFailed?(error: SwitchboardError): void;
}

/**
 * What a lost session leaves for the next session of the same account, so the plugin can resume
 * it, resend what the server never acknowledged, and recognise repeated inbound messages.
 * Opaque to the core; each plugin extends it and checks `protocol` before using one.
 */
export interface SessionContinuation {
  readonly protocol: string;
}

/**
 * Liveness hooks of a session: the account's liveness monitor keeps the connection from idling
 * out and closes it when it stops answering.
 */
export interface SessionLiveness {
  /** When data last arrived from the server (`Date.now()` ms). */
  lastReceivedAt(): number;
  /** When data was last written to the server (`Date.now()` ms). */
  lastSentAt(): number;
  /** Sends the cheapest keepalive the protocol has (XMPP: one whitespace character). */
  keepalive(): void;
  /**
   * Sends a request the server must answer and resolves on any answer (an error reply proves
   * the link as well as a result). Rejects with SB_TIMEOUT after `timeoutMs`.
   */
  probe(timeoutMs: number): Promise<void>;
  /** Closes the transport at once and reports `closed(error)` to the sink. */
  abort(error: SwitchboardError): void;
}

/** What a plugin needs to open one session. */
export interface SessionRequest {
  readonly config: AccountConfig;
  readonly credential: Credential;
  readonly sink: SessionSink;
  /** Set when the host wants a stanza log; the plugin must redact secrets before calling it. */
  readonly log?: (direction: 'in' | 'out', text: string) => void;
  /** Left by this account's previous session when it was lost (not after a requested close). */
  readonly continuation?: SessionContinuation;
  /**
   * Aborted when the account gives the login up (`disconnect()`, or the signal given to
   * `connect()`): the plugin closes the connection wherever it is and rejects, preferably with
   * the signal's reason (an SB_ABORTED error).
   */
  readonly signal?: AbortSignal;
  /** Extensions to attach to the session before it carries stanzas (see `Account.use`). */
  readonly extensions?: readonly SessionExtension[];
  /**
   * The account's watch list (`Account.watch`, capability `watch`): addresses whose presence the
   * session follows from login on (IRC: `MONITOR +`). Absent when the list is empty. Changes
   * while the session is online arrive through {@link ProtocolSession.watch} and `unwatch`.
   */
  readonly watch?: readonly string[];
  /**
   * What the account remembers between logins: its user-agent id, a FAST token, cached SCRAM
   * keys. A plugin that can log in faster with them uses them; the others ignore it.
   */
  readonly memory?: LoginMemory;
}

/**
 * A live, authenticated session of one account. `address`, `sendMessage`, `sendPresence` and
 * `close` are required; every other member is optional, and a plugin leaves out what its
 * protocol cannot do (its profiles declare the matching capability false). The account refuses
 * an operation whose method the session lacks with SB_CAPABILITY_UNSUPPORTED before anything is
 * sent, even with `enforceCapabilities: false`. See docs/architecture.md, "What a protocol
 * plugin must implement".
 */
export interface ProtocolSession {
  /** The address the server assigned (for XMPP, the full JID after bind). */
  readonly address: string;
  /** True when this session continues the previous one (e.g. XEP-0198 resumption). */
  readonly resumed?: boolean;
  /** Liveness hooks; without them the account cannot keep the connection alive or detect it dead. */
  readonly liveness?: SessionLiveness;
  /**
   * What the server announced during login (IRC: the capabilities `CAP` acknowledged). When
   * present, the account narrows its capabilities by it as soon as the session is online,
   * without asking (see `ProfilePlugin.capabilityFeatures`). Undefined: nothing was learned.
   */
  readonly features?: readonly string[] | undefined;
  /** What the next session needs to carry on after this one was lost. */
  continuation?(): SessionContinuation | undefined;
  /**
   * Sends a message whose id the account has set; see {@link SendHandover} for what the result
   * promises. Rejects with a transient error when the connection broke before it took the message.
   */
  sendMessage(message: OutboundMessage & { readonly id: string }): Promise<SendHandover>;
  sendPresence(presence: OutboundPresence): Promise<void>;
  /** Fetches the contact list (capability `roster.read`). */
  getRoster?(): Promise<RosterItem[]>;
  /** Asks to see a contact's presence (capability `subscriptions`). */
  subscribe?(address: string): Promise<void>;
  /** Lets a contact who asked see this account's presence (capability `subscriptions`). */
  approveSubscription?(address: string): Promise<void>;
  /** Refuses a contact's pending request to see this account's presence (`subscriptions`). */
  denySubscription?(address: string): Promise<void>;
  /** Revokes a contact's subscription to this account's presence (`subscriptions`). */
  cancelSubscription?(address: string): Promise<void>;
  /** Stops seeing a contact's presence (capability `subscriptions`). */
  unsubscribe?(address: string): Promise<void>;
  /** Adds or updates a roster item (capability `roster.write`). */
  setContact?(contact: ContactInput): Promise<void>;
  /** Removes a roster item (capability `roster.write`). */
  removeContact?(address: string): Promise<void>;
  /** Fetches a vCard; the account's own when `address` is undefined (capability `vcard.read`). */
  getVCard?(address?: string): Promise<VCard>;
  /** Publishes the account's own vCard (capability `vcard.write`). */
  setVCard?(vcard: VCard): Promise<void>;
  /** Sends a chat state notification without a body (capability `chatStates`). */
  sendChatState?(to: string, state: ChatState): Promise<void>;
  /**
   * Pings the server (or `address`); resolves with the round trip in milliseconds (capability
   * `ping`).
   */
  ping?(address?: string): Promise<number>;
  /**
   * Asks the server what it supports (XMPP: disco#info on the domain); `refreshCapabilities`
   * uses it, else {@link features}.
   */
  serverFeatures?(): Promise<readonly string[]>;
  /**
   * Starts following the presence of `addresses` (capability `watch`; IRC: `MONITOR +`). Called
   * only with addresses the session does not follow yet; what the account watched before the
   * session opened came in {@link SessionRequest.watch}. Presence arrives through
   * {@link SessionSink.presence}.
   */
  watch?(addresses: readonly string[]): Promise<void>;
  /** Stops following the presence of `addresses` (capability `watch`; IRC: `MONITOR -`). */
  unwatch?(addresses: readonly string[]): Promise<void>;
  /**
   * Joins (or, after a reconnect, rejoins) a room (capability `rooms`); resolves once the
   * server confirmed it with the room's occupants and topic. Messages the room replays arrive
   * through {@link SessionSink.message} before it resolves, marked delayed. Rejects with
   * SB_ROOM_JOIN_REFUSED (`details.condition`). When `request.after` is set, the session
   * catches up on what came after that message instead of the room's replay, and replays
   * nothing the account saw. Occupants present at the join come in the result, not as
   * {@link SessionSink.occupant} reports.
   */
  joinRoom?(request: RoomJoinRequest): Promise<RoomState>;
  /** Leaves a joined room (capability `rooms`); resolves once the server confirmed it. */
  leaveRoom?(room: string, reason?: string): Promise<void>;
  /** Sets a joined room's topic (capability `rooms`); rejects when the room does not allow it. */
  setTopic?(room: string, topic: string): Promise<void>;
  /** Invites `address` to a joined room (capability `rooms`). */
  invite?(room: string, address: string, reason?: string): Promise<void>;
  /** Fetches one page of history (capability `history`). */
  history?(request: HistoryRequest): Promise<HistoryPage>;
  /** Tells `to` that the message `id` from it was displayed (capability `readMarkers`). */
  markRead?(to: string, id: string): Promise<void>;
  /** Closes the session cleanly. Idempotent. */
  close(): Promise<void>;
  /**
   * Attaches `extension` to this live session and returns what detaches it. Attaching one that
   * is attached already (e.g. given in the {@link SessionRequest}) returns its detach function.
   * Throws SB_EXTENSION_INVALID or SB_EXTENSION_FAILED when the extension cannot be attached.
   */
  use?(extension: SessionExtension): () => void;
}

/**
 * A protocol plugin preconfigured as a profile. Profiles subclass a protocol's base plugin
 * (e.g. `XmppPlugin`) and override its descriptor.
 */
export interface ProfilePlugin {
  readonly profile: ProfileDescriptor;
  /**
   * Which announced server feature each capability depends on (XMPP: disco#info namespaces;
   * IRC: IRCv3 capabilities). The account turns off a capability whose feature the server did
   * not announce ({@link ProtocolSession.features} or `serverFeatures()`). Without it, the
   * server narrows nothing.
   */
  readonly capabilityFeatures?: CapabilityFeatures;
  /** Connects, secures, authenticates and binds; resolves when the session is online. */
  open(request: SessionRequest): Promise<ProtocolSession>;
  /**
   * Throws SB_ADDRESS_INVALID (with `details.field` set to `field`) unless `address` is a valid
   * address of the protocol. `field` is `'address'` for an account's own address (the
   * configuration's `address`), and names where a contact's address came from otherwise (`'to'`,
   * `'contact'`, `'watch.0'`…): protocols whose account addresses differ from contacts' (IRC:
   * `nick@server` vs a nick) tell them apart by it. Without it, any non-empty address passes.
   */
  checkAddress?(address: string, field: string): void;
  /**
   * Throws SB_ADDRESS_INVALID, SB_CONTENT_INVALID or SB_MESSAGE_TOO_LARGE unless the protocol
   * can carry `message` for this account; called before anything is queued or sent.
   */
  checkMessage?(message: OutboundMessage & { readonly id: string }, config: AccountConfig): void;
  /**
   * Throws SB_EXTENSION_INVALID unless the plugin can attach `extension` to its sessions.
   * Without it, the plugin takes no extensions.
   */
  checkExtension?(extension: SessionExtension): void;
}
