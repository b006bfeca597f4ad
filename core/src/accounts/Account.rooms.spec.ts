import { SwitchboardError } from '../errors/SwitchboardError';
import type { OccupantChange, RoomLeft, RoomState, TopicChange } from '../im/rooms';
import type { InboundMessage } from '../im/types';
import type { ProfileDescriptor } from '../plugins/ProfileDescriptor';
import { Account } from './Account';
import { FakePlugin, fakeConfig, fakeProfile } from './fakePlugin.testkit';

const withRooms: ProfileDescriptor = {
  ...fakeProfile,
  capabilities: {
    ...fakeProfile.capabilities,
    rooms: true,
    history: true,
    messageTypes: ['chat', 'groupchat'],
  },
};
const ROOM = 'lounge@rooms.fake';
const lost = (): SwitchboardError => new SwitchboardError('SB_CONNECTION_CLOSED');

async function online(profile = withRooms, settings: Record<string, unknown> = {}) {
  const plugin = new FakePlugin('ok', profile);
  const account = new Account(
    { ...fakeConfig, liveness: false, reconnect: { jitter: 0 }, ...settings },
    plugin,
  );
  await account.connect();
  return { account, plugin };
}

function record(account: Account) {
  const joined: RoomState[] = [];
  const left: RoomLeft[] = [];
  const occupants: [string, OccupantChange][] = [];
  const topics: TopicChange[] = [];
  account.on('roomJoined', (r) => joined.push(r));
  account.on('roomLeft', (l) => left.push(l));
  account.on('occupant', (room, change) => occupants.push([room, change]));
  account.on('topic', (t) => topics.push(t));
  return { joined, left, occupants, topics };
}

/** Lets the held joins of `plugin` go on. */
function holdJoins(plugin: FakePlugin): () => void {
  let release: () => void = () => undefined;
  plugin.joinHold = new Promise<void>((resolve) => {
    release = resolve;
  });
  return () => {
    plugin.joinHold = undefined;
    release();
  };
}

const roomMessage = (body: string, archiveId: string, stamp?: Date): InboundMessage => ({
  from: ROOM,
  type: 'groupchat',
  nick: 'bob',
  body,
  archiveId,
  ...(stamp === undefined ? {} : { delay: { stamp } }),
});

describe('Account rooms', () => {
  afterEach(() => jest.useRealTimers());

  it('joins with the address local part as nick, keeps the room and says so', async () => {
    const { account, plugin } = await online();
    plugin.roomTopic = 'Welcome';
    const seen = record(account);
    const state = await account.joinRoom(ROOM);
    expect(plugin.sent).toEqual([{ joinRoom: { room: ROOM, nick: 'me' } }]);
    expect(state).toEqual({
      room: ROOM,
      nick: 'me',
      topic: 'Welcome',
      occupants: [{ room: ROOM, nick: 'me', rank: 'member', self: true }],
    });
    expect(account.rooms).toEqual([state]);
    expect(seen.joined).toEqual([state]);
    // Joining again answers from what the account knows; nothing is sent.
    await expect(account.joinRoom(ROOM)).resolves.toEqual(state);
    expect(plugin.sent).toHaveLength(1);
  });

  it('passes nick, password and history limit through', async () => {
    const { account, plugin } = await online();
    const since = new Date('2026-01-01T00:00:00Z');
    await account.joinRoom(ROOM, { nick: 'Me2', password: 'pw', history: { since } });
    expect(plugin.sent).toEqual([
      { joinRoom: { room: ROOM, nick: 'Me2', password: 'pw', history: { since } } },
    ]);
  });

  it('refuses rooms on a profile without them before anything is sent', async () => {
    const { account, plugin } = await online(fakeProfile);
    await expect(account.joinRoom(ROOM)).rejects.toMatchObject({
      code: 'SB_CAPABILITY_UNSUPPORTED',
      details: { capability: 'rooms' },
    });
    await expect(
      account.sendMessage({ to: ROOM, type: 'groupchat', body: 'x' }),
    ).rejects.toMatchObject({ code: 'SB_CAPABILITY_UNSUPPORTED' });
    expect(plugin.sent).toEqual([]);
  });

  it('refuses a room message, a topic or an invitation outside a joined room', async () => {
    const { account, plugin } = await online();
    await expect(
      account.sendMessage({ to: ROOM, type: 'groupchat', body: 'x' }),
    ).rejects.toMatchObject({ code: 'SB_ROOM_NOT_JOINED', details: { room: ROOM } });
    await expect(account.setTopic(ROOM, 't')).rejects.toMatchObject({
      code: 'SB_ROOM_NOT_JOINED',
    });
    await expect(account.invite(ROOM, 'bob@fake')).rejects.toMatchObject({
      code: 'SB_ROOM_NOT_JOINED',
    });
    expect(plugin.sent).toEqual([]);
  });

  it('forgets a room whose join failed', async () => {
    const { account, plugin } = await online();
    plugin.joinFailures = [
      new SwitchboardError('SB_ROOM_JOIN_REFUSED', undefined, {
        details: { room: ROOM, condition: 'conflict' },
      }),
    ];
    await expect(account.joinRoom(ROOM)).rejects.toMatchObject({
      details: { condition: 'conflict' },
    });
    expect(account.rooms).toEqual([]);
  });

  it('keeps occupants and topic from what the session reports, and emits them', async () => {
    const { account, plugin } = await online();
    await account.joinRoom(ROOM);
    const seen = record(account);
    const bob = { room: ROOM, nick: 'bob', rank: 'member', self: false } as const;
    plugin.sink?.occupant?.(ROOM, { kind: 'joined', occupant: bob });
    plugin.sink?.occupant?.(ROOM, {
      kind: 'updated',
      occupant: { ...bob, rank: 'moderator' },
      previous: 'member',
    });
    plugin.sink?.occupant?.(ROOM, {
      kind: 'renamed',
      occupant: { ...bob, nick: 'robert', rank: 'moderator' },
      previousNick: 'bob',
    });
    plugin.sink?.topic?.({ room: ROOM, topic: 'New', by: 'robert' });
    expect(account.rooms[0]?.occupants.map((o) => `${o.nick}:${o.rank}`)).toEqual([
      'me:member',
      'robert:moderator',
    ]);
    expect(account.rooms[0]?.topic).toBe('New');
    expect(seen.occupants.map(([, c]) => c.kind)).toEqual(['joined', 'updated', 'renamed']);
    expect(seen.topics).toEqual([{ room: ROOM, topic: 'New', by: 'robert' }]);
    plugin.sink?.occupant?.(ROOM, {
      kind: 'left',
      occupant: { ...bob, nick: 'robert' },
      reason: 'kicked',
      by: 'me',
    });
    expect(account.rooms[0]?.occupants.map((o) => o.nick)).toEqual(['me']);
  });

  it('ignores reports about rooms the account is not in', async () => {
    const { account, plugin } = await online();
    const seen = record(account);
    plugin.sink?.topic?.({ room: ROOM, topic: 'x' });
    plugin.sink?.roomLeft?.({ room: ROOM, reason: 'kicked' });
    expect(seen).toEqual({ joined: [], left: [], occupants: [], topics: [] });
  });

  it('leaves on request, and forgets a room the server removed the account from', async () => {
    const { account, plugin } = await online();
    await account.joinRoom(ROOM);
    await account.joinRoom('other@rooms.fake');
    const seen = record(account);
    await account.leaveRoom(ROOM, 'bye');
    expect(plugin.sent.at(-1)).toEqual({ leaveRoom: ROOM, reason: 'bye' });
    plugin.sink?.roomLeft?.({ room: 'other@rooms.fake', reason: 'kicked', by: 'mod' });
    expect(seen.left).toEqual([
      { room: ROOM, reason: 'requested' },
      { room: 'other@rooms.fake', reason: 'kicked', by: 'mod' },
    ]);
    expect(account.rooms).toEqual([]);
    await expect(account.leaveRoom(ROOM)).resolves.toBeUndefined();
  });

  it('after a fresh reconnect, rejoins from the last message seen and holds sends until then', async () => {
    jest.useFakeTimers();
    const { account, plugin } = await online();
    await account.joinRoom(ROOM);
    const stamp = new Date(Date.now() + 1_000);
    plugin.sink?.message(roomMessage('one', 'a1'));
    plugin.sink?.message(roomMessage('two', 'a2', stamp));
    plugin.sink?.closed(lost());
    const toRoom = account.sendMessage({
      to: ROOM,
      type: 'groupchat',
      body: 'while away',
      id: 'g',
    });
    const direct = account.sendMessage({ to: 'bob@fake', body: 'after it', id: 'd' });
    const release = holdJoins(plugin);
    const seen = record(account);
    plugin.sent = [];
    await jest.advanceTimersByTimeAsync(1_000);
    expect(account.state).toBe('online');
    expect(plugin.sent).toEqual([
      { joinRoom: { room: ROOM, nick: 'me', history: { since: stamp }, after: 'a2' } },
    ]);
    expect(account.queuedMessages).toBe(2);
    release();
    await expect(toRoom).resolves.toEqual({ id: 'g', acknowledged: false });
    await expect(direct).resolves.toEqual({ id: 'd', acknowledged: false });
    expect(plugin.sent.slice(1).map((m) => (m as { id: string }).id)).toEqual(['g', 'd']);
    expect(seen.joined.map((r) => r.room)).toEqual([ROOM]);
  });

  it('does not rejoin on a resumed session', async () => {
    jest.useFakeTimers();
    const { account, plugin } = await online();
    await account.joinRoom(ROOM);
    plugin.resumed = true;
    plugin.sink?.closed(lost());
    plugin.sent = [];
    await jest.advanceTimersByTimeAsync(1_000);
    expect(account.state).toBe('online');
    await account.sendMessage({ to: ROOM, type: 'groupchat', body: 'x', id: 'g' });
    expect(plugin.sent).toEqual([expect.objectContaining({ id: 'g' })]);
  });

  it('without history, rejoins from the last message time only', async () => {
    jest.useFakeTimers();
    const profile = {
      ...withRooms,
      capabilities: { ...withRooms.capabilities, history: false },
    };
    const { account, plugin } = await online(profile);
    await account.joinRoom(ROOM);
    const stamp = new Date(Date.now() + 5_000);
    plugin.sink?.message(roomMessage('one', 'a1', stamp));
    plugin.sink?.closed(lost());
    plugin.sent = [];
    await jest.advanceTimersByTimeAsync(1_000);
    expect(plugin.sent).toEqual([
      { joinRoom: { room: ROOM, nick: 'me', history: { since: stamp } } },
    ]);
  });

  it('reports a refused rejoin, forgets the room and lets the held messages go', async () => {
    jest.useFakeTimers();
    const { account, plugin } = await online();
    await account.joinRoom(ROOM);
    plugin.sink?.closed(lost());
    const refused = new SwitchboardError('SB_ROOM_JOIN_REFUSED', undefined, {
      details: { room: ROOM, condition: 'banned' },
    });
    plugin.joinFailures = [refused];
    const seen = record(account);
    const direct = account.sendMessage({ to: 'bob@fake', body: 'x', id: 'd' });
    await jest.advanceTimersByTimeAsync(1_000);
    await expect(direct).resolves.toEqual({ id: 'd', acknowledged: false });
    expect(seen.left).toEqual([{ room: ROOM, reason: 'failed', error: refused }]);
    expect(account.rooms).toEqual([]);
  });

  it('when the session is lost during a rejoin and the next one resumes, rejoins again and lets the sends go', async () => {
    jest.useFakeTimers();
    const { account, plugin } = await online();
    await account.joinRoom(ROOM);
    plugin.sink?.closed(lost());
    const release = holdJoins(plugin);
    await jest.advanceTimersByTimeAsync(1_000);
    // The rejoin is under way on the second session; that session is lost too.
    const sent = account.sendMessage({ to: ROOM, type: 'groupchat', body: 'x', id: 'g' });
    plugin.joinFailures = [new SwitchboardError('SB_CONNECTION_CLOSED')];
    plugin.sink?.closed(lost());
    release();
    plugin.resumed = true;
    plugin.sent = [];
    await jest.advanceTimersByTimeAsync(2_000);
    expect(account.state).toBe('online');
    await expect(sent).resolves.toEqual({ id: 'g', acknowledged: false });
    expect(plugin.sent.map((m) => Object.keys(m as object)[0])).toEqual(['joinRoom', 'to']);
    expect(account.rooms.map((r) => r.room)).toEqual([ROOM]);
  });

  it('when the room is left while it is being rejoined, leaves what the rejoin joined', async () => {
    jest.useFakeTimers();
    const { account, plugin } = await online();
    await account.joinRoom(ROOM);
    plugin.sink?.closed(lost());
    const release = holdJoins(plugin);
    await jest.advanceTimersByTimeAsync(1_000);
    await account.leaveRoom(ROOM);
    release();
    await jest.advanceTimersByTimeAsync(0);
    expect(plugin.sent.at(-1)).toEqual({ leaveRoom: ROOM, reason: undefined });
    expect(account.rooms).toEqual([]);
  });
});
