/**
 * Where each message that asked for a receipt went (its id and the recipient's bare JID), so a
 * receipt or marker is only believed from the address the message was sent to: anyone can send
 * a `<received id='…'/>` naming an id they saw or guessed.
 */
import { bareOf } from './carbons';

/** How many sent messages are remembered. */
const CAPACITY = 1_000;

/** See the module header. Bounded: the oldest ids go first. */
export class SentReceipts {
  readonly #sent: Map<string, string>;

  /** `previous`: what the account's previous session remembered (`entries()`). */
  constructor(previous: readonly (readonly [string, string])[] = []) {
    this.#sent = new Map(previous.slice(-CAPACITY));
  }

  /** Remembers that message `id` went to `to`. */
  sent(id: string, to: string): void {
    this.#sent.delete(id);
    this.#sent.set(id, bareOf(to));
    if (this.#sent.size > CAPACITY) {
      const oldest = this.#sent.keys().next().value;
      if (oldest !== undefined) this.#sent.delete(oldest);
    }
  }

  /** True when message `id` was sent to the bare JID of `from`. */
  from(id: string, from: string): boolean {
    return this.#sent.get(id) === bareOf(from);
  }

  /** The remembered messages, oldest first, for the next session. */
  entries(): [string, string][] {
    return [...this.#sent];
  }
}
