/**
 * IRC channels as rooms on a real ergo: joining with NAMES and topic, occupants and ranks,
 * messages both ways with delivery, topics, nick changes, modes, kicks and bans, keys,
 * invite-only channels and invitations, refusals.
 */
import {
  type Account,
  type StanzaLogEntry,
  type Switchboard,
  SwitchboardError,
} from '@switchboard/core';
import { type ErgoServer, type IrcLineClient, startErgo } from '@switchboard/testing';
import { ergoAccount, ircSwitchboard } from './test/ircTestKit';
import { rawClient, rawJoin, record, until } from './test/roomKit';

const PASSWORDS: Record<string, string> = {
  alice: 'alice-secret-1',
  bob: 'bob-secret-2',
  carol: 'carol-secret-3',
};

async function refusal(promise: Promise<unknown>): Promise<SwitchboardError> {
  try {
    await promise;
  } catch (error) {
    if (SwitchboardError.is(error)) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('IRC channels on ergo', () => {
  let server: ErgoServer;
  let switchboard: Switchboard;
  let lines: StanzaLogEntry[] = [];
  const accounts: Account[] = [];
  const raws: IrcLineClient[] = [];

  beforeAll(async () => {
    server = await startErgo({
      accounts: Object.entries(PASSWORDS).map(([name, password]) => ({ name, password })),
    });
  });
  afterAll(async () => {
    await server.stop();
  });
  beforeEach(() => {
    lines = [];
    switchboard = ircSwitchboard((entry) => lines.push(entry));
  });
  afterEach(async () => {
    await Promise.all(accounts.splice(0).map((a) => a.disconnect()));
    await Promise.all(raws.splice(0).map((c) => c.close()));
  });

  async function online(...nicks: string[]): Promise<Account[]> {
    const made = nicks.map((nick) =>
      switchboard.createAccount(ergoAccount(server, nick, PASSWORDS[nick] as string)),
    );
    accounts.push(...made);
    await Promise.all(made.map((a) => a.connect()));
    return made;
  }

  async function operator(channel: string, nick = 'chanop'): Promise<IrcLineClient> {
    const client = await rawClient(server, nick);
    raws.push(client);
    await rawJoin(client, channel);
    return client;
  }

  it('when three accounts join, they see each other with ranks, talk once each way, set the topic, part and quit', async () => {
    const [alice, bob, carol] = (await online('alice', 'bob', 'carol')) as [
      Account,
      Account,
      Account,
    ];
    const seen = { alice: record(alice), bob: record(bob), carol: record(carol) };

    const first = await alice.joinRoom('#three');
    expect(first.occupants).toEqual([
      expect.objectContaining({ room: '#three', nick: 'alice', rank: 'moderator', self: true }),
    ]);
    expect(first.occupants[0]?.address).toMatch(/^alice!~?[^@]+@/);
    // The channel's name is case-mapped: bob names it in upper case and is reported under that.
    const second = await bob.joinRoom('#THREE');
    expect(second.room).toBe('#THREE');
    expect(second.occupants.map((o) => [o.nick, o.rank, o.self]).sort()).toEqual([
      ['alice', 'moderator', false],
      ['bob', 'member', true],
    ]);
    await carol.joinRoom('#three');
    await until(seen.alice.occupants, (o) => o.change.occupant.nick === 'carol');
    expect(
      seen.alice.occupants.map((o) => [o.room, o.change.kind, o.change.occupant.nick]),
    ).toEqual([
      ['#three', 'joined', 'bob'],
      ['#three', 'joined', 'carol'],
    ]);

    const sent = await alice.sendMessage({
      to: '#three',
      type: 'groupchat',
      body: 'hello from alice',
    });
    const atBob = await until(seen.bob.messages, (m) => m.body === 'hello from alice');
    expect(atBob).toMatchObject({ from: '#THREE', nick: 'alice', type: 'groupchat' });
    expect(atBob.archiveId).toEqual(expect.any(String));
    await until(seen.carol.messages, (m) => m.body === 'hello from alice');
    await until(seen.alice.deliveries, (d) => d.id === sent.id && d.state === 'delivered');
    await bob.sendMessage({ to: '#THREE', type: 'groupchat', body: 'hello from bob' });
    const atAlice = await until(seen.alice.messages, (m) => m.body === 'hello from bob');
    expect(atAlice).toMatchObject({ from: '#three', nick: 'bob', type: 'groupchat' });
    await until(seen.carol.messages, (m) => m.body === 'hello from bob');
    // Each saw the other's message once, and never its own.
    expect(seen.alice.messages.map((m) => [m.nick, m.body])).toEqual([['bob', 'hello from bob']]);
    expect(seen.bob.messages.map((m) => [m.nick, m.body])).toEqual([['alice', 'hello from alice']]);
    expect(seen.carol.messages.map((m) => m.body)).toEqual(['hello from alice', 'hello from bob']);
    expect(seen.alice.deliveries.filter((d) => d.id === sent.id).map((d) => d.state)).toEqual([
      'accepted',
      'delivered',
    ]);

    await alice.setTopic('#three', 'Switchboard channels');
    expect(await until(seen.bob.topics, () => true)).toEqual({
      room: '#THREE',
      topic: 'Switchboard channels',
      by: 'alice',
    });
    await until(seen.carol.topics, (t) => t.topic === 'Switchboard channels');
    const forbidden = await refusal(carol.setTopic('#three', 'not allowed'));
    // The account maps a server's `forbidden` to SB_CAPABILITY_REFUSED, the IRC reply as cause.
    expect(forbidden.code).toBe('SB_CAPABILITY_REFUSED');
    expect(forbidden.details).toMatchObject({ capability: 'rooms', condition: 'forbidden' });
    expect((forbidden.cause as SwitchboardError).details).toMatchObject({ numeric: '482' });
    expect(alice.rooms[0]?.topic).toBe('Switchboard channels');

    await carol.leaveRoom('#three', 'see you');
    expect(await until(seen.alice.occupants, (o) => o.change.kind === 'left')).toMatchObject({
      room: '#three',
      change: { kind: 'left', reason: 'left', text: 'see you', occupant: { nick: 'carol' } },
    });
    expect(seen.carol.left).toEqual([{ room: '#three', reason: 'requested' }]);
    expect(carol.rooms).toEqual([]);

    await bob.disconnect();
    expect(
      await until(
        seen.alice.occupants,
        (o) => o.change.kind === 'left' && o.change.occupant.nick === 'bob',
      ),
    ).toMatchObject({ change: { reason: 'quit' } });
    expect(alice.rooms[0]?.occupants.map((o) => o.nick)).toEqual(['alice']);
  });

  it('when an operator changes modes and nicks, kicks and bans, the accounts see updated, renamed, kicked and banned', async () => {
    const op = await operator('#ops');
    const [alice, bob] = (await online('alice', 'bob')) as [Account, Account];
    const seen = { alice: record(alice), bob: record(bob) };
    const joined = await alice.joinRoom('#ops');
    expect(joined.occupants.find((o) => o.nick === 'chanop')?.rank).toBe('moderator');
    await bob.joinRoom('#ops');

    op.send('MODE #ops +o alice');
    expect(await until(seen.alice.occupants, (o) => o.change.kind === 'updated')).toMatchObject({
      change: {
        kind: 'updated',
        previous: 'member',
        occupant: { nick: 'alice', rank: 'moderator', self: true },
      },
    });
    await until(
      seen.bob.occupants,
      (o) => o.change.kind === 'updated' && o.change.occupant.nick === 'alice',
    );
    op.send('MODE #ops +v-o bob alice');
    await until(
      seen.bob.occupants,
      (o) =>
        o.change.kind === 'updated' &&
        o.change.occupant.nick === 'alice' &&
        o.change.occupant.rank === 'member',
    );
    expect(
      seen.bob.occupants
        .filter((o) => o.change.kind === 'updated')
        .map((o) => [o.change.occupant.nick, o.change.occupant.rank]),
    ).toEqual([
      ['alice', 'moderator'],
      ['bob', 'member'],
      ['alice', 'member'],
    ]);

    op.send('NICK chanop2');
    expect(await until(seen.alice.occupants, (o) => o.change.kind === 'renamed')).toMatchObject({
      change: {
        kind: 'renamed',
        previousNick: 'chanop',
        occupant: { nick: 'chanop2', rank: 'moderator', self: false },
      },
    });

    op.send('KICK #ops bob :behave');
    expect(await until(seen.bob.left, () => true)).toEqual({
      room: '#ops',
      reason: 'kicked',
      by: 'chanop2',
      text: 'behave',
    });
    expect(seen.bob.occupants.at(-1)?.change).toMatchObject({
      kind: 'left',
      reason: 'kicked',
      occupant: { self: true },
    });
    expect(bob.rooms).toEqual([]);
    expect(
      await until(
        seen.alice.occupants,
        (o) => o.change.kind === 'left' && o.change.occupant.nick === 'bob',
      ),
    ).toMatchObject({ change: { reason: 'kicked', by: 'chanop2', text: 'behave' } });

    op.send('MODE #ops +b alice!*@*');
    op.send('KICK #ops alice :banned');
    expect(await until(seen.alice.left, () => true)).toMatchObject({
      room: '#ops',
      reason: 'banned',
      by: 'chanop2',
    });
    const refused = await refusal(alice.joinRoom('#ops'));
    expect(refused.code).toBe('SB_ROOM_JOIN_REFUSED');
    expect(refused.details).toMatchObject({ room: '#ops', condition: 'banned', numeric: '474' });
  });

  it('when a channel has a key, a wrong key is refused with password and the right key joins', async () => {
    const op = await operator('#locked');
    op.send('MODE #locked +k sesame');
    await op.next((l) => l.command === 'MODE');
    const [alice] = (await online('alice')) as [Account];
    const wrong = await refusal(alice.joinRoom('#locked', { password: 'wrong-key-1' }));
    expect(wrong.code).toBe('SB_ROOM_JOIN_REFUSED');
    expect(wrong.details).toMatchObject({ room: '#locked', condition: 'password', numeric: '475' });
    expect(alice.rooms).toEqual([]);
    const state = await alice.joinRoom('#locked', { password: 'sesame' });
    expect(state.occupants.map((o) => o.nick).sort()).toEqual(['alice', 'chanop']);
    // The key never reaches the stanza log.
    const joins = lines.filter((l) => l.direction === 'out' && l.text.includes('JOIN'));
    expect(joins.map((l) => l.text)).toEqual([
      'JOIN [redacted] [redacted]',
      'JOIN [redacted] [redacted]',
    ]);
    expect(lines.filter((l) => /sesame|wrong-key-1/.test(l.text))).toEqual([]);
  });

  it('when the channel refuses a message (moderated, 404), the send bounces and its delivery fails', async () => {
    const op = await operator('#quiet');
    op.send('MODE #quiet +m');
    await op.next((l) => l.command === 'MODE');
    const [alice] = (await online('alice')) as [Account];
    const seen = record(alice);
    await alice.joinRoom('#quiet');
    // The channel is moderated: once its modes are known, unvoiced alice is a visitor.
    expect(await until(seen.occupants, () => true)).toEqual({
      room: '#quiet',
      change: {
        kind: 'updated',
        previous: 'member',
        occupant: expect.objectContaining({ nick: 'alice', rank: 'visitor', self: true }),
      },
    });
    const bounced = await refusal(
      alice.sendMessage({ to: '#quiet', type: 'groupchat', body: 'hush' }),
    );
    expect(bounced.code).toBe('SB_MESSAGE_BOUNCED');
    expect(bounced.details).toMatchObject({ condition: 'cannot-send-to-channel', numeric: '404' });
    expect(seen.deliveries.map((d) => [d.to, d.state])).toEqual([['#quiet', 'failed']]);
    expect(seen.messages).toEqual([]);
    op.send('MODE #quiet +v alice');
    expect(await until(seen.occupants, (o) => o.change.occupant.rank === 'member')).toMatchObject({
      change: { kind: 'updated', previous: 'visitor' },
    });
    const sent = await alice.sendMessage({ to: '#quiet', type: 'groupchat', body: 'voiced' });
    await until(seen.deliveries, (d) => d.id === sent.id && d.state === 'delivered');
    expect(alice.rooms[0]?.occupants.find((o) => o.self)?.rank).toBe('member');
  });

  it('when a channel is invite-only, joining is refused until an invitation comes, then it works', async () => {
    const op = await operator('#guests');
    op.send('MODE #guests +i');
    await op.next((l) => l.command === 'MODE');
    const [alice, bob] = (await online('alice', 'bob')) as [Account, Account];
    const seen = { alice: record(alice), bob: record(bob) };
    const refused = await refusal(alice.joinRoom('#guests'));
    expect(refused.details).toMatchObject({
      room: '#guests',
      condition: 'invite-only',
      numeric: '473',
    });
    op.send('INVITE alice #guests');
    expect(await until(seen.alice.invitations, () => true)).toEqual({
      room: '#guests',
      from: 'chanop',
    });
    const state = await alice.joinRoom('#guests');
    expect(state.occupants.map((o) => o.nick).sort()).toEqual(['alice', 'chanop']);

    // Inviting through the account: alice creates a channel (she is its operator) and invites bob.
    await alice.joinRoom('#alices');
    await alice.invite('#alices', 'bob');
    expect(await until(seen.bob.invitations, () => true)).toEqual({
      room: '#alices',
      from: 'alice',
    });
    const nobody = await refusal(alice.invite('#alices', 'nobody'));
    expect(nobody.details).toMatchObject({ condition: 'item-not-found', numeric: '401' });
    await bob.joinRoom('#alices');
    const twice = await refusal(alice.invite('#alices', 'bob'));
    expect(twice.details).toMatchObject({ condition: 'already-in-room', numeric: '443' });
  });

  it('when a second connection of the account attaches while the nick is in a channel, joinRoom there resolves from what the server replayed', async () => {
    const [alice, bob] = (await online('alice', 'bob')) as [Account, Account];
    await alice.joinRoom('#multi');
    await bob.joinRoom('#multi');
    const second = switchboard.createAccount({
      ...ergoAccount(server, 'alice', PASSWORDS.alice as string),
      id: 'alice-second-device',
    });
    accounts.push(second);
    const seen = record(second);
    await second.connect();
    // ergo puts the new connection in the nick's channels, replaying JOIN and NAMES to it.
    await until(
      lines,
      (l) => l.account === second.id && l.direction === 'in' && / JOIN #multi/.test(l.text),
    );
    const state = await second.joinRoom('#multi');
    expect(state.occupants.map((o) => [o.nick, o.self]).sort()).toEqual([
      ['alice', true],
      ['bob', false],
    ]);
    await bob.sendMessage({ to: '#multi', type: 'groupchat', body: 'to both devices' });
    expect(await until(seen.messages, () => true)).toMatchObject({
      from: '#multi',
      nick: 'bob',
      body: 'to both devices',
    });
    expect(seen.occupants).toEqual([]);
    // The server had put the new connection in the channel already: no JOIN was sent.
    const joins = (id: string) =>
      lines.filter(
        (l) => l.account === id && l.direction === 'out' && /(^| )JOIN #multi/.test(l.text),
      );
    expect(joins(alice.id)).toHaveLength(1);
    expect(joins('alice-second-device')).toEqual([]);
  });

  it('when a name is not a channel or the server refuses it, the join is refused with a code and nothing is joined', async () => {
    const [alice] = (await online('alice')) as [Account];
    const notChannel = await refusal(alice.joinRoom('bob'));
    expect(notChannel.code).toBe('SB_ADDRESS_INVALID');
    expect(notChannel.details.field).toBe('room');
    const tooLong = await refusal(alice.joinRoom(`#${'x'.repeat(100)}`));
    expect(tooLong.code).toBe('SB_ROOM_JOIN_REFUSED');
    // ergo answers a name it cannot use (longer than its CHANNELLEN) with 403.
    expect(tooLong.details).toMatchObject({ condition: 'not-found', numeric: '403' });
    expect(alice.rooms).toEqual([]);
    const toNick = await refusal(alice.sendMessage({ to: '#three', type: 'groupchat', body: 'x' }));
    expect(toNick.code).toBe('SB_ROOM_NOT_JOINED');
  });
});
