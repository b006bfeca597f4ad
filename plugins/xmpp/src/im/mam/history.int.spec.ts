/**
 * History (XEP-0313 with RSM paging) on a real Prosody: the account's own archive of a 1:1
 * conversation and a room's archive, paged backwards and forwards, with `complete` at the ends.
 */
import { type HistoryPage, SwitchboardError } from '@switchboard/core';
import { type ProsodyServer, startProsody } from '@switchboard/testing';
import { bodiesIn, roomsHarness } from '../muc/roomsHarness.testkit';

const DOMAIN = 'history.test';
const USERS = ['alice', 'bob', 'carol'].map((u) => ({ username: u, password: `${u}-pw` }));

const bodies = (page: HistoryPage): string[] => page.messages.map((m) => m.body);

function defined(id: string | undefined): string {
  if (id === undefined) throw new Error('no archive id');
  return id;
}

describe('XMPP history on a real Prosody', () => {
  let server: ProsodyServer;
  const harness = roomsHarness(() => server, DOMAIN);

  beforeAll(async () => {
    server = await startProsody({
      hosts: [{ domain: DOMAIN, users: USERS }],
      rooms: true,
      archive: true,
    });
  });
  afterEach(() => harness.closeAll());
  afterAll(() => server?.stop());

  it('pages a 1:1 conversation backwards and forwards', async () => {
    const [alice, bob] = await Promise.all([harness.online('alice'), harness.online('bob')]);
    const bobJid = `bob@${DOMAIN}`;
    for (let i = 1; i <= 7; i++) {
      const from = i % 2 === 1 ? alice : bob;
      const to = i % 2 === 1 ? bobJid : `alice@${DOMAIN}`;
      await from.account.sendMessage({ to, body: `m${i}` });
    }
    await bob.until('last message', (s) => s.message.some(([m]) => m.body === 'm7'));

    const latest = await alice.account.history(bobJid, { limit: 3 });
    expect(bodies(latest)).toEqual(['m5', 'm6', 'm7']);
    expect(latest).toMatchObject({ conversation: bobJid, complete: false });
    expect(latest.first).toBe(latest.messages[0]?.archiveId);
    // Prosody archives the receipts too: `last` is where a newer page would start, which may
    // be a receipt after m7; nothing newer than it is a message.
    const newer = await alice.account.history(bobJid, { after: defined(latest.last) });
    expect(newer.messages).toEqual([]);
    expect(latest.messages.map((m) => m.outgoing)).toEqual([true, false, true]);
    expect(latest.messages[1]).toMatchObject({
      body: 'm6',
      type: 'chat',
      to: expect.stringContaining('alice@'),
    });
    expect(latest.messages[1]?.delay.stamp).toBeInstanceOf(Date);

    const older = await alice.account.history(bobJid, { limit: 3, before: defined(latest.first) });
    expect(bodies(older)).toEqual(['m2', 'm3', 'm4']);
    expect(older.complete).toBe(false);
    const oldest = await alice.account.history(bobJid, { limit: 3, before: defined(older.first) });
    expect(bodies(oldest)).toEqual(['m1']);
    expect(oldest.complete).toBe(true);

    // Each account's archive has its own ids: page forwards in the same archive.
    const forwards = await alice.account.history(bobJid, {
      limit: 4,
      after: defined(oldest.first),
    });
    expect(bodies(forwards)).toEqual(['m2', 'm3', 'm4', 'm5']);
    expect(forwards.complete).toBe(false);
    const rest = await alice.account.history(bobJid, { limit: 4, after: defined(forwards.last) });
    expect(bodies(rest)).toEqual(['m6', 'm7']);
    expect(rest.complete).toBe(true);
    // The other side's archive: the same conversation, the other way round.
    const bobs = await bob.account.history(`alice@${DOMAIN}`, { limit: 2 });
    expect(bodies(bobs)).toEqual(['m6', 'm7']);
    expect(bobs.messages.map((m) => m.outgoing)).toEqual([true, false]);
  });

  it('pages a room archive, with nicks and the archive ids of live messages', async () => {
    const [alice, bob] = await Promise.all([harness.online('alice'), harness.online('bob')]);
    const room = `archived@${server.roomsDomain}`;
    await alice.account.joinRoom(room);
    await bob.account.joinRoom(room);
    for (let i = 1; i <= 5; i++) {
      const from = i % 2 === 1 ? alice : bob;
      await from.account.sendMessage({ to: room, type: 'groupchat', body: `r${i}` });
    }
    await alice.until('r4', (s) => bodiesIn(s, room).includes('r4'));
    const live = alice.seen.message.map(([m]) => m.archiveId);

    const latest = await alice.account.history(room, { limit: 2 });
    expect(latest.messages.map((m) => [m.body, m.nick, m.from, m.type, m.outgoing])).toEqual([
      ['r4', 'bob', room, 'groupchat', false],
      ['r5', 'alice', room, 'groupchat', true],
    ]);
    // The archive ids are the ones the live messages carried.
    expect(latest.messages[0]?.archiveId).toBe(live.at(-1));
    const rest = await alice.account.history(room, { limit: 10, before: defined(latest.first) });
    expect(bodies(rest)).toEqual(['r1', 'r2', 'r3']);
    expect(rest.complete).toBe(true);
    const after = await bob.account.history(room, {
      limit: 10,
      after: defined(rest.messages[0]?.archiveId),
    });
    expect(bodies(after)).toEqual(['r2', 'r3', 'r4', 'r5']);
    expect(after.complete).toBe(true);
  });

  it('rejects a query the archive cannot answer with a coded error', async () => {
    // carol has no archive yet: a page after an id is item-not-found. (Prosody 13's internal
    // storage answers an unknown id in an existing archive with an empty, complete page.)
    const carol = await harness.online('carol');
    const error = await carol.account
      .history(`bob@${DOMAIN}`, { after: 'no-such-id' })
      .catch((e: unknown) => e);
    expect(SwitchboardError.is(error)).toBe(true);
    expect((error as SwitchboardError).details.condition).toBe('item-not-found');
  });
});

describe('XMPP history on a Prosody without an archive', () => {
  let server: ProsodyServer;
  const harness = roomsHarness(() => server, DOMAIN);

  beforeAll(async () => {
    server = await startProsody({ hosts: [{ domain: DOMAIN, users: USERS }] });
  });
  afterEach(() => harness.closeAll());
  afterAll(() => server?.stop());

  it('narrows history off at login (MAM is not on the account), and history() is refused before sending', async () => {
    const alice = await harness.online('alice');
    expect(alice.account.capabilities).toMatchObject({ history: false, receipts: true });
    expect((await alice.account.refreshCapabilities()).history).toBe(false);
    const error = await alice.account.history(`bob@${DOMAIN}`).catch((e: unknown) => e);
    expect(SwitchboardError.is(error, 'SB_CAPABILITY_UNSUPPORTED')).toBe(true);
    expect((error as SwitchboardError).details).toMatchObject({ capability: 'history' });
  });
});
