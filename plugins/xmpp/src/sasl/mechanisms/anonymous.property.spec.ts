import { bytesToUtf8, type SaslMechanism, SwitchboardError, toBytes } from '@switchboard/core';
import fc from 'fast-check';
import { anonymous } from './anonymous';

/**
 * Any Unicode scalar value, with ASCII and the BMP weighted up. (fast-check's `unit: 'binary'`
 * takes ~1.5 s to build in every test file, which would dominate the unit run.)
 */
const unicodeChar = fc
  .oneof(
    { arbitrary: fc.integer({ min: 0, max: 0x7f }), weight: 3 },
    { arbitrary: fc.integer({ min: 0x80, max: 0xd7ff }), weight: 2 },
    { arbitrary: fc.integer({ min: 0xe000, max: 0x10ffff }), weight: 1 },
  )
  .map((c) => String.fromCodePoint(c));

const isControl = (c: string) => {
  const code = c.codePointAt(0) ?? 0;
  return code <= 0x1f || code === 0x7f;
};
/** An RFC 4505 trace: at most 255 characters, none of them a control character. */
const validTrace = fc
  .string({ unit: unicodeChar, maxLength: 255 })
  .map((t) => [...t].map((c) => (isControl(c) ? '_' : c)).join(''));

/** The bytes of a response; these mechanisms always answer at once and with data. */
function payload(data: ReturnType<SaslMechanism['response']>): Uint8Array {
  if (data === null || data === undefined || data instanceof Promise) {
    throw new Error('expected an immediate payload');
  }
  return toBytes(data);
}

function errorOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

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
        fc.property(
          fc.oneof(
            fc.uint8Array({ maxLength: 128 }),
            fc.string({ unit: unicodeChar, maxLength: 64 }).map(toBytes),
          ),
          (data) => {
            const session = anonymous.create();
            session.response({});
            expect(
              SwitchboardError.is(
                errorOf(() => session.challenge(data)),
                'SB_SASL_PROTOCOL',
              ),
            ).toBe(true);
          },
        ),
      );
    });
  });
});
