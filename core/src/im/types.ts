/**
 * Protocol-agnostic instant-messaging shapes that accounts emit and accept.
 * Addresses are strings in the protocol's own form (for XMPP, a JID).
 */
import type { SwitchboardError } from '../errors/SwitchboardError';

/** Message types, after RFC 6121. */
export type MessageType = 'chat' | 'normal' | 'groupchat' | 'headline' | 'error';

/** Chat states (XEP-0085). */
export type ChatState = 'active' | 'composing' | 'paused' | 'inactive' | 'gone';

/** When and by whom a message was delayed, e.g. stored while offline (XEP-0203). */
export interface Delay {
  /** When the message was originally sent. */
  readonly stamp: Date;
  /** Who delayed it (often the server). */
  readonly from?: string;
  readonly reason?: string;
}

/** A message received by an account. */
export interface InboundMessage {
  readonly id?: string;
  readonly from: string;
  readonly to?: string;
  readonly type: MessageType;
  readonly body: string;
  readonly thread?: string;
  /** The sender's chat state sent along with the message. */
  readonly chatState?: ChatState;
  /** Set when the message was delayed (offline storage, history). */
  readonly delay?: Delay;
  /** For `groupchat`: the sender's nick in the room; `from` is then the room's address. */
  readonly nick?: string;
  /**
   * The server archive's stable id for the message (XMPP: XEP-0359 `<stanza-id/>` set by the
   * archive; IRC: the `msgid` tag), when the server archives messages: the key for history
   * paging (`Account.history`) and for recognising a message seen twice.
   */
  readonly archiveId?: string;
}

/** A chat state notification without a message body (e.g. "typing"). */
export interface ChatStateUpdate {
  readonly from: string;
  readonly state: ChatState;
  /** Set when the notification was delayed (stored and delivered later): not a live state. */
  readonly delay?: Delay;
}

/** The vCard fields Switchboard reads and writes (XEP-0054). */
export interface VCard {
  readonly fullName?: string;
  readonly nickname?: string;
  readonly email?: string;
  readonly url?: string;
  readonly note?: string;
}

/** A contact to add or update in the roster. */
export interface ContactInput {
  readonly address: string;
  readonly name?: string;
  readonly groups?: readonly string[];
}

/** A message to send. */
export interface OutboundMessage {
  readonly to: string;
  readonly body: string;
  /** Default `'chat'`. */
  readonly type?: MessageType;
  readonly id?: string;
  readonly thread?: string;
  /** A chat state to send along (XEP-0085); default `'active'` when chat states are supported. */
  readonly chatState?: ChatState;
  /**
   * Ask the recipient's client to confirm receipt and display (XEP-0184 and XEP-0333), which
   * then arrive as `delivery` events. Default: true for `chat` messages when the account has the
   * `receipts` capability; ignored without it.
   */
  readonly requestReceipt?: boolean;
}

/**
 * How a sent message settled. The promise of `sendMessage` resolves with it once the server
 * confirmed the message (`acknowledged: true`, XMPP stream management), or once it was written
 * to a connection that cannot confirm anything (`acknowledged: false`).
 */
export interface SendResult {
  /** The message's id: the one it was given, or the one the account generated. */
  readonly id: string;
  /**
   * True when the server confirmed it has the message (it then delivers it, stores it for an
   * offline recipient, or returns it as a bounce). False when it was only written: without stream
   * management nothing more is known.
   */
  readonly acknowledged: boolean;
}

/** A message a server returned as undeliverable (RFC 6120 §8.3; IRC: an error numeric). */
export interface BouncedMessage {
  /** The id of the message that bounced, when the error carried it. */
  readonly id?: string;
  /** Where the message was sent; the error's sender when the message is not known. */
  readonly to: string;
  /** SB_MESSAGE_BOUNCED with `details.condition` (e.g. `service-unavailable`) and `text`. */
  readonly error: SwitchboardError;
}

/** Availability, after RFC 6121 `<show/>`; `'offline'` means unavailable. */
export type Availability = 'available' | 'away' | 'chat' | 'dnd' | 'xa' | 'offline';

/** A presence update received by an account. */
export interface PresenceUpdate {
  readonly from: string;
  readonly availability: Availability;
  readonly status?: string;
  readonly priority?: number;
}

/** The account's own presence to broadcast, or to send to one address (directed presence). */
export interface OutboundPresence {
  /** Send to this address only; default: broadcast to subscribers. */
  readonly to?: string;
  /** Default `'available'`. */
  readonly availability?: Exclude<Availability, 'offline'>;
  readonly status?: string;
  readonly priority?: number;
}

/** Subscription state of a roster item, after RFC 6121. */
export type Subscription = 'none' | 'to' | 'from' | 'both' | 'remove';

/** One contact in the roster. */
export interface RosterItem {
  readonly address: string;
  readonly name?: string;
  readonly subscription: Subscription;
  readonly groups: readonly string[];
  /** True while a subscription request is pending (`ask='subscribe'`). */
  readonly pending?: boolean;
}

/** A presence subscription request or answer from a contact (RFC 6121 §3). */
export interface SubscriptionUpdate {
  readonly from: string;
  readonly type: 'subscribe' | 'subscribed' | 'unsubscribe' | 'unsubscribed';
}
