/**
 * Outbound flood control: a token bucket. Servers disconnect a client that sends faster than
 * they allow ("Excess Flood"); a burst of `capacity` lines goes out at once, then one line every
 * `refillMs`.
 */

/** Options for {@link TokenBucket}. */
export interface TokenBucketOptions {
  /** Lines that may go out at once; default 5. */
  readonly capacity?: number;
  /** Milliseconds for one token to come back; default 2000. */
  readonly refillMs?: number;
  /** The clock in milliseconds; default `Date.now`. Tests pass their own. */
  readonly now?: () => number;
}

/** A token bucket on an injectable clock; it never waits itself, it says how long to wait. */
export class TokenBucket {
  /** The most tokens the bucket holds. */
  readonly capacity: number;
  /** Milliseconds per token. */
  readonly refillMs: number;
  private readonly now: () => number;
  private tokens: number;
  private last: number;

  constructor(options: TokenBucketOptions = {}) {
    this.capacity = options.capacity ?? 5;
    this.refillMs = options.refillMs ?? 2000;
    if (!(this.capacity >= 1) || !(this.refillMs > 0)) {
      throw new RangeError('A token bucket needs a capacity of at least 1 and a positive refill.');
    }
    this.now = options.now ?? Date.now;
    this.tokens = this.capacity;
    this.last = this.now();
  }

  /** Takes one token if there is one; true when the line may go out now. */
  tryTake(): boolean {
    this.refill();
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Milliseconds until a token is available (0 when one is). */
  delay(): number {
    this.refill();
    return this.tokens >= 1 ? 0 : Math.ceil((1 - this.tokens) * this.refillMs);
  }

  /** Whole tokens available now. */
  get available(): number {
    this.refill();
    return Math.floor(this.tokens);
  }

  private refill(): void {
    const now = this.now();
    const elapsed = Math.max(0, now - this.last);
    this.last = Math.max(this.last, now);
    this.tokens = Math.min(this.capacity, this.tokens + elapsed / this.refillMs);
  }
}
