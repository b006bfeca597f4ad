import { createHash } from 'node:crypto';
import { SwitchboardError } from '../errors/SwitchboardError';
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

describe(`${OAuth2Client.name} (URLs and redirects)`, () => {
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
});
