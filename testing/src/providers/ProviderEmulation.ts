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

/** A host setting's value, written as a Lua literal (a list becomes a Lua table of strings). */
export type LuaSetting = string | number | boolean | readonly string[];

/**
 * A virtual host that offers a SASL mechanism from a Prosody module of your own (or one of this
 * package's), e.g. for a profile of a provider this package does not emulate. The module can
 * reuse the token table through `module:depends("sb_tokens")` (see the README).
 */
export interface CustomEmulation {
  /** The virtual host, e.g. `example.test`. */
  readonly domain: string;
  /**
   * The module that offers the mechanism: an absolute path to a `mod_<name>.lua` file (its
   * folder is added to `pluginPaths`), or the name of a module in {@link luaModulesDir} or in
   * `options.pluginPaths`, e.g. `'sb_oauthbearer'`. Checked: a missing file or name throws
   * `SB_CONFIG_INVALID`.
   */
  readonly module: string;
  /**
   * More modules for this host (e.g. limits of your own): absolute paths as for `module`, or
   * names, passed on unchecked so that Prosody's own modules can be named too. Default none.
   */
  readonly extraModules?: readonly string[];
  /** Host settings, each written as `key = <Lua literal>`, e.g. `{ example_realm: 'x' }`. */
  readonly settings?: Readonly<Record<string, LuaSetting>>;
  /**
   * The server's own mechanisms (SCRAM, PLAIN, ...) kept on this host: `true` all, a list only
   * those (e.g. `['PLAIN']`), `false` none. Default: {@link ProviderEmulation.standardMechanisms}.
   */
  readonly standardMechanisms?: boolean | readonly string[];
}

/** Which providers {@link withProviders} emulates, each on its own virtual host. */
export interface ProviderEmulation {
  /** The token table file ({@link TokenTable.file}); read by every provider host. */
  readonly tokenFile: string;
  readonly messenger?: MessengerEmulation;
  readonly facebook?: FacebookEmulation;
  readonly gtalk?: GtalkEmulation;
  readonly oauthbearer?: OAuthBearerEmulation;
  /** Hosts with mechanism modules of your own (or ours, by name), each on its own domain. */
  readonly custom?: readonly CustomEmulation[];
  /**
   * Also offer the server's own SCRAM and PLAIN mechanisms on the provider hosts. Default false:
   * each host offers what its provider offered (Google Talk: its two token mechanisms and PLAIN).
   */
  readonly standardMechanisms?: boolean;
}
