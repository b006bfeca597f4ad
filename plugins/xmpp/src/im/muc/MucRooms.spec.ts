import type { SessionSink } from '@switchboard/core';
import xml, { type Element } from '@xmpp/xml';
import { ArchiveQueries } from '../mam/ArchiveQueries';
import { MucRooms } from './MucRooms';
import { OwnEchoes } from './OwnEchoes';
import { stanza } from './stanza.testkit';

const ROOM = 'room@conference.example.org';
const OWN = 'alice@example.org';
const X = "xmlns='http://jabber.org/protocol/muc#user'";
const SID = "xmlns='urn:xmpp:sid:0'";

function occupant(
  nick: string,
  extra = '',
  attrs = "affiliation='none' role='participant'",
): Element {
  return stanza(`<presence from='${ROOM}/${nick}'><x ${X}><item ${attrs}/>${extra}</x></presence>`);
}

function groupchat(nick: string, body: string, extra = '', attrs = ''): Element {
  return stanza(
    `<message from='${ROOM}/${nick}' type='groupchat' ${attrs}><body>${body}</body>${extra}</message>`,
  );
}

const subject = (text: string): Element =>
  stanza(`<message from='${ROOM}/bob' type='groupchat'><subject>${text}</subject></message>`);

/** MucRooms with a recording sink and an IQ the test answers. */
function harness(options: { counting?: boolean } = {}) {
  const reports: unknown[][] = [];
  const record =
    (name: string) =>
    (...args: unknown[]): void => {
      reports.push([name, ...args]);
    };
  const sink = {
    message: record('message'),
    occupant: record('occupant'),
    topic: record('topic'),
    receipt: record('receipt'),
    roomLeft: record('roomLeft'),
    invitation: record('invitation'),
  } as unknown as SessionSink;
  const sent: Element[] = [];
  const iqs: { child: Element; to: string | undefined; answer: (reply?: Element) => void }[] = [];
  const iq = (_type: 'set', child: Element, to?: string): Promise<Element | undefined> =>
    new Promise((resolve) => {
      iqs.push({ child, to, answer: resolve });
    });
  const echoes = new OwnEchoes(sink, () => options.counting === true);
  const archive = new ArchiveQueries(iq);
  const rooms = new MucRooms({
    sink,
    send: async (element) => {
      sent.push(element);
    },
    iq,
    archive,
    own: () => OWN,
    timeoutMs: 2_000,
    echoes,
    sentEarlier: () => false,
  });
  const names = (): unknown[] => reports.map((r) => r[0]);
  return { rooms, archive, sent, iqs, reports, names, echoes };
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe(MucRooms, () => {
  describe('.join', () => {
    it('when the room answers: occupants, self (110), history, then the subject ends the join', async () => {
      const { rooms, sent, reports } = harness();
      const joined = rooms.join({ room: ROOM, nick: 'alice', history: { maxMessages: 5 } });
      await tick();
      expect(sent[0]?.toString()).toBe(
        `<presence to="${ROOM}/alice"><x xmlns="http://jabber.org/protocol/muc"><history maxstanzas="5"/></x></presence>`,
      );
      expect(rooms.claim(occupant('bob', '', "affiliation='owner' role='moderator'"))).toBe(true);
      rooms.claim(occupant('alice', "<status code='110'/>"));
      rooms.claim(
        groupchat(
          'bob',
          'earlier',
          `<delay xmlns='urn:xmpp:delay' stamp='2026-01-01T00:00:00Z'/><stanza-id ${SID} by='${ROOM}' id='s1'/>`,
        ),
      );
      rooms.claim(subject('Friday'));
      const state = await joined;
      expect(state).toEqual({
        room: ROOM,
        nick: 'alice',
        topic: 'Friday',
        occupants: [
          { room: ROOM, nick: 'bob', rank: 'owner', self: false },
          { room: ROOM, nick: 'alice', rank: 'member', self: true },
        ],
      });
      expect(reports).toEqual([
        [
          'message',
          expect.objectContaining({
            from: ROOM,
            nick: 'bob',
            body: 'earlier',
            archiveId: 's1',
            type: 'groupchat',
          }),
        ],
        ['topic', { room: ROOM, topic: 'Friday', by: 'bob' }],
      ]);
    });

    it('when the join creates the room (201): accepts the instant room, created', async () => {
      const { rooms, iqs } = harness();
      const joined = rooms.join({ room: ROOM, nick: 'alice' });
      await tick();
      rooms.claim(
        occupant(
          'alice',
          "<status code='201'/><status code='110'/>",
          "affiliation='owner' role='moderator'",
        ),
      );
      expect(iqs[0]?.to).toBe(ROOM);
      expect(iqs[0]?.child.toString()).toBe(
        '<query xmlns="http://jabber.org/protocol/muc#owner"><x xmlns="jabber:x:data" type="submit"/></query>',
      );
      iqs[0]?.answer();
      expect(await joined).toMatchObject({
        created: true,
        occupants: [{ nick: 'alice', rank: 'owner' }],
      });
    });

    it('when the nick is in use: SB_ROOM_JOIN_REFUSED conflict, and the room is not kept', async () => {
      const { rooms, reports } = harness();
      const joined = rooms.join({ room: ROOM, nick: 'alice' });
      await tick();
      rooms.claim(
        stanza(
          `<presence from='${ROOM}/alice' type='error'><error type='cancel'><conflict xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></presence>`,
        ),
      );
      await expect(joined).rejects.toMatchObject({
        code: 'SB_ROOM_JOIN_REFUSED',
        details: { condition: 'conflict' },
      });
      // Not in the room: its messages are nobody's room messages (claimed and dropped).
      expect(rooms.claim(groupchat('bob', 'hello'))).toBe(true);
      expect(reports.filter((r) => r[0] === 'message')).toEqual([]);
    });

    it('when catching up after a reconnect: no replay, the archive after the id, then live messages, each once', async () => {
      const { rooms, archive, sent, iqs, reports } = harness();
      const joined = rooms.join({
        room: ROOM,
        nick: 'alice',
        after: 'a0',
        history: { since: new Date() },
      });
      await tick();
      expect(sent[0]?.toString()).toContain('<history maxstanzas="0"/>');
      rooms.claim(occupant('alice', "<status code='110'/>"));
      rooms.claim(subject(''));
      await tick();
      const query = iqs[0]?.child;
      expect(iqs[0]?.to).toBe(ROOM);
      expect(query?.toString()).toContain('<after>a0</after>');
      // Live messages while the archive is read: one the archive also has, one newer.
      rooms.claim(groupchat('bob', 'two', `<stanza-id ${SID} by='${ROOM}' id='a2'/>`));
      rooms.claim(groupchat('bob', 'three', `<stanza-id ${SID} by='${ROOM}' id='a3'/>`));
      const queryid = query?.attrs.queryid ?? '';
      for (const [id, body] of [
        ['a1', 'one'],
        ['a2', 'two'],
      ]) {
        archive.claim(
          stanza(
            `<message from='${ROOM}' to='${OWN}/x'><result xmlns='urn:xmpp:mam:2' queryid='${queryid}' id='${id}'><forwarded xmlns='urn:xmpp:forward:0'><delay xmlns='urn:xmpp:delay' stamp='2026-01-01T00:00:00Z'/><message from='${ROOM}/bob' type='groupchat'><body>${body}</body></message></forwarded></result></message>`,
          ),
        );
      }
      expect(reports).toEqual([]);
      iqs[0]?.answer(xml('fin', { xmlns: 'urn:xmpp:mam:2', complete: 'true' }));
      await joined;
      expect(reports.map(([, m]) => (m as { body: string; archiveId: string }).body)).toEqual([
        'one',
        'two',
        'three',
      ]);
      // The live copy of a2, again: not reported twice.
      rooms.claim(groupchat('bob', 'two', `<stanza-id ${SID} by='${ROOM}' id='a2'/>`));
      expect(reports).toHaveLength(3);
    });
    it('when the archive answers an empty page after an id it no longer has: asks for the id, then replays since the time', async () => {
      const { rooms, archive, iqs, reports } = harness();
      const since = new Date('2026-01-01T00:00:00Z');
      const joined = rooms.join({ room: ROOM, nick: 'alice', after: 'gone', history: { since } });
      await tick();
      rooms.claim(occupant('alice', "<status code='110'/>"));
      rooms.claim(subject(''));
      const fin = () => xml('fin', { xmlns: 'urn:xmpp:mam:2', complete: 'true' });
      await tick();
      expect(iqs[0]?.child.toString()).toContain('<after>gone</after>');
      iqs[0]?.answer(fin()); // Prosody 13's internal storage: no item-not-found, no items.
      await tick();
      const probe = iqs[1]?.child.toString() ?? '';
      expect(probe).toContain('<field var="ids"><value>gone</value></field>');
      expect(probe).not.toContain('<after>');
      iqs[1]?.answer(fin());
      await tick();
      const replay = iqs[2]?.child;
      expect(replay?.toString()).toContain(
        '<field var="start"><value>2026-01-01T00:00:00.000Z</value></field>',
      );
      expect(replay?.toString()).not.toContain('<after>');
      archive.claim(
        stanza(
          `<message from='${ROOM}' to='${OWN}/x'><result xmlns='urn:xmpp:mam:2' queryid='${replay?.attrs.queryid}' id='a9'><forwarded xmlns='urn:xmpp:forward:0'><delay xmlns='urn:xmpp:delay' stamp='2026-01-01T00:00:01Z'/><message from='${ROOM}/bob' type='groupchat'><body>missed</body></message></forwarded></result></message>`,
        ),
      );
      iqs[2]?.answer(fin());
      await joined;
      expect(reports.map(([, m]) => (m as { body: string }).body)).toEqual(['missed']);
      expect(iqs).toHaveLength(3);
    });

    it('when nothing is newer than an id the archive has: one probe for the id, no replay', async () => {
      const { rooms, archive, iqs, reports } = harness();
      const since = new Date('2026-01-01T00:00:00Z');
      const joined = rooms.join({ room: ROOM, nick: 'alice', after: 'a1', history: { since } });
      await tick();
      rooms.claim(occupant('alice', "<status code='110'/>"));
      rooms.claim(subject(''));
      await tick();
      iqs[0]?.answer(xml('fin', { xmlns: 'urn:xmpp:mam:2', complete: 'true' }));
      await tick();
      const queryid = iqs[1]?.child.attrs.queryid ?? '';
      archive.claim(
        stanza(
          `<message from='${ROOM}' to='${OWN}/x'><result xmlns='urn:xmpp:mam:2' queryid='${queryid}' id='a1'><forwarded xmlns='urn:xmpp:forward:0'><delay xmlns='urn:xmpp:delay' stamp='2026-01-01T00:00:00Z'/><message from='${ROOM}/bob' type='groupchat'><body>seen</body></message></forwarded></result></message>`,
        ),
      );
      iqs[1]?.answer(
        xml(
          'fin',
          { xmlns: 'urn:xmpp:mam:2', complete: 'true' },
          xml(
            'set',
            { xmlns: 'http://jabber.org/protocol/rsm' },
            xml('first', {}, 'a1'),
            xml('last', {}, 'a1'),
          ),
        ),
      );
      await joined;
      expect(iqs).toHaveLength(2);
      expect(reports).toEqual([]);
    });
  });

  describe('.claim', () => {
    async function joinedRoom(options: { counting?: boolean } = {}) {
      const h = harness(options);
      const joined = h.rooms.join({ room: ROOM, nick: 'alice' });
      await tick();
      h.rooms.claim(occupant('alice', "<status code='110'/>"));
      h.rooms.claim(subject(''));
      await joined;
      return h;
    }

    it('when a stanza-id is set by someone else than the room: not an archive id', async () => {
      const { rooms, reports } = await joinedRoom();
      rooms.claim(groupchat('bob', 'hi', `<stanza-id ${SID} by='mallory@example.org' id='fake'/>`));
      expect(reports).toEqual([
        ['message', expect.not.objectContaining({ archiveId: expect.anything() })],
      ]);
    });

    it('when the own message comes back before the server acknowledged it: delivered after the acknowledgement', async () => {
      const { rooms, reports, echoes } = await joinedRoom({ counting: true });
      const element = xml(
        'message',
        { to: ROOM, type: 'groupchat', id: 'm1' },
        xml('body', {}, 'mine'),
      );
      echoes.sent(ROOM, element);
      expect(
        rooms.claim(groupchat('alice', 'mine', `<origin-id ${SID} id='m1'/>`, "id='rewritten'")),
      ).toBe(true);
      await tick();
      expect(reports).toEqual([]);
      echoes.acknowledged([element]);
      await tick();
      expect(reports).toEqual([['receipt', { id: 'm1', from: ROOM, state: 'delivered' }]]);
    });

    it('when occupants change: joined, renamed, kicked with actor and reason', async () => {
      const { rooms, reports } = await joinedRoom();
      rooms.claim(occupant('bob'));
      rooms.claim(
        stanza(
          `<presence from='${ROOM}/bob' type='unavailable'><x ${X}><item nick='rob' role='participant'/><status code='303'/></x></presence>`,
        ),
      );
      rooms.claim(occupant('rob'));
      rooms.claim(
        stanza(
          `<presence from='${ROOM}/rob' type='unavailable'><x ${X}><item role='none'><actor nick='alice'/><reason>spam</reason></item><status code='307'/></x></presence>`,
        ),
      );
      expect(reports.map(([, , change]) => change)).toEqual([
        { kind: 'joined', occupant: { room: ROOM, nick: 'bob', rank: 'member', self: false } },
        {
          kind: 'renamed',
          occupant: { room: ROOM, nick: 'rob', rank: 'member', self: false },
          previousNick: 'bob',
        },
        {
          kind: 'left',
          occupant: { room: ROOM, nick: 'rob', rank: 'member', self: false },
          reason: 'kicked',
          by: 'alice',
          text: 'spam',
        },
      ]);
    });

    it('when this account is banned: left, and the room is gone', async () => {
      const { rooms, reports } = await joinedRoom();
      rooms.claim(
        stanza(
          `<presence from='${ROOM}/alice' type='unavailable'><x ${X}><item affiliation='outcast' role='none'/><status code='301'/><status code='110'/></x></presence>`,
        ),
      );
      expect(reports.at(-1)).toEqual(['roomLeft', { room: ROOM, reason: 'banned' }]);
      // Late messages of the room: taken and dropped, not reported.
      const before = reports.length;
      expect(rooms.claim(groupchat('bob', 'hi'))).toBe(true);
      expect(reports).toHaveLength(before);
    });

    it('when a groupchat message comes from a room not joined: taken and dropped', () => {
      const { rooms, reports } = harness();
      expect(rooms.claim(groupchat('bob', 'hi'))).toBe(true);
      expect(reports).toEqual([]);
    });
  });
});
