import fc from 'fast-check';
import { SwitchboardError } from '../errors/SwitchboardError';
import { toBytes } from './bytes';
import { errorOf, unicodeChar } from './saslProperties.testkit';
import { singleMessage } from './singleMessage';

/** One UTF-16 code unit, so lone surrogates occur too. */
const utf16Unit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
/** Any challenge a server could send: raw bytes, or UTF-8 text (lone surrogates included). */
const anyChallenge = fc.oneof(
  fc.uint8Array({ maxLength: 256 }),
  fc.string({ unit: unicodeChar, maxLength: 128 }).map(toBytes),
  fc.string({ unit: utf16Unit, maxLength: 64 }).map(toBytes),
);
/** A secret long enough that a random challenge does not contain it by chance. */
const secret = fc.string({ unit: unicodeChar, minLength: 8, maxLength: 40 });

describe(singleMessage, () => {
  describe('.challenge', () => {
    it('when any challenge arrives after the message, throws only SB_SASL_PROTOCOL without the secret', () => {
      fc.assert(
        fc.property(secret, anyChallenge, (token, challenge) => {
          const session = singleMessage('X-ONE', (c) => `\u0000${String(c.token)}`);
          session.response({ token });
          const error = errorOf(() => session.challenge(challenge));
          expect(SwitchboardError.is(error, 'SB_SASL_PROTOCOL')).toBe(true);
          const { message, details, cause } = error as SwitchboardError;
          expect(message).not.toContain(token);
          expect(JSON.stringify(details)).not.toContain(token);
          expect(cause).toBeUndefined();
        }),
        { numRuns: 200 },
      );
    });
  });

  describe('.response', () => {
    it('when asked once, returns exactly what the builder made; a second time, SB_SASL_PROTOCOL', () => {
      fc.assert(
        fc.property(fc.string({ unit: unicodeChar }), secret, (payload, token) => {
          const session = singleMessage('X-ONE', () => payload);
          expect(session.response({ token })).toBe(payload);
          expect(
            SwitchboardError.is(
              errorOf(() => session.response({ token })),
              'SB_SASL_PROTOCOL',
            ),
          ).toBe(true);
        }),
      );
    });
  });
});
