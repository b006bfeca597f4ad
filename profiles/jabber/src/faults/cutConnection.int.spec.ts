import type { Account } from '@switchboard/core';
import { type ProsodyServer, startProsody, startWireTap, type WireTap } from '@switchboard/testing';
import {
  connectAliceViaTap,
  DOMAIN,
  pause,
  reconnects,
  Tally,
  USERS,
  untilOnline,
} from './faultKit.testkit';

describe('a connection cut while messages are in flight (real Prosody, XEP-0198)', () => {
  let server: ProsodyServer;
  let tap: WireTap;
  const accounts: Account[] = [];

  beforeAll(async () => {
    server = await startProsody({ hosts: [{ domain: DOMAIN, users: USERS }] });
  });
  beforeEach(async () => {
    tap = await startWireTap({ targetHost: server.host, targetPort: server.port });
  });
  afterEach(async () => {
    await Promise.all(accounts.splice(0).map((a) => a.disconnect()));
    await tap.close();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('resumes the stream and delivers every message exactly once, in order', async () => {
    const { alice, bob } = await connectAliceViaTap(server, tap, accounts);
    const tally = new Tally(bob, 'cut-');
    const back = reconnects(alice);

    const sent: string[] = [];
    const sends: Promise<unknown>[] = [];
    for (let i = 0; i < 60; i++) {
      const body = `cut-${i}`;
      sent.push(body);
      sends.push(alice.sendMessage({ to: `bob@${DOMAIN}`, body }));
      if (i === 20 || i === 40) tap.cut();
      await pause(5);
    }
    await Promise.all(sends);
    await tally.waitFor(sent.length, 15_000);
    await untilOnline(alice);

    expect(tally.report(sent)).toEqual({ lost: [], duplicated: [] });
    expect(tally.bodies).toEqual(sent);
    expect(back.length).toBeGreaterThanOrEqual(1);
    expect(back.every((r) => r.resumed)).toBe(true);
    expect(tap.connections()).toBe(1 + back.length);
  });
});

describe('a connection cut without stream management (real Prosody, mod_smacks off)', () => {
  let server: ProsodyServer;
  let tap: WireTap;
  const accounts: Account[] = [];

  beforeAll(async () => {
    server = await startProsody({
      hosts: [{ domain: DOMAIN, users: USERS }],
      streamManagement: false,
    });
    tap = await startWireTap({ targetHost: server.host, targetPort: server.port });
  });
  afterAll(async () => {
    await Promise.all(accounts.splice(0).map((a) => a.disconnect()));
    await tap?.close();
    await server?.stop();
  });

  it('queues what the host sends while reconnecting and flushes it in order, once, on a fresh session', async () => {
    const { alice, bob } = await connectAliceViaTap(server, tap, accounts);
    const tally = new Tally(bob, 'queued-');
    const back = reconnects(alice);
    const lostState = new Promise((resolve) => alice.once('reconnecting', resolve));

    tap.cut();
    await lostState;
    const sent = Array.from({ length: 20 }, (_, i) => `queued-${i}`);
    const sends = sent.map((body) => alice.sendMessage({ to: `bob@${DOMAIN}`, body }));
    expect(alice.queuedMessages).toBe(20);
    await Promise.all(sends);
    await tally.waitFor(sent.length, 10_000);
    await pause(200);

    expect(tally.bodies).toEqual(sent);
    expect(back).toEqual([expect.objectContaining({ attempts: 1, resumed: false })]);
    expect(alice.queuedMessages).toBe(0);
  });
});
