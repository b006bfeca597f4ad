import { bytesToUtf8, SwitchboardError } from '@switchboard/core';
import { anyChallenge, errorOf, payload, unicodeChar } from '@switchboard/testing/property';
import fc from 'fast-check';
import { plain } from './plain';

/** Credential text: any well-formed Unicode without NUL. */
const text = (minLength: number) =>
  fc
    .string({ unit: unicodeChar, minLength, maxLength: 32 })
    .map((v) => v.replaceAll('\u0000', '_'));

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
