import type { InboundMessage } from '@switchboard/core';

/**
 * Room messages that arrive while `/join` is fetching the room's recent history: printed after
 * the history (and only those the history did not show), so the screen reads in order and
 * nothing twice.
 */
export class HeldRoomLines {
  readonly #rooms = new Map<string, InboundMessage[]>();

  /** Holds the messages of `room` from now on. */
  start(room: string): void {
    this.#rooms.set(room, []);
  }

  /** True when `message` is held (its room is loading): the caller does not print it now. */
  hold(message: InboundMessage): boolean {
    const held = message.type === 'groupchat' ? this.#rooms.get(message.from) : undefined;
    held?.push(message);
    return held !== undefined;
  }

  /** Stops holding `room`'s messages; returns those held, oldest first. */
  finish(room: string): InboundMessage[] {
    const held = this.#rooms.get(room) ?? [];
    this.#rooms.delete(room);
    return held;
  }
}
