import { SwitchboardError } from '../../errors/SwitchboardError';
import type { SessionContinuation } from '../../plugins/ProtocolPlugin';
import { backoffDelay, isTransient, type ReconnectOptions } from './ReconnectPolicy';

/** The next reconnect attempt, or why there is none. */
export type NextAttempt =
  | { readonly attempt: number; readonly delayMs: number }
  | { readonly gaveUp: SwitchboardError };

/**
 * An account's way back after losing its session: counts attempts, runs the backoff timer,
 * and keeps what the lost session left for the next one. Inactive until a session is lost.
 */
export class Recovery {
  readonly #options: ReconnectOptions | undefined;
  /** Attempts since the loss (what hosts see, and what `maxAttempts` counts). */
  #attempt = 0;
  /** Failures since the last stable session: the backoff exponent. */
  #failures = 0;
  #since: number | undefined;
  /** When the last session came online; it is stable after `stableAfterMs`. */
  #onlineAt: number | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** What the lost session left (see {@link SessionContinuation}); kept until online again. */
  continuation: SessionContinuation | undefined;

  constructor(options: ReconnectOptions | undefined) {
    this.#options = options;
  }

  /** True from a loss until the account is online again or stops trying. */
  get active(): boolean {
    return this.#since !== undefined;
  }

  /** True when the account reconnects at all. */
  get enabled(): boolean {
    return this.#options !== undefined;
  }

  /** Whether losing a session (or failing an attempt) with `error` is worth another attempt. */
  worthRetrying(error: SwitchboardError | undefined): boolean {
    return this.#options !== undefined && isTransient(error);
  }

  /**
   * Schedules `run` after the next backoff delay; or, past `maxAttempts`, stops and returns
   * SB_RECONNECT_GAVE_UP with `error` as its cause.
   */
  schedule(error: SwitchboardError | undefined, account: string, run: () => void): NextAttempt {
    const options = this.#options;
    if (options === undefined) throw new Error('reconnect is off');
    if (this.#since === undefined) {
      this.#since = Date.now();
      const onlineFor = this.#onlineAt === undefined ? 0 : this.#since - this.#onlineAt;
      if (this.#onlineAt === undefined || onlineFor >= options.stableAfterMs) this.#failures = 0;
    }
    this.#attempt += 1;
    this.#failures += 1;
    if (this.#attempt > options.maxAttempts) {
      this.stop();
      return {
        gaveUp: new SwitchboardError(
          'SB_RECONNECT_GAVE_UP',
          `The account did not get its session back after ${options.maxAttempts} attempts.`,
          {
            details: { account, attempts: options.maxAttempts },
            ...(error === undefined ? {} : { cause: error }),
          },
        ),
      };
    }
    const delayMs = backoffDelay(this.#failures, options);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      run();
    }, delayMs);
    return { attempt: this.#attempt, delayMs };
  }

  /** Cancels a waiting timer (the caller attempts now). */
  hurry(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /**
   * Online again: how many attempts it took and how long the account was down. The backoff
   * keeps growing if this session is lost before it has been up `stableAfterMs`.
   */
  finish(): { attempts: number; downtimeMs: number } | undefined {
    const since = this.#since;
    const attempts = this.#attempt;
    this.#reset();
    this.#onlineAt = Date.now();
    return since === undefined ? undefined : { attempts, downtimeMs: Date.now() - since };
  }

  /** Stops trying and forgets the lost session and the failures before it. */
  stop(): void {
    this.#reset();
    this.#failures = 0;
    this.#onlineAt = undefined;
  }

  #reset(): void {
    this.hurry();
    this.#since = undefined;
    this.#attempt = 0;
    this.continuation = undefined;
  }
}
