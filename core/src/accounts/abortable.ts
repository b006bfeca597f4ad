import type { SwitchboardError } from '../errors/SwitchboardError';

/** Options of `Account.connect`. */
export interface ConnectOptions {
  /**
   * Gives the login up when aborted: the attempt is cancelled (the connection closed wherever
   * it is), the account goes `offline` as after `disconnect()`, and `connect()` rejects with
   * SB_ABORTED (its cause is the signal's reason). No effect once the account is online.
   */
  readonly signal?: AbortSignal;
}

/** Options of `Account.disconnect`. */
export interface DisconnectOptions {
  /**
   * Also forget the FAST token (XEP-0484) and the cached SCRAM keys, so the next login is a
   * full password login (e.g. the user signed out, or the credential changed). Default false.
   */
  readonly signOut?: boolean;
}

/**
 * `promise`, unless `signal` aborts first: then it rejects with `aborted(signal.reason)` and
 * `onAbort` runs. The listener is removed as `promise` settles.
 */
export function abortable<T>(
  promise: Promise<T>,
  signal: AbortSignal,
  onAbort: () => void,
  aborted: (reason: unknown) => SwitchboardError,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const abort = (): void => {
      reject(aborted(signal.reason));
      onAbort();
    };
    signal.addEventListener('abort', abort, { once: true });
    // Removed before the caller resumes: an abort after that is not this call's business.
    const settle =
      <A>(then: (value: A) => void) =>
      (value: A): void => {
        signal.removeEventListener('abort', abort);
        then(value);
      };
    promise.then(settle(resolve), settle(reject));
  });
}
