import { createHash } from 'node:crypto';
import { SwitchboardError } from '../errors/SwitchboardError';
import { LocalTokenServer } from './LocalTokenServer.fixture';
import { OAuth2Client } from './OAuth2Client';
import type { OAuth2ClientConfig } from './OAuth2ClientConfig';
import type { OAuth2ClientOptions } from './OAuth2ClientOptions';

const NOW = 1_700_000_000_000;
const LIVE: OAuth2ClientConfig = {
  authorizationEndpoint: 'https://oauth.live.com/authorize',
  tokenEndpoint: 'https://oauth.live.com/token',
  scopes: ['wl.messenger', 'wl.offline_access'],
  redirectUri: 'https://oauth.live.com/desktop',
  clientId: '0000000012345678',
};
const VECTOR_ENCODED = 'EwAwAq1DBAAUlbRWyAJjK5w968Ru3Cyt%2f%2bGvwXwAAdKx%2b%2f8%3d';
const VECTOR_TOKEN = 'EwAwAq1DBAAUlbRWyAJjK5w968Ru3Cyt/+GvwXwAAdKx+/8=';

function live(options: OAuth2ClientOptions = {}): OAuth2Client {
  return new OAuth2Client(LIVE, { now: () => NOW, ...options });
}

/** Runs `fn` and returns the SwitchboardError it throws (fails the test otherwise). */
async function failure(fn: () => unknown): Promise<SwitchboardError> {
  try {
    await fn();
  } catch (error) {
    if (SwitchboardError.is(error)) return error;
    throw error;
  }
  throw new Error('expected a SwitchboardError');
}

function b64urlSha256(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

describe(OAuth2Client, () => {
  describe('constructor', () => {
    it.each([
      ['tokenEndpoint', { tokenEndpoint: 'http://oauth.example.com/token' }],
      ['authorizationEndpoint', { authorizationEndpoint: 'http://oauth.example.com/authorize' }],
      ['tokenEndpoint', { tokenEndpoint: 'http://127.0.0.2.example.com/token' }],
      ['tokenEndpoint', { tokenEndpoint: 'ftp://127.0.0.1/token' }],
      ['tokenEndpoint', { tokenEndpoint: 'not a url' }],
      ['clientId', { clientId: '' }],
      ['redirectUri', { redirectUri: '/desktop' }],
    ])('when %s is %j, throws SB_CONFIG_INVALID naming it', async (field, change) => {
      const error = await failure(() => new OAuth2Client({ ...LIVE, ...change }));
      expect(error.code).toBe('SB_CONFIG_INVALID');
      expect(error.details.field).toBe(field);
    });

    it.each(['http://127.0.0.1:8080/token', 'http://[::1]:8080/token', 'http://localhost/token'])(
      'when the endpoint is plain http on loopback (%s), accepts it',
      (tokenEndpoint) => {
        expect(() => new OAuth2Client({ ...LIVE, tokenEndpoint })).not.toThrow();
      },
    );
  });

  describe('.implicitAuthorizationUrl', () => {
    it('when called Live-style, builds exactly the Live parameters', () => {
      const url = live().implicitAuthorizationUrl({ state: 'st-1', display: 'touch' });
      expect(url.origin + url.pathname).toBe('https://oauth.live.com/authorize');
      expect([...url.searchParams]).toEqual([
        ['client_id', '0000000012345678'],
        ['response_type', 'token'],
        ['redirect_uri', 'https://oauth.live.com/desktop'],
        ['scope', 'wl.messenger wl.offline_access'],
        ['state', 'st-1'],
        ['display', 'touch'],
      ]);
      expect(url.search).toContain('scope=wl.messenger+wl.offline_access');
    });

    it('when the descriptor has authorizeParameters, adds them and lets display override', () => {
      const client = new OAuth2Client({
        ...LIVE,
        authorizeParameters: { display: 'popup', lc: '1033' },
      });
      const plain = client.implicitAuthorizationUrl({ state: 's', scopes: ['wl.messenger'] });
      expect(plain.searchParams.get('display')).toBe('popup');
      expect(plain.searchParams.get('lc')).toBe('1033');
      expect(plain.searchParams.get('scope')).toBe('wl.messenger');
      const touch = client.implicitAuthorizationUrl({ state: 's', display: 'touch' });
      expect(touch.searchParams.getAll('display')).toEqual(['touch']);
    });

    it('when a redirectUri is passed, uses it instead of the configured one', () => {
      const url = live().implicitAuthorizationUrl({ state: 's', redirectUri: 'https://app/cb' });
      expect(url.searchParams.get('redirect_uri')).toBe('https://app/cb');
    });

    it('when there is no redirect URI at all, throws SB_CONFIG_INVALID', async () => {
      const { redirectUri: _, ...withoutRedirect } = LIVE;
      const client = new OAuth2Client(withoutRedirect);
      const error = await failure(() => client.implicitAuthorizationUrl({ state: 's' }));
      expect(error.code).toBe('SB_CONFIG_INVALID');
    });

    it('when authorizeParameters would override a protocol parameter, throws SB_CONFIG_INVALID', async () => {
      const client = new OAuth2Client({ ...LIVE, authorizeParameters: { response_type: 'code' } });
      const error = await failure(() => client.implicitAuthorizationUrl({ state: 's' }));
      expect(error.code).toBe('SB_CONFIG_INVALID');
      expect(error.details.field).toBe('response_type');
    });
  });

  describe('.parseImplicitRedirect', () => {
    const fragment = (fields: string) => `https://oauth.live.com/desktop?lc=1033#${fields}`;

    it('when given the PROTOCOLS.md vector, decodes the token exactly', () => {
      const tokens = live().parseImplicitRedirect(
        fragment(
          `access_token=${VECTOR_ENCODED}&token_type=bearer&expires_in=3600` +
            '&scope=wl.messenger%20wl.offline_access&authentication_token=eyJhbGci.x%2by&user_id=42&state=st-1',
        ),
        'st-1',
      );
      expect(tokens).toEqual({
        accessToken: VECTOR_TOKEN,
        tokenType: 'bearer',
        expiresAt: NOW + 3_600_000,
        scope: 'wl.messenger wl.offline_access',
        extra: { authentication_token: 'eyJhbGci.x+y', user_id: '42' },
      });
    });

    it('when the token has a literal +, keeps it a + (not a space); %2b is also +', () => {
      const client = live();
      const plus = client.parseImplicitRedirect(fragment('access_token=a+b%2bc&state=s'), 's');
      expect(plus.accessToken).toBe('a+b+c');
      const url = new URL(fragment('access_token=Ab%2B%2F%3D+z&state=s'));
      expect(client.parseImplicitRedirect(url, 's').accessToken).toBe('Ab+/=+z');
    });

    it('when given only the fragment text, reads it', () => {
      const client = live();
      expect(
        client.parseImplicitRedirect(`#access_token=${VECTOR_ENCODED}&state=s`, 's').accessToken,
      ).toBe(VECTOR_TOKEN);
      expect(client.parseImplicitRedirect(`access_token=x&state=s`, 's').accessToken).toBe('x');
    });

    it('when expires_in is absent, leaves expiresAt undefined and defaults the type to bearer', () => {
      const tokens = live().parseImplicitRedirect(fragment('access_token=x&state=s'), 's');
      expect(tokens).toEqual({ accessToken: 'x', tokenType: 'bearer' });
    });

    it('when the fragment carries an error, throws SB_OAUTH_REDIRECT_ERROR with error and description', async () => {
      const error = await failure(() =>
        live().parseImplicitRedirect(
          fragment('error=access_denied&error_description=The%20user%20denied&state=s'),
          's',
        ),
      );
      expect(error.code).toBe('SB_OAUTH_REDIRECT_ERROR');
      expect(error.details).toEqual({ error: 'access_denied', description: 'The user denied' });
      expect(error.message).toContain('access_denied');
    });

    it('when the query carries the error (as Live did, without state), throws SB_OAUTH_REDIRECT_ERROR', async () => {
      const error = await failure(() =>
        live().parseImplicitRedirect(
          'https://oauth.live.com/desktop?error=server_error&error_description=Try+later',
          's',
        ),
      );
      expect(error.code).toBe('SB_OAUTH_REDIRECT_ERROR');
      expect(error.details).toEqual({ error: 'server_error', description: 'Try later' });
    });

    it('when an error carries another request’s state, throws SB_OAUTH_STATE_MISMATCH', async () => {
      const error = await failure(() =>
        live().parseImplicitRedirect(fragment('error=access_denied&state=other'), 's'),
      );
      expect(error.code).toBe('SB_OAUTH_STATE_MISMATCH');
    });

    it.each([
      ['missing', 'access_token=x'],
      ['different', 'access_token=x&state=other'],
      ['different', 'access_token=x&state='],
    ])('when state is %s, throws SB_OAUTH_STATE_MISMATCH', async (reason, fields) => {
      const error = await failure(() => live().parseImplicitRedirect(fragment(fields), 's'));
      expect(error.code).toBe('SB_OAUTH_STATE_MISMATCH');
      expect(error.details.reason).toBe(reason);
    });

    it('when access_token is missing, throws SB_OAUTH_REDIRECT_ERROR', async () => {
      const error = await failure(() =>
        live().parseImplicitRedirect(fragment('token_type=bearer&state=s'), 's'),
      );
      expect(error.code).toBe('SB_OAUTH_REDIRECT_ERROR');
      expect(error.details.reason).toBe('missing_access_token');
    });

    it('when a parameter is repeated, throws SB_OAUTH_REDIRECT_ERROR', async () => {
      const error = await failure(() =>
        live().parseImplicitRedirect(fragment('access_token=a&access_token=b&state=s'), 's'),
      );
      expect(error.code).toBe('SB_OAUTH_REDIRECT_ERROR');
      expect(error.details).toEqual({ reason: 'duplicate_parameter', parameter: 'access_token' });
    });

    it('when the percent-encoding is malformed, throws SB_OAUTH_REDIRECT_ERROR without the value', async () => {
      const error = await failure(() =>
        live().parseImplicitRedirect(fragment('access_token=SECRETVALUE%zz&state=s'), 's'),
      );
      expect(error.code).toBe('SB_OAUTH_REDIRECT_ERROR');
      expect(error.message + JSON.stringify(error.details)).not.toContain('SECRETVALUE');
    });
  });

  describe('.startAuthorizationCode', () => {
    it('when started, builds the code URL with a PKCE S256 challenge of the verifier', async () => {
      const client = new OAuth2Client({ ...LIVE, authorizeParameters: { display: 'touch' } });
      const { url, state, codeVerifier } = await client.startAuthorizationCode({
        redirectUri: 'http://127.0.0.1:5000/callback',
        extraParameters: { prompt: 'consent' },
      });
      expect(codeVerifier).toMatch(/^[A-Za-z0-9._~-]{43,128}$/);
      expect(state).toMatch(/^[A-Za-z0-9_-]{20,}$/);
      expect(url.origin + url.pathname).toBe('https://oauth.live.com/authorize');
      expect([...url.searchParams]).toEqual([
        ['client_id', '0000000012345678'],
        ['response_type', 'code'],
        ['redirect_uri', 'http://127.0.0.1:5000/callback'],
        ['scope', 'wl.messenger wl.offline_access'],
        ['state', state],
        ['display', 'touch'],
        ['prompt', 'consent'],
        ['code_challenge', b64urlSha256(codeVerifier)],
        ['code_challenge_method', 'S256'],
      ]);
    });

    it('when started twice, uses a fresh state and verifier each time', async () => {
      const client = live();
      const a = await client.startAuthorizationCode({ redirectUri: 'http://127.0.0.1/cb' });
      const b = await client.startAuthorizationCode({ redirectUri: 'http://127.0.0.1/cb' });
      expect(a.state).not.toBe(b.state);
      expect(a.codeVerifier).not.toBe(b.codeVerifier);
    });

    it('when scopes are passed, they replace the configured ones', async () => {
      const { url } = await live().startAuthorizationCode({
        redirectUri: 'http://127.0.0.1/cb',
        scopes: ['a', 'b'],
      });
      expect(url.searchParams.get('scope')).toBe('a b');
    });
  });

  describe('against a local token endpoint', () => {
    const REDIRECT = 'http://127.0.0.1:9/callback';
    let server: LocalTokenServer;

    afterEach(() => server.close());

    function localClient(options: OAuth2ClientOptions = {}, secret?: string): OAuth2Client {
      return new OAuth2Client(
        {
          authorizationEndpoint: server.authorizationEndpoint,
          tokenEndpoint: server.tokenEndpoint,
          scopes: ['wl.messenger'],
          redirectUri: REDIRECT,
          clientId: server.clientId,
          ...(secret === undefined ? {} : { clientSecret: secret }),
        },
        { now: () => NOW, ...options },
      );
    }

    async function authorized(client: OAuth2Client) {
      const start = await client.startAuthorizationCode({ redirectUri: REDIRECT });
      const challenge = start.url.searchParams.get('code_challenge') ?? '';
      const code = server.issueCode(challenge, REDIRECT);
      const callbackUrl = `${REDIRECT}?code=${code}&state=${start.state}`;
      return { ...start, code, callbackUrl };
    }

    describe('.exchangeCode', () => {
      beforeEach(async () => {
        server = await LocalTokenServer.start();
      });

      it('when the callback is valid, sends the code grant and returns the tokens', async () => {
        const client = localClient();
        const { code, codeVerifier, state, callbackUrl } = await authorized(client);
        const tokens = await client.exchangeCode({
          callbackUrl,
          state,
          codeVerifier,
          redirectUri: REDIRECT,
        });
        const [form] = server.tokenForms();
        expect(Object.fromEntries(form ?? [])).toEqual({
          grant_type: 'authorization_code',
          code,
          code_verifier: codeVerifier,
          redirect_uri: REDIRECT,
          client_id: server.clientId,
        });
        expect(tokens).toEqual({
          accessToken: expect.stringMatching(/^AT-/),
          tokenType: 'bearer',
          expiresAt: NOW + 3_600_000,
          refreshToken: expect.stringMatching(/^RT-/),
          scope: 'wl.messenger',
          extra: { user_id: 'user-42' },
        });
      });

      it('when the browser runs the whole flow through /authorize, the exchange succeeds', async () => {
        const client = localClient();
        const { url, state, codeVerifier } = await client.startAuthorizationCode({
          redirectUri: REDIRECT,
        });
        const redirect = await fetch(url, { redirect: 'manual' });
        expect(redirect.status).toBe(302);
        const callbackUrl = redirect.headers.get('location') ?? '';
        const tokens = await client.exchangeCode({
          callbackUrl,
          state,
          codeVerifier,
          redirectUri: REDIRECT,
        });
        expect(tokens.accessToken).toMatch(/^AT-/);
      });

      it('when the code was already used, throws SB_OAUTH_GRANT_REVOKED', async () => {
        const client = localClient();
        const { codeVerifier, state, callbackUrl } = await authorized(client);
        const exchange = { callbackUrl, state, codeVerifier, redirectUri: REDIRECT };
        await client.exchangeCode(exchange);
        const error = await failure(() => client.exchangeCode(exchange));
        expect(error.code).toBe('SB_OAUTH_GRANT_REVOKED');
        expect(error.details).toEqual({ status: 400, error: 'invalid_grant' });
      });

      it('when the verifier does not match the challenge, throws SB_OAUTH_GRANT_REVOKED', async () => {
        const client = localClient();
        const { state, callbackUrl } = await authorized(client);
        const other = (await client.startAuthorizationCode({ redirectUri: REDIRECT })).codeVerifier;
        const error = await failure(() =>
          client.exchangeCode({ callbackUrl, state, codeVerifier: other, redirectUri: REDIRECT }),
        );
        expect(error.code).toBe('SB_OAUTH_GRANT_REVOKED');
      });

      it('when the callback has another state, throws SB_OAUTH_STATE_MISMATCH and sends nothing', async () => {
        const client = localClient();
        const { codeVerifier, callbackUrl } = await authorized(client);
        const error = await failure(() =>
          client.exchangeCode({ callbackUrl, state: 'other', codeVerifier, redirectUri: REDIRECT }),
        );
        expect(error.code).toBe('SB_OAUTH_STATE_MISMATCH');
        expect(server.tokenForms()).toHaveLength(0);
      });

      it('when the callback is an error redirect, throws SB_OAUTH_REDIRECT_ERROR and sends nothing', async () => {
        const client = localClient();
        const { codeVerifier, state } = await authorized(client);
        const callbackUrl = new URL(
          `${REDIRECT}?error=access_denied&error_description=No+thanks&state=${state}`,
        );
        const error = await failure(() =>
          client.exchangeCode({ callbackUrl, state, codeVerifier, redirectUri: REDIRECT }),
        );
        expect(error.code).toBe('SB_OAUTH_REDIRECT_ERROR');
        expect(error.details).toEqual({ error: 'access_denied', description: 'No thanks' });
        expect(server.tokenForms()).toHaveLength(0);
      });

      it('when the callback has no code, throws SB_OAUTH_REDIRECT_ERROR', async () => {
        const client = localClient();
        const { codeVerifier, state } = await authorized(client);
        const error = await failure(() =>
          client.exchangeCode({
            callbackUrl: `${REDIRECT}?state=${state}`,
            state,
            codeVerifier,
            redirectUri: REDIRECT,
          }),
        );
        expect(error.code).toBe('SB_OAUTH_REDIRECT_ERROR');
        expect(error.details.reason).toBe('missing_code');
      });

      it('when an issuer is configured, a callback from another issuer is refused; otherwise iss is ignored', async () => {
        const strict = localClient({ issuer: 'https://login.example' });
        const a = await authorized(strict);
        const bad = `${a.callbackUrl}&iss=${encodeURIComponent('https://evil.example')}`;
        const error = await failure(() =>
          strict.exchangeCode({
            callbackUrl: bad,
            state: a.state,
            codeVerifier: a.codeVerifier,
            redirectUri: REDIRECT,
          }),
        );
        expect(error.code).toBe('SB_OAUTH_REDIRECT_ERROR');
        expect(error.details.reason).toBe('issuer_mismatch');

        const lax = localClient();
        const b = await authorized(lax);
        const any = `${b.callbackUrl}&iss=${encodeURIComponent('https://whatever.example')}`;
        await expect(
          lax.exchangeCode({
            callbackUrl: any,
            state: b.state,
            codeVerifier: b.codeVerifier,
            redirectUri: REDIRECT,
          }),
        ).resolves.toMatchObject({ tokenType: 'bearer' });
      });

      it('when the token endpoint answers 500, throws SB_OAUTH_FAILED with the status', async () => {
        const client = localClient();
        const { codeVerifier, state, callbackUrl } = await authorized(client);
        server.next = { status: 500, body: 'Internal error', contentType: 'text/plain' };
        const error = await failure(() =>
          client.exchangeCode({ callbackUrl, state, codeVerifier, redirectUri: REDIRECT }),
        );
        expect(error.code).toBe('SB_OAUTH_FAILED');
        expect(error.details.status).toBe(500);
      });

      it('when the token endpoint answers 200 with bad JSON, throws SB_OAUTH_FAILED', async () => {
        const client = localClient();
        const { codeVerifier, state, callbackUrl } = await authorized(client);
        server.next = { status: 200, body: '{"access_token":' };
        const error = await failure(() =>
          client.exchangeCode({ callbackUrl, state, codeVerifier, redirectUri: REDIRECT }),
        );
        expect(error.code).toBe('SB_OAUTH_FAILED');
      });
    });

    describe('.refresh', () => {
      beforeEach(async () => {
        server = await LocalTokenServer.start();
      });

      it('when the server rotates the refresh token, returns the new one', async () => {
        const old = server.issueRefreshToken();
        const tokens = await localClient().refresh(old);
        expect(Object.fromEntries(server.tokenForms()[0] ?? [])).toEqual({
          grant_type: 'refresh_token',
          refresh_token: old,
          client_id: server.clientId,
          redirect_uri: REDIRECT,
        });
        expect(tokens.refreshToken).toMatch(/^RT-/);
        expect(tokens.refreshToken).not.toBe(old);
        expect(tokens.expiresAt).toBe(NOW + 3_600_000);
        expect(tokens.scope).toBe('wl.messenger wl.offline_access');
      });

      it('when the response has no refresh token, keeps the old one', async () => {
        server.rotateRefreshTokens = false;
        const old = server.issueRefreshToken();
        const tokens = await localClient().refresh(old);
        expect(tokens.refreshToken).toBe(old);
        expect(tokens.accessToken).toMatch(/^AT-/);
      });

      it('when the refresh token is unknown, throws SB_OAUTH_GRANT_REVOKED', async () => {
        const error = await failure(() => localClient().refresh('RT-unknown'));
        expect(error.code).toBe('SB_OAUTH_GRANT_REVOKED');
        expect(error.details).toEqual({ status: 400, error: 'invalid_grant' });
      });

      it('when the server answers another OAuth2 error, throws SB_OAUTH_FAILED with its description', async () => {
        server.next = {
          status: 400,
          body: JSON.stringify({
            error: 'invalid_request',
            error_description: 'redirect_uri is not valid',
          }),
        };
        const error = await failure(() => localClient().refresh(server.issueRefreshToken()));
        expect(error.code).toBe('SB_OAUTH_FAILED');
        expect(error.details).toEqual({
          status: 400,
          error: 'invalid_request',
          description: 'redirect_uri is not valid',
        });
      });

      it('when the server answers 500, throws SB_OAUTH_FAILED', async () => {
        server.next = { status: 500, body: '{"error":"server_error"}' };
        const error = await failure(() => localClient().refresh(server.issueRefreshToken()));
        expect(error.code).toBe('SB_OAUTH_FAILED');
        expect(error.details.status).toBe(500);
      });

      it('when the server cannot be reached, throws SB_OAUTH_FAILED (network)', async () => {
        const client = localClient();
        await server.close();
        const error = await failure(() => client.refresh('RT-x'));
        expect(error.code).toBe('SB_OAUTH_FAILED');
        expect(error.details.reason).toBe('network');
        server = await LocalTokenServer.start(); // for afterEach
      });

      it('when a fetch is injected, token requests go through it', async () => {
        const calls: string[] = [];
        const client = localClient({
          fetch: (url, init) => {
            calls.push(url);
            return fetch(url, init);
          },
        });
        await client.refresh(server.issueRefreshToken());
        expect(calls).toEqual([server.tokenEndpoint]);
      });
    });

    describe('with a client secret', () => {
      const SECRET = 'client-secret-XYZ';

      beforeEach(async () => {
        server = await LocalTokenServer.start(SECRET);
      });

      it('when client_secret_post (the default), sends the secret in the form', async () => {
        await localClient({}, SECRET).refresh(server.issueRefreshToken());
        const [request] = server.requests;
        expect(request?.form.get('client_secret')).toBe(SECRET);
        expect(request?.headers.authorization).toBeUndefined();
      });

      it('when client_secret_basic, sends HTTP Basic and no secret in the form', async () => {
        await localClient({ clientSecretMethod: 'client_secret_basic' }, SECRET).refresh(
          server.issueRefreshToken(),
        );
        const [request] = server.requests;
        expect(request?.form.has('client_secret')).toBe(false);
        expect(request?.headers.authorization).toMatch(/^Basic /);
      });

      it('when the secret is wrong, throws SB_OAUTH_FAILED with invalid_client', async () => {
        const error = await failure(() =>
          localClient({}, 'wrong-secret').refresh(server.issueRefreshToken()),
        );
        expect(error.code).toBe('SB_OAUTH_FAILED');
        expect(error.details).toMatchObject({ status: 401, error: 'invalid_client' });
      });
    });

    describe('secrets in errors', () => {
      const SECRET = 'client-secret-NEVER-SHOWN';

      beforeEach(async () => {
        server = await LocalTokenServer.start(SECRET);
      });

      it('when anything fails, no token, code, verifier or secret is in a message or details', async () => {
        const client = localClient({}, SECRET);
        const wrongSecret = localClient({}, 'wrong-secret-NEVER-SHOWN');
        const errors: SwitchboardError[] = [];
        const seen: string[] = [SECRET, 'wrong-secret-NEVER-SHOWN', VECTOR_TOKEN, VECTOR_ENCODED];
        const collect = async (fn: () => unknown) => errors.push(await failure(fn));

        const a = await authorized(client);
        seen.push(a.codeVerifier);
        const exchange = {
          callbackUrl: a.callbackUrl,
          state: a.state,
          codeVerifier: a.codeVerifier,
          redirectUri: REDIRECT,
        };
        await client.exchangeCode(exchange);
        await collect(() => client.exchangeCode(exchange)); // code reused: invalid_grant
        await collect(() => client.exchangeCode({ ...exchange, state: 'other' }));
        const b = await authorized(client);
        seen.push(b.codeVerifier);
        server.next = {
          status: 400,
          body: JSON.stringify({ error: 'invalid_grant', error_description: `bad code ${b.code}` }),
        };
        await collect(() =>
          client.exchangeCode({
            callbackUrl: b.callbackUrl,
            state: b.state,
            codeVerifier: b.codeVerifier,
            redirectUri: REDIRECT,
          }),
        );
        await collect(() => client.refresh('RT-unknown-NEVER-SHOWN'));
        seen.push('RT-unknown-NEVER-SHOWN');
        const rt = server.issueRefreshToken();
        server.next = {
          status: 400,
          body: JSON.stringify({ error: 'invalid_request', error_description: `token ${rt} bad` }),
        };
        await collect(() => client.refresh(rt));
        server.next = { status: 500, body: JSON.stringify({ access_token: 'AT-in-500' }) };
        seen.push('AT-in-500');
        await collect(() => client.refresh(rt));
        server.next = {
          status: 200,
          body: JSON.stringify({ access_token: 'AT-bad-type', token_type: 'mac' }),
        };
        seen.push('AT-bad-type');
        await collect(() => client.refresh(rt));
        server.next = { status: 200, body: JSON.stringify({ access_token: 'AT-no-type' }) };
        seen.push('AT-no-type');
        await collect(() => client.refresh(rt));
        await collect(() => wrongSecret.refresh(rt));
        await collect(() =>
          client.parseImplicitRedirect(`#access_token=${VECTOR_ENCODED}&state=other`, 'mine'),
        );
        await collect(() =>
          client.parseImplicitRedirect(`#access_token=${VECTOR_ENCODED}%zz&state=mine`, 'mine'),
        );

        expect(errors.map((e) => e.code)).toEqual([
          'SB_OAUTH_GRANT_REVOKED',
          'SB_OAUTH_STATE_MISMATCH',
          'SB_OAUTH_GRANT_REVOKED',
          'SB_OAUTH_GRANT_REVOKED',
          'SB_OAUTH_FAILED',
          'SB_OAUTH_FAILED',
          'SB_OAUTH_FAILED',
          'SB_OAUTH_FAILED',
          'SB_OAUTH_FAILED',
          'SB_OAUTH_STATE_MISMATCH',
          'SB_OAUTH_REDIRECT_ERROR',
        ]);
        seen.push(...server.issued);
        for (const error of errors) {
          const text = `${error.message}\n${JSON.stringify(error.details)}`;
          for (const secret of seen) expect(text).not.toContain(secret);
        }
      });
    });
  });
});
