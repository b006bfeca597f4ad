import type { Account, AccountEvents } from '@switchboard/core';
import { AccountRecorder, RecorderAborted } from '@switchboard/testing';
import { DemoError, DemoInterrupted } from './DemoError';

/** The account events the demo waits for. */
type Logged =
  | 'message'
  | 'chatState'
  | 'presence'
  | 'subscription'
  | 'reconnected'
  | 'delivery'
  | 'roomJoined';

/** The first argument of event `K`. */
type Payload<K extends Logged> = Parameters<AccountEvents[K]>[0];

const DEFAULT_WAIT_MS = 5_000;

/**
 * An account's events since it was created (the testing kit's recorder), with the demo's
 * errors: a wait that times out is a {@link DemoError} naming the network, one cut short by
 * Ctrl-C is {@link DemoInterrupted}.
 */
export class AccountLog {
  readonly #recorder: AccountRecorder;
  readonly #network: string;

  constructor(account: Account, network: string, signal?: AbortSignal) {
    this.#recorder = new AccountRecorder(account, DEFAULT_WAIT_MS, signal);
    this.#network = network;
  }

  /** Everything logged of one event, in order. */
  all<K extends Logged>(name: K): readonly Payload<K>[] {
    return this.#recorder.all(name);
  }

  /** The first `name` event so far or from now on that `match` accepts. */
  async waitFor<K extends Logged>(
    name: K,
    match: (payload: Payload<K>) => boolean,
    what: string,
    timeoutMs = DEFAULT_WAIT_MS,
  ): Promise<Payload<K>> {
    try {
      return await this.#recorder.waitFor(name, match, what, timeoutMs);
    } catch (error) {
      if (error instanceof RecorderAborted) throw new DemoInterrupted();
      throw new DemoError(`${this.#network} got no ${what} within ${timeoutMs / 1000} s.`);
    }
  }
}
