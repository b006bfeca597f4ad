import type { Account, AccountEvents } from '@switchboard/core';
import { DemoError, DemoInterrupted } from './DemoError';

/** The account events the demo waits for. */
type Logged = 'message' | 'chatState' | 'presence' | 'subscription' | 'reconnected';

/** The first argument of event `K`. */
type Payload<K extends Logged> = Parameters<AccountEvents[K]>[0];

const LOGGED: readonly Logged[] = [
  'message',
  'chatState',
  'presence',
  'subscription',
  'reconnected',
];

const DEFAULT_WAIT_MS = 5_000;

/**
 * Keeps an account's events from the moment it is created, so the demo can wait for an event
 * that may already have happened (no race between acting and listening).
 */
export class AccountLog {
  readonly #seen: { [K in Logged]: Payload<K>[] } = {
    message: [],
    chatState: [],
    presence: [],
    subscription: [],
    reconnected: [],
  };
  readonly #wakers = new Set<() => void>();
  readonly #network: string;
  readonly #signal: AbortSignal | undefined;

  /** Waits give up with {@link DemoInterrupted} once `signal` is aborted. */
  constructor(account: Account, network: string, signal?: AbortSignal) {
    this.#network = network;
    this.#signal = signal;
    signal?.addEventListener('abort', () => {
      for (const wake of this.#wakers) wake();
    });
    for (const name of LOGGED) {
      const record = (payload: unknown): void => {
        (this.#seen[name] as unknown[]).push(payload);
        for (const wake of this.#wakers) wake();
      };
      account.on(name, record as never);
    }
  }

  /** Everything logged of one event, in order. */
  all<K extends Logged>(name: K): readonly Payload<K>[] {
    return this.#seen[name];
  }

  /**
   * The first `name` event so far or from now on that `match` accepts; rejects with a
   * {@link DemoError} naming `what` after `timeoutMs`.
   */
  async waitFor<K extends Logged>(
    name: K,
    match: (payload: Payload<K>) => boolean,
    what: string,
    timeoutMs = DEFAULT_WAIT_MS,
  ): Promise<Payload<K>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.#signal?.aborted === true) throw new DemoInterrupted();
      const found = (this.#seen[name] as Payload<K>[]).find(match);
      if (found !== undefined) return found;
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new DemoError(`${this.#network} got no ${what} within ${timeoutMs / 1000} s.`);
      }
      await new Promise<void>((resolve) => {
        const done = (): void => {
          clearTimeout(timer);
          this.#wakers.delete(done);
          resolve();
        };
        const timer = setTimeout(done, left);
        this.#wakers.add(done);
      });
    }
  }
}
