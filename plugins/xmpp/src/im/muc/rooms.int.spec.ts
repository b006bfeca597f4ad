/**
 * Rooms (XEP-0045) on a real Prosody, through the account API: a room of three (join, messages
 * both ways with nicks, occupants, topic, nick change, kick and ban with actor and reason,
 * leave), a password-protected room, a nick in use, a new room (status 201), invitations.
 */
import { type OccupantChange, SwitchboardError } from '@switchboard/core';
import {
  JabberPeer,
  type ProsodyServer,
  recordProcessFaults,
  startProsody,
} from '@switchboard/testing';
import { xml } from '../../extensions/xmlElement';
import {
  adminItem,
  bodiesIn,
  type Recorded_,
  roomConfig,
  roomsHarness,
} from './roomsHarness.testkit';

const DOMAIN = 'rooms.test';
const USERS = ['alice', 'bob', 'carol', 'dave'].map((u) => ({ username: u, password: `${u}-pw` }));

function changes(who: Recorded_, room: string): string[] {
  return who.seen.occupant
    .filter(([r]) => r === room)
    .map(([, c]: [string, OccupantChange]) => {
      const base = `${c.kind} ${c.occupant.nick} ${c.occupant.rank}`;
      if (c.kind === 'left') return `${base} ${c.reason} by=${c.by ?? '-'} text=${c.text ?? '-'}`;
      if (c.kind === 'renamed') return `${base} from=${c.previousNick}`;
      if (c.kind === 'updated') return `${base} was=${c.previous}`;
      return base;
    });
}

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
    it('when the room is new: creates it (status 201), configured, with this account as owner', async () => {
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
          address: expect.stringMatching(/^alice@rooms\.test\//),
        },
      ]);
      // The instant-room form unlocked it: another account can join.
      const bob = await harness.online('bob');
      expect((await bob.account.joinRoom(room)).created).toBeUndefined();
    });

    it('when the nick is in use: SB_ROOM_JOIN_REFUSED conflict, and another nick joins', async () => {
      const [alice, bob] = await Promise.all([harness.online('alice'), harness.online('bob')]);
      const room = newRoom();
      await alice.account.joinRoom(room);
      const refused = await bob.account.joinRoom(room, { nick: 'alice' }).catch((e: unknown) => e);
      expect(SwitchboardError.is(refused, 'SB_ROOM_JOIN_REFUSED')).toBe(true);
      expect((refused as SwitchboardError).details).toMatchObject({
        room,
        condition: 'conflict',
        nick: 'alice',
      });
      expect(bob.account.rooms).toEqual([]);
      const state = await bob.account.joinRoom(room, { nick: 'alice2' });
      expect(state.nick).toBe('alice2');
    });

    it('when the room has a password: refused without it or with a wrong one, joined with it', async () => {
      const [alice, bob] = await Promise.all([harness.online('alice'), harness.online('bob')]);
      const room = newRoom();
      await alice.account.joinRoom(room);
      await alice.iq('set', roomConfig({ passwordprotectedroom: '1', roomsecret: 's3cret' }), room);
      for (const password of [undefined, 'wrong']) {
        const refused = await bob.account
          .joinRoom(room, password === undefined ? {} : { password })
          .catch((e: unknown) => e);
        expect(SwitchboardError.is(refused, 'SB_ROOM_JOIN_REFUSED')).toBe(true);
        expect((refused as SwitchboardError).details.condition).toBe('password');
        expect(String(refused)).not.toContain('s3cret');
      }
      const state = await bob.account.joinRoom(room, { password: 's3cret' });
      expect(state.occupants.map((o) => o.nick).sort()).toEqual(['alice', 'bob']);
    });

    it('when the room stays locked (its creator never configures it): not-found after the retries, nothing unhandled', async () => {
      const room = newRoom();
      const creator = await JabberPeer.connect({
        host: server.host,
        port: server.port,
        domain: DOMAIN,
        username: 'dave',
        password: 'dave-pw',
        ca: server.ca,
      });
      const faults = recordProcessFaults();
      try {
        creator.sendRaw(
          `<presence to='${room}/dave'><x xmlns='http://jabber.org/protocol/muc'/></presence>`,
        );
        await creator.waitFor(
          (s) => s.name === 'presence' && s.attrs.from === `${room}/dave`,
          'in',
        );
        const alice = await harness.online('alice');
        const refused = await alice.account.joinRoom(room).catch((e: unknown) => e);
        expect(SwitchboardError.is(refused, 'SB_ROOM_JOIN_REFUSED')).toBe(true);
        expect((refused as SwitchboardError).details.condition).toBe('not-found');
        await new Promise((r) => setImmediate(r));
        expect(faults.faults()).toEqual([]);
      } finally {
        faults.stop();
        await creator.close();
      }
    });

    it('rejects a room address with a resource before anything is sent', async () => {
      const alice = await harness.online('alice');
      const error = await alice.account.joinRoom(`${newRoom()}/nick`).catch((e: unknown) => e);
      expect(SwitchboardError.is(error, 'SB_ADDRESS_INVALID')).toBe(true);
      expect((error as SwitchboardError).details).toMatchObject({
        field: 'room',
        reason: 'resourcepart',
      });
    });
  });

  describe('a room of three', () => {
    it('when they talk, change topic and nick, one is kicked, one banned, one leaves', async () => {
      const [alice, bob, carol] = await Promise.all([
        harness.online('alice'),
        harness.online('bob'),
        harness.online('carol'),
      ]);
      const room = newRoom();
      await alice.account.joinRoom(room);
      const bobState = await bob.account.joinRoom(room);
      expect(bobState.occupants.map((o) => `${o.nick} ${o.rank} ${o.self}`).sort()).toEqual([
        'alice owner false',
        'bob member true',
      ]);
      await carol.account.joinRoom(room, { nick: 'Carol C' });
      await alice.until('carol', (s) => s.occupant.length >= 2);

      // Messages both ways, with nicks; the sender gets its own back as a delivery.
      const fromBob = await bob.account.sendMessage({
        to: room,
        type: 'groupchat',
        body: 'hi from bob',
      });
      const fromCarol = await carol.account.sendMessage({
        to: room,
        type: 'groupchat',
        body: 'hi from carol',
      });
      await alice.until('two messages', (s) => bodiesIn(s, room).length === 2);
      await bob.until('carol', (s) => bodiesIn(s, room).length === 1);
      await carol.until('bob', (s) => bodiesIn(s, room).length === 1);
      expect(alice.seen.message.map(([m]) => [m.from, m.nick, m.body, m.id])).toEqual([
        [room, 'bob', 'hi from bob', fromBob.id],
        [room, 'Carol C', 'hi from carol', fromCarol.id],
      ]);
      expect(alice.seen.message.every(([m]) => typeof m.archiveId === 'string')).toBe(true);
      expect(bodiesIn(bob.seen, room)).toEqual(['hi from carol']);
      expect(bodiesIn(carol.seen, room)).toEqual(['hi from bob']);
      await bob.until('delivered', (s) => s.delivery.some(([d]) => d.state === 'delivered'));
      expect(bob.seen.delivery.map(([d]) => `${d.id} ${d.state}`)).toEqual([
        `${fromBob.id} accepted`,
        `${fromBob.id} delivered`,
      ]);

      // Topic: set by the owner, seen by everyone with who set it.
      await alice.account.setTopic(room, 'Plans for Friday');
      await bob.until('topic', (s) => s.topic.length > 0);
      expect(bob.seen.topic.map(([t]) => t)).toEqual([
        { room, topic: 'Plans for Friday', by: 'alice' },
      ]);
      expect(bob.account.rooms[0]?.topic).toBe('Plans for Friday');
      // A participant may not change it here.
      const refused = await bob.account.setTopic(room, 'mine now').catch((e: unknown) => e);
      expect(SwitchboardError.is(refused, 'SB_ROOM_REFUSED')).toBe(true);
      expect((refused as SwitchboardError).details).toMatchObject({ room, condition: 'forbidden' });

      // Nick change (status 303).
      await carol.raw(xml('presence', { to: `${room}/carol` }));
      await alice.until('renamed', (s) => s.occupant.some(([, c]) => c.kind === 'renamed'));
      await carol.until('own rename', () => carol.account.rooms[0]?.nick === 'carol');

      // Kick with a reason (status 307), then a ban (status 301).
      await alice.iq('set', adminItem({ nick: 'carol', role: 'none' }, 'too loud'), room);
      await carol.until('kicked', (s) => s.roomLeft.length === 1);
      expect(carol.seen.roomLeft[0]?.[0]).toMatchObject({
        room,
        reason: 'kicked',
        text: 'too loud',
      });
      expect(carol.account.rooms).toEqual([]);
      await alice.iq(
        'set',
        adminItem({ jid: `bob@${DOMAIN}`, affiliation: 'outcast' }, 'spam'),
        room,
      );
      await bob.until('banned', (s) => s.roomLeft.length === 1);
      expect(bob.seen.roomLeft[0]?.[0]).toMatchObject({ room, reason: 'banned', text: 'spam' });
      const again = await bob.account.joinRoom(room).catch((e: unknown) => e);
      expect((again as SwitchboardError).details?.condition).toBe('banned');

      await alice.until(
        'both gone',
        (s) => s.occupant.filter(([, c]) => c.kind === 'left').length === 2,
      );
      expect(changes(alice, room)).toEqual([
        'joined bob member',
        'joined Carol C member',
        'renamed carol member from=Carol C',
        expect.stringMatching(/^left carol member kicked by=.* text=too loud$/),
        expect.stringMatching(/^left bob (member|visitor) banned by=.* text=spam$/),
      ]);
      const kick = alice.seen.occupant.find(([, c]) => c.kind === 'left' && c.reason === 'kicked');
      expect(kick?.[1]).toMatchObject({ by: expect.any(String) });

      // Leaving: confirmed by the room, reported to the account.
      await alice.account.leaveRoom(room);
      expect(alice.account.rooms).toEqual([]);
      expect(alice.seen.roomLeft.map(([l]) => l)).toEqual([{ room, reason: 'requested' }]);
    });

    it('reports an occupant leaving and a rank change', async () => {
      const [alice, bob] = await Promise.all([harness.online('alice'), harness.online('bob')]);
      const room = newRoom();
      await alice.account.joinRoom(room);
      await bob.account.joinRoom(room);
      await alice.iq('set', adminItem({ nick: 'bob', role: 'moderator' }), room);
      await alice.until('updated', (s) => s.occupant.some(([, c]) => c.kind === 'updated'));
      await bob.account.leaveRoom(room, 'bye');
      await alice.until('left', (s) => s.occupant.some(([, c]) => c.kind === 'left'));
      expect(changes(alice, room)).toEqual([
        'joined bob member',
        'updated bob moderator was=member',
        'left bob moderator left by=- text=-',
      ]);
      expect(bob.seen.roomLeft.map(([l]) => l.reason)).toEqual(['requested']);
    });
  });

  describe('a destroyed room', () => {
    it('when the owner destroys it: the others are out of it, with the reason', async () => {
      const [alice, bob] = await Promise.all([harness.online('alice'), harness.online('bob')]);
      const room = newRoom();
      await alice.account.joinRoom(room);
      await bob.account.joinRoom(room);
      await alice.iq(
        'set',
        xml(
          'query',
          { xmlns: 'http://jabber.org/protocol/muc#owner' },
          xml('destroy', {}, xml('reason', {}, 'moving on')),
        ),
        room,
      );
      await bob.until('roomLeft', (s) => s.roomLeft.length === 1);
      expect(bob.seen.roomLeft[0]?.[0]).toMatchObject({
        room,
        reason: 'destroyed',
        text: 'moving on',
      });
      expect(bob.account.rooms).toEqual([]);
    });
  });

  describe('invitations', () => {
    it('when invited through the room or directly: an invitation event', async () => {
      const [alice, dave] = await Promise.all([harness.online('alice'), harness.online('dave')]);
      const room = newRoom();
      await alice.account.joinRoom(room);
      await alice.account.invite(room, `dave@${DOMAIN}`, 'come and see');
      await dave.until('mediated', (s) => s.invitation.length === 1);
      expect(dave.seen.invitation[0]?.[0]).toEqual({
        room,
        // A semi-anonymous room names the inviter by its occupant address.
        from: `${room}/alice`,
        reason: 'come and see',
      });
      await alice.raw(
        xml(
          'message',
          { to: `dave@${DOMAIN}` },
          xml('x', { xmlns: 'jabber:x:conference', jid: room, reason: 'direct', password: 'pw' }),
        ),
      );
      await dave.until('direct', (s) => s.invitation.length === 2);
      expect(dave.seen.invitation[1]?.[0]).toEqual({
        room,
        from: expect.stringMatching(/^alice@rooms\.test\//),
        reason: 'direct',
        password: 'pw',
      });
      expect(dave.seen.message).toEqual([]);
    });

    it('when a user poses as a room: neither its invitation nor its room message is believed', async () => {
      const [mallory, dave] = await Promise.all([harness.online('carol'), harness.online('dave')]);
      const to = `dave@${DOMAIN}`;
      // Sent by a user, these come from its full JID: no room sends from there.
      await mallory.raw(
        xml(
          'message',
          { to },
          xml(
            'x',
            { xmlns: 'http://jabber.org/protocol/muc#user' },
            xml('invite', { from: 'ceo@corp.example' }, xml('reason', {}, 'urgent')),
          ),
        ),
      );
      await mallory.raw(
        xml('message', { to, type: 'groupchat' }, xml('body', {}, 'from the room')),
      );
      await mallory.account.sendMessage({ to, body: 'last' });
      await dave.until('the last message', (s) => s.message.some(([m]) => m.body === 'last'));
      expect(dave.seen.invitation).toEqual([]);
      expect(dave.seen.message.map(([m]) => m.body)).toEqual(['last']);
    });
  });
});
