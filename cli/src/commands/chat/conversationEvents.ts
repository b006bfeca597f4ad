/**
 * The chat's lines for rooms, messages from the user's other devices and delivery ticks.
 */
import type { Account } from '@switchboard/core';
import {
  formatDelivery,
  formatInbound,
  formatInvitation,
  formatJoined,
  formatOccupant,
  formatOwnMessage,
  formatRoomLeft,
  formatTopic,
} from './formatConversation';
import type { HeldRoomLines } from './HeldRoomLines';
import type { SentLines } from './SentLines';

/** Prints what `account` reports about rooms, other devices and deliveries through `print`. */
export function listenToConversations(
  account: Pick<Account, 'on'>,
  sent: SentLines,
  held: HeldRoomLines,
  print: (line: string) => void,
): void {
  account.on('message', (message) => {
    if (message.type === 'groupchat' && !held.hold(message)) print(formatInbound(message));
  });
  account.on('ownMessage', (message) => print(formatOwnMessage(message)));
  account.on('roomJoined', (room) => {
    for (const line of formatJoined(room)) print(line);
  });
  account.on('roomLeft', (left) => print(formatRoomLeft(left)));
  account.on('occupant', (room, change) => print(formatOccupant(room, change)));
  account.on('topic', (change) => print(formatTopic(change)));
  account.on('invitation', (invitation) => print(formatInvitation(invitation)));
  account.on('delivery', (update) => {
    // Only the lines this chat sent; the others are not on the screen.
    const body = sent.bodyOf(update.id);
    if (body !== undefined) print(formatDelivery(update, body));
  });
}
