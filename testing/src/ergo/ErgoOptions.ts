/** An account registered on the test ergo before {@link startErgo} returns. */
export interface ErgoAccount {
  /** The account name, also the nick it registers with: letters, digits and `-_[]\`^{}|`. */
  readonly name: string;
  /** The password (ergo refuses spaces; printable ASCII is safest). */
  readonly password: string;
  /**
   * A client certificate's fingerprint for SASL EXTERNAL: lower-case hex SHA-256 of its DER
   * (what {@link makeClientCertificate} returns as `certfp`; colons and upper case are accepted).
   */
  readonly certfp?: string;
}

/** Options of {@link startErgo}. */
export interface ErgoOptions {
  /** Accounts registered (in order) once the server listens. Default none. */
  readonly accounts?: readonly ErgoAccount[];
  /** Also listen for plain TCP on a loopback port ({@link ErgoServer.plainPort}). Default false. */
  readonly plaintext?: boolean;
  /**
   * Keep history in memory (`draft/chathistory`, 2,048 messages per channel and 256 per
   * client, a week, no query cutoff) and replay none on join. Default false.
   */
  readonly history?: boolean;
  /** The ergo binary: a name looked up in PATH or a path. Default `ergochat` (Debian's name). */
  readonly ergoBinary?: string;
  /** How long to wait for the listeners, in ms. Default 10000. */
  readonly startTimeoutMs?: number;
  /**
   * Extra configuration merged into the rendered one (objects key by key, anything else
   * replaced), e.g. `{ accounts: { 'login-throttling': { enabled: true } } }`.
   */
  readonly config?: Readonly<Record<string, unknown>>;
}

/** A running test ergo, as {@link startErgo} hands it back. */
export interface ErgoServer {
  /** Always `127.0.0.1`. */
  readonly host: string;
  /** The TLS port (certificate for `localhost` and 127.0.0.1, signed by {@link ErgoServer.ca}). */
  readonly tlsPort: number;
  /** The plain TCP port with `plaintext: true`; otherwise undefined. */
  readonly plainPort: number | undefined;
  /** PEM of the throwaway CA that signed the server certificate. */
  readonly ca: string;
  /** The server's own directory (config, datastore, certificates, log). */
  readonly dir: string;
  /** ergo's log file inside `dir`. */
  readonly logFile: string;
  /** Registers another account while the server runs (see {@link ErgoAccount}). */
  registerAccount(account: ErgoAccount): Promise<void>;
  /** The log so far, across restarts. */
  log(): Promise<string>;
  /** Sends `signal` (default SIGKILL) and waits for the process to exit; the datastore stays. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Stops the process if it runs (SIGTERM), then starts it again on the same ports and data. */
  restart(): Promise<void>;
  /** Stops the process (SIGTERM, then SIGKILL after 5 s) and removes `dir`. Idempotent. */
  stop(): Promise<void>;
}
