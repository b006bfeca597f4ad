/**
 * A session that ends for good with messages in flight: the sender's link goes dark, is then
 * reset, and every reconnect is refused until the account gives up. Each message must end up
 * delivered or rejected; none may be reported sent and then vanish.
 */
import type { Account, StateChange } from '@switchboard/core';
import {
  type FaultProxy,
  MessageLedger,
  type ProsodyServer,
  startFaultProxy,
  startProsody,
} from '@switchboard/testing';
import { connectPair, DOMAIN, pause, USERS } from './faultKit.testkit';
import {
  CLEAN,
  figures,
  printFigures,
  settle,
  startTraffic,
  type Traffic,
  verdict,
} from './storm.testkit';

describe('a session lost for good with messages unacknowledged (real Prosody, XEP-0198)', () => {
  let server: ProsodyServer;
  let via: FaultProxy;
  const accounts: Account[] = [];
  const traffics: Traffic[] = [];

  beforeAll(async () => {
    server = await startProsody({ hosts: [{ domain: DOMAIN, users: USERS }] });
    via = await startFaultProxy({ targetHost: server.host, targetPort: server.port });
  });
  afterAll(async () => {
    await Promise.all(traffics.splice(0).map((t) => t.stop()));
    await Promise.all(accounts.splice(0).map((a) => a.disconnect()));
    await via?.close();
    await server?.stop();
  });

  it('when the sender gives up reconnecting, rejects every message that did not arrive', async () => {
    const { alice, bob } = await connectPair(server, accounts, {
      alice: {
        server: { host: server.host, port: via.port },
        reconnect: { initialDelayMs: 50, maxDelayMs: 100, jitter: 0, maxAttempts: 3 },
      },
    });
    const ledger = new MessageLedger('storm', 'for-good');
    ledger.watch(bob);
    const failed = new Promise<StateChange>((resolve) =>
      alice.on('state', (c) => c.to === 'failed' && resolve(c)),
    );
    const traffic = startTraffic(ledger, alice, 'alice', 'bob');
    traffics.push(traffic);

    await pause(500);
    // What alice writes now is held by the proxy and never reaches the server.
    via.freeze('latest');
    const frozenAt = Date.now();
    await pause(500);
    via.dropNew(true);
    via.reset('live');
    const change = await failed;
    await pause(200);
    await traffic.stop();
    const report = await settle(ledger, 3_000);

    printFigures(figures('lost for good', report, [frozenAt], {}, { refused: via.refused() }));
    expect(change.error?.code).toBe('SB_RECONNECT_GAVE_UP');
    expect(via.refused()).toBe(3);
    expect(verdict(report)).toEqual(CLEAN);
    // Messages sent after the loss were refused with a code; some before it arrived.
    expect(report.delivered).toBeGreaterThan(0);
    expect(Object.keys(report.rejected).length).toBeGreaterThan(0);
  });
});
