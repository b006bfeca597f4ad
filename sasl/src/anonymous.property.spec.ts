import { bytesToUtf8, SwitchboardError } from '@switchboard/core';
import { anyChallenge, errorOf, payload, unicodeChar } from '@switchboard/testing/property';
import fc from 'fast-check';
import { anonymous } from './anonymous';

const isControl = (c: string) => {
  const code = c.codePointAt(0) ?? 0;
  return code <= 0x1f || code === 0x7f;
};
/** An RFC 4505 trace: at most 255 characters, none of them a control character. */
const validTrace = fc
  .string({ unit: unicodeChar, maxLength: 255 })
  .map((t) => [...t].map((c) => (isControl(c) ? '_' : c)).join(''));

describe('anonymous', () => {
  describe('.response', () => {
    it('when the trace is valid (up to 255 characters, no controls), sends exactly the trace', () => {
      fc.assert(
        fc.property(validTrace, (trace) => {
          const message = anonymous.create().response({ trace });
          expect(bytesToUtf8(payload(message))).toBe(trace);
        }),
      );
    });

    it('when the trace is too long or has a control character, refuses it with SB_CONFIG_INVALID', () => {
      const invalid = fc.oneof(
        fc.string({ unit: unicodeChar, minLength: 256, maxLength: 300 }),
        fc.tuple(validTrace, fc.integer({ min: 0, max: 0x1f }), fc.nat()).map(([t, c, at]) => {
          const chars = [...t];
          chars.splice(at % (chars.length + 1), 0, String.fromCharCode(c));
          return chars.join('');
        }),
      );
      fc.assert(
        fc.property(invalid, (trace) => {
          fc.pre([...trace].length > 255 || [...trace].some(isControl));
          const error = errorOf(() => anonymous.create().response({ trace }));
          expect(SwitchboardError.is(error, 'SB_CONFIG_INVALID')).toBe(true);
          expect((error as SwitchboardError).details).toEqual({
            mechanism: 'ANONYMOUS',
            field: 'trace',
          });
        }),
      );
    });
  });

  describe('.challenge', () => {
    it('when any challenge arrives, throws only SB_SASL_PROTOCOL', () => {
      fc.assert(
        fc.property(anyChallenge, (data) => {
          const session = anonymous.create();
          session.response({});
          expect(
            SwitchboardError.is(
              errorOf(() => session.challenge(data)),
              'SB_SASL_PROTOCOL',
            ),
          ).toBe(true);
        }),
      );
    });
  });
});
