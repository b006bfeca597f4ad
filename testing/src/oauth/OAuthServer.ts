/** One call of the token or revocation endpoint, as {@link OAuthServer.requests} lists it. */
export interface OAuthRequestRecord {
  readonly endpoint: 'token' | 'revocation';
  /** The `grant_type` sent to the token endpoint (absent if none was sent, or for revocation). */
  readonly grantType?: string;
  /** The HTTP status of the answer. */
  readonly status: number;
  /** The OAuth `error` of the answer, e.g. `invalid_grant`. */
  readonly error?: string;
}

/** Everything the server handed out, in order. Tokens are test data here. */
export interface OAuthIssued {
  /** Access tokens, including ones kept out of the table by `rejectNextAccessToken()`. */
  readonly accessTokens: readonly string[];
  readonly refreshTokens: readonly string[];
}

/** A running local OAuth2 authorization server, from {@link startOAuthServer}. */
export interface OAuthServer {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  readonly issuer: string;
  /** The port it listens on, on 127.0.0.1. */
  readonly port: number;
  /** `GET`: `response_type=code` (with PKCE S256) or `token`; redirects at once, no login page. */
  readonly authorizationEndpoint: string;
  /** `POST` form: `grant_type=authorization_code` or `refresh_token`. */
  readonly tokenEndpoint: string;
  /** `POST` form `token=…` (RFC 7009): a refresh token revokes its grant, an access token itself. */
  readonly revocationEndpoint: string;
  /** RFC 8414 metadata, at `/.well-known/oauth-authorization-server`. */
  readonly metadataEndpoint: string;
  /**
   * Revokes the grant that `refreshToken` (current or rotated out) belongs to, or every grant
   * (implicit ones too) when omitted: its refresh token then fails with `invalid_grant`, and its
   * access tokens are removed from the token table. Rejects with `SB_CONFIG_INVALID` for a
   * refresh token this server never issued.
   */
  revokeGrant(refreshToken?: string): Promise<void>;
  /** Marks every issued access token still in the table as expired ("token expired"). */
  expireAccessTokens(): Promise<void>;
  /** The next access token is handed out but not entered in the table (the XMPP login fails). */
  rejectNextAccessToken(): void;
  /** The next authorization request redirects with `error` (default `access_denied`). */
  denyNextAuthorization(error?: string): void;
  /** The next token request is answered with `status` and `{"error": error}` (default 500, `server_error`). */
  failNextTokenRequest(status?: number, error?: string): void;
  /** Every access and refresh token handed out so far, in order (revoked ones too). */
  issued(): OAuthIssued;
  /** Every token and revocation endpoint call so far, in order, without tokens. */
  requests(): readonly OAuthRequestRecord[];
  /** Closes the listener and every open connection. Idempotent. Leaves the token table as is. */
  stop(): Promise<void>;
}
