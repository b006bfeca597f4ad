import { type SaslMechanism, SwitchboardError, toBase64, toBytes } from '@switchboard/core';
import { decodeRedirectToken, xMessengerOAuth2 } from './xMessengerOAuth2';

// PROTOCOLS.md, X-MESSENGER-OAUTH2 vector.
const FRAGMENT = 'access_token=EwAwAq1DBAAUlbRWyAJjK5w968Ru3Cyt%2f%2bGvwXwAAdKx%2b%2f8%3d';
const TOKEN = 'EwAwAq1DBAAUlbRWyAJjK5w968Ru3Cyt/+GvwXwAAdKx+/8=';

/** What the XMPP layer puts into `<auth/>`: base64 of the response bytes. */
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

describe('xMessengerOAuth2', () => {
  it('when registered, is client-first X-MESSENGER-OAUTH2 needing an oauth2 credential and TLS, with payloads redacted', () => {
    expect(xMessengerOAuth2).toMatchObject({
      name: 'X-MESSENGER-OAUTH2',
      clientFirst: true,
      credentialKinds: ['oauth2'],
      redaction: 'all',
    });
    expect(xMessengerOAuth2.allowInsecure).toBeUndefined();
    expect(xMessengerOAuth2.create().name).toBe('X-MESSENGER-OAUTH2');
  });

  describe('.response', () => {
    it('when given the PROTOCOLS.md fragment vector, the <auth/> text is exactly the token', () => {
      const accessToken = decodeRedirectToken(FRAGMENT.slice('access_token='.length));
      expect(accessToken).toBe(TOKEN);
      expect(wireText(xMessengerOAuth2.create().response({ accessToken }))).toBe(TOKEN);
    });

    it('when the token is short canonical base64, returns its decoded bytes', () => {
      const out = xMessengerOAuth2.create().response({ accessToken: 'AAEC/w==' });
      expect(Array.from(out as Uint8Array)).toEqual([0, 1, 2, 255]);
    });

    it('when the token is not canonical base64, fails with SB_CONFIG_INVALID without echoing it', () => {
      for (const accessToken of [
        'EwAwAq1DBAAUlbRWyAJjK5w968Ru3Cyt%2f%2bGvwXwAAdKx%2b%2f8%3d', // still URI-encoded
        'EwAwAq1DBAAUlbRWyAJjK5w968Ru3Cyt/+GvwXwAAdKx+/9=', // non-zero padding bits
        'EwAwAq1DBAAUlbRWyAJjK5w968Ru3Cyt/+GvwXwAAdKx+/8', // padding missing
        'EwAwAq1DBAAUlbRWyAJjK5w968Ru3Cyt /+GvwXwAAdKx+/8=', // blank inside
        'EwAwAq1DBAAUlbRWyAJjK5w968Ru3Cyt_-GvwXwAAdKx-_8=', // base64url alphabet
      ]) {
        const error = caught(() => xMessengerOAuth2.create().response({ accessToken }));
        expect(error.code).toBe('SB_CONFIG_INVALID');
        expect(error.message).toContain('base64');
        expect(error.details).toEqual({ mechanism: 'X-MESSENGER-OAUTH2', field: 'accessToken' });
        expectNoSecret(error, accessToken);
        expectNoSecret(error, 'EwAwAq1DBAAU');
      }
    });

    it('when the token is missing or not a string, fails with SB_CONFIG_INVALID', () => {
      for (const accessToken of [undefined, '', 42]) {
        const credentials: Record<string, unknown> = { accessToken };
        const error = caught(() => xMessengerOAuth2.create().response(credentials));
        expect(error.code).toBe('SB_CONFIG_INVALID');
        expect(error.details).toEqual({ mechanism: 'X-MESSENGER-OAUTH2', field: 'accessToken' });
      }
    });

    it('when called a second time, fails with SB_SASL_PROTOCOL', () => {
      const session = xMessengerOAuth2.create();
      session.response({ accessToken: TOKEN });
      const error = caught(() => session.response({ accessToken: TOKEN }));
      expect(error.code).toBe('SB_SASL_PROTOCOL');
      expectNoSecret(error, TOKEN);
    });
  });

  describe('.challenge', () => {
    it('when the server sends a challenge, fails with SB_SASL_PROTOCOL', () => {
      const session = xMessengerOAuth2.create();
      session.response({ accessToken: TOKEN });
      expect(caught(() => session.challenge(toBytes('x'))).code).toBe('SB_SASL_PROTOCOL');
    });
  });
});

describe('decodeRedirectToken', () => {
  it('when given %2f, %2b and %3d in either case, decodes them to /, + and =', () => {
    expect(decodeRedirectToken('a%2fb%2Bc%3d%3D')).toBe('a/b+c==');
  });

  it('when given a literal +, keeps it (no form decoding to a space)', () => {
    expect(decodeRedirectToken('a+b')).toBe('a+b');
  });

  it('when an escape is malformed, fails with SB_CONFIG_INVALID without echoing the value', () => {
    for (const value of ['sEcReT%2', 'sEcReT%zz', 'sEcReT%E0%A4%A']) {
      const error = caught(() => decodeRedirectToken(value));
      expect(error.code).toBe('SB_CONFIG_INVALID');
      expect(error.details).toEqual({ mechanism: 'X-MESSENGER-OAUTH2', field: 'accessToken' });
      expectNoSecret(error, 'sEcReT');
    }
  });
});
