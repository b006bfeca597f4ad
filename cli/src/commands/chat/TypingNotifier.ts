import type { ChatState } from '@switchboard/core';

/** How long without a key before "paused" is sent (XEP-0085 suggests about 30 s; shorter reads better). */
export const PAUSE_AFTER_MS = 5_000;

/**
 * Typing notifications (XEP-0085) from key presses: `composing` at the first key of a line,
 * `paused` after a quiet while, nothing more until typing resumes. The message itself carries
 * `active`, so {@link sent} only resets the state.
 */
export class TypingNotifier {
  readonly #send: (state: ChatState) => void;
  #composing = false;
  #timer: NodeJS.Timeout | undefined;

  /** `send` must not throw (it sends to the current contact and ignores failures). */
  constructor(send: (state: ChatState) => void) {
    this.#send = send;
  }

  /** A key was pressed in the input line. */
  keyPressed(): void {
    if (!this.#composing) {
      this.#composing = true;
      this.#send('composing');
    }
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#composing = false;
      this.#send('paused');
    }, PAUSE_AFTER_MS);
    this.#timer.unref();
  }

  /** The line was sent (or the contact changed): start over. */
  sent(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#composing = false;
  }

  /** Stops the timer for good. */
  stop(): void {
    this.sent();
  }
}
