import { LocalTokenServer } from './LocalTokenServer.fixture';
import { OAuth2Client } from './OAuth2Client';
import { failure, NOW, REDIRECT, tokenEndpointKit } from './OAuth2Client.testkit';

describe(`${OAuth2Client.name} (token endpoint)`, () => {
  describe('against a local token endpoint', () => {
    let server: LocalTokenServer;

    afterEach(() => server.close());

    const { localClient, authorized } = tokenEndpointKit(() => server);

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
  });
});
