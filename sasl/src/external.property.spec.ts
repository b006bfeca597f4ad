import { bytesToUtf8, SwitchboardError } from '@switchboard/core';
import { anyChallenge, errorOf, payload, unicodeChar } from '@switchboard/testing/property';
import fc from 'fast-check';
import { external } from './external';

/** An authzid: any well-formed Unicode without NUL. */
const authzid = fc
  .string({ unit: unicodeChar, minLength: 1, maxLength: 32 })
  .map((v) => v.replaceAll('\u0000', '_'));

describe('external', () => {
  describe('.response', () => {
    it('when given any authzid without NUL, sends exactly its UTF-8 and nothing else', () => {
      fc.assert(
        fc.property(authzid, (value) => {
          const message = payload(external.create().response({ authzid: value }));
          expect(bytesToUtf8(message)).toBe(value);
        }),
        { numRuns: 200 },
      );
    });
  });

  describe('.challenge', () => {
    it('when any challenge arrives, throws only SB_SASL_PROTOCOL without the challenge', () => {
      fc.assert(
        fc.property(anyChallenge, (data) => {
          const session = external.create();
          session.response({});
          const error = errorOf(() => session.challenge(data));
          expect(SwitchboardError.is(error, 'SB_SASL_PROTOCOL')).toBe(true);
          expect((error as SwitchboardError).details).toEqual({ mechanism: 'EXTERNAL' });
        }),
      );
    });
  });
});
