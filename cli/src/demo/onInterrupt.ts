/** The exit code for a run ended by `signal`: 128 + its number (SIGINT → 130, SIGTERM → 143). */
export function exitCodeFor(signal: NodeJS.Signals): number {
  return signal === 'SIGINT' ? 130 : 143;
}

/** Watches for Ctrl-C (SIGINT) and SIGTERM; see {@link onInterrupt}. */
export interface InterruptWatch {
  /** The signal that interrupted the run, once one came. */
  readonly signal: NodeJS.Signals | undefined;
  /** Removes the handlers. */
  dispose(): void;
}

/** Longest wait for `cleanUp` before exiting anyway (the test kit kills Prosody on exit). */
const DEADLINE_MS = 10_000;

/**
 * On the first SIGINT or SIGTERM, runs `cleanUp` and exits with 130 (SIGINT) or 143 (SIGTERM);
 * a second signal, or a clean-up that takes longer than 10 s, exits at once with the same code.
 */
export function onInterrupt(cleanUp: (signal: NodeJS.Signals) => Promise<void>): InterruptWatch {
  let received: NodeJS.Signals | undefined;
  const listener = (signal: NodeJS.Signals): void => {
    if (received !== undefined) process.exit(exitCodeFor(received));
    received = signal;
    const code = exitCodeFor(signal);
    setTimeout(() => process.exit(code), DEADLINE_MS).unref();
    void cleanUp(signal)
      .catch(() => undefined)
      .finally(() => process.exit(code));
  };
  process.on('SIGINT', listener);
  process.on('SIGTERM', listener);
  return {
    get signal() {
      return received;
    },
    dispose() {
      process.off('SIGINT', listener);
      process.off('SIGTERM', listener);
    },
  };
}
