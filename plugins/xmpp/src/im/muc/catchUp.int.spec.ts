/**
 * A room across a lost connection and a server restart, on a real Prosody, with stream
 * management on and off: while one member is away the others talk; once it is back it has
 * every message exactly once, in order, and what it sent while away reaches the room once.
 * A resumed stream (XEP-0198) is still in the room; a fresh one rejoins and catches up from
 * the room's archive (XEP-0313).
 */
import type { AccountConfig } from '@switchboard/core';
import {
  type FaultProxy,
  type ProsodyServer,
  startFaultProxy,
  startProsody,
} from '@switchboard/testing';
import { bodiesIn, type Recorded_, roomConfig, roomsHarness } from './roomsHarness.testkit';

const DOMAIN = 'catchup.test';
const USERS = ['alice', 'bob', 'carol'].map((u) => ({ username: u, password: `${u}-pw` }));
/** Messages the others send while alice is away: more than one page of the catch-up (250). */
const AWAY = 260;
const QUICK: Partial<AccountConfig> = {
  reconnect: { initialDelayMs: 50, maxDelayMs: 300, jitter: 0.2 },
};

/** How often each body of `bodies` occurs, for those that occur more than once. */
function repeats(bodies: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const body of bodies) counts[body] = (counts[body] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 1));
}

describe.each([
  ['on', true],
  ['off', false],
] as const)('a room member away, stream management %s', (_label, sm) => {
  let server: ProsodyServer;
  let proxy: FaultProxy;
  const harness = roomsHarness(() => server, DOMAIN);
  let roomCount = 0;

  beforeAll(async () => {
    server = await startProsody({
      hosts: [{ domain: DOMAIN, users: USERS }],
      rooms: true,
      archive: true,
      ...(sm ? {} : { streamManagement: false as const }),
    });
  });
  beforeEach(async () => {
    proxy = await startFaultProxy({ targetHost: server.host, targetPort: server.port });
  });
  afterEach(async () => {
    await harness.closeAll();
    await proxy.close();
  });
  afterAll(() => server?.stop());

  /** alice through the proxy, bob and carol directly, all in a new persistent room. */
  async function roomOfThree(): Promise<{
    room: string;
    alice: Recorded_;
    bob: Recorded_;
    carol: Recorded_;
  }> {
    const room = `away${++roomCount}@${server.roomsDomain}`;
    const alice = await harness.online('alice', {
      ...QUICK,
      server: { host: proxy.host, port: proxy.port },
    });
    const [bob, carol] = await Promise.all([
      harness.online('bob', QUICK),
      harness.online('carol', QUICK),
    ]);
    await bob.account.joinRoom(room);
    await bob.iq('set', roomConfig({ persistentroom: '1' }), room);
    await alice.account.joinRoom(room);
    await carol.account.joinRoom(room);
    await bob.account.sendMessage({ to: room, type: 'groupchat', body: 'before' });
    await alice.until('before', (s) => bodiesIn(s, room).includes('before'));
    return { room, alice, bob, carol };
  }

  /** The others talk while alice is away; alice sends three messages meanwhile. */
  async function talkWhileAway(
    room: string,
    alice: Recorded_,
    bob: Recorded_,
    carol: Recorded_,
    count = AWAY,
  ) {
    await alice.until('away', (s) => s.state.some(([change]) => change.to === 'reconnecting'));
    const mine = [1, 2, 3].map((i) =>
      alice.account.sendMessage({ to: room, type: 'groupchat', body: `alice-away-${i}` }),
    );
    const expected: string[] = ['before'];
    const sends: Promise<unknown>[] = [];
    for (let i = 0; i < count; i++) {
      const [who, other] = i % 2 === 0 ? [bob, carol] : [carol, bob];
      const body = `away-${i}`;
      sends.push(who.account.sendMessage({ to: room, type: 'groupchat', body }));
      // The room has passed it on before the next one is sent: the room's order is this one.
      await other.until(body, (s) => bodiesIn(s, room).includes(body));
      expected.push(body);
    }
    await Promise.all(sends);
    return { mine, expected };
  }

  async function everythingOnce(
    room: string,
    alice: Recorded_,
    bob: Recorded_,
    carol: Recorded_,
    expected: string[],
  ) {
    const last = expected.at(-1) ?? '';
    await alice.until('caught up', (s) => bodiesIn(s, room).includes(last), 20_000);
    for (const other of [bob, carol]) {
      await other.until('alice-away-3', (s) => bodiesIn(s, room).includes('alice-away-3'), 20_000);
    }
    const got = bodiesIn(alice.seen, room);
    expect(repeats(got)).toEqual({});
    expect(got).toEqual(expected);
    for (const other of [bob, carol]) {
      const mine = bodiesIn(other.seen, room).filter((b) => b.startsWith('alice-away-'));
      expect(mine).toEqual(['alice-away-1', 'alice-away-2', 'alice-away-3']);
    }
    // Alice's own messages came back as deliveries, never as messages.
    expect(got.filter((b) => b.startsWith('alice-'))).toEqual([]);
  }

  it('when the connection is reset: every message once, in order', async () => {
    const { room, alice, bob, carol } = await roomOfThree();
    // Kept away (new connections refused) until the others have talked.
    proxy.dropNew(true);
    proxy.reset();
    const { mine, expected } = await talkWhileAway(room, alice, bob, carol);
    proxy.dropNew(false);
    await alice.until('back', (s) => s.reconnected.length === 1, 20_000);
    await Promise.all(mine);
    await everythingOnce(room, alice, bob, carol, expected);
    // A resumed stream stays in the room; a fresh one rejoins it.
    expect(alice.seen.reconnected.map(([i]) => i.resumed)).toEqual([sm]);
    expect(alice.seen.roomJoined.length).toBe(sm ? 1 : 2);
    expect(alice.account.rooms.map((r) => r.room)).toEqual([room]);
  });

  if (sm) {
    it('when more arrives than the server keeps for a resumption: the fresh session catches up', async () => {
      const { room, alice, bob, carol } = await roomOfThree();
      proxy.dropNew(true);
      proxy.reset();
      // Prosody keeps at most 500 stanzas for a lost stream (smacks_max_queue_size), then ends it.
      const { mine, expected } = await talkWhileAway(room, alice, bob, carol, 600);
      proxy.dropNew(false);
      await alice.until('back', (s) => s.reconnected.length === 1, 20_000);
      await Promise.all(mine);
      await everythingOnce(room, alice, bob, carol, expected);
      expect(alice.seen.reconnected.map(([i]) => i.resumed)).toEqual([false]);
      expect(alice.seen.roomJoined.length).toBe(2);
    });
  }

  // Without stream management a message written to a dead link is lost without a trace
  // (sendMessage resolves `acknowledged: false`): only a stream that counts can send it again.
  if (sm) {
    it('when a room message is in flight as the server restarts: it reaches the room once, after the rejoin', async () => {
      const { room, alice, bob, carol } = await roomOfThree();
      // Held by the frozen link: the server never gets it, and the stream cannot confirm it.
      proxy.freeze();
      const inFlight = alice.account.sendMessage({
        to: room,
        type: 'groupchat',
        body: 'in-flight',
      });
      proxy.dropNew(true);
      proxy.reset();
      await server.restart();
      for (const other of [bob, carol]) {
        await other.until('rejoined', (s) => s.roomJoined.length === 2, 20_000);
      }
      proxy.dropNew(false);
      await alice.until('back', (s) => s.reconnected.length === 1, 20_000);
      const settled = await inFlight;
      expect(settled.acknowledged).toBe(true);
      for (const other of [bob, carol]) {
        await other.until('in-flight', (s) => bodiesIn(s, room).includes('in-flight'), 20_000);
      }
      await bob.account.sendMessage({ to: room, type: 'groupchat', body: 'after' });
      await carol.until('after', (s) => bodiesIn(s, room).includes('after'));
      expect(bodiesIn(carol.seen, room).filter((b) => b === 'in-flight')).toHaveLength(1);
      expect(alice.seen.delivery.filter(([d]) => d.state === 'failed')).toEqual([]);
    });
  }

  it('when the server restarts: every message once, in order', async () => {
    const { room, alice, bob, carol } = await roomOfThree();
    proxy.dropNew(true);
    await server.restart();
    // The others come back and rejoin; then they talk while alice is still kept away.
    for (const other of [bob, carol]) {
      await other.until('rejoined', (s) => s.roomJoined.length === 2, 20_000);
    }
    const { mine, expected } = await talkWhileAway(room, alice, bob, carol);
    proxy.dropNew(false);
    await alice.until('back', (s) => s.reconnected.length === 1, 20_000);
    await Promise.all(mine);
    await everythingOnce(room, alice, bob, carol, expected);
    expect(alice.seen.reconnected.map(([i]) => i.resumed)).toEqual([false]);
    expect(alice.seen.roomJoined.length).toBe(2);
  });
});
