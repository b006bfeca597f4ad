import { SwitchboardError } from '../errors/SwitchboardError';
import { LocalTokenServer } from '../oauth/LocalTokenServer.fixture';
import { OAuth2Client } from '../oauth/OAuth2Client';
import { authorizeWithLoopback } from './authorizeWithLoopback';

const NOW = 1_700_000_000_000;

describe(authorizeWithLoopback, () => {
  let server: LocalTokenServer;
  let client: OAuth2Client;

  beforeEach(async () => {
    server = await LocalTokenServer.start();
    client = new OAuth2Client(
      {
        authorizationEndpoint: server.authorizationEndpoint,
        tokenEndpoint: server.tokenEndpoint,
        scopes: ['wl.messenger', 'wl.offline_access'],
        clientId: server.clientId,
      },
      { now: () => NOW },
    );
  });

  afterEach(() => server.close());

  /** Plays the browser: follows the authorize redirect back to the loopback receiver. */
  const browser = async (url: URL) => {
    const page = await fetch(url);
    expect(page.status).toBe(200);
    await page.text();
  };

  it('when the user authorizes in the browser, returns the tokens', async () => {
    const opened: URL[] = [];
    const tokens = await authorizeWithLoopback(client, {
      open: (url) => {
        opened.push(url);
        void browser(url);
      },
    });
    expect(tokens).toMatchObject({
      accessToken: expect.stringMatching(/^AT-/),
      refreshToken: expect.stringMatching(/^RT-/),
      expiresAt: NOW + 3_600_000,
    });
    const redirectUri = opened[0]?.searchParams.get('redirect_uri') ?? '';
    expect(redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    expect(server.tokenForms()[0]?.get('redirect_uri')).toBe(redirectUri);
    await expect(fetch(redirectUri)).rejects.toThrow(); // the receiver is closed
  });

  it('when the server redirects with an error, rejects and closes the receiver', async () => {
    const bad = new OAuth2Client({
      authorizationEndpoint: server.authorizationEndpoint,
      tokenEndpoint: server.tokenEndpoint,
      scopes: [],
      clientId: 'unknown-client',
    });
    let redirectUri = '';
    const error = await authorizeWithLoopback(bad, {
      open: async (url) => {
        redirectUri = url.searchParams.get('redirect_uri') ?? '';
        await browser(url);
      },
    }).catch((e: unknown) => e);
    expect(SwitchboardError.is(error, 'SB_OAUTH_REDIRECT_ERROR')).toBe(true);
    await expect(fetch(redirectUri)).rejects.toThrow();
  });

  it('when nothing opens the URL, rejects with SB_TIMEOUT', async () => {
    const error = await authorizeWithLoopback(client, { timeoutMs: 50 }).catch((e: unknown) => e);
    expect(SwitchboardError.is(error, 'SB_TIMEOUT')).toBe(true);
  });
});
