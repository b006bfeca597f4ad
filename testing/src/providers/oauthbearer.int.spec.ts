import type { ProsodyServer } from '../prosody/ProsodyServer';
import { startProsody } from '../prosody/startProsody';
import { auth, b64, challengeText, connectTls, mechanisms, respond } from './saslWire.testkit';
import { TokenTable } from './TokenTable';
import { withProviders } from './withProviders';

const HOST = 'oauth.test';
const MECH = 'OAUTHBEARER';

/** RFC 7628 initial response. */
const initial = (token: string, gs2 = 'n,a=juliet@oauth.test,', extra = ''): string =>
  `${gs2}\x01${extra}auth=Bearer ${token}\x01\x01`;

describe('mod_sb_oauthbearer (OAUTHBEARER, RFC 7628)', () => {
  let tokens: TokenTable;
  let server: ProsodyServer;

  async function login(payload: string): Promise<string> {
    const probe = await connectTls(server, HOST);
    try {
      return await auth(probe, MECH, b64(payload));
    } finally {
      probe.socket.destroy();
    }
  }

  beforeAll(async () => {
    tokens = await TokenTable.create();
    server = await startProsody(
      withProviders(
        { hosts: [{ domain: 'other.test' }] },
        { tokenFile: tokens.file, oauthbearer: { domain: HOST, scope: 'xmpp' } },
      ),
    );
    await tokens.issue({ token: 'abc123', user: 'juliet', host: HOST });
  });
  afterAll(async () => {
    await server?.stop();
    await tokens?.remove();
  });

  it('when connecting, only the oauth host offers OAUTHBEARER', async () => {
    const host = await connectTls(server, HOST);
    const other = await connectTls(server, 'other.test');
    host.socket.destroy();
    other.socket.destroy();
    expect(mechanisms(host.features)).toEqual([MECH]);
    expect(mechanisms(other.features)).not.toContain(MECH);
  });

  it.each([
    ['with authzid', initial('abc123')],
    ['with a bare-user authzid', initial('abc123', 'n,a=juliet,')],
    ['without authzid', initial('abc123', 'n,,')],
    ['with host and port pairs', initial('abc123', 'n,,', 'host=oauth.test\x01port=5222\x01')],
  ])('when the token is valid (%s), it succeeds', async (_, payload) => {
    expect(await login(payload)).toMatch(/^<success/);
  });

  it('when the token is invalid, the server challenges with JSON status, then fails after %x01', async () => {
    const probe = await connectTls(server, HOST);
    try {
      const challenge = challengeText(await auth(probe, MECH, b64(initial('wrong'))));
      expect(JSON.parse(challenge ?? '')).toEqual({ status: 'invalid_token', scope: 'xmpp' });
      const failure = await respond(probe, b64('\x01'));
      expect(failure).toMatch(/^<failure[^>]*><not-authorized\/>/);
      expect(failure).toContain('invalid_token');
    } finally {
      probe.socket.destroy();
    }
  });

  it('when the token has expired, the same invalid_token challenge comes', async () => {
    await tokens.issue({ token: 'old', user: 'juliet', host: HOST, expiresAt: new Date(0) });
    const challenge = challengeText(await login(initial('old')));
    expect(JSON.parse(challenge ?? '')).toMatchObject({ status: 'invalid_token' });
  });

  it('when the gs2 header lacks the a= prefix (a known client bug), fails with malformed-request', async () => {
    const answer = await login(initial('abc123', 'n,juliet@oauth.test,'));
    expect(answer).toContain('<malformed-request/>');
    expect(answer).toContain('a=');
  });

  it('when the authzid is another user, fails with invalid-authzid', async () => {
    expect(await login(initial('abc123', 'n,a=romeo@oauth.test,'))).toContain('<invalid-authzid/>');
  });

  it('when the final %x01 is missing, fails with malformed-request', async () => {
    expect(await login('n,,\x01auth=Bearer abc123\x01')).toContain('<malformed-request/>');
  });
});
