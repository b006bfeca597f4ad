import { bytesToUtf8, SwitchboardError } from '@switchboard/core';
import { anyChallenge, errorOf, payload, unicodeChar } from '@switchboard/testing/property';
import fc from 'fast-check';
import { xGoogleToken } from './xGoogleToken';
import { createXOAuth2 } from './xOAuth2';

/** Credential text: any well-formed Unicode without NUL. */
const text = (minLength: number) =>
  fc
    .string({ unit: unicodeChar, minLength, maxLength: 32 })
    .map((v) => v.replaceAll('\u0000', '_'));

/** Both Google mechanisms, each with the credential field that carries its token. */
const mechanisms = fc.constantFrom(
  { definition: xGoogleToken, field: 'token' },
  { definition: createXOAuth2(), field: 'accessToken' },
);

describe('X-GOOGLE-TOKEN and X-OAUTH2', () => {
  describe('.response', () => {
    it('when given any address and token without NUL, sends exactly NUL address NUL token', () => {
      fc.assert(
        fc.property(mechanisms, text(1), text(1), ({ definition, field }, address, token) => {
          const message = definition.create().response({ address, [field]: token });
          expect(bytesToUtf8(payload(message))).toBe(`\u0000${address}\u0000${token}`);
        }),
        { numRuns: 200 },
      );
    });

    it('when the token contains NUL, refuses it with SB_CONFIG_INVALID naming the field, not the value', () => {
      fc.assert(
        fc.property(mechanisms, text(4), text(4), ({ definition, field }, before, after) => {
          const token = `${before}\u0000${after}`;
          const error = errorOf(() =>
            definition.create().response({ address: 'a@b', [field]: token }),
          );
          expect(SwitchboardError.is(error, 'SB_CONFIG_INVALID')).toBe(true);
          expect((error as SwitchboardError).details).toEqual({
            mechanism: definition.name,
            field,
          });
          expect((error as SwitchboardError).message).not.toContain(token);
        }),
      );
    });
  });

  describe('.challenge', () => {
    it('when any challenge arrives, throws only SB_SASL_PROTOCOL and never the token', () => {
      fc.assert(
        fc.property(mechanisms, text(8), anyChallenge, ({ definition, field }, token, data) => {
          const session = definition.create();
          session.response({ address: 'juliet@example.org', [field]: token });
          const error = errorOf(() => session.challenge(data));
          expect(SwitchboardError.is(error, 'SB_SASL_PROTOCOL')).toBe(true);
          const { message, details, cause } = error as SwitchboardError;
          expect(message).not.toContain(token);
          expect(JSON.stringify(details)).not.toContain(JSON.stringify(token).slice(1, -1));
          expect(cause).toBeUndefined();
        }),
      );
    });
  });

  describe('createXOAuth2 .authAttributes', () => {
    it('when the flags take any values, gives exactly the Google attributes they ask for', () => {
      fc.assert(
        fc.property(
          fc.option(fc.boolean(), { nil: undefined }),
          fc.option(fc.boolean(), { nil: undefined }),
          (clientUsesFullBindResult, allowGeneratedJid) => {
            const definition = createXOAuth2({
              ...(clientUsesFullBindResult === undefined ? {} : { clientUsesFullBindResult }),
              ...(allowGeneratedJid === undefined ? {} : { allowGeneratedJid }),
            });
            expect(definition.create().authAttributes?.({})).toEqual({
              'xmlns:auth': 'http://www.google.com/talk/protocol/auth',
              'auth:service': 'oauth2',
              ...(clientUsesFullBindResult ? { 'auth:client-uses-full-bind-result': 'true' } : {}),
              ...(allowGeneratedJid ? { 'auth:allow-generated-jid': 'true' } : {}),
            });
          },
        ),
        { numRuns: 20 },
      );
    });
  });
});
