/**
 * The kinds of credential an account can hold. Mechanisms declare which kinds they need.
 * The union is open so third-party mechanisms can name new kinds.
 */
export type CredentialKind = 'password' | 'oauth2' | 'token' | (string & {});

/** A password for password mechanisms (PLAIN, SCRAM-*). */
export interface PasswordCredential {
  readonly kind: 'password';
  readonly password: string;
}

/** An OAuth2 access token (X-MESSENGER-OAUTH2, X-OAUTH2, OAUTHBEARER, ...). */
export interface OAuth2Credential {
  readonly kind: 'oauth2';
  readonly accessToken: string;
  /** Absolute expiry in milliseconds since the epoch, when known. */
  readonly expiresAt?: number;
  /**
   * Lets the account renew its access token without the user (with an OAuth2 client configured
   * for the profile). Only the seed: once stored, the token store holds the current tokens.
   */
  readonly refreshToken?: string;
}

/** An opaque provider token (e.g. X-GOOGLE-TOKEN). */
export interface TokenCredential {
  readonly kind: 'token';
  readonly token: string;
}

/** Any credential an account can hold. */
export type Credential = PasswordCredential | OAuth2Credential | TokenCredential;
