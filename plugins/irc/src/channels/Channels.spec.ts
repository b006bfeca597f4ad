import type { OccupantChange, RoomState, SessionSink } from '@switchboard/core';
import { Isupport } from '../wire/Isupport';
import { parseLine } from '../wire/parseLine';
import { Channels } from './Channels';

interface Fixture {
  readonly channels: Channels;
  readonly written: string[];
  readonly reports: unknown[];
  readonly taken: string[];
  nick: string;
  feed(...lines: string[]): void;
}

function fixture(timeoutMs = 1_000): Fixture {
  const isupport = new Isupport();
  isupport.add(
    parseLine(':irc.test 005 me PREFIX=(qaohv)~&@%+ CHANTYPES=# CASEMAPPING=ascii :are supported'),
  );
  const reports: unknown[] = [];
  const sink = {
    occupant: (room: string, change: OccupantChange) => reports.push(['occupant', room, change]),
    topic: (change: unknown) => reports.push(['topic', change]),
    invitation: (invitation: unknown) => reports.push(['invitation', invitation]),
    roomLeft: (left: unknown) => reports.push(['roomLeft', left]),
    sent: (report: unknown) => reports.push(['sent', report]),
  } as unknown as SessionSink;
  const written: string[] = [];
  const taken: string[] = [];
  const f: Fixture = {
    taken,
    written,
    reports,
    nick: 'alice',
    channels: new Channels({
      write: async (m) => {
        written.push([m.command, ...m.params].join(' '));
      },
      sink,
      isupport,
      nick: () => f.nick,
      labelled: () => false,
      timeoutMs,
      take: (id) => {
        taken.push(id);
      },
      seen: () => false,
    }),
    feed: (...lines) => {
      for (const l of lines) f.channels.receive(parseLine(l), undefined);
    },
  };
  return f;
}

async function joined(f: Fixture, room: string, names: string): Promise<RoomState> {
  const joining = f.channels.join({ room, nick: 'alice' });
  await Promise.resolve();
  f.feed(
    `:alice!a@h JOIN ${room.toLowerCase()}`,
    `:irc.test 353 alice = ${room.toLowerCase()} :${names}`,
    `:irc.test 366 alice ${room.toLowerCase()} :End of NAMES list`,
  );
  return joining;
}

describe(Channels, () => {
  describe('.join', () => {
    it('when the server answers with JOIN, NAMES and topic, resolves under the name asked for', async () => {
      const f = fixture();
      const joining = f.channels.join({ room: '#Room', nick: 'alice', password: 'k' });
      await Promise.resolve();
      expect(f.written).toEqual(['JOIN #Room k']);
      f.feed(
        ':alice!a@h JOIN #room',
        ':irc.test 332 alice #room :the topic',
        ':irc.test 333 alice #room bob!b@h 1700000000',
        ':irc.test 353 alice = #room :@+bob!b@h alice!a@h',
        ':irc.test 366 alice #room :End of NAMES list',
      );
      const state = await joining;
      expect(state).toEqual({
        room: '#Room',
        nick: 'alice',
        topic: 'the topic',
        occupants: [
          { room: '#Room', nick: 'alice', rank: 'member', address: 'alice!a@h', self: true },
          { room: '#Room', nick: 'bob', rank: 'moderator', address: 'bob!b@h', self: false },
        ],
      });
      expect(f.reports).toEqual([['topic', { room: '#Room', topic: 'the topic', by: 'bob' }]]);
    });

    it('when a refusal names the channel, rejects with its condition', async () => {
      const f = fixture();
      const joining = f.channels.join({ room: '#Secret', nick: 'alice' });
      f.feed(':irc.test 475 alice #secret :Cannot join channel (+k)');
      await expect(joining).rejects.toMatchObject({
        code: 'SB_ROOM_JOIN_REFUSED',
        details: { room: '#Secret', condition: 'password', numeric: '475' },
      });
    });

    it('when the server never answers, rejects with SB_TIMEOUT and a later join sends JOIN again', async () => {
      const f = fixture(20);
      await expect(f.channels.join({ room: '#void', nick: 'alice' })).rejects.toMatchObject({
        code: 'SB_TIMEOUT',
        details: { operation: 'join', room: '#void' },
      });
      const again = f.channels.join({ room: '#void', nick: 'alice' });
      await Promise.resolve();
      expect(f.written).toEqual(['JOIN #void', 'JOIN #void']);
      f.feed(':alice!a@h JOIN #void', ':irc.test 366 alice #void :End');
      expect((await again).occupants.map((o) => o.nick)).toEqual(['alice']);
    });

    it('when the name is no channel on this server, rejects before sending', async () => {
      const f = fixture();
      await expect(f.channels.join({ room: '&local', nick: 'alice' })).rejects.toMatchObject({
        details: { condition: 'bad-name' },
      });
      expect(f.written).toEqual([]);
    });
  });

  describe('.leave', () => {
    it('when joined again before the PART comes back, sends JOIN after PART and reports no removal', async () => {
      const f = fixture();
      await joined(f, '#a', 'alice bob');
      f.written.length = 0;
      const leaving = f.channels.leave('#a', 'brb');
      const back = f.channels.join({ room: '#a', nick: 'alice' });
      await Promise.resolve();
      expect(f.written).toEqual(['PART #a brb', 'JOIN #a']);
      f.feed(':alice!a@h PART #a :brb', ':bob!b@h JOIN #a');
      await leaving;
      f.feed(
        ':alice!a@h JOIN #a',
        ':irc.test 353 alice = #a :alice bob',
        ':irc.test 366 alice #a :End',
      );
      expect((await back).occupants.map((o) => o.nick)).toEqual(['alice', 'bob']);
      expect(f.reports).toEqual([]);
    });
  });

  describe('.holdUntilJoined', () => {
    const lines = (target: string) => [
      { command: 'PRIVMSG' as const, target, text: 'x', state: 'queued' as const },
    ];

    it('keeps a lost session’s lines to a channel until it is joined, then sends them before the join resolves', async () => {
      const f = fixture();
      expect(f.channels.holdUntilJoined('m1', lines('#Room'))).toBe(true);
      expect(f.channels.holdUntilJoined('m2', lines('#room'))).toBe(true);
      expect(f.channels.holdUntilJoined('m3', lines('bob'))).toBe(false);
      const joining = joined(f, '#Room', 'alice');
      const order: string[] = [];
      void joining.then(() => order.push(`resolved after ${f.taken.join(',')}`));
      await joining;
      expect(order).toEqual(['resolved after m1,m2']);
    });

    it('refuses them when the channel cannot be joined again, and hands any left to the next session', async () => {
      const f = fixture();
      f.channels.holdUntilJoined('m1', lines('#gone'));
      f.channels.holdUntilJoined('m2', lines('#later'));
      const joining = f.channels.join({ room: '#gone', nick: 'alice' });
      f.feed(':irc.test 474 alice #gone :Cannot join channel (+b)');
      await expect(joining).rejects.toMatchObject({ details: { condition: 'banned' } });
      expect(f.reports).toEqual([
        [
          'sent',
          {
            id: 'm1',
            status: 'refused',
            error: expect.objectContaining({ code: 'SB_ROOM_JOIN_REFUSED' }),
          },
        ],
      ]);
      expect(f.channels.close(undefined).map((m) => m.id)).toEqual(['m2']);
      expect(f.taken).toEqual([]);
    });
  });

  describe('.receive', () => {
    it('when a nick quits, reports it left in every channel it shared, with the quit text', async () => {
      const f = fixture();
      await joined(f, '#a', 'alice bob');
      await joined(f, '#b', 'alice @bob');
      f.feed(':bob!b@h QUIT :Ping timeout');
      expect(f.reports.map((r) => (r as [string, string, OccupantChange]).slice(0, 2))).toEqual([
        ['occupant', '#a'],
        ['occupant', '#b'],
      ]);
      expect((f.reports[1] as [string, string, OccupantChange])[2]).toEqual({
        kind: 'left',
        reason: 'quit',
        text: 'Ping timeout',
        occupant: { room: '#b', nick: 'bob', rank: 'moderator', self: false },
      });
    });

    it('when our own nick changes, reports ourselves renamed in each channel', async () => {
      const f = fixture();
      await joined(f, '#a', 'alice');
      f.feed(':alice!a@h NICK :alicia');
      f.nick = 'alicia';
      expect(f.reports).toEqual([
        [
          'occupant',
          '#a',
          {
            kind: 'renamed',
            previousNick: 'alice',
            occupant: {
              room: '#a',
              nick: 'alicia',
              rank: 'member',
              address: 'alicia!a@h',
              self: true,
            },
          },
        ],
      ]);
    });

    it('when we are kicked after a ban matching us, reports banned, then the room left', async () => {
      const f = fixture();
      await joined(f, '#a', 'alice @op');
      f.feed(':op!o@h MODE #a +b *!a@h', ':op!o@h KICK #a alice :go away');
      expect(f.reports.map((r) => (r as unknown[])[0])).toEqual(['occupant', 'roomLeft']);
      expect(f.reports[1]).toEqual([
        'roomLeft',
        { room: '#a', reason: 'banned', by: 'op', text: 'go away' },
      ]);
      // Nothing more about the channel is reported.
      f.feed(':op!o@h KICK #a alice :again', ':bob!b@h JOIN #a');
      expect(f.reports).toHaveLength(2);
    });

    it('when the server puts us in a channel unasked, reports nothing about it', () => {
      const f = fixture();
      f.feed(
        ':alice!a@h JOIN #unasked',
        ':irc.test 353 alice = #unasked :alice bob',
        ':irc.test 366 alice #unasked :End',
        ':bob!b@h PART #unasked',
        ':carol!c@h JOIN #unasked',
      );
      expect(f.reports).toEqual([]);
      expect(f.channels.joinedName('#unasked')).toBeUndefined();
    });

    it('when an INVITE names us, reports the invitation; one for someone else is ignored', () => {
      const f = fixture();
      f.feed(':bob!b@h INVITE alice #party', ':bob!b@h INVITE carol #party');
      expect(f.reports).toEqual([['invitation', { room: '#party', from: 'bob' }]]);
    });
  });
});
