/** After sending, wait this long for more stanzas before asking for one acknowledgement. */
const ACK_REQUEST_DELAY_MS = 100;

/** What {@link AckRequests} needs from its stream. */
export interface AckRequestsOptions {
  /** Sends `<r/>` (XEP-0198 §4). */
  readonly request: () => void;
  /** How many outbound stanzas wait for an acknowledgement. */
  readonly outstanding: () => number;
  /** How long an answer to a request may take. */
  readonly timeoutMs: number;
  /** No answer came in time while stanzas were outstanding. */
  readonly onStalled: ((waitedMs: number, outstanding: number) => void) | undefined;
}

/**
 * The requests for acknowledgement of one stream: one shortly after stanzas were sent (a burst
 * gets one request), and a deadline for the answer while stanzas are outstanding, so a link that
 * froze under a sender is noticed within `timeoutMs`.
 */
export class AckRequests {
  readonly #options: AckRequestsOptions;
  #soon: ReturnType<typeof setTimeout> | undefined;
  #deadline: ReturnType<typeof setTimeout> | undefined;

  constructor(options: AckRequestsOptions) {
    this.#options = options;
  }

  /** A stanza was sent: a request follows within 100 ms. */
  sent(): void {
    this.#soon ??= setTimeout(() => {
      this.#soon = undefined;
      this.now();
    }, ACK_REQUEST_DELAY_MS);
  }

  /** Requests an acknowledgement now; an answer must come within `timeoutMs`. */
  now(): void {
    this.#options.request();
    if (this.#deadline === undefined) this.#arm();
  }

  /**
   * An `<a/>` arrived. It may answer an older request: while stanzas are still outstanding, the
   * newer requests must still be answered in time.
   */
  answered(): void {
    clearTimeout(this.#deadline);
    this.#deadline = undefined;
    if (this.#options.outstanding() > 0) this.#arm();
  }

  /** The stream ended. */
  stop(): void {
    clearTimeout(this.#soon);
    clearTimeout(this.#deadline);
  }

  #arm(): void {
    clearTimeout(this.#deadline);
    const { timeoutMs, outstanding, onStalled } = this.#options;
    this.#deadline = setTimeout(() => {
      this.#deadline = undefined;
      const count = outstanding();
      if (count > 0) onStalled?.(timeoutMs, count);
    }, timeoutMs);
  }
}
