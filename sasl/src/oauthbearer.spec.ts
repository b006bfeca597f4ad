import { type SaslMechanism, SwitchboardError, toBase64, toBytes } from '@switchboard/core';
import { oauthbearer } from './oauthbearer';

const SECRET = 'sEcReT-t0ken.value';
const juliet = { address: 'juliet@capulet.lit', accessToken: 'abc123' };

function bytes(data: ReturnType<SaslMechanism['response']>): Uint8Array {
  if (data instanceof Promise) throw new Error('expected a synchronous response');
  if (data === null || data === undefined) throw new Error('expected data');
  return toBytes(data);
}

function text(data: ReturnType<SaslMechanism['response']>): string {
  return Buffer.from(bytes(data)).toString('latin1');
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

function afterInitial() {
  const session = oauthbearer.create();
  session.response(juliet);
  return session;
}

describe('oauthbearer', () => {
  it('when registered, is client-first OAUTHBEARER needing an oauth2 credential and TLS, with payloads redacted', () => {
    expect(oauthbearer).toMatchObject({
      name: 'OAUTHBEARER',
      clientFirst: true,
      credentialKinds: ['oauth2'],
      redaction: 'all',
    });
    expect(oauthbearer.allowInsecure).toBeUndefined();
    expect(oauthbearer.create().name).toBe('OAUTHBEARER');
  });

  describe('.response', () => {
    it('when given the PROTOCOLS.md vector, sends exactly its bytes', () => {
      const out = bytes(oauthbearer.create().response(juliet));
      expect(toBase64(out)).toBe('bixhPWp1bGlldEBjYXB1bGV0LmxpdCwBYXV0aD1CZWFyZXIgYWJjMTIzAQE=');
      expect(Buffer.from(out).toString('latin1')).toBe(
        'n,a=juliet@capulet.lit,\u0001auth=Bearer abc123\u0001\u0001',
      );
    });

    it('when oauthHost and oauthPort are given, sends host= and port= before auth=', () => {
      expect(
        text(
          oauthbearer.create().response({ ...juliet, oauthHost: 'capulet.lit', oauthPort: 5222 }),
        ),
      ).toBe(
        'n,a=juliet@capulet.lit,\u0001host=capulet.lit\u0001port=5222\u0001auth=Bearer abc123\u0001\u0001',
      );
      expect(text(oauthbearer.create().response({ ...juliet, oauthPort: '5223' }))).toBe(
        'n,a=juliet@capulet.lit,\u0001port=5223\u0001auth=Bearer abc123\u0001\u0001',
      );
    });

    it('when the address holds "," or "=", escapes them as a saslname', () => {
      expect(
        text(oauthbearer.create().response({ address: 'a,b=c@x.lit', accessToken: 't' })),
      ).toBe('n,a=a=2Cb=3Dc@x.lit,\u0001auth=Bearer t\u0001\u0001');
    });

    it('when no address is given, sends an empty authzid (n,,)', () => {
      expect(text(oauthbearer.create().response({ accessToken: 'abc123' }))).toBe(
        'n,,\u0001auth=Bearer abc123\u0001\u0001',
      );
    });

    it('when the token is missing or not a bearer token, fails with SB_CONFIG_INVALID without echoing it', () => {
      const tokens: unknown[] = [
        undefined,
        '',
        42,
        `${SECRET} x`,
        `${SECRET}\u0001`,
        `${SECRET}=a`,
      ];
      for (const accessToken of tokens) {
        const credentials: Record<string, unknown> = { address: juliet.address, accessToken };
        const error = caught(() => oauthbearer.create().response(credentials));
        expect(error.code).toBe('SB_CONFIG_INVALID');
        expect(error.details).toEqual({ mechanism: 'OAUTHBEARER', field: 'accessToken' });
        expectNoSecret(error, SECRET);
      }
    });

    it('when oauthHost or oauthPort is malformed, fails with SB_CONFIG_INVALID naming the field', () => {
      const cases: ReadonlyArray<[Record<string, unknown>, string]> = [
        [{ oauthHost: 'bad host' }, 'oauthHost'],
        [{ oauthHost: 'x\u0001y' }, 'oauthHost'],
        [{ oauthPort: 0 }, 'oauthPort'],
        [{ oauthPort: 65536 }, 'oauthPort'],
        [{ oauthPort: '52a' }, 'oauthPort'],
        [{ oauthPort: 52.5 }, 'oauthPort'],
      ];
      for (const [extra, field] of cases) {
        const error = caught(() =>
          oauthbearer.create().response({ ...juliet, accessToken: SECRET, ...extra }),
        );
        expect(error.code).toBe('SB_CONFIG_INVALID');
        expect(error.details).toEqual({ mechanism: 'OAUTHBEARER', field });
        expectNoSecret(error, SECRET);
      }
    });

    it('when called again without an error challenge, fails with SB_SASL_PROTOCOL', () => {
      const session = afterInitial();
      expect(caught(() => session.response(juliet)).code).toBe('SB_SASL_PROTOCOL');
    });

    it('when answering an error challenge, sends the single byte 0x01', () => {
      const session = afterInitial();
      session.challenge(toBytes('{"status":"invalid_token"}'));
      expect(Array.from(bytes(session.response(juliet)))).toEqual([1]);
    });
  });

  describe('.challenge', () => {
    it('when the server sends the RFC 7628 error JSON, keeps status, scope and openid-configuration', () => {
      const session = afterInitial();
      session.challenge(
        toBytes(
          JSON.stringify({
            status: 'invalid_token',
            scope: 'example_scope',
            'openid-configuration': 'https://example.com/.well-known/openid-configuration',
            extra: 1,
          }),
        ),
      );
      expect(session.serverError()).toEqual({
        status: 'invalid_token',
        scope: 'example_scope',
        openidConfiguration: 'https://example.com/.well-known/openid-configuration',
      });
    });

    it('when only status is given, leaves the optional members out', () => {
      const session = afterInitial();
      session.challenge(toBytes('{"status":"401"}'));
      expect(session.serverError()).toStrictEqual({ status: '401' });
      expect(session.failureDetails?.()).toStrictEqual({ status: '401' });
    });

    const malformed: ReadonlyArray<[string, string | Uint8Array, string]> = [
      ['the challenge is not JSON', `status=${SECRET}`, 'syntax'],
      ['the challenge is empty', '', 'syntax'],
      [
        'the bytes are not UTF-8',
        new Uint8Array([0xff, ...toBytes(`{"status":"${SECRET}"}`)]),
        'syntax',
      ],
      ['the JSON is an array', `["${SECRET}"]`, 'syntax'],
      ['status is missing', `{"scope":"${SECRET}"}`, 'status'],
      ['status is not a string', '{"status":401}', 'status'],
      ['status is empty', '{"status":""}', 'status'],
      ['scope is not a string', `{"status":"x","scope":["${SECRET}"]}`, 'scope'],
      [
        'openid-configuration is not a string',
        '{"status":"x","openid-configuration":{}}',
        'openid-configuration',
      ],
    ];

    it.each(malformed)(
      'when %s, fails with SB_SASL_MALFORMED_CHALLENGE without echoing it',
      (_, challenge, reason) => {
        const session = afterInitial();
        const error = caught(() => session.challenge(toBytes(challenge)));
        expect(error.code).toBe('SB_SASL_MALFORMED_CHALLENGE');
        expect(error.details).toEqual({ mechanism: 'OAUTHBEARER', reason });
        expectNoSecret(error, SECRET);
        expect(session.serverError()).toBeUndefined();
        expect(caught(() => session.response(juliet)).code).toBe('SB_SASL_PROTOCOL');
      },
    );

    it('when a second challenge arrives, fails with SB_SASL_PROTOCOL and keeps the first error', () => {
      const session = afterInitial();
      session.challenge(toBytes('{"status":"invalid_token"}'));
      session.response(juliet);
      expect(caught(() => session.challenge(toBytes('{"status":"again"}'))).code).toBe(
        'SB_SASL_PROTOCOL',
      );
      expect(session.serverError()).toEqual({ status: 'invalid_token' });
    });

    it('when a challenge arrives before the initial response, fails with SB_SASL_PROTOCOL', () => {
      expect(caught(() => oauthbearer.create().challenge(toBytes('{"status":"x"}'))).code).toBe(
        'SB_SASL_PROTOCOL',
      );
    });
  });

  describe('.success', () => {
    it('when the server accepts the token, succeeds with no server error', () => {
      const session = afterInitial();
      expect(() => session.success?.(null)).not.toThrow();
      expect(session.serverError()).toBeUndefined();
    });

    it('when the server reports success after an error challenge, fails with SB_SASL_PROTOCOL', () => {
      const session = afterInitial();
      session.challenge(toBytes('{"status":"invalid_token"}'));
      session.response(juliet);
      expect(caught(() => session.success?.(null)).code).toBe('SB_SASL_PROTOCOL');
    });
  });

  describe('.serverError', () => {
    it('when no challenge arrived, is undefined', () => {
      expect(afterInitial().serverError()).toBeUndefined();
    });
  });
});
