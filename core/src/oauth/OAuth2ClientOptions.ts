/** A `fetch` as the token requests use it; `globalThis.fetch` fits. */
export type OAuth2Fetch = (url: string, init: RequestInit) => Promise<Response>;

/** How a client with a secret authenticates at the token endpoint (RFC 6749 §2.3.1). */
export type ClientSecretMethod = 'client_secret_post' | 'client_secret_basic';

/** Options for {@link OAuth2Client}; all optional. */
export interface OAuth2ClientOptions {
  /** Clock for `expiresAt` (ms since the epoch). Default `Date.now`. */
  readonly now?: () => number;
  /** The `fetch` used for token requests. Default `globalThis.fetch`. */
  readonly fetch?: OAuth2Fetch;
  /**
   * How the client secret is sent, when the config has one. Default `'client_secret_post'`
   * (`client_id` and `client_secret` in the form body), which Live documented; use
   * `'client_secret_basic'` for servers that want HTTP Basic. Without a secret only `client_id`
   * is sent (a public client).
   */
  readonly clientSecretMethod?: ClientSecretMethod;
  /**
   * The authorization server's issuer identifier (RFC 8414). When set, a callback's `iss`
   * parameter must equal it (RFC 9207); when not, `iss` is ignored, since no issuer is known.
   */
  readonly issuer?: string;
  /** Time limit for each token request in ms. Default 30 000. */
  readonly requestTimeoutMs?: number;
}

/** Arguments of {@link OAuth2Client.implicitAuthorizationUrl}. */
export interface ImplicitAuthorizationRequest {
  /** An unguessable value; pass the same one to `parseImplicitRedirect`. */
  readonly state: string;
  /** Default: the config's `redirectUri` (Live: `https://oauth.live.com/desktop`). */
  readonly redirectUri?: string;
  /** Live's `display` (e.g. `'touch'`); overrides one in `authorizeParameters`. */
  readonly display?: string;
  /** Default: the config's `scopes`. */
  readonly scopes?: readonly string[];
}

/** Arguments of {@link OAuth2Client.startAuthorizationCode}. */
export interface AuthorizationCodeRequest {
  readonly redirectUri: string;
  /** Default: the config's `scopes`. */
  readonly scopes?: readonly string[];
  /** More authorize parameters, after the config's `authorizeParameters`. */
  readonly extraParameters?: Readonly<Record<string, string>>;
}

/** What {@link OAuth2Client.startAuthorizationCode} returns; keep `state` and `codeVerifier` private. */
export interface AuthorizationCodeStart {
  /** Open this in the user's browser. */
  readonly url: URL;
  readonly state: string;
  /** The PKCE code verifier (RFC 7636); a secret until the code is exchanged. */
  readonly codeVerifier: string;
}

/** Arguments of {@link OAuth2Client.exchangeCode}. */
export interface CodeExchange {
  /** The URL the browser was redirected to. */
  readonly callbackUrl: string | URL;
  readonly state: string;
  readonly codeVerifier: string;
  /** The same redirect URI as in the authorization request. */
  readonly redirectUri: string;
}
