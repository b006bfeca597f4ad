/**
 * A resumption storm whose server→client bytes reach the receiver glued into one read, or split
 * at every byte, on a real Prosody without TLS (so the split falls inside the XML the client
 * parses). What the receiver lost is also looked up in the proxy's recording: a lost message
 * that crossed the wire was dropped by the client.
 */
import type { Account } from '@switchboard/core';
import { type DownstreamMode, type FaultProxy, MessageLedger } from '@switchboard/testing';
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

const RESETS = 10;

describe('a resumption storm with the receiver reading glued or split bytes (real Prosody, no TLS)', () => {
  const suite = stormSuite({ tls: 'none' });
  const { accounts, traffics } = suite;

  async function pairVia(downstream: DownstreamMode): Promise<{
    via: FaultProxy;
    alice: Account;
    bob: Account;
  }> {
    const via = await suite.proxy({ downstream });
    const { alice, bob } = await connectPair(suite.server, accounts, {
      alice: { allowInsecureLoopback: true },
      bob: { server: { host: suite.server.host, port: via.port }, allowInsecureLoopback: true },
    });
    return { via, alice, bob };
  }

  /** Lost bodies that the proxy handed to the receiver's socket. */
  function lostOnTheWire(ledger: MessageLedger, via: FaultProxy): number {
    const wire = via
      .connections()
      .map((c) => via.text(c.index, 'down'))
      .join('');
    return ledger
      .entries()
      .filter((e) => e.outcome === 'ok' && e.deliveredAt.length === 0)
      .filter((e) => wire.includes(`<body>${e.body}</body>`)).length;
  }

  it.each(['glued', 'bytewise'] as const)(
    'when the receiver reads %s bytes and nothing else goes wrong, every message arrives once, in order',
    async (mode) => {
      const { alice, bob } = await pairVia(mode);
      const ledger = new MessageLedger('storm', `calm-${mode}`);
      ledger.watch(bob);
      const traffic = startTraffic(ledger, alice, 'alice', 'bob');
      traffics.push(traffic);
      await pause(1_500);
      await traffic.stop();
      const report = await settle(ledger);

      printFigures(figures(`calm ${mode}`, report, [], {}));
      expect(verdict(report)).toEqual(CLEAN);
      expect(report.delivered).toBe(report.sent);
    },
  );

  it.each(['glued', 'bytewise'] as const)(
    `when the receiver reads %s bytes and its connection is reset ${RESETS} times, every resolved message arrives once, in order`,
    async (mode) => {
      const { via, alice, bob } = await pairVia(mode);
      const ledger = new MessageLedger('storm', `split-${mode}`);
      ledger.watch(bob);
      const back = { bob: reconnects(bob) };
      const faultsAt: number[] = [];
      const traffic = startTraffic(ledger, alice, 'alice', 'bob');
      traffics.push(traffic);

      for (let round = 0; round < RESETS; round++) {
        await pause(350);
        faultsAt.push(Date.now());
        via.reset('live');
        await untilReconnected([back.bob], round + 1);
      }
      await pause(350);
      await traffic.stop();
      const report = await settle(ledger);

      const onTheWire = lostOnTheWire(ledger, via);
      printFigures(figures(`split ${mode}`, report, faultsAt, back, { lostOnTheWire: onTheWire }));
      expect(verdict(report)).toEqual(CLEAN);
      expect(back.bob).toHaveLength(RESETS);
      expect(back.bob.filter((r) => r.resumed).length).toBeGreaterThanOrEqual(RESETS - 2);
    },
    60_000,
  );
});
