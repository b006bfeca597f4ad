/**
 * The config file as read: account entries and OAuth2 clients are checked when a command uses
 * them (one broken entry does not stop the others), the file's shape at once.
 */
export interface ConfigFile {
  /** The file's absolute path. */
  readonly file: string;
  /** Whether the file existed (commands that add accounts may start without one). */
  readonly exists: boolean;
  /** Account entries by name; see `parseAccountEntry`. */
  readonly accounts: Readonly<Record<string, unknown>>;
  /** OAuth2 clients by profile id; see `parseOAuth2Entry`. */
  readonly oauth2: Readonly<Record<string, unknown>>;
  /** Where OAuth2 tokens are kept: `tokenFile` resolved against the file's folder. */
  readonly tokenFile: string;
  /** The parsed JSON, for commands that rewrite the file. */
  readonly raw: Readonly<Record<string, unknown>>;
}

/** The top-level fields a config file may have. */
export const configFields = ['accounts', 'oauth2', 'tokenFile'] as const;
