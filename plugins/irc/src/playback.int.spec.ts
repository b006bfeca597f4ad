/**
 * A bouncer without `draft/chathistory` but with `znc.in/playback` (scripted): joining a channel
 * with a time to catch up from asks it to replay the channel since then, and the replay arrives
 * as the channel's messages, with their server time, each once.
 */
import type { InboundMessage } from '@switchboard/core';
import { expectData, type HostileHarness, sendData, waitFor } from '@switchboard/testing';
import { ircHostileHarness, login } from './test/ircHostileKit';

const CAPS = 'sasl=PLAIN echo-message message-tags server-time batch znc.in/playback';
const never = (): Promise<void> => new Promise(() => undefined);
const SINCE = new Date('2026-01-01T10:00:00.250Z');
const replayed = (id: string, at: string, text: string) =>
  `@msgid=${id};time=${at} :bob!b@h PRIVMSG #room :${text}\r\n`;

describe('IRC catch-up through znc.in/playback', () => {
  let harness: HostileHarness;

  beforeEach(() => {
    harness = ircHostileHarness();
  });
  afterEach(async () => {
    expect(harness.faults()).toEqual([]);
    await harness.reset();
  });

  it('when the server has no chathistory, asks the bouncer to replay the channel since the time given', async () => {
    const { account } = await harness.serve([
      ...login(CAPS),
      expectData(/JOIN #room\r\n/),
      sendData(
        ':alice!a@h JOIN #room\r\n:irc.test 353 alice = #room :alice bob\r\n:irc.test 366 alice #room :End\r\n',
      ),
      expectData(/MODE #room\r\n/),
      expectData(/PRIVMSG \*playback :play #room 1767261600\.250\r\n/),
      sendData(
        replayed('p1', '2026-01-01T10:00:01.000Z', 'while you were away') +
          replayed('p2', '2026-01-01T10:00:02.000Z', 'still away?') +
          replayed('p1', '2026-01-01T10:00:01.000Z', 'while you were away'),
      ),
      waitFor(never),
    ]);
    const messages: InboundMessage[] = [];
    account.on('message', (m) => messages.push(m));
    await account.connect();
    expect(account.capabilities.history).toBe(false);
    await account.joinRoom('#room', { history: { since: SINCE } });
    const deadline = Date.now() + 2_000;
    while (messages.length < 2 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 100));
    expect(
      messages.map((m) => [m.from, m.nick, m.body, m.archiveId, m.delay?.stamp.toISOString()]),
    ).toEqual([
      ['#room', 'bob', 'while you were away', 'p1', '2026-01-01T10:00:01.000Z'],
      ['#room', 'bob', 'still away?', 'p2', '2026-01-01T10:00:02.000Z'],
    ]);
  });
});
