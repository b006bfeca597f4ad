/**
 * OAuth2 client for the flows Switchboard's providers used: the implicit grant as Windows Live
 * Messenger clients ran it (RFC 6749 §4.2), the authorization code grant with PKCE (RFC 6749 §4.1,
 * RFC 7636) and refreshing (RFC 6749 §6). Token requests go through oauth4webapi, on standard
 * fetch and WebCrypto, so this runs in Node and in browsers.
 */
import {
  type AuthorizationServer,
  allowInsecureRequests,
  authorizationCodeGrantRequest,
  type Client,
  type ClientAuth,
  ClientSecretBasic,
  ClientSecretPost,
  calculatePKCECodeChallenge,
  customFetch,
  generateRandomCodeVerifier,
  generateRandomState,
  None,
  processAuthorizationCodeResponse,
  processRefreshTokenResponse,
  refreshTokenGrantRequest,
  type TokenEndpointRequestOptions,
  validateAuthResponse,
} from 'oauth4webapi';
import { SwitchboardError } from '../errors/SwitchboardError';
import type { OAuth2ClientConfig } from './OAuth2ClientConfig';
import type {
  AuthorizationCodeRequest,
  AuthorizationCodeStart,
  CodeExchange,
  ImplicitAuthorizationRequest,
  OAuth2ClientOptions,
  OAuth2Fetch,
} from './OAuth2ClientOptions';
import { checkRedirect, parseFragment } from './redirectParameters';
import { secureEndpoint } from './secureEndpoint';
import type { TokenRefresher } from './TokenRefresher';
import type { TokenSet } from './TokenSet';
import { tokenEndpointError } from './tokenEndpointError';
import { toTokenSet } from './toTokenSet';

/** Authorize parameters the client sets itself; `authorizeParameters` may not override them. */
const RESERVED = new Set([
  'client_id',
  'response_type',
  'redirect_uri',
  'scope',
  'state',
  'code_challenge',
  'code_challenge_method',
]);

function invalid(field: string, message: string): SwitchboardError {
  return new SwitchboardError('SB_CONFIG_INVALID', message, { details: { field } });
}

function required(field: string, value: unknown): void {
  if (typeof value !== 'string' || value === '')
    throw invalid(field, `${field} must be a non-empty string.`);
}

function redirectUrl(redirect: string | URL): URL {
  if (typeof redirect !== 'string') return redirect;
  try {
    return new URL(redirect);
  } catch {
    throw new SwitchboardError('SB_OAUTH_REDIRECT_ERROR', 'The redirect is not an absolute URL.', {
      details: { reason: 'malformed_url' },
    });
  }
}

/**
 * One registered client of one authorization server. Endpoints come from the profile's descriptor
 * (no discovery); they must be https, except on a loopback host (127.0.0.1, ::1, localhost), so
 * tests can use a local server. Errors never contain a token, code, verifier or secret.
 */
export class OAuth2Client implements TokenRefresher {
  readonly #config: OAuth2ClientConfig;
  readonly #authorizationEndpoint: URL;
  readonly #tokenEndpoint: URL;
  readonly #server: AuthorizationServer;
  readonly #client: Client;
  readonly #auth: ClientAuth;
  readonly #now: () => number;
  readonly #fetch: OAuth2Fetch | undefined;
  readonly #timeoutMs: number;
  readonly #checkIssuer: boolean;

  /** @throws SB_CONFIG_INVALID naming the field that is missing, malformed or not https. */
  constructor(config: OAuth2ClientConfig, options: OAuth2ClientOptions = {}) {
    required('clientId', config.clientId);
    this.#authorizationEndpoint = secureEndpoint(
      'authorizationEndpoint',
      config.authorizationEndpoint,
    );
    this.#tokenEndpoint = secureEndpoint('tokenEndpoint', config.tokenEndpoint);
    if (config.redirectUri !== undefined && !URL.canParse(config.redirectUri)) {
      throw invalid('redirectUri', 'redirectUri is not an absolute URL.');
    }
    const timeout = options.requestTimeoutMs ?? 30_000;
    if (!Number.isFinite(timeout) || timeout <= 0) {
      throw invalid('requestTimeoutMs', 'requestTimeoutMs must be a positive number.');
    }
    if (options.issuer !== undefined) required('issuer', options.issuer);
    this.#config = config;
    this.#server = {
      issuer: options.issuer ?? this.#authorizationEndpoint.origin,
      authorization_endpoint: this.#authorizationEndpoint.href,
      token_endpoint: this.#tokenEndpoint.href,
    };
    this.#client = { client_id: config.clientId };
    const secret = config.clientSecret;
    this.#auth =
      secret === undefined || secret === ''
        ? None()
        : options.clientSecretMethod === 'client_secret_basic'
          ? ClientSecretBasic(secret)
          : ClientSecretPost(secret);
    this.#now = options.now ?? Date.now;
    this.#fetch = options.fetch;
    this.#timeoutMs = timeout;
    this.#checkIssuer = options.issuer !== undefined;
  }

  /**
   * The authorize URL for the implicit grant, as Live Messenger clients used it:
   * `response_type=token`, `client_id`, `redirect_uri`, space-separated `scope`, `state`, optional
   * `display`, plus the descriptor's `authorizeParameters`.
   * @throws SB_CONFIG_INVALID without a redirect URI, or when a parameter would override ours.
   */
  implicitAuthorizationUrl(request: ImplicitAuthorizationRequest): URL {
    required('state', request.state);
    const redirectUri = request.redirectUri ?? this.#config.redirectUri;
    if (redirectUri === undefined) {
      throw invalid('redirectUri', 'No redirect URI: pass one or set redirectUri in the config.');
    }
    const url = this.#authorizeUrl('token', redirectUri, request.state, request.scopes);
    if (request.display !== undefined) url.searchParams.set('display', request.display);
    return url;
  }

  /**
   * Reads the tokens from the redirect of an implicit grant:
   * `#access_token=…&token_type=bearer&expires_in=3600&scope=…&authentication_token=…&state=…`.
   *
   * Values are percent-decoded, but a literal `+` stays `+` (see `parseFragment` in `redirectParameters.ts`); a string
   * that is not an absolute URL is read as the fragment itself. An `error` in the fragment or the
   * query is SB_OAUTH_REDIRECT_ERROR with `details.error` and `details.description`; a missing or
   * other `state` is SB_OAUTH_STATE_MISMATCH; no `access_token` is SB_OAUTH_REDIRECT_ERROR.
   * Fields other than the standard ones (`authentication_token`, `user_id`) go to `extra`.
   */
  parseImplicitRedirect(redirect: string | URL, expectedState: string): TokenSet {
    required('expectedState', expectedState);
    let fragment: URLSearchParams;
    let query = new URLSearchParams();
    if (typeof redirect === 'string' && (redirect.startsWith('#') || !URL.canParse(redirect))) {
      fragment = parseFragment(redirect);
    } else {
      const url = redirectUrl(redirect);
      fragment = parseFragment(url.hash);
      query = url.searchParams;
    }
    // Errors may come in the query (Live did so); tokens only ever in the fragment.
    const params = !fragment.has('error') && query.has('error') ? query : fragment;
    checkRedirect(params, expectedState);
    const fields = Object.fromEntries(params);
    if (!fields.access_token) {
      throw new SwitchboardError(
        'SB_OAUTH_REDIRECT_ERROR',
        'The redirect carries no access_token; check response_type=token and authorize again.',
        { details: { reason: 'missing_access_token' } },
      );
    }
    return toTokenSet(fields, this.#now());
  }

  /**
   * Starts an authorization code grant with PKCE (S256): a random `state` and code verifier, and
   * the authorize URL to open. Keep `state` and `codeVerifier` for {@link exchangeCode}.
   */
  async startAuthorizationCode(request: AuthorizationCodeRequest): Promise<AuthorizationCodeStart> {
    required('redirectUri', request.redirectUri);
    const state = generateRandomState();
    const codeVerifier = generateRandomCodeVerifier();
    const url = this.#authorizeUrl(
      'code',
      request.redirectUri,
      state,
      request.scopes,
      request.extraParameters,
    );
    url.searchParams.set('code_challenge', await calculatePKCECodeChallenge(codeVerifier));
    url.searchParams.set('code_challenge_method', 'S256');
    return { url, state, codeVerifier };
  }

  /**
   * Finishes an authorization code grant: checks the callback (error, then state, then code) and
   * exchanges the code at the token endpoint.
   * @throws SB_OAUTH_STATE_MISMATCH, SB_OAUTH_REDIRECT_ERROR for the callback; then
   *   SB_OAUTH_GRANT_REVOKED on `invalid_grant` and SB_OAUTH_FAILED for any other failure.
   */
  async exchangeCode(exchange: CodeExchange): Promise<TokenSet> {
    required('state', exchange.state);
    required('codeVerifier', exchange.codeVerifier);
    required('redirectUri', exchange.redirectUri);
    const params = new URLSearchParams(redirectUrl(exchange.callbackUrl).searchParams);
    checkRedirect(params, exchange.state);
    const code = params.get('code');
    if (!code) {
      throw new SwitchboardError(
        'SB_OAUTH_REDIRECT_ERROR',
        'The callback carries no authorization code; authorize again.',
        { details: { reason: 'missing_code' } },
      );
    }
    if (!this.#checkIssuer) params.delete('iss');
    let validated: URLSearchParams;
    try {
      validated = validateAuthResponse(this.#server, this.#client, params, exchange.state);
    } catch {
      throw new SwitchboardError(
        'SB_OAUTH_REDIRECT_ERROR',
        'The callback is not a valid authorization response (wrong issuer or an implicit-flow token); authorize again.',
        { details: { reason: params.has('iss') ? 'issuer_mismatch' : 'invalid_response' } },
      );
    }
    const secrets = [code, exchange.codeVerifier, this.#config.clientSecret ?? ''];
    try {
      const response = await authorizationCodeGrantRequest(
        this.#server,
        this.#client,
        this.#auth,
        validated,
        exchange.redirectUri,
        exchange.codeVerifier,
        this.#requestOptions(),
      );
      const body = await processAuthorizationCodeResponse(this.#server, this.#client, response);
      return toTokenSet(body, this.#now());
    } catch (error) {
      throw tokenEndpointError(error, secrets);
    }
  }

  /**
   * Refresh-token grant (RFC 6749 §6). Sends `client_id` (and the secret, when configured) and,
   * when the config has a `redirectUri`, `redirect_uri` too, which Live required. Keeps
   * `refreshToken` when the response carries no new one.
   * @throws SB_OAUTH_GRANT_REVOKED on `invalid_grant`; SB_OAUTH_FAILED for any other failure.
   */
  async refresh(refreshToken: string): Promise<TokenSet> {
    required('refreshToken', refreshToken);
    const redirectUri = this.#config.redirectUri;
    try {
      const response = await refreshTokenGrantRequest(
        this.#server,
        this.#client,
        this.#auth,
        refreshToken,
        this.#requestOptions(redirectUri === undefined ? undefined : { redirect_uri: redirectUri }),
      );
      const body = await processRefreshTokenResponse(this.#server, this.#client, response);
      return toTokenSet(body, this.#now(), refreshToken);
    } catch (error) {
      throw tokenEndpointError(error, [refreshToken, this.#config.clientSecret ?? '']);
    }
  }

  #authorizeUrl(
    responseType: 'token' | 'code',
    redirectUri: string,
    state: string,
    scopes: readonly string[] = this.#config.scopes,
    extraParameters?: Readonly<Record<string, string>>,
  ): URL {
    const url = new URL(this.#authorizationEndpoint.href);
    const params = url.searchParams;
    params.set('client_id', this.#config.clientId);
    params.set('response_type', responseType);
    params.set('redirect_uri', redirectUri);
    if (scopes.length > 0) params.set('scope', scopes.join(' '));
    params.set('state', state);
    for (const extra of [this.#config.authorizeParameters, extraParameters]) {
      for (const [name, value] of Object.entries(extra ?? {})) {
        if (RESERVED.has(name)) {
          throw invalid(name, `The authorize parameter ${name} is set by the client; remove it.`);
        }
        params.set(name, value);
      }
    }
    return url;
  }

  #requestOptions(additionalParameters?: Record<string, string>): TokenEndpointRequestOptions {
    const fetchImpl = this.#fetch;
    return {
      signal: () => AbortSignal.timeout(this.#timeoutMs),
      // oauth4webapi refuses http unless told; the constructor allowed http for loopback only.
      [allowInsecureRequests]: this.#tokenEndpoint.protocol === 'http:',
      ...(fetchImpl === undefined
        ? {}
        : { [customFetch]: (url: string, init: object) => fetchImpl(url, init as RequestInit) }),
      ...(additionalParameters === undefined ? {} : { additionalParameters }),
    };
  }
}
