/**
 * The lines of a connection during registration, awaited one condition at a time with a
 * deadline and the login's abort signal. Lines nobody waits for are kept (boundedly) in order.
 */
import { SwitchboardError } from '@switchboard/core';
import type { IrcMessage } from '../wire/IrcMessage';

interface Waiter {
  readonly accept: (message: IrcMessage) => boolean;
  readonly resolve: (message: IrcMessage) => void;
  readonly reject: (error: SwitchboardError) => void;
}

/** Lines kept while nobody waits: registration is short, a flood of them is refused. */
const MAX_HELD = 1_000;

/** Received lines, to be taken by {@link Inbox.next} in order. */
export class Inbox {
  readonly #held: IrcMessage[] = [];
  #waiter: Waiter | undefined;
  #failure: SwitchboardError | undefined;

  /** Hands a received line to the waiter, or keeps it. */
  push(message: IrcMessage): void {
    const waiter = this.#waiter;
    if (waiter?.accept(message) === true) {
      this.#waiter = undefined;
      waiter.resolve(message);
      return;
    }
    if (this.#held.length >= MAX_HELD) {
      this.fail(
        new SwitchboardError(
          'SB_IRC_MALFORMED',
          'The IRC server sent too many lines during registration; the connection is closed.',
          { details: { reason: 'registration-flood', limit: MAX_HELD } },
        ),
      );
      return;
    }
    this.#held.push(message);
  }

  /** Ends every wait (now and later) with `error`. */
  fail(error: SwitchboardError): void {
    this.#failure ??= error;
    const waiter = this.#waiter;
    this.#waiter = undefined;
    waiter?.reject(this.#failure);
  }

  /** The next line `accept` takes (lines it skips are dropped). */
  next(accept: (message: IrcMessage) => boolean): Promise<IrcMessage> {
    if (this.#failure !== undefined) return Promise.reject(this.#failure);
    while (this.#held.length > 0) {
      const message = this.#held.shift() as IrcMessage;
      if (accept(message)) return Promise.resolve(message);
    }
    return new Promise<IrcMessage>((resolve, reject) => {
      this.#waiter = { accept, resolve, reject };
    });
  }
}
