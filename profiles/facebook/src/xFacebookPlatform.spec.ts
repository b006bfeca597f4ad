import {
  type SaslCredentials,
  type SaslMechanism,
  SwitchboardError,
  toBytes,
} from '@switchboard/core';
import { createXFacebookPlatform, xFacebookPlatform } from './xFacebookPlatform';

const NONCE = 'AA4EFEE16F2AB64B131EEFFE6EACDDB8';
const CHALLENGE = `version=1&method=auth.xmpp_login&nonce=${NONCE}`;
const TOKEN = 'sEcReT|t0k en';
const SECRET = 'SECRET';
const oauth = { accessToken: TOKEN, apiKey: '123456' };
// PROTOCOLS.md, X-FACEBOOK-PLATFORM legacy sig vector.
const legacy = { apiKey: 'APIKEY', sessionKey: 'SESSIONKEY', appSecret: SECRET };

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

function answer(
  credentials: SaslCredentials,
  mechanism = createXFacebookPlatform({ callId: 'zero' }),
  challenge = CHALLENGE,
): string {
  const session = mechanism.create();
  session.challenge(toBytes(challenge));
  const out = session.response(credentials);
  if (typeof out !== 'string') throw new Error('expected a string answer');
  return out;
}

function afterAnswer(): SaslMechanism {
  const session = xFacebookPlatform.create();
  session.challenge(toBytes(CHALLENGE));
  session.response(oauth);
  return session;
}

describe('xFacebookPlatform', () => {
  it('when registered, is server-first X-FACEBOOK-PLATFORM for oauth2 or token credentials, TLS-only and redacted', () => {
    expect(xFacebookPlatform).toMatchObject({
      name: 'X-FACEBOOK-PLATFORM',
      clientFirst: false,
      credentialKinds: ['oauth2', 'token'],
      redaction: 'all',
    });
    expect(xFacebookPlatform.allowInsecure).toBeUndefined();
    expect(xFacebookPlatform.create()).toMatchObject({
      name: 'X-FACEBOOK-PLATFORM',
      clientFirst: false,
    });
  });

  describe('.response', () => {
    it('when no challenge has arrived yet, returns null (no initial response)', () => {
      expect(xFacebookPlatform.create().response(oauth)).toBeNull();
    });

    it('when answering with an access token and call_id 0, sends the exact sorted, form-encoded answer', () => {
      expect(answer(oauth)).toBe(
        `access_token=sEcReT%7Ct0k+en&api_key=123456&call_id=0&method=auth.xmpp_login&nonce=${NONCE}&v=1.0`,
      );
    });

    it('when sortKeys is false, sends the fields in protocol order', () => {
      expect(answer(oauth, createXFacebookPlatform({ callId: 'empty', sortKeys: false }))).toBe(
        `method=auth.xmpp_login&nonce=${NONCE}&access_token=sEcReT%7Ct0k+en&api_key=123456&call_id=&v=1.0`,
      );
    });

    it('when the challenge values need escaping, echoes them decoded and re-encodes them', () => {
      const out = new URLSearchParams(answer(oauth, undefined, 'method=a%2Bb+c&nonce=n%26%3D'));
      expect(out.get('method')).toBe('a+b c');
      expect(out.get('nonce')).toBe('n&=');
    });

    it('when given the PROTOCOLS.md legacy vector, signs it with exactly the expected sig', () => {
      const mechanism = createXFacebookPlatform({ callId: () => '1300000000000' });
      expect(answer(legacy, mechanism)).toBe(
        `api_key=APIKEY&call_id=1300000000000&method=auth.xmpp_login&nonce=${NONCE}&session_key=SESSIONKEY&sig=2fc2ba53749059975706dbbc9188edc0&v=1.0`,
      );
    });

    it('when the legacy session key comes as a token credential, uses it as session_key', () => {
      const mechanism = createXFacebookPlatform({ callId: () => '1300000000000' });
      const out = new URLSearchParams(
        answer({ apiKey: 'APIKEY', token: 'SESSIONKEY', appSecret: SECRET }, mechanism),
      );
      expect(out.get('session_key')).toBe('SESSIONKEY');
      expect(out.get('sig')).toBe('2fc2ba53749059975706dbbc9188edc0');
      expect(out.has('access_token')).toBe(false);
    });

    it('when sortKeys is false in the legacy variant, appends sig last and never sends the secret', () => {
      const mechanism = createXFacebookPlatform({ callId: () => '1300000000000', sortKeys: false });
      const out = answer(legacy, mechanism);
      expect(out).toMatch(/&v=1\.0&sig=2fc2ba53749059975706dbbc9188edc0$/);
      expect(out).not.toContain(SECRET);
    });

    it('when both an access token and a legacy session are given, uses the access token', () => {
      const out = new URLSearchParams(answer({ ...legacy, accessToken: TOKEN }));
      expect(out.get('access_token')).toBe(TOKEN);
      expect(out.has('sig')).toBe(false);
    });

    it('when callId is "timestamp" (the default), sends Date.now() in milliseconds', () => {
      const now = jest.spyOn(Date, 'now').mockReturnValue(1300000000000);
      try {
        expect(new URLSearchParams(answer(oauth, xFacebookPlatform)).get('call_id')).toBe(
          '1300000000000',
        );
        expect(
          new URLSearchParams(answer(oauth, createXFacebookPlatform({ callId: 'timestamp' }))).get(
            'call_id',
          ),
        ).toBe('1300000000000');
      } finally {
        now.mockRestore();
      }
    });

    it('when callId is "zero", "empty" or a function, sends 0, an empty value or its result', () => {
      const callIds: ReadonlyArray<[Parameters<typeof createXFacebookPlatform>[0], string]> = [
        [{ callId: 'zero' }, 'call_id=0&'],
        [{ callId: 'empty' }, 'call_id=&'],
        [{ callId: () => 'a b' }, 'call_id=a+b&'],
      ];
      for (const [options, expected] of callIds) {
        expect(answer(oauth, createXFacebookPlatform(options))).toContain(expected);
      }
    });

    it('when the api key or the token is missing, fails with SB_CONFIG_INVALID without echoing secrets', () => {
      const cases: ReadonlyArray<[SaslCredentials, string]> = [
        [{ accessToken: TOKEN }, 'apiKey'],
        [{ apiKey: '1' }, 'accessToken'],
        [{ apiKey: '1', sessionKey: TOKEN }, 'accessToken'],
        [{ apiKey: '1', appSecret: SECRET }, 'accessToken'],
        [{ apiKey: 1, accessToken: TOKEN }, 'apiKey'],
      ];
      for (const [credentials, field] of cases) {
        const error = caught(() => answer(credentials));
        expect(error.code).toBe('SB_CONFIG_INVALID');
        expect(error.details).toEqual({ mechanism: 'X-FACEBOOK-PLATFORM', field });
        expectNoSecret(error, TOKEN);
        expectNoSecret(error, SECRET);
      }
    });

    it('when a callId function returns no string, fails with SB_CONFIG_INVALID', () => {
      const mechanism = createXFacebookPlatform({ callId: (() => 0) as unknown as () => string });
      expect(caught(() => answer(oauth, mechanism)).details).toEqual({
        mechanism: 'X-FACEBOOK-PLATFORM',
        field: 'callId',
      });
    });

    it('when called again after answering, fails with SB_SASL_PROTOCOL', () => {
      expect(caught(() => afterAnswer().response(oauth)).code).toBe('SB_SASL_PROTOCOL');
    });
  });

  describe('.challenge', () => {
    const malformed: ReadonlyArray<[string, string | Uint8Array, string]> = [
      ['nonce is missing', 'version=1&method=auth.xmpp_login', 'nonce'],
      ['method is missing', `version=1&nonce=${NONCE}`, 'method'],
      ['nonce is empty', 'version=1&method=auth.xmpp_login&nonce=', 'nonce'],
      ['nonce repeats', `method=auth.xmpp_login&nonce=${NONCE}&nonce=${SECRET}`, 'nonce'],
      ['the challenge is empty', '', 'method'],
      ['the challenge is not form-encoded', `{"nonce":"${SECRET}"}`, 'method'],
      ['the bytes are not UTF-8', new Uint8Array([0xff, ...toBytes(`nonce=${SECRET}`)]), 'syntax'],
    ];

    it.each(malformed)(
      'when %s, fails with SB_SASL_MALFORMED_CHALLENGE without echoing it',
      (_, challenge, reason) => {
        const session = xFacebookPlatform.create();
        const error = caught(() => session.challenge(toBytes(challenge)));
        expect(error.code).toBe('SB_SASL_MALFORMED_CHALLENGE');
        expect(error.details).toEqual({ mechanism: 'X-FACEBOOK-PLATFORM', reason });
        expectNoSecret(error, SECRET);
        expect(caught(() => session.response(oauth)).code).toBe('SB_SASL_PROTOCOL');
      },
    );

    it('when the server sends a second challenge, fails with SB_SASL_PROTOCOL', () => {
      expect(caught(() => afterAnswer().challenge(toBytes(CHALLENGE))).code).toBe(
        'SB_SASL_PROTOCOL',
      );
    });

    it('when a second challenge arrives before the answer, fails with SB_SASL_PROTOCOL', () => {
      const session = xFacebookPlatform.create();
      session.challenge(toBytes(CHALLENGE));
      expect(caught(() => session.challenge(toBytes(CHALLENGE))).code).toBe('SB_SASL_PROTOCOL');
    });
  });
});

describe('createXFacebookPlatform', () => {
  it('when the options are invalid, fails with SB_CONFIG_INVALID naming the option', () => {
    const cases: ReadonlyArray<[unknown, string]> = [
      [{ callId: 'now' }, 'callId'],
      [{ callId: 0 }, 'callId'],
      [{ sortKeys: 'yes' }, 'sortKeys'],
    ];
    for (const [options, field] of cases) {
      const error = caught(() =>
        createXFacebookPlatform(options as Parameters<typeof createXFacebookPlatform>[0]),
      );
      expect(error.code).toBe('SB_CONFIG_INVALID');
      expect(error.details).toEqual({ mechanism: 'X-FACEBOOK-PLATFORM', field });
    }
  });
});
