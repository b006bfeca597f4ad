import { SwitchboardError } from '@switchboard/core';
import { errorOf, unicodeChar } from '@switchboard/testing/property';
import fc from 'fast-check';
import { messageBudget, splitText } from './splitText';

/** Half of a surrogate pair without its other half: what cutting inside a pair leaves. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const utf8 = (text: string): number => new TextEncoder().encode(text).length;

describe(splitText, () => {
  it('when the text fits, gives it whole; empty text gives no piece', () => {
    expect(splitText('hello', 5)).toEqual(['hello']);
    expect(splitText('', 10)).toEqual([]);
  });

  it('when there is whitespace past half the budget, cuts after it', () => {
    expect(splitText('hello brave new world', 12)).toEqual(['hello brave ', 'new world']);
  });

  it('when the only whitespace is early, fills the piece instead of leaving it short', () => {
    expect(splitText('a bcdefghijklmnop', 8)).toEqual(['a bcdefg', 'hijklmno', 'p']);
  });

  it('when characters are multi-byte, never cuts inside one', () => {
    expect(splitText('ééééé', 5)).toEqual(['éé', 'éé', 'é']);
    expect(splitText('😀😀😀', 7)).toEqual(['😀', '😀', '😀']);
  });

  it('when a grapheme has several code points, keeps it whole while it fits', () => {
    const flag = '🇫🇷'; // two regional indicators, 8 bytes
    const accented = 'e\u0301'; // e + combining acute, 3 bytes
    expect(splitText(`ab${flag}`, 8)).toEqual(['ab', flag]);
    expect(splitText(`abc${accented}`, 4)).toEqual(['abc', accented]);
  });

  it('when whitespace is followed by a combining mark, does not cut between them', () => {
    expect(splitText('abcd \u0301fgh', 8)).toEqual(['abcd \u0301f', 'gh']);
  });

  it('when the text is long, keeps a flag whole at the cut', () => {
    const text = `${'x'.repeat(396)}🇫🇷yyy`; // the flag takes bytes 396 to 404
    expect(splitText(text, 400)).toEqual(['x'.repeat(396), '🇫🇷yyy']);
  });

  it('when one grapheme is over the budget, cuts it between code points', () => {
    const zalgo = `a${'\u0301'.repeat(5)}`; // 11 bytes
    expect(splitText(zalgo, 5)).toEqual(['a\u0301\u0301', '\u0301\u0301', '\u0301']);
  });

  it('when the budget is under 4 bytes, throws SB_CONFIG_INVALID', () => {
    const error = errorOf(() => splitText('x', 3));
    expect(SwitchboardError.is(error, 'SB_CONFIG_INVALID')).toBe(true);
    expect((error as SwitchboardError).details.field).toBe('maxBytes');
  });

  it('when any text is split, the pieces are whole UTF-8, within budget and add up to it', () => {
    const text = fc.string({
      unit: fc.oneof(unicodeChar, fc.constantFrom(' ', '\u0301', '🇫', '👍🏽', '\t')),
      maxLength: 600,
    });
    fc.assert(
      fc.property(text, fc.integer({ min: 4, max: 400 }), (input, budget) => {
        const pieces = splitText(input, budget);
        expect(pieces.join('')).toBe(input);
        for (const piece of pieces) {
          expect(piece).not.toBe('');
          expect(utf8(piece)).toBeLessThanOrEqual(budget);
          expect(piece).not.toMatch(LONE_SURROGATE);
        }
      }),
    );
  });
});

describe(messageBudget, () => {
  it('when the server relays our prefix, leaves the rest of the 512 bytes for the text', () => {
    const budget = messageBudget({ nick: 'me', user: 'u', host: 'h.example', target: 'bob' });
    const relayed = `:me!u@h.example PRIVMSG bob :${'x'.repeat(budget)}\r\n`;
    expect(utf8(relayed)).toBe(512);
  });

  it("when a NOTICE and the server's LINELEN are given, counts with them", () => {
    expect(
      messageBudget({
        nick: 'me',
        user: 'u',
        host: 'h',
        target: '#c',
        command: 'NOTICE',
        lineBytes: 1000,
      }),
    ).toBe(1000 - utf8(':me!u@h NOTICE #c :') - 2);
  });
});
