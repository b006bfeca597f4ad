import { SwitchboardError } from '@switchboard/core';
import { errorOf, unicodeChar } from '@switchboard/testing/property';
import fc from 'fast-check';
import { parseLine } from './parseLine';

function reasonOf(line: string): unknown {
  const error = errorOf(() => parseLine(line));
  if (!SwitchboardError.is(error, 'SB_IRC_MALFORMED')) throw new Error(`not refused: ${line}`);
  return error.details.reason;
}

describe(parseLine, () => {
  describe('commands and parameters', () => {
    it('when a line has a user source, middle and trailing parameters', () => {
      const message = parseLine(':alice!al@example.org PRIVMSG bob :hello there');
      expect(message.source).toEqual({
        kind: 'user',
        nick: 'alice',
        user: 'al',
        host: 'example.org',
      });
      expect(message.command).toBe('PRIVMSG');
      expect(message.params).toEqual(['bob', 'hello there']);
      expect(message.tags.size).toBe(0);
    });

    it('when the source is a server, a nick alone, or nick@host', () => {
      expect(parseLine(':irc.example.org 001 me :Welcome').source).toEqual({
        kind: 'server',
        name: 'irc.example.org',
      });
      expect(parseLine(':bob NICK robert').source).toEqual({ kind: 'user', nick: 'bob' });
      expect(parseLine(':bob@h.example NICK b').source).toEqual({
        kind: 'user',
        nick: 'bob',
        host: 'h.example',
      });
    });

    it('when the command is lower case, upper-cases it; a numeric stays as it is', () => {
      expect(parseLine('privmsg #a :x').command).toBe('PRIVMSG');
      expect(parseLine(':s.example 433 * me :Nickname is already in use').command).toBe('433');
    });

    it('when the trailing parameter is empty, holds colons or spaces', () => {
      expect(parseLine('PRIVMSG bob :').params).toEqual(['bob', '']);
      expect(parseLine('PRIVMSG bob ::-) a  b ').params).toEqual(['bob', ':-) a  b ']);
    });

    it('when the last parameter has no colon, and when several spaces separate parts', () => {
      expect(parseLine('CAP REQ sasl').params).toEqual(['REQ', 'sasl']);
      expect(parseLine(':a.b   MODE  me   +i').params).toEqual(['me', '+i']);
      expect(parseLine('PING').params).toEqual([]);
    });

    it('when there are more than 15 parameters, the 15th takes the rest of the line', () => {
      const fifteen = Array.from({ length: 14 }, (_, i) => `p${i}`).join(' ');
      const message = parseLine(`CMD ${fifteen} last one :here`);
      expect(message.params).toHaveLength(15);
      expect(message.params[14]).toBe('last one :here');
    });
  });

  describe('tags', () => {
    it('when values are escaped, unescapes \\: \\s \\\\ \\r \\n and drops other backslashes', () => {
      const message = parseLine('@a=x\\:y\\sz;b=\\\\\\r\\n;c=\\q;d=end\\ PING');
      expect(message.tags.get('a')).toBe('x;y z');
      expect(message.tags.get('b')).toBe('\\\r\n');
      expect(message.tags.get('c')).toBe('q');
      expect(message.tags.get('d')).toBe('end');
    });

    it('when a tag has no value or an empty one, maps it to the empty string', () => {
      const message = parseLine('@solo;empty= :s.example NOTICE * :hi');
      expect([...message.tags]).toEqual([
        ['solo', ''],
        ['empty', ''],
      ]);
    });

    it('when tags are client-only or vendored, keeps the key as it is', () => {
      const message = parseLine(
        '@+draft/reply=abc;example.com/foo=1;time=2026-01-01T00:00:00.000Z PRIVMSG a :b',
      );
      expect(message.tags.get('+draft/reply')).toBe('abc');
      expect(message.tags.get('example.com/foo')).toBe('1');
      expect(message.tags.get('time')).toBe('2026-01-01T00:00:00.000Z');
    });

    it('when a key repeats, the last value wins; empty items between semicolons are skipped', () => {
      expect(parseLine('@k=1;;k=2 PING').tags.get('k')).toBe('2');
    });
  });

  describe('malformed lines', () => {
    it.each([
      ['NUL', 'PRIVMSG a :b\0c', 'forbidden-character'],
      ['CR', 'PRIVMSG a :b\rc', 'forbidden-character'],
      ['LF', 'PRIVMSG a :b\nc', 'forbidden-character'],
      ['an empty line', '', 'missing-command'],
      ['only a source', ':s.example', 'missing-command'],
      ['only spaces after tags', '@a=1   ', 'missing-command'],
      ['a bad command', 'PRIV-MSG a', 'invalid-command'],
      ['a two-digit numeric', '01 me', 'invalid-command'],
      ['an empty tags part', '@ PING', 'empty-tags'],
      ['an empty tag key', '@=v PING', 'empty-tag-key'],
      ['a bare +', '@+ PING', 'empty-tag-key'],
      ['a bad tag key', '@a!b=1 PING', 'invalid-tag-key'],
      ['an empty source', ': PING', 'empty-source'],
      ['a source without nick', ':!u@h PING', 'invalid-source'],
      ['a source with an empty host', ':n!u@ PING', 'invalid-source'],
    ])('when the line has %s, refuses it with SB_IRC_MALFORMED', (_, line, reason) => {
      expect(reasonOf(line)).toBe(reason);
    });

    it('when refused, the error does not repeat the line', () => {
      const error = errorOf(() => parseLine('@a!b=secret-text PING')) as Error;
      expect(error.message).not.toContain('secret-text');
      expect(JSON.stringify((error as SwitchboardError).details)).not.toContain('secret-text');
    });
  });

  describe('any input', () => {
    const piece = fc.oneof(
      fc.constantFrom(
        '@',
        ':',
        ' ',
        ';',
        '=',
        '\\',
        '!',
        '@a=b ',
        ':s.example ',
        'PRIVMSG',
        '001',
        '\0',
        '\r',
      ),
      fc.string({ unit: unicodeChar, maxLength: 6 }),
    );

    it('when the line is anything at all, gives a message or throws SB_IRC_MALFORMED, nothing else', () => {
      fc.assert(
        fc.property(
          fc.array(piece, { maxLength: 20 }).map((parts) => parts.join('')),
          (line) => {
            const error = errorOf(() => parseLine(line));
            if (error !== undefined)
              expect(SwitchboardError.is(error, 'SB_IRC_MALFORMED')).toBe(true);
          },
        ),
        { numRuns: 500 },
      );
    });
  });
});
