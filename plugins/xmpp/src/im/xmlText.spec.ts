import fc from 'fast-check';
import { checkXmlText, invalidXmlCharAt } from './xmlText';

/** XML 1.0 §2.2, by code point. */
function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

describe(invalidXmlCharAt, () => {
  it('agrees with the XML 1.0 Char production on every UTF-16 code unit and on surrogate pairs', () => {
    for (let code = 0; code <= 0xffff; code++) {
      const lone = String.fromCharCode(code);
      const surrogate = code >= 0xd800 && code <= 0xdfff;
      expect([code, invalidXmlCharAt(lone) === -1]).toEqual([code, !surrogate && isXmlChar(code)]);
    }
    expect(invalidXmlCharAt('\u{1F600}\u{10FFFF}')).toBe(-1);
    expect(invalidXmlCharAt('ok\uDBFF')).toBe(2);
    expect(invalidXmlCharAt('\uDC00ok')).toBe(0);
  });

  it('finds the first bad character in any string built from good and bad ones', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const index = invalidXmlCharAt(text);
        const points = [...text];
        let offset = 0;
        let expected = -1;
        for (const point of points) {
          const code = point.codePointAt(0) ?? 0;
          const lone = point.length === 1 && code >= 0xd800 && code <= 0xdfff;
          if (lone || !isXmlChar(code)) {
            expected = offset;
            break;
          }
          offset += point.length;
        }
        expect(index).toBe(expected);
      }),
    );
  });
});

describe(checkXmlText, () => {
  it('names the field, the code point and where it is, not the text', () => {
    expect(() => checkXmlText('secret\u0000', 'body')).toThrow(
      expect.objectContaining({
        code: 'SB_CONTENT_INVALID',
        details: { field: 'body', reason: 'invalid-character', character: 'U+0000', index: 6 },
      }),
    );
    expect(() => checkXmlText('\uFFFE', 'to', { address: true })).toThrow(
      expect.objectContaining({ code: 'SB_ADDRESS_INVALID' }),
    );
  });
});
