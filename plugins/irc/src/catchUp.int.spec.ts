/**
 * Catching up after a reconnect on the real ergo, with always-on accounts (messages to an
 * account with no connection are kept in its history): what a contact and the account's other
 * connection sent while this one was away is reported once, in order, nothing missed.
 */
import type { InboundMessage, OwnMessage } from '@switchboard/core';
import { type ErgoServer, startErgo } from '@switchboard/testing';
import { IrcPlugin } from './IrcPlugin';
import type { IrcSession } from './session/IrcSession';
import { rawLogin, rawSend, recordingSink } from './test/ircHistoryKit';
import { ergoAccount, ircSwitchboard } from './test/ircTestKit';

describe('IrcSession.catchUp on ergo', () => {
  let server: ErgoServer;
  const plugin = new IrcPlugin(ircSwitchboard().registry);

  beforeAll(async () => {
    server = await startErgo({
      history: true,
      accounts: [
        { name: 'alice', password: 'alice-secret-1' },
        { name: 'bob', password: 'bob-secret-2' },
      ],
      // Messages to alice while no connection of hers is up are kept; pages of 2 messages.
      config: {
        accounts: { multiclient: { 'always-on': 'opt-out' } },
        history: { 'chathistory-maxmessages': 2 },
      },
    });
  });
  afterAll(async () => {
    await server.stop();
  });

  async function open(sink = recordingSink()) {
    const config = ergoAccount(server, 'alice', 'alice-secret-1');
    const session = (await plugin.open({
      config,
      credential: { kind: 'password', password: 'alice-secret-1' },
      sink,
    })) as IrcSession;
    return { session, sink };
  }

  it('after a reconnect, reports what came after the last message seen, each once, in order, over several pages', async () => {
    const bob = await rawLogin(server, 'bob', 'bob-secret-2');
    try {
      const first = await open();
      await rawSend(bob, 'alice', 'before 1');
      await rawSend(bob, 'alice', 'before 2');
      while (first.sink.messages.length < 2) await first.session.ping();
      const lastSeen = first.sink.messages[1]?.archiveId ?? '';
      expect(lastSeen).not.toBe('');
      await first.session.close();

      // alice is away: bob writes, and alice writes to bob from another client.
      const sent: string[] = [];
      for (let i = 1; i <= 3; i++) sent.push(await rawSend(bob, 'alice', `away ${i}`));
      const device = await rawLogin(server, 'alice', 'alice-secret-1');
      sent.push(await rawSend(device, 'bob', 'from my other client'));
      await device.close();
      sent.push(await rawSend(bob, 'alice', 'away 4'));

      const second = await open();
      const reported: Array<InboundMessage | OwnMessage> = [];
      const report = await second.session.catchUp({
        target: 'bob',
        after: lastSeen,
        message: (m) => reported.push(m),
        ownMessage: (m) => reported.push(m),
      });
      expect(reported.map((m) => m.body)).toEqual([
        'away 1',
        'away 2',
        'away 3',
        'from my other client',
        'away 4',
      ]);
      expect(reported.map((m) => m.archiveId)).toEqual(sent);
      expect(second.sink.own).toEqual([]);
      expect(reported[3]).toMatchObject({ to: 'bob', type: 'chat' });
      expect(reported[3]).not.toHaveProperty('from');
      expect(reported[0]).toMatchObject({
        from: 'bob',
        type: 'chat',
        delay: { stamp: expect.any(Date) },
      });
      expect(report).toEqual({ pages: 3, reported: 5, last: sent[4], complete: true });

      // A second catch-up from the same point reports nothing: every id was seen.
      const again: unknown[] = [];
      const repeat = await second.session.catchUp({
        target: 'bob',
        after: lastSeen,
        message: (m) => again.push(m),
      });
      expect(again).toEqual([]);
      expect(repeat.reported).toBe(0);

      // A live message is not reported again by a later catch-up.
      const live = await rawSend(bob, 'alice', 'live');
      while (second.sink.messages.length < 1) await second.session.ping();
      expect(second.sink.messages.map((m) => [m.body, m.archiveId])).toEqual([['live', live]]);
      const after = await second.session.catchUp({
        target: 'bob',
        after: sent[4] ?? '',
        message: (m) => again.push(m),
      });
      expect(after).toMatchObject({ reported: 0, last: live, complete: true });
      await second.session.close();
    } finally {
      await bob.close();
    }
  });

  it('catches up on a channel: groupchat with nicks, own lines from another client as own messages', async () => {
    const bob = await rawLogin(server, 'bob', 'bob-secret-2');
    const device = await rawLogin(server, 'alice', 'alice-secret-1');
    try {
      // alice's account joins through another client; the channel is not joined by the session.
      device.send('JOIN #catch');
      await device.next((l) => l.command === '366');
      bob.send('JOIN #catch');
      await bob.next((l) => l.command === '366');
      const lastSeen = await rawSend(bob, '#catch', 'seen already');
      const sent = [
        await rawSend(bob, '#catch', 'c1'),
        await rawSend(device, '#catch', 'mine'),
        await rawSend(bob, '#catch', 'c2'),
      ];
      const { session } = await open();
      const reported: Array<InboundMessage | OwnMessage> = [];
      const report = await session.catchUp({
        target: '#catch',
        after: lastSeen,
        message: (m) => reported.push(m),
        ownMessage: (m) => reported.push(m),
      });
      expect(reported).toEqual([
        expect.objectContaining({ from: '#catch', nick: 'bob', type: 'groupchat', body: 'c1' }),
        expect.objectContaining({ to: '#catch', type: 'groupchat', body: 'mine' }),
        expect.objectContaining({ from: '#catch', nick: 'bob', type: 'groupchat', body: 'c2' }),
      ]);
      expect(reported.map((m) => m.archiveId)).toEqual(sent);
      expect(report).toMatchObject({ pages: 2, reported: 3, last: sent[2], complete: true });
      await session.close();
    } finally {
      await device.close();
      await bob.close();
    }
  });

  it("an account's history after a reconnect holds what came while it was away, nothing missed or doubled", async () => {
    const bob = await rawLogin(server, 'bob', 'bob-secret-2');
    const alice = ircSwitchboard().createAccount(ergoAccount(server, 'alice', 'alice-secret-1'));
    try {
      await alice.connect();
      const seen = await rawSend(bob, 'alice', 'seen before');
      await alice.disconnect();
      const away: string[] = [];
      for (let i = 0; i < 5; i++) away.push(await rawSend(bob, 'alice', `while away ${i}`));
      await alice.connect();
      const pages = [await alice.history('bob', { after: seen })];
      while (pages.at(-1)?.complete === false) {
        pages.push(await alice.history('bob', { after: pages.at(-1)?.last ?? '' }));
      }
      const got = pages.flatMap((p) => p.messages);
      expect(got.map((m) => m.archiveId)).toEqual(away);
      expect(got.every((m) => !m.outgoing && m.from === 'bob')).toBe(true);
    } finally {
      await alice.disconnect();
      await bob.close();
    }
  });

  it('when the conversation has nothing, reports nothing and completes in one page', async () => {
    const { session } = await open();
    try {
      const got: unknown[] = [];
      const report = await session.catchUp({
        target: 'nobody',
        after: 'x1',
        message: (m) => got.push(m),
      });
      expect(got).toEqual([]);
      expect(report).toMatchObject({ pages: 1, reported: 0, complete: true });
    } finally {
      await session.close();
    }
  });
});
