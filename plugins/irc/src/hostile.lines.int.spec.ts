/**
 * Hostile lines from an IRC server, during registration and in a live session: overlong lines,
 * malformed or non-UTF-8 tags end the connection with a coded error; invalid UTF-8 in a
 * message's text is delivered with U+FFFD. Every line arrives through a scripted server.
 */
import type { InboundMessage, StateChange, SwitchboardError } from '@switchboard/core';
import type { HostileHarness } from '@switchboard/testing';
import { sendData, waitFor } from '@switchboard/testing';
import { expectOpening, ircHostileHarness, login } from './test/ircHostileKit';

const never = (): Promise<void> => new Promise(() => undefined);

describe('IrcPlugin against hostile lines', () => {
  let harness: HostileHarness;

  beforeEach(() => {
    harness = ircHostileHarness();
  });
  afterEach(async () => {
    expect(harness.faults()).toEqual([]);
    await harness.reset();
  });

  const rows: [string, string | Uint8Array, string, string | undefined][] = [
    [
      'an overlong line',
      `:irc.test NOTICE * :${'x'.repeat(9_000)}\r\n`,
      'SB_IRC_LINE_TOO_LONG',
      undefined,
    ],
    ['an endless line without CRLF', 'x'.repeat(64 * 1024), 'SB_IRC_LINE_TOO_LONG', undefined],
    ['an empty tag key', '@=v :irc.test NOTICE * :hi\r\n', 'SB_IRC_MALFORMED', 'empty-tag-key'],
    ['an empty tag section', '@ :irc.test NOTICE * :hi\r\n', 'SB_IRC_MALFORMED', 'empty-tags'],
    ['tags without a command', '@a=b\r\n', 'SB_IRC_MALFORMED', 'missing-command'],
    [
      'invalid UTF-8 in tags',
      Buffer.concat([
        Buffer.from('@msgid=a'),
        Buffer.from([0xff, 0xfe]),
        Buffer.from(' :irc.test NOTICE * :hi\r\n'),
      ]),
      'SB_IRC_MALFORMED',
      'invalid-utf8-tags',
    ],
    ['a NUL byte', ':irc.test NOTICE * :a\0b\r\n', 'SB_IRC_MALFORMED', 'forbidden-character'],
  ];
  const cases = rows.map(([name, data, code, reason]) => ({ name, data, code, reason }));

  it.each(cases)(
    'when registration meets $name, fails with $code',
    async ({ data, code, reason }) => {
      const { account } = await harness.serve([expectOpening(), sendData(data), waitFor(never)]);
      const error = await harness.connectToFail(account);
      expect(error?.code).toBe(code);
      if (reason !== undefined) expect(error?.details.reason).toBe(reason);
    },
  );

  it.each(cases)(
    'when a live session meets $name, closes it with $code and the process survives',
    async ({ data, code }) => {
      let online: () => void = () => undefined;
      const wentOnline = new Promise<void>((r) => {
        online = r;
      });
      const { account } = await harness.serve([
        ...login(),
        waitFor(() => wentOnline),
        sendData(data),
        waitFor(never),
      ]);
      const lost = new Promise<SwitchboardError | undefined>((resolve) =>
        account.on('state', (change: StateChange) => {
          if (change.from === 'online') resolve(change.error);
        }),
      );
      await account.connect();
      online();
      expect((await lost)?.code).toBe(code);
    },
  );

  it('delivers a message whose text is not UTF-8, with U+FFFD for the bad bytes', async () => {
    let online: () => void = () => undefined;
    const wentOnline = new Promise<void>((r) => {
      online = r;
    });
    const { account } = await harness.serve([
      ...login(),
      waitFor(() => wentOnline),
      sendData(
        Buffer.concat([
          Buffer.from('@msgid=m1 :bob!b@host PRIVMSG alice :caf'),
          Buffer.from([0xe9, 0x20, 0xc3]),
          Buffer.from(' ok\r\n:bob!b@host PRIVMSG alice :after\r\n'),
        ]),
      ),
      waitFor(never),
    ]);
    const received: InboundMessage[] = [];
    const two = new Promise<void>((resolve) =>
      account.on('message', (m) => {
        received.push(m);
        if (received.length === 2) resolve();
      }),
    );
    await account.connect();
    online();
    await two;
    expect(received.map((m) => [m.from, m.body])).toEqual([
      ['bob', 'caf\uFFFD \uFFFD ok'],
      ['bob', 'after'],
    ]);
    expect(account.state).toBe('online');
  });
});
