/**
 * PINGs the session sends to prove the link (liveness probes, `ping()`), each with its own token,
 * settled by the PONG that echoes it.
 */
import { SwitchboardError } from '@switchboard/core';

interface Waiting {
  readonly resolve: () => void;
  readonly reject: (error: SwitchboardError) => void;
  readonly timer: NodeJS.Timeout;
}

/** Outstanding pings by token. */
export class Pings {
  readonly #waiting = new Map<string, Waiting>();
  #next = 0;

  constructor(private readonly send: (token: string) => Promise<void>) {}

  /** Sends a PING and resolves on its PONG; SB_TIMEOUT after `timeoutMs`. */
  ping(timeoutMs: number): Promise<void> {
    const token = `sb-ping-${++this.#next}`;
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiting.delete(token);
        reject(
          new SwitchboardError('SB_TIMEOUT', 'The IRC server did not answer a PING in time.', {
            details: { timeoutMs },
          }),
        );
      }, timeoutMs);
      this.#waiting.set(token, { resolve, reject, timer });
      this.send(token).catch((error: unknown) => {
        this.#settle(token)?.reject(
          SwitchboardError.is(error)
            ? error
            : new SwitchboardError('SB_CONNECTION_CLOSED', undefined, { cause: error }),
        );
      });
    });
  }

  /** A PONG with `token` arrived. */
  pong(token: string): void {
    this.#settle(token)?.resolve();
  }

  /** Rejects every outstanding ping. */
  fail(error: SwitchboardError): void {
    for (const token of [...this.#waiting.keys()]) this.#settle(token)?.reject(error);
  }

  #settle(token: string): Waiting | undefined {
    const waiting = this.#waiting.get(token);
    if (waiting === undefined) return undefined;
    this.#waiting.delete(token);
    clearTimeout(waiting.timer);
    return waiting;
  }
}
