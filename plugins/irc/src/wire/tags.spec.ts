import { unicodeChar } from '@switchboard/testing/property';
import fc from 'fast-check';
import { escapeTagValue, TAG_KEY, unescapeTagValue } from './tags';

describe(escapeTagValue, () => {
  it('when a value has ; space \\ CR LF, escapes each', () => {
    expect(escapeTagValue('a;b c\\d\re\nf')).toBe('a\\:b\\sc\\\\d\\re\\nf');
  });

  it('when any value is escaped, the result has no ; space CR LF and unescapes back', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.oneof(unicodeChar, fc.constantFrom(';', ' ', '\\', '\r', '\n')) }),
        (value) => {
          const escaped = escapeTagValue(value);
          expect(escaped).not.toMatch(/[; \r\n]/);
          expect(unescapeTagValue(escaped)).toBe(value);
        },
      ),
    );
  });
});

describe(unescapeTagValue, () => {
  it('when a backslash ends the value or precedes another character, drops it', () => {
    expect(unescapeTagValue('abc\\')).toBe('abc');
    expect(unescapeTagValue('\\b\\x')).toBe('bx');
  });
});

describe('TAG_KEY', () => {
  it.each(['time', '+typing', 'draft/reply', '+example.com/x-y', 'a1'])(
    'when the key is %s, accepts it',
    (key) => {
      expect(TAG_KEY.test(key)).toBe(true);
    },
  );

  it.each(['', '+', 'a b', 'a=b', '/x', 'ex ample/x', 'a;b', 'é'])(
    'when the key is %j, refuses it',
    (key) => {
      expect(TAG_KEY.test(key)).toBe(false);
    },
  );
});
