/**
 * Hostile answers to history queries and hostile own lines, each from a scripted server: a
 * history batch that never ends, one with 100,000 lines, lines with forged batch ids and garbage
 * msgids, and another connection's message that looks like this session's echo. The session
 * stays online and the live path keeps working.
 */
import type { Account, InboundMessage, OwnMessage } from '@switchboard/core';
import { expectData, type HostileHarness, sendData, waitFor } from '@switchboard/testing';
import { ircHostileHarness, login } from './test/ircHostileKit';

const CAPS =
  'sasl=PLAIN echo-message message-tags server-time batch labeled-response draft/chathistory';
const T = '2026-01-01T10:00:00.000Z';
const never = (): Promise<void> => new Promise(() => undefined);

/** The next CHATHISTORY query; the answer's lines get its label through `answer`. */
const expectQuery = () => expectData(/@label=(\S+) CHATHISTORY (\S+) bob (\S+) (\d+)\r\n/);
const answer = (lines: (label: string) => string) =>
  sendData(({ match }) => lines(match?.[1] ?? ''));
const dm = (id: string, text: string, batch = 'h') =>
  `@batch=${batch};msgid=${id};time=${T} :bob!b@h PRIVMSG alice :${text}\r\n`;
const LIVE = `@msgid=live-1 :bob!b@h PRIVMSG alice :live after\r\n`;

function signal(): { promise: Promise<void>; fire: () => void } {
  let fire: () => void = () => undefined;
  const promise = new Promise<void>((resolve) => {
    fire = resolve;
  });
  return { promise, fire };
}

function received(account: Account): { messages: InboundMessage[]; own: OwnMessage[] } {
  const got = { messages: [] as InboundMessage[], own: [] as OwnMessage[] };
  account.on('message', (m) => got.messages.push(m));
  account.on('ownMessage', (m) => got.own.push(m));
  return got;
}

function nextMessage(account: Account): Promise<InboundMessage> {
  return new Promise((resolve) => account.once('message', resolve));
}

describe('IrcPlugin history against hostile servers', () => {
  let harness: HostileHarness;

  beforeEach(() => {
    harness = ircHostileHarness();
  });
  afterEach(async () => {
    expect(harness.faults()).toEqual([]);
    await harness.reset();
  });

  it('when a history batch never ends, the query fails with SB_TIMEOUT and its late lines never surface', async () => {
    const timedOut = signal();
    const { account } = await harness.serve([
      ...login(CAPS),
      expectQuery(),
      answer((label) => `@label=${label} :irc.test BATCH +h chathistory bob\r\n${dm('h1', 'one')}`),
      waitFor(() => timedOut.promise),
      sendData(`${dm('h2', 'late history')}${LIVE}`),
      waitFor(never),
    ]);
    const got = received(account);
    await account.connect();
    await expect(account.history('bob')).rejects.toMatchObject({ code: 'SB_TIMEOUT' });
    const live = nextMessage(account);
    timedOut.fire();
    await live;
    expect(got.messages.map((m) => m.body)).toEqual(['live after']);
    expect(account.state).toBe('online');
  });

  it('when a history batch has 100,000 lines, the query fails with SB_IRC_MALFORMED and the session goes on', async () => {
    const lines = Array.from({ length: 100_000 }, (_, i) => dm(`f${i}`, 'flood')).join('');
    const { account } = await harness.serve([
      ...login(CAPS),
      expectQuery(),
      answer(
        (label) =>
          `@label=${label} :irc.test BATCH +h chathistory bob\r\n${lines}:irc.test BATCH -h\r\n${LIVE}`,
      ),
      waitFor(never),
    ]);
    const got = received(account);
    await account.connect();
    const live = nextMessage(account);
    await expect(account.history('bob', { limit: 10 })).rejects.toMatchObject({
      code: 'SB_IRC_MALFORMED',
      details: { reason: 'batch-too-large' },
    });
    await live;
    expect(got.messages.map((m) => m.body)).toEqual(['live after']);
    expect(account.state).toBe('online');
  });

  it('when answer lines carry forged batch ids, garbage msgids or other conversations, the page holds only the real ones', async () => {
    const { account } = await harness.serve([
      ...login(CAPS),
      expectQuery(),
      answer(
        (label) =>
          `@label=${label} :irc.test BATCH +h chathistory bob\r\n` +
          dm('ok-1', 'real one') +
          dm('forged-1', 'forged batch', 'nope') +
          `@batch=h;time=${T} :bob!b@h PRIVMSG alice :no msgid\r\n` +
          `@batch=h;msgid=a\\sb;time=${T} :bob!b@h PRIVMSG alice :space in msgid\r\n` +
          `@batch=h;msgid=${'z'.repeat(300)};time=${T} :bob!b@h PRIVMSG alice :huge msgid\r\n` +
          `@batch=h;msgid=:colon;time=${T} :bob!b@h PRIVMSG alice :colon msgid\r\n` +
          `@batch=h;msgid=m-carol;time=${T} :carol!c@h PRIVMSG alice :another conversation\r\n` +
          dm('ok-1', 'same id again') +
          dm('ok-2', 'real two') +
          ':irc.test BATCH -h\r\n',
      ),
      expectQuery(),
      answer(
        (label) => `@label=${label} :irc.test BATCH +h2 chathistory bob\r\n:irc.test BATCH -h2\r\n`,
      ),
      waitFor(never),
    ]);
    const got = received(account);
    await account.connect();
    const page = await account.history('bob', { limit: 20 });
    expect(page.messages.map((m) => [m.archiveId, m.body])).toEqual([
      ['ok-1', 'real one'],
      ['ok-2', 'real two'],
    ]);
    expect(page).toMatchObject({ first: 'ok-1', last: 'ok-2', complete: true });
    // The line with a batch id that names no batch is a live line of its own, once.
    expect(got.messages.map((m) => m.body)).toEqual(['forged batch']);
    const before = await account.history('bob', { before: page.first ?? '' });
    expect(before.messages).toEqual([]);
  });

  it('without labeled-response, another connection sending different words is an own message and our echo still acknowledges our send', async () => {
    const { account } = await harness.serve([
      ...login('sasl=PLAIN echo-message message-tags server-time batch'),
      expectData('PRIVMSG dave :hello dave\r\n'),
      sendData(
        '@msgid=o1 :alice!a@h PRIVMSG dave :from my other client\r\n' +
          '@msgid=e1 :alice!a@h PRIVMSG dave :hello dave\r\n' +
          '@msgid=o2 :alice!a@h PRIVMSG #chan :\u0001ACTION waves\u0001\r\n' +
          '@msgid=o1 :alice!a@h PRIVMSG dave :from my other client\r\n',
      ),
      waitFor(never),
    ]);
    const got = received(account);
    await account.connect();
    const two = new Promise<void>((resolve) =>
      account.on('ownMessage', () => {
        if (got.own.length === 2) resolve();
      }),
    );
    const sent = await account.sendMessage({ to: 'dave', body: 'hello dave' });
    expect(sent.acknowledged).toBe(true);
    await two;
    expect(got.own).toEqual([
      { id: 'o1', to: 'dave', type: 'chat', body: 'from my other client' },
      { id: 'o2', to: '#chan', type: 'groupchat', body: '/me waves' },
    ]);
    expect(got.messages).toEqual([]);
  });
});
