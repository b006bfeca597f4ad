import { bytesToUtf8, type SaslMechanism, SwitchboardError, toBytes } from '@switchboard/core';
import fc from 'fast-check';
import { plain } from './plain';

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

/** Credential text: any well-formed Unicode without NUL. */
const text = (minLength: number) =>
  fc
    .string({ unit: unicodeChar, minLength, maxLength: 32 })
    .map((v) => v.replaceAll('\u0000', '_'));
const anyChallenge = fc.oneof(
  fc.uint8Array({ maxLength: 128 }),
  fc.string({ unit: unicodeChar, maxLength: 64 }).map(toBytes),
);

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

describe('plain', () => {
  describe('.response', () => {
    it('when given any authzid, username and password without NUL, sends exactly authzid NUL username NUL password', () => {
      fc.assert(
        fc.property(
          fc.option(text(0), { nil: undefined }),
          text(1),
          text(1),
          (authzid, username, password) => {
            const message = plain
              .create()
              .response({ username, password, ...(authzid === undefined ? {} : { authzid }) });
            expect(bytesToUtf8(payload(message)).split('\u0000')).toEqual([
              authzid ?? '',
              username,
              password,
            ]);
          },
        ),
        { numRuns: 200 },
      );
    });

    it('when the password contains NUL, refuses it with SB_CONFIG_INVALID naming the field, not the value', () => {
      fc.assert(
        fc.property(text(0), text(0), (before, after) => {
          const password = `${before}\u0000${after}`;
          const error = errorOf(() => plain.create().response({ username: 'u', password }));
          expect(SwitchboardError.is(error, 'SB_CONFIG_INVALID')).toBe(true);
          expect((error as SwitchboardError).details).toEqual({
            mechanism: 'PLAIN',
            field: 'password',
          });
          expect((error as SwitchboardError).message).not.toContain(password);
        }),
      );
    });
  });

  describe('.challenge', () => {
    it('when any challenge arrives, throws only SB_SASL_PROTOCOL and never the password', () => {
      fc.assert(
        fc.property(text(8), anyChallenge, (password, data) => {
          const session = plain.create();
          session.response({ username: 'u', password });
          const error = errorOf(() => session.challenge(data));
          expect(SwitchboardError.is(error, 'SB_SASL_PROTOCOL')).toBe(true);
          const { message, details, cause } = error as SwitchboardError;
          expect(message).not.toContain(password);
          expect(JSON.stringify(details)).not.toContain(password);
          expect(cause).toBeUndefined();
        }),
      );
    });
  });
});
