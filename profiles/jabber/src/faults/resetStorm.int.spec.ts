/**
 * Resumption storms on the real Prosody: the receiver's, the sender's or both links reset (TCP
 * RST) 20 times under steady traffic, each message counted end to end by a ledger.
 */
import type { ReconnectedInfo } from '@switchboard/core';
import { MessageLedger } from '@switchboard/testing';
import { connectPair, pause, reconnects } from './faultKit.testkit';
import {
  CLEAN,
  figures,
  printFigures,
  settle,
  startTraffic,
  untilReconnected,
  verdict,
} from './storm.testkit';
import { stormSuite } from './stormSuite.testkit';

const RESETS = 20;
/** Traffic between resets, once the reset account is back online. */
const BETWEEN_MS = 350;

describe('links reset under steady traffic (real Prosody, XEP-0198)', () => {
  const suite = stormSuite();
  const { accounts, traffics } = suite;

  it('when nothing goes wrong, the ledger counts every message delivered once, in order', async () => {
    const via = { alice: await suite.proxy(), bob: await suite.proxy() };
    const { alice, bob } = await connectPair(suite.server, accounts, {
      alice: { server: { host: suite.server.host, port: via.alice.port } },
      bob: { server: { host: suite.server.host, port: via.bob.port } },
    });
    const ledger = new MessageLedger('storm', 'calm');
    ledger.watch(bob);
    const traffic = startTraffic(ledger, alice, 'alice', 'bob');
    traffics.push(traffic);
    await pause(2_000);
    await traffic.stop();
    const report = await settle(ledger);

    printFigures(figures('calm', report, [], {}));
    expect(verdict(report)).toEqual(CLEAN);
    expect(report).toMatchObject({ ok: report.sent, delivered: report.sent });
    expect(report.rejected).toEqual({});
    expect(report.sent).toBeGreaterThan(50);
  });

  it.each([
    ["the receiver's connection", ['bob']],
    ["the sender's connection", ['alice']],
    ['both connections', ['alice', 'bob']],
  ] as const)(
    `when ${RESETS} TCP resets hit %s at 50 msg/s, delivers every resolved message once, in order, and resumes`,
    async (name, reset) => {
      const via = { alice: await suite.proxy(), bob: await suite.proxy() };
      const { alice, bob } = await connectPair(suite.server, accounts, {
        alice: { server: { host: suite.server.host, port: via.alice.port } },
        bob: { server: { host: suite.server.host, port: via.bob.port } },
      });
      const ledger = new MessageLedger('storm', `reset-${reset.join('-')}`);
      ledger.watch(bob);
      const back: Record<string, ReconnectedInfo[]> = {
        alice: reconnects(alice),
        bob: reconnects(bob),
      };
      const faultsAt: number[] = [];
      const traffic = startTraffic(ledger, alice, 'alice', 'bob');
      traffics.push(traffic);

      for (let round = 0; round < RESETS; round++) {
        await pause(BETWEEN_MS);
        faultsAt.push(Date.now());
        for (const who of reset) via[who].reset('live');
        await untilReconnected(
          reset.map((who) => back[who] ?? []),
          round + 1,
        );
      }
      await pause(BETWEEN_MS);
      await traffic.stop();
      const report = await settle(ledger);

      const resumedCounts = reset.map((who) => back[who]?.filter((r) => r.resumed).length ?? 0);
      printFigures(figures(`reset: ${name}`, report, faultsAt, back));
      expect(verdict(report)).toEqual(CLEAN);
      for (const who of reset) expect(back[who]).toHaveLength(RESETS);
      for (const resumed of resumedCounts) expect(resumed).toBeGreaterThanOrEqual(15);
    },
    60_000,
  );
});
