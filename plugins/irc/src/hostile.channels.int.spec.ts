/**
 * Hostile channel lines from a scripted IRC server: a NAMES flood, a channel the account never
 * asked for, malformed NAMES and MODE lines, kicks from channels the account is not in. The
 * process survives, the occupant list stays bounded, and nothing bogus is reported.
 */
import type { Account } from '@switchboard/core';
import { expectData, type HostileHarness, sendData, waitFor } from '@switchboard/testing';
import { MAX_OCCUPANTS } from './channels/Channel';
import { ircHostileHarness, login } from './test/ircHostileKit';
import { type RoomRecord, record, until } from './test/roomKit';

const never = (): Promise<void> => new Promise(() => undefined);
const joinOf = (room: string) => expectData(new RegExp(`JOIN ${room}\\r\\n`));

describe('IRC channels against a hostile server', () => {
  let harness: HostileHarness;

  beforeEach(() => {
    harness = ircHostileHarness();
  });
  afterEach(async () => {
    expect(harness.faults()).toEqual([]);
    await harness.reset();
  });

  async function online(
    script: Parameters<HostileHarness['serve']>[0],
  ): Promise<[Account, RoomRecord]> {
    const { account } = await harness.serve(script);
    const seen = record(account);
    await account.connect();
    return [account, seen];
  }

  it(`when NAMES lists 12,000 nicks, keeps the first ${MAX_OCCUPANTS} and the channel keeps working`, async () => {
    const names: string[] = [];
    for (let line = 0; line < 240; line++) {
      const nicks = Array.from({ length: 50 }, (_, i) => `n${line * 50 + i}`).join(' ');
      names.push(`:irc.test 353 alice = #big :${nicks}\r\n`);
    }
    let joined: () => void = () => undefined;
    const inRoom = new Promise<void>((resolve) => {
      joined = resolve;
    });
    const [account, seen] = await online([
      ...login(),
      joinOf('#big'),
      sendData(`:alice!a@h JOIN #big\r\n${names.join('')}:irc.test 366 alice #big :End\r\n`),
      waitFor(() => inRoom),
      sendData(
        ':late!l@h JOIN #big\r\n:n0!x@h PART #big\r\n:later!l@h JOIN #big\r\n:n42!x@h PRIVMSG #big :still talking\r\n',
      ),
      waitFor(never),
    ]);
    const state = await account.joinRoom('#big');
    joined();
    expect(state.occupants).toHaveLength(MAX_OCCUPANTS);
    expect(state.occupants[0]).toMatchObject({ nick: 'alice', self: true });
    expect(state.occupants.at(-1)?.nick).toBe(`n${MAX_OCCUPANTS - 2}`);
    expect(await until(seen.messages, () => true)).toMatchObject({
      from: '#big',
      nick: 'n42',
      body: 'still talking',
    });
    // While the list is full a join is neither tracked nor reported; once someone left, it is.
    expect(seen.occupants.map((o) => [o.change.kind, o.change.occupant.nick])).toEqual([
      ['left', 'n0'],
      ['joined', 'later'],
    ]);
    expect(account.state).toBe('online');
  });

  it('when the server puts the account in a channel it never asked for, reports nothing about that channel', async () => {
    const [account, seen] = await online([
      ...login(),
      sendData(
        ':alice!a@h JOIN #evil\r\n:irc.test 353 alice = #evil :alice @mallory\r\n:irc.test 366 alice #evil :End\r\n' +
          ':mallory!m@h PRIVMSG #evil :gotcha\r\n:mallory!m@h TOPIC #evil :owned\r\n:eve!e@h JOIN #evil\r\n' +
          ':mallory!m@h MODE #evil +o eve\r\n:mallory!m@h KICK #evil alice :bye\r\n',
      ),
      joinOf('#real'),
      sendData(
        ':alice!a@h JOIN #real\r\n:irc.test 353 alice = #real :alice bob\r\n:irc.test 366 alice #real :End\r\n' +
          ':bob!b@h PRIVMSG #real :hello\r\n',
      ),
      waitFor(never),
    ]);
    await account.joinRoom('#real');
    await until(seen.messages, () => true);
    expect(seen.messages.map((m) => [m.from, m.nick, m.body])).toEqual([['#real', 'bob', 'hello']]);
    expect([seen.occupants, seen.topics, seen.left, seen.invitations]).toEqual([[], [], [], []]);
    expect(account.rooms.map((r) => r.room)).toEqual(['#real']);
  });

  it('when the server acknowledges JOIN without a reply (already in the channel), reads the channel from NAMES', async () => {
    const [account] = await online([
      ...login('sasl=PLAIN echo-message message-tags batch labeled-response'),
      expectData(/@label=(\S+) JOIN #here\r\n/),
      sendData(({ match }) => `@label=${match?.[1] ?? ''} :irc.test ACK\r\n`),
      expectData('NAMES #here\r\n'),
      sendData(':irc.test 353 alice = #here :@alice bob\r\n:irc.test 366 alice #here :End\r\n'),
      waitFor(never),
    ]);
    const state = await account.joinRoom('#here');
    expect(state.occupants.map((o) => [o.nick, o.rank, o.self])).toEqual([
      ['alice', 'moderator', true],
      ['bob', 'member', false],
    ]);
  });

  it('when a history batch replays joins, parts and kicks, they do not change the channel; its messages arrive marked delayed', async () => {
    let joined: () => void = () => undefined;
    const inRoom = new Promise<void>((resolve) => {
      joined = resolve;
    });
    const [account, seen] = await online([
      ...login('sasl=PLAIN echo-message message-tags batch server-time'),
      joinOf('#past'),
      sendData(
        ':alice!a@h JOIN #past\r\n:irc.test 353 alice = #past :alice bob\r\n:irc.test 366 alice #past :End\r\n',
      ),
      waitFor(() => inRoom),
      sendData(
        [
          ':irc.test BATCH +h1 chathistory #past',
          '@batch=h1;time=2026-01-01T00:00:00.000Z;msgid=old1 :eve!e@h JOIN #past',
          '@batch=h1;time=2026-01-01T00:00:01.000Z;msgid=old2 :eve!e@h PRIVMSG #past :from the past',
          '@batch=h1;time=2026-01-01T00:00:02.000Z;msgid=old3 :op!o@h KICK #past alice :long ago',
          '@batch=h1;time=2026-01-01T00:00:03.000Z;msgid=old4 :bob!b@h PART #past',
          ':irc.test BATCH -h1',
          ':bob!b@h PRIVMSG #past :now',
          '',
        ].join('\r\n'),
      ),
      waitFor(never),
    ]);
    await account.joinRoom('#past');
    joined();
    await until(seen.messages, (m) => m.body === 'now');
    expect(
      seen.messages.map((m) => [m.nick, m.body, m.archiveId, m.delay?.stamp.toISOString()]),
    ).toEqual([
      ['eve', 'from the past', 'old2', '2026-01-01T00:00:01.000Z'],
      ['bob', 'now', undefined, undefined],
    ]);
    expect([seen.occupants, seen.left]).toEqual([[], []]);
    expect(account.rooms[0]?.occupants.map((o) => o.nick)).toEqual(['alice', 'bob']);
  });

  it('when NAMES, MODE and KICK lines are malformed or name strangers, keeps only valid occupants and reports nothing bogus', async () => {
    let joined: () => void = () => undefined;
    const inRoom = new Promise<void>((resolve) => {
      joined = resolve;
    });
    const [account, seen] = await online([
      ...login(),
      joinOf('#room'),
      sendData(
        [
          ':alice!a@h JOIN #room',
          ':irc.test 353 alice',
          ':irc.test 353 alice = #room',
          ':irc.test 353 alice = #room :@ + !x@y ,, bob!b @carol!c@h a:b #chan',
          ':irc.test 353 alice = #other :mallory',
          ':irc.test 366 alice #room :End',
          '',
        ].join('\r\n'),
      ),
      waitFor(() => inRoom),
      sendData(
        [
          ':op!o@h KICK #nothere alice :bye',
          ':op!o@h KICK #room ghost :bye',
          ':op!o@h KICK #room',
          ':op!o@h MODE #room +o',
          ':op!o@h MODE #room +o ghost',
          ':op!o@h MODE #room +ooooooooooooooooo bob',
          ':op!o@h PART',
          ':ghost!g@h QUIT :gone',
          ':irc.test 366 alice #room :again',
          ':irc.test 332 alice #room :late topic',
          ':bob!b@h PRIVMSG #room :still here',
          '',
        ].join('\r\n'),
      ),
      waitFor(never),
    ]);
    const state = await account.joinRoom('#room');
    joined();
    expect(state.occupants.map((o) => [o.nick, o.rank, o.address])).toEqual([
      ['alice', 'member', 'alice!a@h'],
      ['bob', 'member', undefined],
      ['carol', 'moderator', 'carol!c@h'],
    ]);
    await until(seen.messages, () => true);
    // The one well-formed change: bob made operator by the oversized MODE's first +o.
    expect(
      seen.occupants.map((o) => [o.change.kind, o.change.occupant.nick, o.change.occupant.rank]),
    ).toEqual([['updated', 'bob', 'moderator']]);
    expect([seen.left, seen.topics]).toEqual([[], []]);
    expect(account.rooms.map((r) => r.room)).toEqual(['#room']);
  });
});
