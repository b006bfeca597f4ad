/**
 * Protocol-agnostic instant-messaging shapes that accounts emit and accept.
 * Addresses are strings in the protocol's own form (for XMPP, a JID).
 */

/** Message types, after RFC 6121. */
export type MessageType = 'chat' | 'normal' | 'groupchat' | 'headline' | 'error';

/** A message received by an account. */
export interface InboundMessage {
  readonly id?: string;
  readonly from: string;
  readonly to?: string;
  readonly type: MessageType;
  readonly body: string;
  readonly thread?: string;
}

/** A message to send. */
export interface OutboundMessage {
  readonly to: string;
  readonly body: string;
  /** Default `'chat'`. */
  readonly type?: MessageType;
  readonly id?: string;
  readonly thread?: string;
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
