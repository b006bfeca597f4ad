import type { ProsodyServer } from '../prosody/ProsodyServer';
import { startProsody } from '../prosody/startProsody';
import { auth, connectTls } from '../providers/saslWire.testkit';
import { TokenTable } from '../providers/TokenTable';
import { withProviders } from '../providers/withProviders';
import type { OAuthServer } from './OAuthServer';
import { codeFlow, refresh } from './oauthClient.testkit';
import { startOAuthServer } from './startOAuthServer';

const HOST = 'messenger.test';
const MECH = 'X-MESSENGER-OAUTH2';

describe('startOAuthServer with the Prosody messenger emulation', () => {
  let tokens: TokenTable;
  let prosody: ProsodyServer;
  let oauth: OAuthServer;

  /** The server's SASL answer to `token` sent verbatim as the X-MESSENGER-OAUTH2 payload. */
  async function login(token: string): Promise<string> {
    const probe = await connectTls(prosody, HOST);
    try {
      return await auth(probe, MECH, token);
    } finally {
      probe.socket.destroy();
    }
  }

  beforeAll(async () => {
    tokens = await TokenTable.create();
    prosody = await startProsody(
      withProviders({}, { tokenFile: tokens.file, messenger: { domain: HOST } }),
    );
    oauth = await startOAuthServer({ tokens, user: 'alice', host: HOST });
  });
  afterAll(async () => {
    await oauth?.stop();
    await prosody?.stop();
    await tokens?.remove();
  });

  it('when a token comes from the code flow, it logs in; after revokeGrant() it fails', async () => {
    const grant = await codeFlow(oauth);
    const refreshed = (await refresh(oauth, grant.refresh_token ?? '')).json.access_token as string;
    expect(await login(grant.access_token)).toMatch(/^<success/);
    expect(await login(refreshed)).toMatch(/^<success/);

    await oauth.revokeGrant();
    const first = await login(grant.access_token);
    expect(first).toMatch(/^<failure[^>]*><not-authorized\/>/);
    expect(first).toContain('unknown token');
    expect(await login(refreshed)).toMatch(/^<failure/);
  });

  it('when the access tokens are expired, the login fails with token expired', async () => {
    const grant = await codeFlow(oauth);
    expect(await login(grant.access_token)).toMatch(/^<success/);
    await oauth.expireAccessTokens();
    expect(await login(grant.access_token)).toContain('token expired');
  });
});
