/**
 * What the account knows about each message after sending it, and the messages the same user
 * sent from another device. See docs/conversations.md, "Delivery states".
 */
import type { SwitchboardError } from '../errors/SwitchboardError';
import type { Delay, MessageType } from './types';

/**
 * A message's delivery state, in the order they can happen:
 * - `accepted`: the server took it (XMPP stream management ack; IRC `echo-message`);
 * - `delivered`: the recipient's client has it (XMPP receipts, XEP-0184; a room reflected it
 *   back, XEP-0045);
 * - `read`: the recipient displayed it (XMPP chat markers, XEP-0333 `displayed`);
 * - `failed`: it bounced or was refused; `error` says why.
 * A state is reported once per message; `delivered` and `read` may come long after the send
 * settled, or never (the recipient's client does not answer).
 */
export type DeliveryState = 'accepted' | 'delivered' | 'read' | 'failed';

/** One step in a sent message's life (the `delivery` event). */
export interface DeliveryUpdate {
  /** The id `sendMessage` resolved with. */
  readonly id: string;
  /** The address it was sent to. */
  readonly to: string;
  readonly state: DeliveryState;
  /** Set for `failed`: SB_MESSAGE_BOUNCED, SB_MESSAGE_REFUSED, SB_SEND_ABANDONED … */
  readonly error?: SwitchboardError;
}

/**
 * A message this account's user sent from another device or client (XMPP Message Carbons,
 * XEP-0280; IRC: the server relays it to the account's other connections). Never a message
 * this account sent itself.
 */
export interface OwnMessage {
  readonly id?: string;
  /** Where it was sent: a contact or a room. */
  readonly to: string;
  /** The sending device's address, when known (XMPP full JID). */
  readonly from?: string;
  readonly type: MessageType;
  readonly body: string;
  readonly thread?: string;
  /** The archive's id for it, when the server archives messages. */
  readonly archiveId?: string;
  readonly delay?: Delay;
}

/** A receipt or chat marker from a recipient, as a session reports it. */
export interface SessionReceipt {
  /** The id of the message it refers to. */
  readonly id: string;
  /** Who sent the receipt (the recipient, or the room). */
  readonly from: string;
  readonly state: 'delivered' | 'read';
}
