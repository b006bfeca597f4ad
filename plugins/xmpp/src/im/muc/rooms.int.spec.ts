/**
 * Rooms (XEP-0045) on a real Prosody: a room of three accounts, joined through the account API.
 */
import { SwitchboardError } from '@switchboard/core';
import { type ProsodyServer, startProsody } from '@switchboard/testing';
import { bodiesIn, roomsHarness } from './roomsHarness.testkit';

const DOMAIN = 'rooms.test';
const USERS = ['alice', 'bob', 'carol', 'dave'].map((u) => ({ username: u, password: `${u}-pw` }));

describe('XMPP rooms on a real Prosody', () => {
  let server: ProsodyServer;
  const harness = roomsHarness(() => server, DOMAIN);
  let roomCount = 0;
  const newRoom = (): string => `room${++roomCount}@${server.roomsDomain}`;

  beforeAll(async () => {
    server = await startProsody({
      hosts: [{ domain: DOMAIN, users: USERS }],
      rooms: true,
      archive: true,
    });
  });
  afterEach(() => harness.closeAll());
  afterAll(() => server?.stop());

  describe('joinRoom', () => {
    it('when the room is new: creates it (status 201) and is its owner', async () => {
      const alice = await harness.online('alice');
      const room = newRoom();
      const state = await alice.account.joinRoom(room);
      expect(state).toMatchObject({ room, nick: 'alice', created: true });
      expect(state.occupants).toEqual([
        {
          room,
          nick: 'alice',
          rank: 'owner',
          self: true,
          address: expect.stringContaining('alice@rooms.test/'),
        },
      ]);
    });

    it('when three accounts join: each sees the others, messages carry nicks and archive ids', async () => {
      const [alice, bob, carol] = await Promise.all(
        ['alice', 'bob', 'carol'].map((u) => harness.online(u)),
      );
      const room = newRoom();
      await alice.account.joinRoom(room);
      const bobState = await bob.account.joinRoom(room);
      expect(bobState.created).toBeUndefined();
      expect(bobState.occupants.map((o) => [o.nick, o.rank, o.self]).sort()).toEqual([
        ['alice', 'owner', false],
        ['bob', 'member', true],
      ]);
      await carol.account.joinRoom(room, { nick: 'Carol C' });
      await alice.until('carol joined', (s) =>
        s.occupant.some(([, c]) => c.kind === 'joined' && c.occupant.nick === 'Carol C'),
      );
      expect(alice.seen.occupant.map(([r, c]) => [r, c.kind, c.occupant.nick])).toEqual([
        [room, 'joined', 'bob'],
        [room, 'joined', 'Carol C'],
      ]);

      const sent = await bob.account.sendMessage({
        to: room,
        type: 'groupchat',
        body: 'hello from bob',
      });
      await carol.account.sendMessage({ to: room, type: 'groupchat', body: 'hello from carol' });
      for (const other of [alice, carol]) {
        await other.until('bob message', (s) => bodiesIn(s, room).includes('hello from bob'));
      }
      await alice.until('carol message', (s) => bodiesIn(s, room).includes('hello from carol'));
      const [[fromBob]] = alice.seen.message.filter(([m]) => m.body === 'hello from bob');
      expect(fromBob).toMatchObject({ from: room, type: 'groupchat', nick: 'bob', id: sent.id });
      expect(fromBob?.archiveId).toEqual(expect.any(String));
      // Bob's own message came back from the room: delivered, not an inbound message.
      await bob.until('delivered', (s) =>
        s.delivery.some(([d]) => d.id === sent.id && d.state === 'delivered'),
      );
      expect(bodiesIn(bob.seen, room)).not.toContain('hello from bob');
      expect(bob.seen.delivery.filter(([d]) => d.id === sent.id).map(([d]) => d.state)).toEqual([
        'accepted',
        'delivered',
      ]);
    });
  });
});
