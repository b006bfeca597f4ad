import { SwitchboardError } from '@switchboard/core';
import { errorOf, unicodeChar } from '@switchboard/testing/property';
import fc from 'fast-check';
import { LineReader } from './LineReader';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Every line `chunks` give a fresh reader, or the code of the error it threw. */
function readAll(chunks: readonly Uint8Array[], maxLineBytes?: number): string[] | string {
  const reader = new LineReader(maxLineBytes === undefined ? {} : { maxLineBytes });
  const lines: string[] = [];
  try {
    for (const chunk of chunks) lines.push(...reader.push(chunk));
  } catch (error) {
    return SwitchboardError.is(error)
      ? `${error.code}:${String(error.details.reason ?? '')}`
      : 'other';
  }
  return lines;
}

/** `data` cut at the given offsets. */
function cut(data: Uint8Array, offsets: readonly number[]): Uint8Array[] {
  const points = [...new Set(offsets.map((o) => o % (data.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let start = 0;
  for (const point of points) {
    chunks.push(data.slice(start, point));
    start = point;
  }
  chunks.push(data.slice(start));
  return chunks;
}

describe(LineReader, () => {
  describe('.push', () => {
    it('when lines end in CRLF or a bare LF, gives them without their ending', () => {
      expect(readAll([bytes('PING :a\r\nPING :b\nPING :c\r\n')])).toEqual([
        'PING :a',
        'PING :b',
        'PING :c',
      ]);
    });

    it('when a line is split across chunks, gives it once it ends and holds no more than it', () => {
      const reader = new LineReader();
      expect(reader.push(bytes('PRIVMSG a :hel'))).toEqual([]);
      expect(reader.buffered).toBe(14);
      expect(reader.push(bytes('lo\r'))).toEqual([]);
      expect(reader.push(bytes('\nPI'))).toEqual(['PRIVMSG a :hello']);
      expect(reader.buffered).toBe(2);
    });

    it('when a UTF-8 character is split across chunks, decodes it whole', () => {
      const data = bytes('PRIVMSG a :é😀\r\n');
      expect(readAll([data.slice(0, 13), data.slice(13, 15), data.slice(15)])).toEqual([
        'PRIVMSG a :é😀',
      ]);
    });

    it('when empty lines come, skips them', () => {
      expect(readAll([bytes('\r\n\nPING :x\r\n\r\n')])).toEqual(['PING :x']);
    });

    it('when the text has invalid UTF-8, reads it as U+FFFD', () => {
      const data = Uint8Array.from([...bytes('PRIVMSG a :caf'), 0xe9, 0x0d, 0x0a]);
      expect(readAll([data])).toEqual(['PRIVMSG a :caf\uFFFD']);
    });

    it('when the tags have invalid UTF-8, throws SB_IRC_MALFORMED', () => {
      const data = Uint8Array.from([...bytes('@k=a'), 0xff, ...bytes(' PING\r\n')]);
      expect(readAll([data])).toBe('SB_IRC_MALFORMED:invalid-utf8-tags');
    });

    it('when a line is exactly the limit it passes; one byte more throws SB_IRC_LINE_TOO_LONG', () => {
      const line = `PRIVMSG a :${'x'.repeat(20 - 13)}\r\n`;
      expect(readAll([bytes(line)], 20)).toEqual([line.slice(0, -2)]);
      expect(readAll([bytes(`x${line}`)], 20)).toBe('SB_IRC_LINE_TOO_LONG:');
      // 20 bytes without their end cannot become a line of 20 bytes: refused at once.
      expect(readAll([bytes('x'.repeat(19))], 20)).toEqual([]);
      expect(readAll([bytes('x'.repeat(20))], 20)).toBe('SB_IRC_LINE_TOO_LONG:');
    });

    it('when an endless line arrives, throws before buffering past the limit, then keeps throwing', () => {
      const reader = new LineReader({ maxLineBytes: 1000 });
      const chunk = bytes('x'.repeat(300));
      reader.push(chunk);
      reader.push(chunk);
      reader.push(chunk);
      const error = errorOf(() => reader.push(chunk));
      expect(SwitchboardError.is(error, 'SB_IRC_LINE_TOO_LONG')).toBe(true);
      expect((error as SwitchboardError).details).toEqual({ limit: 1000 });
      expect(reader.buffered).toBe(0);
      expect(errorOf(() => reader.push(bytes('PING\r\n')))).toBe(error);
    });

    it('when no limit is given, allows 8191 bytes of tags and 512 of the rest', () => {
      expect(new LineReader().maxLineBytes).toBe(8703);
    });
  });

  describe('chunking', () => {
    const line = fc
      .string({ unit: unicodeChar, maxLength: 40 })
      .map((s) => s.replace(/[\r\n]/g, ''));
    const stream = fc
      .array(fc.tuple(line, fc.constantFrom('\r\n', '\n')), { maxLength: 8 })
      .map((lines) => bytes(lines.map(([text, end]) => text + end).join('')));

    it('when the same bytes arrive in any chunks, the lines are the same', () => {
      fc.assert(
        fc.property(stream, fc.array(fc.nat(), { maxLength: 10 }), (data, offsets) => {
          expect(readAll(cut(data, offsets), 200)).toEqual(readAll([data], 200));
        }),
      );
    });

    it('when the bytes arrive one at a time or glued in one chunk, the lines are the same', () => {
      fc.assert(
        fc.property(stream, (data) => {
          const oneByOne = Array.from(data, (b) => Uint8Array.of(b));
          expect(readAll(oneByOne, 120)).toEqual(readAll([data], 120));
        }),
      );
    });

    it('when an over-long line is among them, every chunking fails the same way', () => {
      const data = bytes(`PING :a\r\n${'y'.repeat(50)}\r\nPING :b\r\n`);
      const whole = readAll([data], 40);
      expect(whole).toBe('SB_IRC_LINE_TOO_LONG:');
      for (let i = 0; i <= data.length; i++) {
        expect(readAll([data.slice(0, i), data.slice(i)], 40)).toBe(whole);
      }
    });
  });

  describe('any bytes', () => {
    it('when the bytes are random, gives lines or throws a coded error, never another one', () => {
      fc.assert(
        fc.property(fc.array(fc.uint8Array({ maxLength: 64 }), { maxLength: 8 }), (chunks) => {
          const outcome = readAll(chunks, 100);
          expect(outcome).not.toBe('other');
          if (typeof outcome === 'string')
            expect(outcome).toMatch(/^SB_IRC_(LINE_TOO_LONG|MALFORMED):/);
        }),
      );
    });
  });
});
