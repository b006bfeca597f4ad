import type { Account, StateChange } from '@switchboard/core';
import { type ProsodyServer, startProsody, startWireTap, type WireTap } from '@switchboard/testing';
import {
  DOMAIN,
  makeAccount,
  newSwitchboard,
  reconnects,
  Tally,
  USERS,
  untilOnline,
} from './faultKit.testkit';

describe('a link that dies silently (no FIN, no RST)', () => {
  let server: ProsodyServer;
  let tap: WireTap;
  const accounts: Account[] = [];

  beforeAll(async () => {
    server = await startProsody({ hosts: [{ domain: DOMAIN, users: USERS }] });
    tap = await startWireTap({ targetHost: server.host, targetPort: server.port });
  });
  afterAll(async () => {
    await Promise.all(accounts.splice(0).map((a) => a.disconnect()));
    await tap?.close();
    await server?.stop();
  });

  it('is declared dead by an unanswered probe, reconnected, and what the server held is delivered once', async () => {
    const switchboard = newSwitchboard();
    const alice = makeAccount(switchboard, server, 'alice', {
      server: { host: server.host, port: tap.port },
      liveness: { keepaliveMs: 200, probeAfterMs: 400, probeTimeoutMs: 400 },
    });
    const bob = makeAccount(switchboard, server, 'bob');
    accounts.push(alice, bob);
    await Promise.all([alice.connect(), bob.connect()]);
    const tally = new Tally(alice, 'dark-');
    const back = reconnects(alice);
    const lost = new Promise<StateChange>((resolve) =>
      alice.on('state', (c) => c.to === 'disconnected' && resolve(c)),
    );

    tap.silence();
    const silencedAt = Date.now();
    const sent = Array.from({ length: 10 }, (_, i) => `dark-${i}`);
    for (const body of sent) await bob.sendMessage({ to: `alice@${DOMAIN}`, body });
    const change = await lost;
    const detectedAfterMs = Date.now() - silencedAt;
    await untilOnline(alice);
    await tally.waitFor(sent.length, 10_000);

    if (process.env.SB_FAULT_FIGURES !== undefined) {
      console.log(JSON.stringify({ detectedAfterMs, reconnected: back }));
    }
    expect(change.error).toMatchObject({
      code: 'SB_CONNECTION_LOST',
      details: { probeTimeoutMs: 400 },
    });
    expect(tally.bodies).toEqual(sent);
    // The server still held the old stream (it never saw it die): it was resumed.
    expect(back).toEqual([expect.objectContaining({ attempts: 1, resumed: true })]);
    expect(tap.connections()).toBe(2);
  });
});
