import type { TokenTable } from '../providers/TokenTable';

/**
 * The form of the access tokens the server hands out.
 * - `'live'`: canonical base64 text like Windows Live's (`EwAw…+/8=`, 132 characters, always
 *   with `/`, `+` and one `=`), as X-MESSENGER-OAUTH2 needs and as the URI encoding of the
 *   implicit redirect has to handle.
 * - `'opaque'`: `sb.` and 43 characters of base64url, for providers whose tokens are opaque.
 */
export type OAuthTokenFormat = 'live' | 'opaque';

/** Options of {@link startOAuthServer}. */
export interface OAuthServerOptions {
  /**
   * The token table the Prosody emulation reads. Every access token is entered here before the
   * client sees it, and revoked or expired here by the server's controls.
   */
  readonly tokens: TokenTable;
  /** The local part of the JID the tokens log in as, e.g. `alice`. */
  readonly user: string;
  /** The virtual host the tokens are valid on, e.g. `messenger.test`. */
  readonly host: string;
  /** SASL mechanisms the tokens are valid for in the table. Default any. */
  readonly mechanisms?: readonly string[];
  /** `expires_in` of every access token, and its expiry in the table. Default 3600 (Live). */
  readonly accessTokenLifetimeSeconds?: number;
  /** Default `'live'`. */
  readonly tokenFormat?: OAuthTokenFormat;
  /** The only client id accepted. Default: any client id. */
  readonly clientId?: string;
  /** Refuse authorization requests without an S256 `code_challenge`. Default `true`. */
  readonly requirePkce?: boolean;
  /**
   * Whether a refresh grant hands out a new refresh token (the old one then fails with
   * `invalid_grant`). Default `false`, like Live.
   */
  readonly rotateRefreshTokens?: boolean;
  /**
   * A code grant returns a refresh token only when the granted scope contains this scope
   * (Live: `'wl.offline_access'`). Default: always return one.
   */
  readonly offlineScope?: string;
  /** The scope granted when the authorization request names none. Default `'wl.messenger'`. */
  readonly defaultScope?: string;
  /**
   * Redirect URIs accepted besides loopback `http` ones (`http://127.0.0.1:*`, `http://[::1]:*`,
   * `http://localhost:*`), compared exactly, e.g. `https://oauth.live.com/desktop`.
   */
  readonly redirectUris?: readonly string[];
}
