/**
 * The setup every storm file shares: a Prosody with alice and bob for the whole file, fault
 * proxies in front of it, and traffic, accounts and proxies stopped after each test.
 */
import type { Account } from '@switchboard/core';
import {
  type FaultProxy,
  type FaultProxyOptions,
  type ProsodyOptions,
  type ProsodyServer,
  startFaultProxy,
  startProsody,
} from '@switchboard/testing';
import { DOMAIN, USERS } from './faultKit.testkit';
import type { Traffic } from './storm.testkit';

/** What a storm file works with; read `server` inside tests only. */
export interface StormSuite {
  readonly server: ProsodyServer;
  /** Accounts to disconnect after the test. */
  readonly accounts: Account[];
  /** Traffic to stop after the test. */
  readonly traffics: Traffic[];
  /** A fault proxy in front of the server, closed after the test. */
  proxy(options?: Partial<FaultProxyOptions>): Promise<FaultProxy>;
}

/** Call inside a `describe`; `prosody` adds to the server's options (e.g. `tls: 'none'`). */
export function stormSuite(prosody: Partial<ProsodyOptions> = {}): StormSuite {
  let server: ProsodyServer | undefined;
  const proxies: FaultProxy[] = [];
  const accounts: Account[] = [];
  const traffics: Traffic[] = [];

  beforeAll(async () => {
    server = await startProsody({ hosts: [{ domain: DOMAIN, users: USERS }], ...prosody });
  });
  afterEach(async () => {
    await Promise.all(traffics.splice(0).map((t) => t.stop()));
    await Promise.all(accounts.splice(0).map((a) => a.disconnect()));
    await Promise.all(proxies.splice(0).map((p) => p.close()));
  });
  afterAll(async () => {
    await server?.stop();
  });

  const suite: StormSuite = {
    get server(): ProsodyServer {
      if (server === undefined) throw new Error('The storm server starts in beforeAll.');
      return server;
    },
    accounts,
    traffics,
    proxy: async (options = {}) => {
      const started = await startFaultProxy({
        targetHost: suite.server.host,
        targetPort: suite.server.port,
        ...options,
      });
      proxies.push(started);
      return started;
    },
  };
  return suite;
}
