/** The last `limit` message ids seen, to recognise a repeated message in constant memory. */
export class RecentIds {
  readonly #ids = new Set<string>();

  constructor(
    initial: readonly string[] = [],
    private readonly limit = 500,
  ) {
    for (const id of initial) this.add(id);
  }

  /** True when `id` was seen already; remembers it otherwise. */
  seen(id: string): boolean {
    if (this.#ids.has(id)) return true;
    this.add(id);
    return false;
  }

  add(id: string): void {
    this.#ids.add(id);
    if (this.#ids.size > this.limit) {
      const oldest = this.#ids.values().next().value;
      if (oldest !== undefined) this.#ids.delete(oldest);
    }
  }

  list(): string[] {
    return [...this.#ids];
  }
}
