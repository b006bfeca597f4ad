/** How many sent message ids an account remembers for matching bounces. */
const CAPACITY = 1_000;

/**
 * Where recent messages went, by id: a bounce names the message's id, and the host wants to
 * know which conversation it belongs to. Bounded; the oldest entries go first.
 */
export class SentLog {
  readonly #to = new Map<string, string>();

  remember(id: string, to: string): void {
    this.#to.delete(id);
    this.#to.set(id, to);
    if (this.#to.size > CAPACITY) {
      const oldest = this.#to.keys().next().value;
      if (oldest !== undefined) this.#to.delete(oldest);
    }
  }

  /** Where the message with `id` was sent, if it is still remembered. */
  recipientOf(id: string | undefined): string | undefined {
    return id === undefined ? undefined : this.#to.get(id);
  }
}
