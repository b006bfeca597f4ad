/**
 * The real Prosody killed with SIGKILL and restarted 20 times under steady traffic: no stream
 * survives, so each return is a fresh session, and the ledger counts every message end to end.
 */
import type { Account, ReconnectedInfo } from '@switchboard/core';
import { MessageLedger, type ProsodyServer, startProsody } from '@switchboard/testing';
import { connectPair, DOMAIN, pause, reconnects, USERS } from './faultKit.testkit';
import {
  CLEAN,
  figures,
  printFigures,
  settle,
  startTraffic,
  untilReconnected,
  verdict,
} from './storm.testkit';

const RESTARTS = 20;

describe('the server killed with SIGKILL and restarted under steady traffic', () => {
  let server: ProsodyServer;
  const accounts: Account[] = [];

  beforeAll(async () => {
    server = await startProsody({ hosts: [{ domain: DOMAIN, users: USERS }] });
  });
  afterAll(async () => {
    await Promise.all(accounts.splice(0).map((a) => a.disconnect()));
    await server?.stop();
  });

  it(`when it happens ${RESTARTS} times at 50 msg/s, every resolved message arrives once, in order, and every other is rejected`, async () => {
    const { alice, bob } = await connectPair(server, accounts);
    const ledger = new MessageLedger('storm', 'restart');
    ledger.watch(bob);
    const back: Record<string, ReconnectedInfo[]> = {
      alice: reconnects(alice),
      bob: reconnects(bob),
    };
    const faultsAt: number[] = [];
    const backAfterRestartMs: number[] = [];
    const traffic = startTraffic(ledger, alice, 'alice', 'bob');

    for (let round = 0; round < RESTARTS; round++) {
      await pause(300);
      faultsAt.push(Date.now());
      await server.kill('SIGKILL');
      await server.restart();
      const restarted = Date.now();
      await untilReconnected([back.alice ?? [], back.bob ?? []], round + 1);
      backAfterRestartMs.push(Date.now() - restarted);
    }
    await pause(300);
    await traffic.stop();
    const report = await settle(ledger);

    const sorted = [...backAfterRestartMs].sort((a, b) => a - b);
    printFigures(
      figures('restart', report, faultsAt, back, {
        backAfterRestartMsMedian: sorted[Math.floor(sorted.length / 2)],
        backAfterRestartMsMax: sorted.at(-1),
      }),
    );
    expect(verdict(report)).toEqual(CLEAN);
    expect(back.alice).toHaveLength(RESTARTS);
    expect(back.bob).toHaveLength(RESTARTS);
    // A restarted server has no stream to resume: each return is a fresh session.
    expect([...(back.alice ?? []), ...(back.bob ?? [])].filter((r) => r.resumed)).toEqual([]);
  });
});
