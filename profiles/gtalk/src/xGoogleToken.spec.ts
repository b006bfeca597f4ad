import { type SaslMechanism, SwitchboardError, toBase64, toBytes } from '@switchboard/core';
import { xGoogleToken } from './xGoogleToken';

const SECRET = 'sEcReT-ClientLogin';

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

describe('xGoogleToken', () => {
  it('when registered, is client-first X-GOOGLE-TOKEN needing a token credential and TLS, with payloads redacted', () => {
    expect(xGoogleToken).toMatchObject({
      name: 'X-GOOGLE-TOKEN',
      clientFirst: true,
      credentialKinds: ['token'],
      redaction: 'all',
    });
    expect(xGoogleToken.allowInsecure).toBeUndefined();
    expect(xGoogleToken.create().name).toBe('X-GOOGLE-TOKEN');
  });

  describe('.response', () => {
    it('when given user foo and token bar, sends exactly AGZvbwBiYXI= on the wire', () => {
      expect(wireText(xGoogleToken.create().response({ address: 'foo', token: 'bar' }))).toBe(
        'AGZvbwBiYXI=',
      );
    });

    it('when given a full address, sends \\0address\\0token as UTF-8, ignoring username and accessToken', () => {
      const out = xGoogleToken.create().response({
        address: 'jürgen@gmail.com',
        username: 'jürgen',
        token: SECRET,
        accessToken: 'other',
      });
      expect(wireText(out)).toBe(toBase64(toBytes(`\u0000jürgen@gmail.com\u0000${SECRET}`)));
    });

    it('when the address or token is missing, not a string or contains NUL, fails with SB_CONFIG_INVALID naming only the field', () => {
      const cases: ReadonlyArray<[Record<string, unknown>, string]> = [
        [{ token: SECRET }, 'address'],
        [{ address: 'foo@gmail.com' }, 'token'],
        [{ address: 'foo@gmail.com', token: '' }, 'token'],
        [{ address: 'foo@gmail.com', token: `${SECRET}\u0000x` }, 'token'],
        [{ address: 'foo@gmail.com', token: 42 }, 'token'],
        [{ address: 'foo\u0000@gmail.com', token: SECRET }, 'address'],
      ];
      for (const [credentials, field] of cases) {
        const error = caught(() => xGoogleToken.create().response(credentials));
        expect(error.code).toBe('SB_CONFIG_INVALID');
        expect(error.details).toEqual({ mechanism: 'X-GOOGLE-TOKEN', field });
        expectNoSecret(error, SECRET);
      }
    });

    it('when called a second time, fails with SB_SASL_PROTOCOL', () => {
      const session = xGoogleToken.create();
      session.response({ address: 'foo', token: SECRET });
      const error = caught(() => session.response({ address: 'foo', token: SECRET }));
      expect(error.code).toBe('SB_SASL_PROTOCOL');
      expectNoSecret(error, SECRET);
    });
  });

  describe('.challenge', () => {
    it('when the server sends a challenge, fails with SB_SASL_PROTOCOL', () => {
      const session = xGoogleToken.create();
      session.response({ address: 'foo', token: SECRET });
      const error = caught(() => session.challenge(toBytes('x')));
      expect(error.code).toBe('SB_SASL_PROTOCOL');
      expect(error.details).toEqual({ mechanism: 'X-GOOGLE-TOKEN' });
    });
  });

  describe('.authAttributes', () => {
    it('when asked, adds no attributes to <auth/>', () => {
      expect(
        xGoogleToken.create().authAttributes?.({ address: 'foo', token: 'bar' }) ?? {},
      ).toEqual({});
    });
  });
});
