/** The lines a chat sent, by message id, so delivery ticks can say which line they are about. */
const CAPACITY = 500;

export class SentLines {
  readonly #bodies = new Map<string, string>();

  remember(id: string, body: string): void {
    this.#bodies.set(id, body);
    if (this.#bodies.size > CAPACITY) {
      const oldest = this.#bodies.keys().next().value;
      if (oldest !== undefined) this.#bodies.delete(oldest);
    }
  }

  /** The line sent with `id`, while remembered; undefined for messages sent elsewhere. */
  bodyOf(id: string): string | undefined {
    return this.#bodies.get(id);
  }
}
