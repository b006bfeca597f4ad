/** Windows Live Messenger: SASL X-MESSENGER-OAUTH2 (`mod_sb_messenger`). */
export interface MessengerEmulation {
  /** The virtual host, e.g. `messenger.test`. */
  readonly domain: string;
  /**
   * Live's limits (`mod_sb_messenger_limits`): roster sets answered
   * `cancel/feature-not-implemented`, vCard sets `auth/forbidden`. Default true.
   */
  readonly limits?: boolean;
  /**
   * With `limits`: let a roster set that adds a contact not yet on the roster through (Microsoft's
   * reference allowed adding only; renames, groups and removals stay refused). Default false.
   */
  readonly allowRosterAdd?: boolean;
  /**
   * Close connections that sent nothing for this many seconds with the stream error
   * `connection-timeout`, as Live did after one to two minutes. Process-wide (every connection
   * of the server gets this read timeout), so use it on a server of its own. Default off.
   */
  readonly idleDropSeconds?: number;
}

/** Facebook Chat: SASL X-FACEBOOK-PLATFORM (`mod_sb_facebook`). */
export interface FacebookEmulation {
  /** The virtual host, e.g. `facebook.test`. */
  readonly domain: string;
  /** The application id clients must send as `api_key`. */
  readonly apiKey: string;
  /** Also accept the legacy `session_key` + `sig` response, signed with this secret. */
  readonly appSecret?: string;
  /** A fixed challenge nonce instead of a random one (to replay test vectors). */
  readonly nonce?: string;
  /** Facebook's limits (`mod_sb_facebook_limits`): roster sets refused. Default true. */
  readonly limits?: boolean;
}

/** Google Talk: SASL X-GOOGLE-TOKEN and X-OAUTH2, plus PLAIN as Google offered (`mod_sb_gtalk`). */
export interface GtalkEmulation {
  /** The virtual host, e.g. `gmail.test`. */
  readonly domain: string;
}

/** A third-party OAuth provider: SASL OAUTHBEARER, RFC 7628 (`mod_sb_oauthbearer`). */
export interface OAuthBearerEmulation {
  /** The virtual host, e.g. `oauth.test`. */
  readonly domain: string;
  /** `scope` in the JSON error challenge. Default absent. */
  readonly scope?: string;
  /** `openid-configuration` in the JSON error challenge. Default absent. */
  readonly openidConfiguration?: string;
}

/** Which providers {@link withProviders} emulates, each on its own virtual host. */
export interface ProviderEmulation {
  /** The token table file ({@link TokenTable.file}); read by every provider host. */
  readonly tokenFile: string;
  readonly messenger?: MessengerEmulation;
  readonly facebook?: FacebookEmulation;
  readonly gtalk?: GtalkEmulation;
  readonly oauthbearer?: OAuthBearerEmulation;
  /**
   * Also offer the server's own SCRAM and PLAIN mechanisms on the provider hosts. Default false:
   * each host offers what its provider offered (Google Talk: its two token mechanisms and PLAIN).
   */
  readonly standardMechanisms?: boolean;
}
