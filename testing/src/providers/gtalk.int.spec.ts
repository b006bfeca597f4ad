import type { ProsodyServer } from '../prosody/ProsodyServer';
import { startProsody } from '../prosody/startProsody';
import { auth, b64, connectTls, mechanisms } from './saslWire.testkit';
import { TokenTable } from './TokenTable';
import { withProviders } from './withProviders';

const HOST = 'gmail.test';
const GOOGLE_AUTH = "xmlns:auth='http://www.google.com/talk/protocol/auth'";
const OAUTH2_ATTRS = `${GOOGLE_AUTH} auth:service='oauth2'`;

describe('mod_sb_gtalk (X-GOOGLE-TOKEN, X-OAUTH2)', () => {
  let tokens: TokenTable;
  let server: ProsodyServer;

  async function login(mechanism: string, payload: string, attrs = ''): Promise<string> {
    const probe = await connectTls(server, HOST);
    try {
      return await auth(probe, mechanism, b64(payload), attrs);
    } finally {
      probe.socket.destroy();
    }
  }

  beforeAll(async () => {
    tokens = await TokenTable.create();
    server = await startProsody(
      withProviders(
        { hosts: [{ domain: 'other.test' }] },
        { tokenFile: tokens.file, gtalk: { domain: HOST } },
      ),
    );
    await tokens.issue({ token: 'ya29.oauth', user: 'foo', host: HOST });
    await tokens.issue({
      token: 'clientlogin',
      user: 'foo',
      host: HOST,
      mechanisms: ['X-GOOGLE-TOKEN'],
    });
  });
  afterAll(async () => {
    await server?.stop();
    await tokens?.remove();
  });

  it('when connecting, the gmail host offers both token mechanisms and PLAIN, other hosts neither', async () => {
    const gmail = await connectTls(server, HOST);
    const other = await connectTls(server, 'other.test');
    gmail.socket.destroy();
    other.socket.destroy();
    expect(mechanisms(gmail.features).sort()).toEqual(['PLAIN', 'X-GOOGLE-TOKEN', 'X-OAUTH2']);
    expect(mechanisms(other.features)).not.toContain('X-GOOGLE-TOKEN');
    expect(mechanisms(other.features)).not.toContain('X-OAUTH2');
  });

  describe('X-GOOGLE-TOKEN', () => {
    it('when the payload is \\0user@domain\\0token with a valid token, it succeeds', async () => {
      expect(await login('X-GOOGLE-TOKEN', '\0foo@gmail.test\0clientlogin')).toMatch(/^<success/);
    });

    it.each([
      ['the token is unknown', '\0foo@gmail.test\0bar', 'unknown token'],
      ['the user is a bare local part', '\0foo\0clientlogin', 'full address'],
      ['the user is on another domain', '\0foo@other.test\0clientlogin', 'not this host'],
      ['the token belongs to another user', '\0bob@gmail.test\0clientlogin', 'another user'],
    ])('when %s, fails with not-authorized', async (_, payload, text) => {
      const answer = await login('X-GOOGLE-TOKEN', payload);
      expect(answer).toContain('<not-authorized/>');
      expect(answer).toContain(text);
    });

    it('when the token has expired, fails', async () => {
      await tokens.issue({ token: 'stale', user: 'foo', host: HOST, expiresAt: new Date(1000) });
      expect(await login('X-GOOGLE-TOKEN', '\0foo@gmail.test\0stale')).toContain('token expired');
    });
  });

  describe('X-OAUTH2', () => {
    it("when <auth/> carries auth:service='oauth2' and a valid token, it succeeds", async () => {
      expect(await login('X-OAUTH2', '\0foo@gmail.test\0ya29.oauth', OAUTH2_ATTRS)).toMatch(
        /^<success/,
      );
    });

    it('when the PROTOCOLS.md vector AGZvbwBiYXI= is sent for a token "bar" of foo, it succeeds', async () => {
      await tokens.issue({ token: 'bar', user: 'foo', host: HOST });
      expect(b64('\0foo\0bar')).toBe('AGZvbwBiYXI=');
      expect(await login('X-OAUTH2', '\0foo@gmail.test\0bar', OAUTH2_ATTRS)).toMatch(/^<success/);
    });

    it('when the auth:service attribute is missing, fails with not-authorized and says why', async () => {
      const answer = await login('X-OAUTH2', '\0foo@gmail.test\0ya29.oauth');
      expect(answer).toContain('<not-authorized/>');
      expect(answer).toContain(
        'auth:service=oauth2 in the namespace http://www.google.com/talk/protocol/auth',
      );
    });

    it('when auth:service has another value or no Google namespace, fails', async () => {
      const wrongValue = `${GOOGLE_AUTH} auth:service='chromiumsync'`;
      const noNamespace = "xmlns:g='urn:other' g:service='oauth2'";
      for (const attrs of [wrongValue, noNamespace]) {
        expect(await login('X-OAUTH2', '\0foo@gmail.test\0ya29.oauth', attrs)).toContain(
          '<not-authorized/>',
        );
      }
    });

    it('when the token is restricted to X-GOOGLE-TOKEN, X-OAUTH2 refuses it', async () => {
      const answer = await login('X-OAUTH2', '\0foo@gmail.test\0clientlogin', OAUTH2_ATTRS);
      expect(answer).toContain('not valid for X-OAUTH2');
    });
  });
});
