/**
 * Links that go dark without a FIN or RST (frozen by the fault proxy: bytes held, nothing closed)
 * under steady traffic, on the real Prosody. The old link is thawed after the account has moved
 * on, so what it held arrives late, as from a network that came back.
 */
import type { Account, StateChange } from '@switchboard/core';
import { MessageLedger } from '@switchboard/testing';
import { connectPair, pause, reconnects, untilOnline } from './faultKit.testkit';
import { CLEAN, figures, printFigures, settle, startTraffic, verdict } from './storm.testkit';
import { stormSuite } from './stormSuite.testkit';

const FREEZES = 5;
/** How long each link stays frozen before it is thawed. */
const FREEZE_MS = 10_000;
/** Short liveness for the receiver, so a freeze is noticed in about 2 s. */
const LIVENESS = { keepaliveMs: 500, probeAfterMs: 1_000, probeTimeoutMs: 1_000 };

/** Resolves with the time of the account's next `disconnected`, or undefined after `ms`. */
function nextLoss(account: Account, ms: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const onState = (change: StateChange): void => {
      if (change.to !== 'disconnected') return;
      finish(Date.now());
    };
    const timer = setTimeout(() => finish(undefined), ms);
    const finish = (at: number | undefined): void => {
      clearTimeout(timer);
      account.off('state', onState);
      resolve(at);
    };
    account.on('state', onState);
  });
}

/** The account's state changes during `ms` from now. */
async function statesDuring(account: Account, ms: number): Promise<StateChange[]> {
  const seen: StateChange[] = [];
  const listener = (change: StateChange): void => {
    seen.push(change);
  };
  account.on('state', listener);
  await pause(ms);
  account.off('state', listener);
  return seen;
}

describe('links frozen under steady traffic (real Prosody, XEP-0198)', () => {
  const suite = stormSuite();
  const { accounts, traffics } = suite;

  it(`when the receiver's link freezes ${FREEZES} times for ${FREEZE_MS / 1000} s, the probe notices, the stream resumes, and the thawed old link changes nothing`, async () => {
    const via = await suite.proxy();
    const { alice, bob } = await connectPair(suite.server, accounts, {
      bob: { server: { host: suite.server.host, port: via.port }, liveness: LIVENESS },
    });
    const ledger = new MessageLedger('storm', 'freeze');
    ledger.watch(bob);
    const back = { bob: reconnects(bob) };
    const errors: string[] = [];
    bob.on('error', (e) => errors.push(e.code));
    const faultsAt: number[] = [];
    const detectedAfterMs: (number | undefined)[] = [];
    const afterThaw: StateChange[][] = [];
    const heldAtThaw: { up: number; down: number }[] = [];
    const traffic = startTraffic(ledger, alice, 'alice', 'bob');
    traffics.push(traffic);

    await pause(500);
    for (let round = 0; round < FREEZES; round++) {
      const lost = nextLoss(bob, FREEZE_MS);
      const frozenAt = Date.now();
      faultsAt.push(frozenAt);
      const [old] = via.freeze('latest');
      const detectedAt = await lost;
      detectedAfterMs.push(detectedAt === undefined ? undefined : detectedAt - frozenAt);
      await untilOnline(bob);
      await pause(frozenAt + FREEZE_MS - Date.now());
      const held = via.connections()[old ?? -1];
      heldAtThaw.push({ up: held?.heldUp ?? 0, down: held?.heldDown ?? 0 });
      via.thaw(old);
      afterThaw.push(await statesDuring(bob, 500));
    }
    await traffic.stop();
    const report = await settle(ledger);

    printFigures(
      figures('freeze receiver', report, faultsAt, back, {
        detectedAfterMs,
        heldAtThaw,
        statesAfterThaw: afterThaw.flat().map((c) => c.to),
        errors,
      }),
    );
    expect(verdict(report)).toEqual(CLEAN);
    // Each frozen link held what the server sent meanwhile, so its thaw had something to deliver.
    expect(heldAtThaw.every((h) => h.down > 0)).toBe(true);
    // Each freeze was noticed by the probe, within probeAfterMs + probeTimeoutMs and a tick or two.
    expect(detectedAfterMs.every((ms) => ms !== undefined && ms <= 3_000)).toBe(true);
    expect(back.bob).toHaveLength(FREEZES);
    expect(back.bob.filter((r) => r.resumed)).toHaveLength(FREEZES);
    expect(new Set(errors)).toEqual(new Set(['SB_CONNECTION_LOST']));
    // What the old links held, arriving late, did not disturb the account.
    expect(afterThaw.flat()).toEqual([]);
    expect(bob.state).toBe('online');
  }, 120_000);

  it("when the sender's link freezes under traffic, the unacknowledged stream is noticed without waiting for the liveness probe", async () => {
    const via = await suite.proxy();
    const { alice, bob } = await connectPair(suite.server, accounts, {
      alice: {
        server: { host: suite.server.host, port: via.port },
        // Long on purpose: the probe would notice after 35 s; stream management should first.
        liveness: { keepaliveMs: 30_000, probeAfterMs: 30_000, probeTimeoutMs: 5_000 },
      },
    });
    const ledger = new MessageLedger('storm', 'freeze-sender');
    ledger.watch(bob);
    const back = { alice: reconnects(alice) };
    const traffic = startTraffic(ledger, alice, 'alice', 'bob');
    traffics.push(traffic);

    await pause(1_000);
    const lost = nextLoss(alice, FREEZE_MS);
    const frozenAt = Date.now();
    const [old] = via.freeze('latest');
    const detectedAt = await lost;
    await untilOnline(alice);
    await pause(frozenAt + FREEZE_MS - Date.now());
    via.thaw(old);
    await pause(1_000);
    await traffic.stop();
    const report = await settle(ledger);

    const detectedAfterMs = detectedAt === undefined ? undefined : detectedAt - frozenAt;
    printFigures(figures('freeze sender', report, [frozenAt], back, { detectedAfterMs }));
    expect(verdict(report)).toEqual(CLEAN);
    // The account's timeoutMs (3 s, QUICK) for an acknowledgement requested 100 ms after sending.
    expect(detectedAfterMs).toBeLessThanOrEqual(6_000);
  }, 60_000);
});
