import { SwitchboardError } from '@switchboard/core';
import { errorOf, unicodeChar } from '@switchboard/testing/property';
import fc from 'fast-check';
import type { IrcMessage, IrcSource } from './IrcMessage';
import { parseLine } from './parseLine';
import { serialize } from './serialize';

function message(
  command: string,
  params: string[],
  tags: Array<[string, string]> = [],
): IrcMessage {
  return { tags: new Map(tags), command, params };
}

describe(serialize, () => {
  describe('lines', () => {
    it('when the last parameter needs it, puts a colon before it', () => {
      expect(serialize(message('PRIVMSG', ['bob', 'hello there']))).toBe(
        'PRIVMSG bob :hello there',
      );
      expect(serialize(message('PRIVMSG', ['bob', '']))).toBe('PRIVMSG bob :');
      expect(serialize(message('PRIVMSG', ['bob', ':)']))).toBe('PRIVMSG bob ::)');
      expect(serialize(message('CAP', ['REQ', 'sasl']))).toBe('CAP REQ sasl');
    });

    it('when there are tags, escapes their values and writes an empty value as a bare key', () => {
      const line = serialize(
        message(
          'TAGMSG',
          ['bob'],
          [
            ['+typing', 'active'],
            ['k', 'a;b c\\d\r\ne'],
            ['bare', ''],
          ],
        ),
      );
      expect(line).toBe('@+typing=active;k=a\\:b\\sc\\\\d\\r\\ne;bare TAGMSG bob');
    });

    it('when there is a source, writes it', () => {
      const withSource: IrcMessage = {
        ...message('PRIVMSG', ['bob', 'x']),
        source: { kind: 'user', nick: 'a', user: 'u', host: 'h' },
      };
      expect(serialize(withSource)).toBe(':a!u@h PRIVMSG bob x');
    });
  });

  describe('refusals', () => {
    it.each([
      ['CR in a parameter', message('PRIVMSG', ['bob', 'a\rb']), 'params'],
      ['LF in a parameter', message('PRIVMSG', ['bob', 'a\nQUIT']), 'params'],
      ['NUL in a parameter', message('PRIVMSG', ['bob', 'a\0']), 'params'],
      ['a space before the last parameter', message('PRIVMSG', ['b b', 'x']), 'params'],
      ['an empty middle parameter', message('PRIVMSG', ['', 'x']), 'params'],
      ['a middle parameter starting with a colon', message('PRIVMSG', [':b', 'x']), 'params'],
      [
        '16 parameters',
        message(
          'X',
          Array.from({ length: 16 }, () => 'p'),
        ),
        'params',
      ],
      ['a bad command', message('PRIV MSG', []), 'command'],
      ['a bad tag key', message('PING', [], [['a b', '1']]), 'tags'],
      ['NUL in a tag value', message('PING', [], [['a', '\0']]), 'tags'],
    ])('when the message has %s, throws SB_CONTENT_INVALID', (_, input, field) => {
      const error = errorOf(() => serialize(input));
      expect(SwitchboardError.is(error, 'SB_CONTENT_INVALID')).toBe(true);
      expect((error as SwitchboardError).details.field).toBe(field);
    });

    it('when the line is 512 bytes with CRLF it passes; one byte more is SB_MESSAGE_TOO_LARGE', () => {
      // 'PRIVMSG bob :' (13) + 497 bytes of text + CRLF = 512.
      const fits = `a ${'é'.repeat(247)}`;
      expect(Buffer.byteLength(`${serialize(message('PRIVMSG', ['bob', `${fits}a`]))}\r\n`)).toBe(
        512,
      );
      const error = errorOf(() => serialize(message('PRIVMSG', ['bob', `${fits}ab`])));
      expect(SwitchboardError.is(error, 'SB_MESSAGE_TOO_LARGE')).toBe(true);
      expect((error as SwitchboardError).details).toEqual({ part: 'line', bytes: 513, limit: 512 });
    });

    it("when a server's LINELEN is larger, uses it", () => {
      const long = message('PRIVMSG', ['bob', 'a'.repeat(600)]);
      expect(serialize(long, { lineBytes: 1024 })).toHaveLength(612);
    });

    it('when the tags are over 4094 bytes, throws SB_MESSAGE_TOO_LARGE for the tags', () => {
      const tags: Array<[string, string]> = [['+k', 'v'.repeat(4091)]];
      expect(serialize(message('TAGMSG', ['bob'], tags))).toHaveLength(4094 + 12);
      const error = errorOf(() =>
        serialize(message('TAGMSG', ['bob'], [['+k', 'v'.repeat(4092)]])),
      );
      expect((error as SwitchboardError).details).toEqual({
        part: 'tags',
        bytes: 4095,
        limit: 4094,
      });
    });
  });

  describe('with parseLine', () => {
    const word = fc.stringMatching(/^[A-Za-z0-9[\]\\`_^{|}-]{1,12}$/);
    const text = fc
      .string({ unit: unicodeChar, maxLength: 30 })
      .map((s) => s.replace(/[\0\r\n]/g, ''));
    const middle = text.filter((s) => s !== '' && !s.includes(' ') && !s.startsWith(':'));
    const key = fc.stringMatching(/^\+?([a-z0-9]{1,8}\.[a-z]{2,4}\/)?[A-Za-z0-9-]{1,10}$/);
    const tagValue = fc
      .string({ unit: unicodeChar, maxLength: 20 })
      .map((s) => s.replace(/\0/g, ''));
    const source: fc.Arbitrary<IrcSource> = fc.oneof(
      fc
        .stringMatching(/^[a-z]{1,8}\.[a-z]{2,6}$/)
        .map((name) => ({ kind: 'server' as const, name })),
      fc
        .record({
          nick: word,
          user: fc.option(word, { nil: undefined }),
          host: fc.option(word, { nil: undefined }),
        })
        .map(({ nick, user, host }) => ({
          kind: 'user' as const,
          nick,
          ...(user === undefined ? {} : { user }),
          ...(host === undefined ? {} : { host }),
        })),
    );
    const messages: fc.Arbitrary<IrcMessage> = fc
      .record({
        tags: fc.uniqueArray(fc.tuple(key, tagValue), { selector: ([k]) => k, maxLength: 4 }),
        source: fc.option(source, { nil: undefined }),
        command: fc.oneof(fc.stringMatching(/^[A-Z]{1,10}$/), fc.stringMatching(/^[0-9]{3}$/)),
        middles: fc.array(middle, { maxLength: 14 }),
        last: fc.option(text, { nil: undefined }),
      })
      .map(({ tags, source, command, middles, last }) => ({
        tags: new Map(tags),
        command,
        params: last === undefined ? middles : [...middles, last],
        ...(source === undefined ? {} : { source }),
      }));

    it('when any message is written and read back, it is the same message', () => {
      fc.assert(
        fc.property(messages, (input) => {
          const line = serialize(input, { lineBytes: 100_000, tagBytes: 100_000 });
          expect(parseLine(line)).toEqual(input);
        }),
      );
    });
  });
});
