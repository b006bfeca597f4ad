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

/**
 * A TLS client certificate and its private key, both PEM (SASL EXTERNAL): the plugin presents
 * the certificate in the TLS handshake; the server knows the account by its fingerprint.
 */
export interface CertificateCredential {
  readonly kind: 'certificate';
  readonly cert: string;
  readonly key: string;
}

/** An ECDSA P-256 private key, PKCS#8 PEM (ECDSA-NIST256P-CHALLENGE). */
export interface EcdsaCredential {
  readonly kind: 'ecdsa-p256';
  readonly key: string;
}

/** Any credential an account can hold. */
export type Credential =
  | PasswordCredential
  | OAuth2Credential
  | TokenCredential
  | CertificateCredential
  | EcdsaCredential;

/** What a {@link PasswordProvider} is told about the login that needs the password. */
export interface PasswordRequest {
  /** The account's id. */
  readonly accountId: string;
  /** The account's address. */
  readonly address: string;
  /** Aborted when the login is given up (`disconnect()`, or the `connect()` caller's signal). */
  readonly signal: AbortSignal;
}

/**
 * Gives the password for one login (a keychain, a prompt, a secrets manager). Called before each
 * login attempt, reconnects included, so the password need not stay in the host's memory.
 */
export type PasswordProvider = (request: PasswordRequest) => string | Promise<string>;

/** A password asked of the host at each login instead of being kept in the configuration. */
export interface PasswordProviderCredential {
  readonly kind: 'password';
  readonly provide: PasswordProvider;
}

/**
 * What an account can be configured with: a credential, or a provider that yields a password at
 * each login. Plugins and mechanisms only ever see a {@link Credential}.
 */
export type ConfiguredCredential = Credential | PasswordProviderCredential;

/** Whether `credential` is a password provider rather than a credential. */
export function isPasswordProvider(
  credential: ConfiguredCredential,
): credential is PasswordProviderCredential {
  return credential.kind === 'password' && 'provide' in credential;
}
