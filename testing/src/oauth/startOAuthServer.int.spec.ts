import { connect } from 'node:net';
import { TokenTable } from '../providers/TokenTable';
import type { OAuthServer } from './OAuthServer';
import type { OAuthServerOptions } from './OAuthServerOptions';
import {
  authorize,
  CLIENT_ID,
  codeFlow,
  getCode,
  pkcePair,
  postForm,
  REDIRECT_URI,
  redeem,
  refresh,
} from './oauthClient.testkit';
import { startOAuthServer } from './startOAuthServer';

const HOST = 'messenger.test';
const isCanonicalBase64 = (t: string): boolean => Buffer.from(t, 'base64').toString('base64') === t;
const nowSeconds = (): number => Date.now() / 1000;

function refuses(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

describe(startOAuthServer, () => {
  let tokens: TokenTable;
  const servers: OAuthServer[] = [];
  async function start(options: Partial<OAuthServerOptions> = {}): Promise<OAuthServer> {
    const server = await startOAuthServer({ tokens, user: 'alice', host: HOST, ...options });
    servers.push(server);
    return server;
  }
  beforeEach(async () => {
    tokens = await TokenTable.create();
  });
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.stop()));
    await tokens.remove();
  });

  describe('.start and .stop', () => {
    it('when started, it listens on 127.0.0.1 only, and stop() closes it (twice is fine)', async () => {
      const server = await start();
      expect(server.issuer).toBe(`http://127.0.0.1:${server.port}`);
      expect(await refuses('127.0.0.1', server.port)).toBe(false);
      expect(await refuses('::1', server.port)).toBe(true);
      await server.stop();
      await server.stop();
      expect(await refuses('127.0.0.1', server.port)).toBe(true);
    });

    it('when asked for its metadata, it names its endpoints and S256', async () => {
      const server = await start();
      const json = (await (await fetch(server.metadataEndpoint)).json()) as Record<string, unknown>;
      expect(json).toMatchObject({
        issuer: server.issuer,
        authorization_endpoint: server.authorizationEndpoint,
        token_endpoint: server.tokenEndpoint,
        revocation_endpoint: server.revocationEndpoint,
        code_challenge_methods_supported: ['S256'],
      });
    });

    it('when the lifetime is negative, rejects with SB_CONFIG_INVALID', async () => {
      await expect(start({ accessTokenLifetimeSeconds: -1 })).rejects.toMatchObject({
        code: 'SB_CONFIG_INVALID',
      });
    });
  });

  describe('code flow with PKCE', () => {
    it('when the verifier matches, answers Live-style tokens that are in the table', async () => {
      const server = await start();
      const { location } = await authorize(server, {
        client_id: CLIENT_ID,
        redirect_uri: `${REDIRECT_URI}?keep=1`,
        response_type: 'code',
        state: 'a b&c',
        code_challenge: pkcePair().challenge,
        code_challenge_method: 'S256',
      });
      const back = new URL(location ?? '');
      expect(back.searchParams.get('keep')).toBe('1');
      expect(back.searchParams.get('state')).toBe('a b&c');

      const { code, verifier } = await getCode(server);
      const res = await redeem(server, code, verifier);
      expect(res.status).toBe(200);
      expect(res.json).toEqual({
        access_token: expect.stringMatching(/^EwAw[A-Za-z0-9+/]+\+\/8=$/),
        token_type: 'bearer',
        expires_in: 3600,
        scope: 'wl.messenger wl.offline_access',
        refresh_token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      });
      const access = res.json.access_token as string;
      expect(isCanonicalBase64(access)).toBe(true);
      expect(tokens.entries()[access]).toMatchObject({ user: 'alice', host: HOST });
      expect(server.issued()).toEqual({
        accessTokens: [access],
        refreshTokens: [res.json.refresh_token],
      });
    });

    it('when the verifier is wrong, answers 400 invalid_grant and issues nothing', async () => {
      const server = await start();
      const { code } = await getCode(server);
      const res = await redeem(server, code, pkcePair().verifier);
      expect(res).toMatchObject({ status: 400, json: { error: 'invalid_grant' } });
      expect(tokens.entries()).toEqual({});
      expect(server.requests()).toEqual([
        { endpoint: 'token', grantType: 'authorization_code', status: 400, error: 'invalid_grant' },
      ]);
    });

    it('when a code is redeemed twice, the second fails and revokes the first tokens', async () => {
      const server = await start();
      const { code, verifier } = await getCode(server);
      const first = await redeem(server, code, verifier);
      const second = await redeem(server, code, verifier);
      expect(second).toMatchObject({ status: 400, json: { error: 'invalid_grant' } });
      expect(tokens.entries()[first.json.access_token as string]).toBeUndefined();
      const again = await refresh(server, first.json.refresh_token as string);
      expect(again.json.error).toBe('invalid_grant');
    });

    it('when no S256 challenge is sent, redirects with invalid_request', async () => {
      const server = await start();
      const base = { client_id: CLIENT_ID, redirect_uri: REDIRECT_URI, response_type: 'code' };
      const none = await authorize(server, { ...base, state: 's' });
      const plain = await authorize(server, { ...base, code_challenge: 'x'.repeat(43) });
      expect(new URL(none.location ?? '').searchParams.get('error')).toBe('invalid_request');
      expect(new URL(none.location ?? '').searchParams.get('state')).toBe('s');
      expect(new URL(plain.location ?? '').searchParams.get('error')).toBe('invalid_request');
    });

    it('when the redirect URI is not loopback http nor registered, answers 400 without redirect', async () => {
      const server = await start({ redirectUris: ['https://oauth.live.com/desktop'] });
      const ask = (redirect_uri: string) =>
        authorize(server, { client_id: CLIENT_ID, redirect_uri, response_type: 'token' });
      const evil = await ask('https://evil.example/cb');
      expect(evil).toMatchObject({ status: 400, location: null });
      expect((await ask('http://127.0.0.1:1/cb#x')).status).toBe(400);
      expect((await ask('https://oauth.live.com/desktop')).status).toBe(302);
    });

    it('when a client id is configured, another client is refused at both endpoints', async () => {
      const server = await start({ clientId: CLIENT_ID });
      const page = await authorize(server, {
        client_id: 'other',
        redirect_uri: REDIRECT_URI,
        response_type: 'code',
        code_challenge: pkcePair().challenge,
        code_challenge_method: 'S256',
      });
      expect(page).toMatchObject({ status: 400, location: null });
      const res = await postForm(server.tokenEndpoint, {
        grant_type: 'refresh_token',
        refresh_token: 'x',
        client_id: 'other',
      });
      expect(res).toMatchObject({ status: 401, json: { error: 'invalid_client' } });
    });

    it('when the next authorization is denied, redirects with access_denied and the state', async () => {
      const server = await start();
      server.denyNextAuthorization();
      await expect(getCode(server)).rejects.toThrow(/error=access_denied.*state=st/);
      await expect(getCode(server)).resolves.toHaveProperty('code');
    });

    it('when offlineScope is set, a refresh token comes only with that scope', async () => {
      const server = await start({ offlineScope: 'wl.offline_access' });
      expect(await codeFlow(server, 'wl.messenger')).not.toHaveProperty('refresh_token');
      expect(await codeFlow(server, 'wl.messenger wl.offline_access')).toHaveProperty(
        'refresh_token',
      );
    });
  });

  describe('refresh', () => {
    it('when refreshed, answers a new access token that is in the table, same refresh token', async () => {
      const server = await start();
      const first = await codeFlow(server);
      const res = await refresh(server, first.refresh_token ?? '');
      expect(res.status).toBe(200);
      expect(res.json.access_token).not.toBe(first.access_token);
      expect(res.json.refresh_token).toBe(first.refresh_token);
      expect(tokens.entries()[res.json.access_token as string]).toMatchObject({ host: HOST });
      expect(server.requests().map((r) => r.grantType)).toEqual([
        'authorization_code',
        'refresh_token',
      ]);
    });

    it('when rotation is on, the old refresh token fails with invalid_grant', async () => {
      const server = await start({ rotateRefreshTokens: true });
      const first = await codeFlow(server);
      const res = await refresh(server, first.refresh_token ?? '');
      expect(res.json.refresh_token).not.toBe(first.refresh_token);
      expect((await refresh(server, first.refresh_token ?? '')).json.error).toBe('invalid_grant');
      expect((await refresh(server, res.json.refresh_token as string)).status).toBe(200);
    });

    it('when a scope beyond the grant is asked for, answers invalid_scope', async () => {
      const server = await start();
      const first = await codeFlow(server, 'wl.messenger');
      const fields = { grant_type: 'refresh_token', refresh_token: first.refresh_token ?? '' };
      const wider = await postForm(server.tokenEndpoint, { ...fields, scope: 'wl.emails' });
      expect(wider).toMatchObject({ status: 400, json: { error: 'invalid_scope' } });
    });

    it('when the next token request is made to fail, answers that once', async () => {
      const server = await start();
      const first = await codeFlow(server);
      server.failNextTokenRequest(503, 'temporarily_unavailable');
      const failed = await refresh(server, first.refresh_token ?? '');
      expect(failed).toMatchObject({ status: 503, json: { error: 'temporarily_unavailable' } });
      expect((await refresh(server, first.refresh_token ?? '')).status).toBe(200);
    });
  });

  describe('revocation', () => {
    it('when a grant is revoked, its refresh fails with invalid_grant and its tokens leave the table', async () => {
      const server = await start();
      const revoked = await codeFlow(server);
      const refreshed = await refresh(server, revoked.refresh_token ?? '');
      const kept = await codeFlow(server);
      await server.revokeGrant(revoked.refresh_token);
      const res = await refresh(server, revoked.refresh_token ?? '');
      expect(res.status).toBe(400);
      expect(res.json.error).toBe('invalid_grant');
      expect(Object.keys(tokens.entries())).toEqual([kept.access_token]);
      expect(server.issued().accessTokens).toEqual([
        revoked.access_token,
        refreshed.json.access_token,
        kept.access_token,
      ]);
    });

    it('when every grant is revoked, implicit tokens go too', async () => {
      const server = await start();
      await codeFlow(server);
      await authorize(server, {
        client_id: 'c',
        redirect_uri: REDIRECT_URI,
        response_type: 'token',
      });
      expect(Object.keys(tokens.entries())).toHaveLength(2);
      await server.revokeGrant();
      expect(tokens.entries()).toEqual({});
    });

    it('when a refresh token is posted to the revocation endpoint, its grant is revoked', async () => {
      const server = await start();
      const grant = await codeFlow(server);
      const res = await postForm(server.revocationEndpoint, { token: grant.refresh_token ?? '' });
      expect(res.status).toBe(200);
      expect(tokens.entries()).toEqual({});
      expect((await refresh(server, grant.refresh_token ?? '')).json.error).toBe('invalid_grant');
      const unknown = await postForm(server.revocationEndpoint, { token: 'never-issued' });
      expect(unknown.status).toBe(200);
    });

    it('when revokeGrant gets a refresh token never issued, rejects with SB_CONFIG_INVALID', async () => {
      const server = await start();
      await expect(server.revokeGrant('nope')).rejects.toMatchObject({ code: 'SB_CONFIG_INVALID' });
    });
  });

  describe('lifetimes', () => {
    it('when a lifetime is set, expires_in and the table expiry follow it', async () => {
      const server = await start({ accessTokenLifetimeSeconds: 120 });
      const before = nowSeconds();
      const grant = await codeFlow(server);
      expect(grant.expires_in).toBe(120);
      const expires = tokens.entries()[grant.access_token]?.expires ?? 0;
      expect(expires).toBeGreaterThanOrEqual(before + 120);
      expect(expires).toBeLessThanOrEqual(nowSeconds() + 120);
    });

    it('when access tokens are expired, the table says so and a refresh still works', async () => {
      const server = await start();
      const grant = await codeFlow(server);
      await server.expireAccessTokens();
      expect(tokens.entries()[grant.access_token]?.expires).toBeLessThan(nowSeconds());
      const res = await refresh(server, grant.refresh_token ?? '');
      expect(tokens.entries()[res.json.access_token as string]?.expires).toBeGreaterThan(
        nowSeconds() + 3500,
      );
    });

    it('when the next access token is rejected, it is handed out but not in the table', async () => {
      const server = await start({ mechanisms: ['X-MESSENGER-OAUTH2'] });
      server.rejectNextAccessToken();
      const rejected = await codeFlow(server);
      const accepted = await codeFlow(server);
      expect(tokens.entries()).toEqual({
        [accepted.access_token]: expect.objectContaining({ mechanisms: ['X-MESSENGER-OAUTH2'] }),
      });
      expect(server.issued().accessTokens).toEqual([rejected.access_token, accepted.access_token]);
    });
  });

  describe('implicit flow', () => {
    it('when response_type=token, redirects with a Live-encoded fragment', async () => {
      const server = await start({ accessTokenLifetimeSeconds: 60 });
      const { status, location } = await authorize(server, {
        client_id: CLIENT_ID,
        redirect_uri: REDIRECT_URI,
        response_type: 'token',
        scope: 'wl.messenger',
        state: 'xyz',
      });
      expect(status).toBe(302);
      const m = new RegExp(
        `^${REDIRECT_URI}#access_token=([^&]+)&token_type=bearer&expires_in=60&scope=wl.messenger&state=xyz$`,
      ).exec(location ?? '');
      const raw = m?.[1] ?? '';
      expect(raw.startsWith('EwAw')).toBe(true);
      expect(raw).not.toMatch(/[/+=]/);
      expect(raw.endsWith('%2b%2f8%3d')).toBe(true);
      const token = decodeURIComponent(raw);
      expect(server.issued()).toEqual({ accessTokens: [token], refreshTokens: [] });
      expect(tokens.entries()[token]).toMatchObject({ user: 'alice', host: HOST });
    });

    it('when tokenFormat is opaque, tokens are sb. and base64url', async () => {
      const server = await start({ tokenFormat: 'opaque' });
      expect((await codeFlow(server)).access_token).toMatch(/^sb\.[A-Za-z0-9_-]{43}$/);
    });
  });

  describe('token endpoint requests', () => {
    it('when the request is malformed, answers invalid_request or unsupported_grant_type', async () => {
      const server = await start();
      const json = await fetch(server.tokenEndpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"grant_type":"refresh_token"}',
      });
      expect(json.status).toBe(400);
      expect(((await json.json()) as { error: string }).error).toBe('invalid_request');
      const twice = await fetch(server.tokenEndpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=refresh_token&refresh_token=a&refresh_token=b',
      });
      expect(((await twice.json()) as { error: string }).error).toBe('invalid_request');
      const password = await postForm(server.tokenEndpoint, { grant_type: 'password' });
      expect(password.json.error).toBe('unsupported_grant_type');
    });
  });
});
