import type { Element } from '@xmpp/xml';

/** How many message keys are remembered. */
const CAPACITY = 2_000;

/** The sender's bare address (without the resource, which changes between sessions). */
function bare(address: string): string {
  const slash = address.indexOf('/');
  return slash < 0 ? address : address.slice(0, slash);
}

/**
 * Remembers which messages arrived (sender's bare JID + message id), so a message the sender
 * sent again after losing its session, or a server redelivered from offline storage, reaches
 * the host once. Messages without an id cannot be recognised and always pass.
 */
export class RecentMessages {
  readonly #keys: Set<string>;

  constructor(seen: readonly string[] = []) {
    this.#keys = new Set(seen.slice(-CAPACITY));
  }

  /** True the first time a message is seen; false for a repeat. */
  firstTime(stanza: Element): boolean {
    const { id, from } = stanza.attrs;
    if (id === undefined || id === '' || from === undefined) return true;
    const key = `${bare(from)} ${id}`;
    if (this.#keys.has(key)) return false;
    this.#keys.add(key);
    if (this.#keys.size > CAPACITY) {
      const oldest = this.#keys.values().next().value;
      if (oldest !== undefined) this.#keys.delete(oldest);
    }
    return true;
  }

  /**
   * Remembers a message this account sent to `to` (a room: its reflection or archived copy is
   * then recognised, in this session or a later one).
   */
  remember(to: string, id: string): void {
    this.#keys.add(`${bare(to)} ${id}`);
    if (this.#keys.size > CAPACITY) {
      const oldest = this.#keys.values().next().value;
      if (oldest !== undefined) this.#keys.delete(oldest);
    }
  }

  /** True when the message `id` from (or sent to) `address` is remembered. */
  has(address: string, id: string): boolean {
    return this.#keys.has(`${bare(address)} ${id}`);
  }

  /** The remembered keys, oldest first. */
  keys(): string[] {
    return [...this.#keys];
  }
}
