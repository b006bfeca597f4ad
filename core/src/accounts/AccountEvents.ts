import type { ReauthReason } from '../credentials/CredentialService';
import type { SwitchboardError } from '../errors/SwitchboardError';
import type { DeliveryUpdate, OwnMessage } from '../im/delivery';
import type { Invitation, OccupantChange, RoomLeft, RoomState, TopicChange } from '../im/rooms';
import type {
  BouncedMessage,
  ChatStateUpdate,
  InboundMessage,
  PresenceUpdate,
  RosterItem,
  SubscriptionUpdate,
} from '../im/types';
import type { LoginFraming } from '../plugins/LoginFraming';
import type { SelectionTraceEntry } from '../sasl/selection';
import type { AccountState } from './AccountState';

/** A state change of an account. */
export interface StateChange {
  readonly from: AccountState;
  readonly to: AccountState;
  /** Set when the change was caused by an error (`failed`, `disconnected`). */
  readonly error?: SwitchboardError;
}

/** A reconnect attempt was scheduled after the session was lost or an attempt failed. */
export interface ReconnectingInfo {
  /** 1 for the first attempt after the loss. */
  readonly attempt: number;
  /** How long the account waits before this attempt, in ms (backoff with jitter). */
  readonly delayMs: number;
  /** Why the session was lost or the previous attempt failed. */
  readonly error?: SwitchboardError;
}

/** The account is online again after losing its session. */
export interface ReconnectedInfo {
  /** How many attempts it took. */
  readonly attempts: number;
  /** From the loss to online again, in ms. */
  readonly downtimeMs: number;
  /**
   * True when the server resumed the previous session (XEP-0198): nothing it held was lost.
   * False when a fresh session was started: what the server never acknowledged was sent again.
   */
  readonly resumed: boolean;
}

/**
 * The events of an {@link Account}. Payloads never contain credentials.
 */
export interface AccountEvents {
  /** Every state transition. */
  state: (change: StateChange) => void;
  /** The account is online with the address the server assigned. */
  online: (address: string) => void;
  /**
   * The SASL mechanism chosen for this login, with why each other offered one was skipped, and
   * (XMPP) the framing: SASL2 or classic SASL, a FAST token or not, and why.
   */
  mechanism: (
    mechanism: string,
    trace: readonly SelectionTraceEntry[],
    framing?: LoginFraming,
  ) => void;
  /** A message arrived. */
  message: (message: InboundMessage) => void;
  /** A contact is typing, paused, left, ... (XEP-0085), without a message body. */
  chatState: (update: ChatStateUpdate) => void;
  /** A contact's presence changed. */
  presence: (presence: PresenceUpdate) => void;
  /** A contact asked to subscribe to this account's presence, or answered its request. */
  subscription: (update: SubscriptionUpdate) => void;
  /**
   * The server changed one roster item (RFC 6121 §2.1.6 roster push): a contact was added or
   * updated (by this or another of the user's clients, or by a subscription change), or removed
   * (`subscription: 'remove'`).
   */
  roster: (item: RosterItem) => void;
  /**
   * A server returned a message as undeliverable (the recipient does not exist, its server
   * cannot be reached, …). `id` ties it to the {@link SendResult} of `sendMessage`; the bounce
   * may come before or after that promise settled.
   */
  bounced: (bounce: BouncedMessage) => void;
  /**
   * The account's OAuth2 tokens can no longer be renewed; `reason` tells an expired token
   * without a refresh token (`expired`) from a revoked grant (`revoked`) and a token the server
   * refused with no fresher one to try (`rejected`). Store new tokens and connect again.
   */
  reauthRequired: (reason: ReauthReason, error: SwitchboardError) => void;
  /** The session was lost (or a reconnect attempt failed); another attempt follows. */
  reconnecting: (info: ReconnectingInfo) => void;
  /** Online again after a loss (also announced by `online`). */
  reconnected: (info: ReconnectedInfo) => void;
  /**
   * One step in the life of a message this account sent: `accepted` by the server, `delivered`
   * to the recipient, `read`, or `failed` (see {@link DeliveryUpdate}).
   */
  delivery: (update: DeliveryUpdate) => void;
  /** The user sent a message from another device or client (XMPP carbons; IRC multi-client). */
  ownMessage: (message: OwnMessage) => void;
  /**
   * The account is in a room: after `joinRoom`, and again after each rejoin that follows a
   * reconnect (with what it caught up on delivered as `message` events before).
   */
  roomJoined: (room: RoomState) => void;
  /** The account is no longer in a room: it left, was removed, or a rejoin failed. */
  roomLeft: (left: RoomLeft) => void;
  /** Someone joined, left (kicked, banned …), changed rank or nick in a joined room. */
  occupant: (room: string, change: OccupantChange) => void;
  /** A joined room's topic, on joining and whenever it changes. */
  topic: (change: TopicChange) => void;
  /** Someone invited this account to a room; `joinRoom` accepts. */
  invitation: (invitation: Invitation) => void;
  /** A coded error that did not come from a call the host is awaiting. */
  error: (error: SwitchboardError) => void;
}
