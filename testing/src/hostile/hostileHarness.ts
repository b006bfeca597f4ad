import type { Account, AccountConfig, Switchboard, SwitchboardError } from '@switchboard/core';
import {
  type ProcessFault,
  type ProcessFaultRecorder,
  recordProcessFaults,
} from './recordProcessFaults';
import { type HostileScript, type HostileServer, startHostileServer } from './startHostileServer';

/** Options of {@link createHostileHarness}. */
export interface HostileHarnessOptions {
  /** The instance under test, with the profile's modules loaded. */
  readonly switchboard: Switchboard;
  /** The account to point at each hostile server (`server` and `tls.ca` are set per server). */
  readonly account: Omit<AccountConfig, 'server'>;
}

/** A hostile server and an account configured to connect to it. */
export interface HostileAttempt {
  readonly server: HostileServer;
  readonly account: Account;
}

/** Runs accounts against hostile servers and watches the process; see {@link createHostileHarness}. */
export interface HostileHarness {
  /**
   * Starts a hostile server with `script` and creates an account for it (the options'
   * account, overlaid by `overrides`, with `server: { host, port }`). The first call after
   * {@link reset} starts recording process faults.
   */
  serve(script: HostileScript, overrides?: Partial<AccountConfig>): Promise<HostileAttempt>;
  /**
   * Calls `connect()` and returns its rejection (`undefined` if the account went online);
   * after a rejection, first waits until every hostile server saw its connections close, so
   * everything the client sent has been recorded.
   */
  connectToFail(account: Account): Promise<SwitchboardError | undefined>;
  /** Uncaught exceptions and unhandled rejections since the first `serve()`. */
  faults(): readonly ProcessFault[];
  /** Disconnects the accounts, stops the servers and the fault recording (for `afterEach`). */
  reset(): Promise<void>;
}

/**
 * A small harness for tests of a profile against {@link startHostileServer}: one account per
 * server, the coded error of a failed login, and the process faults seen meanwhile.
 */
export function createHostileHarness(options: HostileHarnessOptions): HostileHarness {
  const attempts: HostileAttempt[] = [];
  let recorder: ProcessFaultRecorder | undefined;
  let created = 0;
  return {
    async serve(script, overrides = {}) {
      recorder ??= recordProcessFaults();
      const server = await startHostileServer({ script });
      const account = options.switchboard.createAccount({
        ...options.account,
        id: `${options.account.id ?? 'hostile'}-${++created}`,
        ...overrides,
        server: { host: server.host, port: server.port, ...overrides.server },
      });
      const attempt = { server, account };
      attempts.push(attempt);
      return attempt;
    },
    async connectToFail(account) {
      const error = await account.connect().then(
        () => undefined,
        (e: unknown) => e as SwitchboardError,
      );
      if (error !== undefined) await Promise.all(attempts.map((a) => a.server.closed()));
      return error;
    },
    faults: () => recorder?.faults() ?? [],
    async reset() {
      const done = attempts.splice(0);
      await Promise.all(done.map((a) => a.account.disconnect().catch(() => undefined)));
      await Promise.all(done.map((a) => a.server.stop()));
      recorder?.stop();
      recorder = undefined;
    },
  };
}
