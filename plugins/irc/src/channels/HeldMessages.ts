/**
 * Messages a lost session had taken for a channel and never written: the next session keeps
 * them until it has joined the channel again (a line sent before the `JOIN` would be refused),
 * then sends them ahead of anything newer.
 */
import type { OutboundLine } from '../session/OutboundMessages';

/** One held message. */
export interface HeldMessage {
  readonly id: string;
  readonly lines: OutboundLine[];
}

/** Held messages by folded channel name, oldest first. */
export class HeldMessages {
  readonly #byChannel = new Map<string, HeldMessage[]>();
  #expiry: NodeJS.Timeout | undefined;

  /**
   * After `ms`, gives up the messages of every channel `waiting` says no join is pending for
   * (the host left it while offline, so nothing will rejoin it): `expired` refuses them. Once
   * per session; a later call while the timer runs does nothing.
   */
  expireAfter(ms: number, waiting: (key: string) => boolean, expired: (key: string) => void): void {
    if (this.#expiry !== undefined) return;
    this.#expiry = setTimeout(() => {
      for (const key of [...this.#byChannel.keys()]) if (!waiting(key)) expired(key);
    }, ms);
    this.#expiry.unref?.();
  }

  /** Holds `message` for channel `key`. */
  hold(key: string, message: HeldMessage): void {
    const list = this.#byChannel.get(key) ?? [];
    list.push(message);
    this.#byChannel.set(key, list);
  }

  /** The messages held for `key`, no longer held. */
  release(key: string): HeldMessage[] {
    const list = this.#byChannel.get(key) ?? [];
    this.#byChannel.delete(key);
    return list;
  }

  /** Every held message, no longer held (the session is gone: the next one gets them). */
  releaseAll(): HeldMessage[] {
    clearTimeout(this.#expiry);
    const all = [...this.#byChannel.values()].flat();
    this.#byChannel.clear();
    return all;
  }
}
