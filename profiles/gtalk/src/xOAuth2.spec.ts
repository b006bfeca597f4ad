import { type SaslMechanism, SwitchboardError, toBase64, toBytes } from '@switchboard/core';
import { createXOAuth2, xOAuth2 } from './xOAuth2';

const SECRET = 'ya29.sEcReT';
const GOOGLE = {
  'xmlns:auth': 'http://www.google.com/talk/protocol/auth',
  'auth:service': 'oauth2',
};

function wireText(data: ReturnType<SaslMechanism['response']>): string {
  if (data instanceof Promise) throw new Error('expected a synchronous response');
  if (data === null || data === undefined) throw new Error('expected data');
  return toBase64(toBytes(data));
}

function caught(run: () => unknown): SwitchboardError {
  try {
    run();
  } catch (error) {
    if (SwitchboardError.is(error)) return error;
    throw error;
  }
  throw new Error('expected a SwitchboardError');
}

function expectNoSecret(error: SwitchboardError, secret: string): void {
  expect(error.message).not.toContain(secret);
  expect(JSON.stringify(error.details)).not.toContain(secret);
  expect(error.cause).toBeUndefined();
}

describe('xOAuth2', () => {
  it('when registered, is client-first X-OAUTH2 needing an oauth2 credential and TLS, with payloads redacted', () => {
    expect(xOAuth2).toMatchObject({
      name: 'X-OAUTH2',
      clientFirst: true,
      credentialKinds: ['oauth2'],
      redaction: 'all',
    });
    expect(xOAuth2.allowInsecure).toBeUndefined();
    expect(xOAuth2.create().name).toBe('X-OAUTH2');
  });

  describe('.response', () => {
    it('when given user foo and access token bar, sends exactly AGZvbwBiYXI= on the wire', () => {
      expect(wireText(xOAuth2.create().response({ address: 'foo', accessToken: 'bar' }))).toBe(
        'AGZvbwBiYXI=',
      );
    });

    it('when given a full address, sends \\0address\\0accessToken, ignoring a token credential', () => {
      const out = xOAuth2
        .create()
        .response({ address: 'foo@gmail.com', accessToken: SECRET, token: 'other' });
      expect(wireText(out)).toBe(toBase64(toBytes(`\u0000foo@gmail.com\u0000${SECRET}`)));
    });

    it('when the access token or address is missing or contains NUL, fails with SB_CONFIG_INVALID naming only the field', () => {
      const cases: ReadonlyArray<[Record<string, unknown>, string]> = [
        [{ address: 'foo@gmail.com', token: SECRET }, 'accessToken'],
        [{ address: 'foo@gmail.com', accessToken: `${SECRET}\u0000` }, 'accessToken'],
        [{ accessToken: SECRET }, 'address'],
      ];
      for (const [credentials, field] of cases) {
        const error = caught(() => xOAuth2.create().response(credentials));
        expect(error.code).toBe('SB_CONFIG_INVALID');
        expect(error.details).toEqual({ mechanism: 'X-OAUTH2', field });
        expectNoSecret(error, SECRET);
      }
    });

    it('when called a second time, fails with SB_SASL_PROTOCOL', () => {
      const session = xOAuth2.create();
      session.response({ address: 'foo', accessToken: SECRET });
      expect(caught(() => session.response({ address: 'foo', accessToken: SECRET })).code).toBe(
        'SB_SASL_PROTOCOL',
      );
    });
  });

  describe('.challenge', () => {
    it('when the server sends a challenge, fails with SB_SASL_PROTOCOL', () => {
      const session = xOAuth2.create();
      session.response({ address: 'foo', accessToken: SECRET });
      const error = caught(() => session.challenge(toBytes('x')));
      expect(error.code).toBe('SB_SASL_PROTOCOL');
      expect(error.details).toEqual({ mechanism: 'X-OAUTH2' });
    });
  });

  describe('.authAttributes', () => {
    it('when no options are set, gives exactly xmlns:auth and auth:service="oauth2"', () => {
      expect(xOAuth2.create().authAttributes?.({})).toStrictEqual(GOOGLE);
      expect(
        createXOAuth2({ allowGeneratedJid: false }).create().authAttributes?.({}),
      ).toStrictEqual(GOOGLE);
    });

    it('when clientUsesFullBindResult is set, adds auth:client-uses-full-bind-result="true"', () => {
      expect(
        createXOAuth2({ clientUsesFullBindResult: true }).create().authAttributes?.({}),
      ).toStrictEqual({ ...GOOGLE, 'auth:client-uses-full-bind-result': 'true' });
    });

    it('when allowGeneratedJid is set, adds auth:allow-generated-jid="true"', () => {
      expect(
        createXOAuth2({ allowGeneratedJid: true }).create().authAttributes?.({}),
      ).toStrictEqual({ ...GOOGLE, 'auth:allow-generated-jid': 'true' });
    });

    it('when both options are set, adds both attributes', () => {
      expect(
        createXOAuth2({ clientUsesFullBindResult: true, allowGeneratedJid: true })
          .create()
          .authAttributes?.({}),
      ).toStrictEqual({
        ...GOOGLE,
        'auth:client-uses-full-bind-result': 'true',
        'auth:allow-generated-jid': 'true',
      });
    });
  });
});

describe('createXOAuth2', () => {
  it('when an option is not a boolean, fails with SB_CONFIG_INVALID naming it', () => {
    for (const field of ['clientUsesFullBindResult', 'allowGeneratedJid']) {
      const error = caught(() => createXOAuth2({ [field]: 'true' } as never));
      expect(error.code).toBe('SB_CONFIG_INVALID');
      expect(error.details).toEqual({ mechanism: 'X-OAUTH2', field });
    }
  });
});
