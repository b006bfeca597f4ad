import type { EventEmitter } from 'eventemitter3';
import type { AccountEvents } from './AccountEvents';
import type { Deliveries } from './Deliveries';
import type { EventSink } from './eventSink';
import type { RoomList } from './RoomList';
import type { MessageSender } from './reliability/MessageSender';

/**
 * The session reports an account keeps track of before emitting them: room messages move the
 * catch-up point, occupant and topic reports update the room, receipts become delivery states
 * (only for ids this account sent; the plugin checks that a receipt came from the recipient),
 * and bounces fail the message's delivery.
 */
export function conversationReports(
  account: EventEmitter<AccountEvents>,
  rooms: () => RoomList,
  deliveries: Deliveries,
  sender: () => MessageSender,
): Partial<EventSink> {
  return {
    message: (message) => {
      rooms().saw(message);
      account.emit('message', message);
    },
    occupant: (room, change) => rooms().occupant(room, change),
    topic: (change) => rooms().topic(change),
    roomLeft: (left) => rooms().removed(left),
    invitation: (invitation) => account.emit('invitation', invitation),
    ownMessage: (message) => account.emit('ownMessage', message),
    receipt: ({ id, state }) => {
      const to = sender().recipientOf(id);
      if (to !== undefined) deliveries.update(id, to, state);
    },
    bounced: (reported) => {
      const bounce = sender().bounce(reported);
      account.emit('bounced', bounce);
      if (bounce.id !== undefined) deliveries.update(bounce.id, bounce.to, 'failed', bounce.error);
    },
  };
}
