import { type Account, Switchboard, type TokenChange } from '@switchboard/core';
import { authorizeWithLoopback } from '@switchboard/core/node';
import {
  type OAuthServer,
  type ProsodyServer,
  startOAuthServer,
  startProsody,
  startWireTap,
  TokenTable,
  withProviders,
} from '@switchboard/testing';
import { xmppModule } from '@switchboard/xmpp';
import { messengerModule } from './messengerModule';

const DOMAIN = 'messenger.test';

describe('Messenger OAuth2 token lifecycle, end to end on loopback', () => {
  let prosody: ProsodyServer;
  let tokens: TokenTable;
  let oauth: OAuthServer;
  /** Everything the host could see: events, errors, console output. Searched for secrets. */
  const seen: string[] = [];
  const consoleSpies: jest.SpyInstance[] = [];

  beforeAll(async () => {
    tokens = await TokenTable.create();
    prosody = await startProsody(
      withProviders({}, { tokenFile: tokens.file, messenger: { domain: DOMAIN } }),
    );
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      consoleSpies.push(
        jest
          .spyOn(console, method)
          .mockImplementation((...args: unknown[]) => void seen.push(args.map(String).join(' '))),
      );
    }
  });
  afterEach(async () => {
    await oauth?.stop();
  });
  afterAll(async () => {
    for (const spy of consoleSpies) spy.mockRestore();
    await prosody?.stop();
    await tokens?.remove();
  });

  async function authorizedAccount(
    lifetimeSeconds = 3600,
    port?: number,
  ): Promise<{ account: Account; switchboard: Switchboard }> {
    oauth = await startOAuthServer({
      tokens,
      user: 'mark',
      host: DOMAIN,
      accessTokenLifetimeSeconds: lifetimeSeconds,
    });
    const switchboard = Switchboard.create({
      modules: [xmppModule, messengerModule],
      refreshMarginMs: 0,
      oauth2: {
        messenger: {
          clientId: 'switchboard-test',
          authorizationEndpoint: oauth.authorizationEndpoint,
          tokenEndpoint: oauth.tokenEndpoint,
        },
      },
    });
    const client = switchboard.oauth2Client('messenger');
    if (client === undefined) throw new Error('no OAuth2 client for messenger');
    // The "browser": follows the authorize redirect to the loopback receiver.
    const granted = await authorizeWithLoopback(client, {
      open: async (url) => void (await fetch(url)),
    });
    const account = switchboard.createAccount({
      profile: 'messenger',
      address: `mark@${DOMAIN}`,
      credential: {
        kind: 'oauth2',
        accessToken: granted.accessToken,
        ...(granted.refreshToken === undefined ? {} : { refreshToken: granted.refreshToken }),
        ...(granted.expiresAt === undefined ? {} : { expiresAt: granted.expiresAt }),
      },
      server: { host: prosody.host, port: port ?? prosody.port },
      tls: { ca: prosody.ca, servername: DOMAIN },
      reconnect: { initialDelayMs: 50, maxDelayMs: 200 },
    });
    switchboard.credentials.on(
      'tokens',
      (change: TokenChange) => void seen.push(JSON.stringify(change)),
    );
    for (const event of ['state', 'online', 'mechanism', 'error', 'reauthRequired'] as const) {
      account.on(
        event,
        (...args: unknown[]) =>
          void seen.push(
            JSON.stringify(args, (_k, v) =>
              v instanceof Error ? { ...v, message: v.message } : v,
            ),
          ),
      );
    }
    return { account, switchboard };
  }

  const grants = (): string[] =>
    oauth
      .requests()
      .filter((r) => r.endpoint === 'token')
      .map((r) => r.grantType ?? '?');

  function states(account: Account): string[] {
    const out: string[] = [];
    account.on('state', (c) => out.push(c.to));
    return out;
  }

  it('authorizes once with code + PKCE on a loopback redirect, then goes online', async () => {
    const { account } = await authorizedAccount();
    await account.connect();
    expect(account.state).toBe('online');
    expect(grants()).toEqual(['authorization_code']);
    await account.disconnect();
  });

  it('when the access token has expired, the next connect refreshes first and succeeds', async () => {
    const { account } = await authorizedAccount(1);
    await account.connect();
    await account.disconnect();
    await new Promise((r) => setTimeout(r, 1100));
    const seenStates = states(account);
    await account.connect();
    expect(account.state).toBe('online');
    expect(grants()).toEqual(['authorization_code', 'refresh_token']);
    expect(seenStates).toEqual(['connecting', 'authenticating', 'online']);
    await account.disconnect();
  });

  it('when the server rejects a token early, refreshes once, retries once and goes online', async () => {
    const { account } = await authorizedAccount();
    await oauth.expireAccessTokens();
    const seenStates = states(account);
    await account.connect();
    expect(account.state).toBe('online');
    expect(grants()).toEqual(['authorization_code', 'refresh_token']);
    expect(seenStates).toEqual([
      'connecting',
      'authenticating',
      'connecting',
      'authenticating',
      'online',
    ]);
    await account.disconnect();
  });

  it('when the grant is revoked, the account goes to reauth-required without a retry loop', async () => {
    const { account } = await authorizedAccount();
    await oauth.revokeGrant();
    const reasons: string[] = [];
    account.on('reauthRequired', (reason) => reasons.push(reason));
    await expect(account.connect()).rejects.toMatchObject({
      code: 'SB_REAUTH_REQUIRED',
      details: { reason: 'revoked' },
    });
    expect(account.state).toBe('reauth-required');
    expect(reasons).toEqual(['revoked']);
    expect(grants()).toEqual(['authorization_code', 'refresh_token']);
  });

  it('when the token expires mid-session and the connection is lost, the account refreshes on its own and resumes', async () => {
    const tap = await startWireTap({ targetHost: prosody.host, targetPort: prosody.port });
    const { account } = await authorizedAccount(3600, tap.port);
    try {
      await account.connect();
      await oauth.expireAccessTokens();
      const seenStates = states(account);
      const back = new Promise((resolve) => account.once('reconnected', resolve));
      tap.cut();
      await expect(back).resolves.toMatchObject({ attempts: 1, resumed: true });
      expect(account.state).toBe('online');
      expect(grants()).toEqual(['authorization_code', 'refresh_token']);
      // The refused login, the forced refresh and the retry happen inside one reconnect.
      expect(seenStates).toEqual([
        'disconnected',
        'reconnecting',
        'connecting',
        'authenticating',
        'connecting',
        'authenticating',
        'online',
      ]);
    } finally {
      await account.disconnect();
      await tap.close();
    }
  });

  const oauthIssued = { accessTokens: [] as string[], refreshTokens: [] as string[] };
  afterEach(() => {
    const issued = oauth?.issued();
    if (issued !== undefined) {
      oauthIssued.accessTokens.push(...issued.accessTokens);
      oauthIssued.refreshTokens.push(...issued.refreshTokens);
    }
  });

  it('shows no access or refresh token in any event, error or console output', () => {
    const everything = seen.join('\n');
    const secrets = [...oauthIssued.accessTokens, ...oauthIssued.refreshTokens];
    expect(secrets.length).toBeGreaterThan(4);
    expect(everything).toContain('reauth-required');
    for (const secret of secrets) expect(everything).not.toContain(secret);
  });
});
