import { SwitchboardError } from '@switchboard/core';

interface Waiter {
  readonly h: number;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

/** Promises that resolve once the server's acknowledged count reaches a value (XEP-0198 `h`). */
export class AckWaiters {
  #waiters: Waiter[] = [];

  /** Resolves once {@link acknowledged} reports at least `h`; rejects after `timeoutMs`. */
  until(h: number, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters = this.#waiters.filter((w) => w.timer !== timer);
        reject(
          new SwitchboardError(
            'SB_TIMEOUT',
            `The server did not acknowledge a stanza within ${timeoutMs} ms.`,
          ),
        );
      }, timeoutMs);
      this.#waiters.push({ h, resolve, reject, timer });
    });
  }

  /** The server has acknowledged `h` stanzas in total. */
  acknowledged(h: number): void {
    if (this.#waiters.length === 0) return;
    const keep: Waiter[] = [];
    for (const waiter of this.#waiters) {
      if (waiter.h > h) {
        keep.push(waiter);
        continue;
      }
      clearTimeout(waiter.timer);
      waiter.resolve();
    }
    this.#waiters = keep;
  }

  /** The stream ended: every waiter fails with `error`. */
  fail(error: unknown): void {
    for (const waiter of this.#waiters.splice(0)) {
      clearTimeout(waiter.timer);
      waiter.reject(error);
    }
  }
}
