import type { Account, AccountEvents } from '@switchboard/core';

/** The account events the kit records. */
type Recorded =
  | 'state'
  | 'mechanism'
  | 'message'
  | 'chatState'
  | 'presence'
  | 'subscription'
  | 'roster'
  | 'reconnected'
  | 'delivery'
  | 'ownMessage'
  | 'roomJoined'
  | 'roomLeft'
  | 'topic'
  | 'invitation';

/** The first argument of event `K`. */
type Payload<K extends Recorded> = Parameters<AccountEvents[K]>[0];

const RECORDED: readonly Recorded[] = [
  'state',
  'mechanism',
  'message',
  'chatState',
  'presence',
  'subscription',
  'roster',
  'reconnected',
  'delivery',
  'ownMessage',
  'roomJoined',
  'roomLeft',
  'topic',
  'invitation',
];

/** Thrown by {@link AccountRecorder.waitFor} once the recorder's abort signal fired. */
export class RecorderAborted extends Error {
  constructor() {
    super('Stopped waiting: aborted.');
    this.name = 'RecorderAborted';
  }
}

/**
 * Records an account's events from the moment it is attached, so that a test (or a host such as
 * the CLI demo) can wait for an event that may already have happened (no race between acting and
 * listening).
 */
export class AccountRecorder {
  readonly #seen: { [K in Recorded]: Payload<K>[] } = {
    state: [],
    mechanism: [],
    message: [],
    chatState: [],
    presence: [],
    subscription: [],
    roster: [],
    reconnected: [],
    delivery: [],
    ownMessage: [],
    roomJoined: [],
    roomLeft: [],
    topic: [],
    invitation: [],
  };
  readonly #timeoutMs: number;
  readonly #signal: AbortSignal | undefined;
  readonly #wakers = new Set<() => void>();

  /** Waits time out after `timeoutMs` (default 10 s) and stop with RecorderAborted on `signal`. */
  constructor(account: Account, timeoutMs = 10_000, signal?: AbortSignal) {
    this.#timeoutMs = timeoutMs;
    this.#signal = signal;
    signal?.addEventListener('abort', () => {
      for (const wake of this.#wakers) wake();
    });
    for (const name of RECORDED) {
      const record = (payload: unknown): void => {
        (this.#seen[name] as unknown[]).push(payload);
        for (const wake of this.#wakers) wake();
      };
      // One listener for events of different signatures: each records its first argument.
      account.on(name, record as never);
    }
  }

  /** Everything recorded of one event, in order. */
  all<K extends Recorded>(name: K): readonly Payload<K>[] {
    return this.#seen[name];
  }

  /**
   * The first `name` event so far or from now on that `match` accepts; rejects after the
   * timeout (the recorder's, or `timeoutMs`), or with RecorderAborted once the signal fired.
   */
  async waitFor<K extends Recorded>(
    name: K,
    match: (payload: Payload<K>) => boolean,
    what: string,
    timeoutMs = this.#timeoutMs,
  ): Promise<Payload<K>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.#signal?.aborted === true) throw new RecorderAborted();
      const found = (this.#seen[name] as Payload<K>[]).find(match);
      if (found !== undefined) return found;
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(
          `The account got no ${what}; its ${name} events: ${JSON.stringify(this.#seen[name])}.`,
        );
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
