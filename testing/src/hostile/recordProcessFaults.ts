/** A process-level error nobody handled, seen by {@link recordProcessFaults}. */
export interface ProcessFault {
  readonly kind: 'uncaughtException' | 'unhandledRejection';
  readonly error: unknown;
}

/** What {@link recordProcessFaults} saw; call `stop()` in `afterEach`. */
export interface ProcessFaultRecorder {
  /** Faults so far, in order. */
  faults(): readonly ProcessFault[];
  /** Removes the listeners; idempotent. */
  stop(): void;
}

/**
 * The process object Node emits its events on. Test runners that sandbox globals give test
 * code a copy instead (jest: one `process` per test file, which never receives
 * `uncaughtException` or `unhandledRejection`); a function built by the host realm's
 * `Function` constructor (that of `Buffer`, which jest passes through) sees the real one.
 */
function hostProcess(): NodeJS.Process {
  const HostFunction = Buffer.constructor as FunctionConstructor;
  return HostFunction('return process')() as NodeJS.Process;
}

/**
 * Listens for `uncaughtException` and `unhandledRejection` on the real process (also under
 * jest), so a test can assert that a hostile peer made neither happen: the host process would
 * crash or warn. Jest still fails the test on its own as well; the record says what happened.
 */
export function recordProcessFaults(): ProcessFaultRecorder {
  const host = hostProcess();
  const seen: ProcessFault[] = [];
  const onException = (error: unknown): void => {
    seen.push({ kind: 'uncaughtException', error });
  };
  const onRejection = (error: unknown): void => {
    seen.push({ kind: 'unhandledRejection', error });
  };
  host.on('uncaughtException', onException);
  host.on('unhandledRejection', onRejection);
  return {
    faults: () => [...seen],
    stop: () => {
      host.off('uncaughtException', onException);
      host.off('unhandledRejection', onRejection);
    },
  };
}
