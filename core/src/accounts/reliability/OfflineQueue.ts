import { SwitchboardError } from '../../errors/SwitchboardError';
import type { OutboundMessage } from '../../im/types';

interface Queued {
  readonly message: OutboundMessage;
  readonly resolve: () => void;
  readonly reject: (error: SwitchboardError) => void;
}

/**
 * Messages the host sent while the account was reconnecting. They are sent in order, once,
 * when the account is online again; each caller's promise settles when its message was written
 * (or abandoned).
 */
export class OfflineQueue {
  readonly #limit: number;
  readonly #items: Queued[] = [];
  readonly #drainWaiters: Array<() => void> = [];
  #flushing = false;

  constructor(limit: number) {
    this.#limit = limit;
  }

  /** How many messages wait. */
  get size(): number {
    return this.#items.length;
  }

  /** Resolves once no message waits (at once when none does). */
  drained(): Promise<void> {
    if (this.#items.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.#drainWaiters.push(resolve));
  }

  /** Queues a message; rejects with SB_SEND_ABANDONED at once when the queue is full. */
  add(message: OutboundMessage): Promise<void> {
    if (this.#items.length >= this.#limit) {
      return Promise.reject(
        new SwitchboardError(
          'SB_SEND_ABANDONED',
          `${this.#limit} messages already wait for the account to reconnect.`,
          { details: { reason: 'queue-full', limit: this.#limit } },
        ),
      );
    }
    return new Promise<void>((resolve, reject) => {
      this.#items.push({ message, resolve, reject });
    });
  }

  /**
   * Sends the queued messages in order with `send`. Stops at the first failure and keeps that
   * message and the rest for the next flush (the session is gone; the account reconnects).
   */
  async flush(send: (message: OutboundMessage) => Promise<void>): Promise<void> {
    if (this.#flushing) return;
    this.#flushing = true;
    try {
      for (let next = this.#items[0]; next !== undefined; next = this.#items[0]) {
        await send(next.message);
        this.#items.shift();
        next.resolve();
      }
      this.#settleDrained();
    } catch {
      // Left in the queue: the next session sends it.
    } finally {
      this.#flushing = false;
    }
  }

  /** Rejects every queued message with SB_SEND_ABANDONED and `reason`. */
  abandon(reason: string, cause?: SwitchboardError): void {
    for (const item of this.#items.splice(0)) {
      item.reject(
        new SwitchboardError(
          'SB_SEND_ABANDONED',
          `The message to ${item.message.to} was not sent: the account ${reason}.`,
          { details: { reason, to: item.message.to }, ...(cause === undefined ? {} : { cause }) },
        ),
      );
    }
    this.#settleDrained();
  }

  #settleDrained(): void {
    if (this.#items.length > 0) return;
    for (const resolve of this.#drainWaiters.splice(0)) resolve();
  }
}
