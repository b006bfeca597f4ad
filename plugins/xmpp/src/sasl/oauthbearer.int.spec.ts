import { type Account, Switchboard } from '@switchboard/core';
import { type ProsodyServer, startProsody, TokenTable, withProviders } from '@switchboard/testing';
import { xmppModule } from '../xmppModule';
import { bearerModule } from './bearerProfile.testkit';

const DOMAIN = 'bearer.test';

describe('OAUTHBEARER against the emulated RFC 7628 server', () => {
  let server: ProsodyServer;
  let tokens: TokenTable;
  const switchboard = Switchboard.create({ modules: [xmppModule, bearerModule] });

  beforeAll(async () => {
    tokens = await TokenTable.create();
    server = await startProsody(
      withProviders({}, { tokenFile: tokens.file, oauthbearer: { domain: DOMAIN, scope: 'chat' } }),
    );
    await tokens.issue({ token: 'good-bearer-token', user: 'olga', host: DOMAIN });
  });
  afterAll(async () => {
    await server?.stop();
    await tokens?.remove();
  });

  const open: Account[] = [];
  let created = 0;
  afterEach(async () => {
    await Promise.all(open.splice(0).map((a) => a.disconnect()));
  });

  function account(accessToken: string): Account {
    const account = switchboard.createAccount({
      id: `bearer:${++created}`,
      profile: 'bearer',
      address: `olga@${DOMAIN}`,
      credential: { kind: 'oauth2', accessToken },
      server: { host: server.host, port: server.port },
      tls: { ca: server.ca },
    });
    open.push(account);
    return account;
  }

  it('when the token is valid, logs in', async () => {
    const olga = account('good-bearer-token');
    await olga.connect();
    expect(olga.address).toMatch(new RegExp(`^olga@${DOMAIN}/`));
    await olga.disconnect();
  });

  it('when the token is refused, answers the error challenge and surfaces the JSON status', async () => {
    const olga = account('revoked-bearer-token');
    const error = await olga.connect().catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'SB_REAUTH_REQUIRED',
      details: {
        reason: 'rejected',
        condition: 'not-authorized',
        status: 'invalid_token',
        scope: 'chat',
        mechanism: 'OAUTHBEARER',
      },
    });
    expect(`${String(error)} ${JSON.stringify(error)}`).not.toContain('revoked-bearer-token');
  });
});
