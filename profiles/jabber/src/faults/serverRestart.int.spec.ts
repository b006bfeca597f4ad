import type { Account } from '@switchboard/core';
import { type ProsodyServer, startProsody } from '@switchboard/testing';
import {
  DOMAIN,
  makeAccount,
  newSwitchboard,
  pause,
  reconnects,
  Tally,
  USERS,
  untilOnline,
} from './faultKit.testkit';

const RESTARTS = 3;

describe('the server killed with SIGKILL mid-conversation and restarted, repeatedly', () => {
  let server: ProsodyServer;
  const accounts: Account[] = [];

  beforeAll(async () => {
    server = await startProsody({ hosts: [{ domain: DOMAIN, users: USERS }] });
  });
  afterAll(async () => {
    await Promise.all(accounts.splice(0).map((a) => a.disconnect()));
    await server?.stop();
  });

  it(`loses and duplicates nothing across ${RESTARTS} restarts`, async () => {
    const switchboard = newSwitchboard();
    const alice = makeAccount(switchboard, server, 'alice');
    const bob = makeAccount(switchboard, server, 'bob');
    accounts.push(alice, bob);
    await Promise.all([alice.connect(), bob.connect()]);
    const tally = new Tally(bob, 'kill-');
    const aliceBack = reconnects(alice);
    const bobBack = reconnects(bob);
    const errors: string[] = [];
    for (const a of [alice, bob]) a.on('error', (e) => errors.push(e.code));

    const sent: string[] = [];
    const sends: Promise<unknown>[] = [];
    let sending = true;
    const sender = (async () => {
      for (let i = 0; sending; i++) {
        const body = `kill-${i}`;
        sent.push(body);
        sends.push(alice.sendMessage({ to: `bob@${DOMAIN}`, body }));
        await pause(10);
      }
    })();

    const backAfterRestartMs: number[] = [];
    for (let round = 0; round < RESTARTS; round++) {
      await pause(300);
      await server.kill('SIGKILL');
      await pause(200);
      await server.restart();
      const restarted = Date.now();
      await Promise.all([untilOnline(alice), untilOnline(bob)]);
      backAfterRestartMs.push(Date.now() - restarted);
    }
    await pause(300);
    sending = false;
    await sender;
    await Promise.all(sends);
    await tally.waitFor(sent.length, 20_000);
    await pause(300);

    const { lost, duplicated } = tally.report(sent);
    if (process.env.SB_FAULT_FIGURES !== undefined) {
      console.log(
        JSON.stringify({
          restarts: RESTARTS,
          sent: sent.length,
          received: tally.bodies.length,
          lost: lost.length,
          duplicated: duplicated.length,
          backAfterRestartMs,
          aliceDowntimeMs: aliceBack.map((r) => r.downtimeMs),
          aliceAttempts: aliceBack.map((r) => r.attempts),
        }),
      );
    }
    expect({ lost, duplicated }).toEqual({ lost: [], duplicated: [] });
    expect(tally.bodies).toHaveLength(sent.length);
    expect(aliceBack).toHaveLength(RESTARTS);
    expect(bobBack).toHaveLength(RESTARTS);
    // A restarted server has no stream to resume: each return is a fresh session.
    expect(aliceBack.every((r) => !r.resumed)).toBe(true);
    expect(new Set(errors)).toEqual(new Set(['SB_CONNECTION_CLOSED']));
  });
});
