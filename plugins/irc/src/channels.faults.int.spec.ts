/**
 * Channels under faults on a real ergo: a member's connection reset, and ergo killed and
 * restarted (the channel is gone and created again). The account rejoins by itself, what it
 * sent while it was away arrives once, in order, after its rejoin, and what the others said while
 * it was away is caught up from the server's history (`draft/chathistory`), once, in order.
 */
import type { Account, Switchboard } from '@switchboard/core';
import {
  type ErgoServer,
  type FaultProxy,
  MessageLedger,
  startErgo,
  startFaultProxy,
} from '@switchboard/testing';
import {
  CLEAN,
  pause,
  printFigures,
  QUICK,
  reconnects,
  settle,
  untilCount,
  untilOnline,
  verdict,
} from './test/ircFaultKit';
import { ergoAccount, ircSwitchboard } from './test/ircTestKit';
import { record, until } from './test/roomKit';

const PASSWORDS: Record<string, string> = {
  alice: 'alice-secret-1',
  bob: 'bob-secret-2',
  carol: 'carol-secret-3',
};

describe('IRC channels under faults on ergo', () => {
  let server: ErgoServer;
  let switchboard: Switchboard;
  let via: FaultProxy;
  const accounts: Account[] = [];

  beforeAll(async () => {
    server = await startErgo({
      history: true,
      accounts: Object.entries(PASSWORDS).map(([name, password]) => ({ name, password })),
    });
  });
  afterAll(async () => {
    await server.stop();
  });
  beforeEach(async () => {
    switchboard = ircSwitchboard();
    via = await startFaultProxy({ targetHost: server.host, targetPort: server.tlsPort });
  });
  afterEach(async () => {
    await Promise.all(accounts.splice(0).map((a) => a.disconnect()));
    await via.close();
  });

  /** Alice through the fault proxy, bob and carol straight to ergo; all in `room`. */
  async function three(room: string): Promise<[Account, Account, Account]> {
    const made = ['alice', 'bob', 'carol'].map((nick) =>
      switchboard.createAccount(
        ergoAccount(server, nick, PASSWORDS[nick] as string, {
          ...QUICK,
          ...(nick === 'alice' ? { server: { port: via.port, tls: 'direct' } } : {}),
        }),
      ),
    );
    accounts.push(...made);
    await Promise.all(made.map((a) => a.connect()));
    for (const account of made) await account.joinRoom(room);
    return made as [Account, Account, Account];
  }

  function rejoins(account: Account): string[] {
    const seen: string[] = [];
    account.on('roomJoined', (state) => seen.push(state.room));
    return seen;
  }

  /** Sends `count` numbered messages from `from` to `room`; resolves with their bodies. */
  function sendAway(from: Account, room: string, count: number, tag: string): string[] {
    const bodies = Array.from({ length: count }, (_, i) => `${tag}-${i}`);
    for (const body of bodies) {
      from.sendMessage({ to: room, type: 'groupchat', body }).catch(() => undefined);
    }
    return bodies;
  }

  it('when alice’s connection is reset, she rejoins and what she sent meanwhile arrives once, in order, after her rejoin', async () => {
    const [alice, bob] = await three('#reset');
    const atBob = record(bob);
    const joinedAgain = rejoins(alice);
    via.dropNew(true);
    via.reset('live');
    await until([alice], (a) => a.state !== 'online');
    const bodies = sendAway(alice, '#reset', 5, 'while-away');
    await pause(300);
    expect(atBob.messages.filter((m) => bodies.includes(m.body))).toEqual([]);
    via.dropNew(false);
    await untilCount(joinedAgain, 1);
    expect(joinedAgain).toEqual(['#reset']);
    expect(alice.rooms[0]?.occupants.map((o) => o.nick).sort()).toEqual(['alice', 'bob', 'carol']);
    await until(atBob.messages, (m) => m.body === bodies.at(-1));
    await pause(300);
    const arrived = atBob.messages.filter((m) => bodies.includes(m.body));
    expect(arrived.map((m) => [m.from, m.nick, m.body])).toEqual(
      bodies.map((body) => ['#reset', 'alice', body]),
    );
    // Bob saw alice leave and join again before her messages.
    const aliceEvents = atBob.occupants
      .filter((o) => o.change.occupant.nick === 'alice')
      .map((o) => o.change.kind);
    expect(aliceEvents).toEqual(['left', 'joined']);
  });

  it('when alice’s connection is reset while the others talk, her rejoin catches up on every message once, in order', async () => {
    const [alice, bob, carol] = await three('#catchup');
    const atAlice = record(alice);
    await bob.sendMessage({ to: '#catchup', type: 'groupchat', body: 'before the reset' });
    await until(atAlice.messages, (m) => m.body === 'before the reset');
    const joinedAgain = rejoins(alice);
    via.dropNew(true);
    via.reset('live');
    await until([alice], (a) => a.state !== 'online');
    const said: string[] = [];
    for (let i = 0; i < 12; i++) {
      const [who, nick] = i % 2 === 0 ? [bob, 'bob'] : [carol, 'carol'];
      const body = `while alice was away ${i}`;
      said.push(`${nick}: ${body}`);
      await who.sendMessage({ to: '#catchup', type: 'groupchat', body });
    }
    via.dropNew(false);
    await untilCount(joinedAgain, 1);
    // Caught up before the rejoin was reported: no waiting for live traffic.
    const room = atAlice.messages.filter((m) => m.from === '#catchup');
    expect(room.map((m) => `${m.nick}: ${m.body}`)).toEqual(['bob: before the reset', ...said]);
    expect(room.slice(1).every((m) => m.delay !== undefined && m.archiveId !== undefined)).toBe(
      true,
    );
    // A live message after the rejoin comes once, and nothing is replayed twice.
    await bob.sendMessage({ to: '#catchup', type: 'groupchat', body: 'after the rejoin' });
    await until(atAlice.messages, (m) => m.body === 'after the rejoin');
    await pause(200);
    const bodies = atAlice.messages.map((m) => m.body);
    expect(new Set(bodies).size).toBe(bodies.length);
  });

  it('when alice saw nothing with an id in the channel before her reset, her rejoin catches up from the time instead', async () => {
    const [alice, bob] = await three('#quiet');
    const atAlice = record(alice);
    // Only alice spoke: her own echo carries no message she received.
    await alice.sendMessage({ to: '#quiet', type: 'groupchat', body: 'anyone here?' });
    const joinedAgain = rejoins(alice);
    await pause(1_100);
    via.dropNew(true);
    via.reset('live');
    await until([alice], (a) => a.state !== 'online');
    const said = ['yes, bob here', 'you dropped', 'welcome back'];
    for (const body of said) await bob.sendMessage({ to: '#quiet', type: 'groupchat', body });
    via.dropNew(false);
    await untilCount(joinedAgain, 1);
    const room = atAlice.messages.filter((m) => m.from === '#quiet');
    expect(room.map((m) => `${m.nick}: ${m.body}`)).toEqual(said.map((b) => `bob: ${b}`));
  });

  it('when alice’s connection is reset 3 times under steady channel traffic, nothing acknowledged is lost or repeated', async () => {
    const [alice, bob] = await three('#storm');
    const ledger = new MessageLedger('irc', 'channel-reset');
    ledger.watch(bob);
    const back = reconnects(alice);
    const joinedAgain = rejoins(alice);
    let running = true;
    const traffic = (async () => {
      while (running) {
        ledger.send('alice', (body) =>
          alice.sendMessage({ to: '#storm', type: 'groupchat', body }),
        );
        await pause(15);
      }
    })();
    for (let round = 1; round <= 3; round++) {
      await pause(300);
      via.reset('live');
      await untilCount(back, round);
      await untilCount(joinedAgain, round);
    }
    await pause(300);
    running = false;
    await traffic;
    const report = await settle(ledger);
    printFigures('channel: connections reset', report);
    expect(verdict(report)).toEqual(CLEAN);
    expect(report.ok).toBeGreaterThan(0);
    await untilOnline(alice);
  });

  it('when ergo is killed and restarted, every account rejoins the recreated channel and alice’s messages from the outage arrive once, in order', async () => {
    const [alice, bob, carol] = await three('#restart');
    const atBob = record(bob);
    const again = { alice: rejoins(alice), bob: rejoins(bob), carol: rejoins(carol) };
    via.dropNew(true);
    await server.kill('SIGKILL');
    await until([alice], (a) => a.state !== 'online');
    await server.restart();
    // Bob and carol come back first; alice is kept away until they are in the channel again.
    await untilCount(again.bob, 1);
    await untilCount(again.carol, 1);
    const bodies = sendAway(alice, '#restart', 5, 'outage');
    via.dropNew(false);
    await untilCount(again.alice, 1);
    await until(atBob.messages, (m) => m.body === bodies.at(-1));
    await pause(300);
    expect(
      atBob.messages.filter((m) => bodies.includes(m.body)).map((m) => [m.nick, m.body]),
    ).toEqual(bodies.map((body) => ['alice', body]));
    const state = alice.rooms[0];
    expect(state?.occupants.map((o) => o.nick).sort()).toEqual(['alice', 'bob', 'carol']);
    // The channel was created again by whoever rejoined first: that one is its operator.
    expect(state?.occupants.filter((o) => o.rank === 'moderator')).toHaveLength(1);
  });
});
