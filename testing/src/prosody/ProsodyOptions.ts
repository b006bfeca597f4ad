/** A user to register on a virtual host. */
export interface ProsodyUser {
  readonly username: string;
  readonly password: string;
}

/** A virtual host of the test server. */
export interface ProsodyHost {
  readonly domain: string;
  readonly users?: readonly ProsodyUser[];
  /** Use SASL ANONYMOUS authentication on this host. */
  readonly anonymous?: boolean;
  /** Lua lines added inside this host's `VirtualHost` section. */
  readonly config?: string;
}

/** How the server offers TLS. */
export type ProsodyTls =
  /** STARTTLS offered and required before authentication (the default). */
  | 'starttls'
  /** No certificates and no STARTTLS; PLAIN allowed in the clear (to prove clients refuse). */
  | 'none';

/** Options of {@link startProsody}. All are optional. */
export interface ProsodyOptions {
  /** Virtual hosts; default one host `example.test` without users. */
  readonly hosts?: readonly ProsodyHost[];
  /** Default `'starttls'`. */
  readonly tls?: ProsodyTls;
  /** Also listen for direct TLS (XEP-0368) on a second port. Default true unless `tls: 'none'`. */
  readonly directTls?: boolean;
  /**
   * Auth backend. Default `internal_plain`, which offers SCRAM-SHA-1, SCRAM-SHA-256 and PLAIN
   * (4096 SCRAM iterations). `internal_hashed` offers SCRAM-SHA-1 and PLAIN only, with Prosody's
   * default 10,000 iterations.
   */
  readonly authentication?: 'internal_plain' | 'internal_hashed';
  /** Extra modules to enable. */
  readonly modules?: readonly string[];
  /** Extra directories with Lua modules. */
  readonly pluginPaths?: readonly string[];
  /** Lua lines appended to the global section. */
  readonly extraConfig?: string;
  /** Default `'info'`; `'debug'` logs every stanza. */
  readonly logLevel?: 'debug' | 'info' | 'warn';
  /** The prosody binary; default `prosody` on PATH. */
  readonly prosodyBinary?: string;
  /** The prosodyctl binary; default `prosodyctl` on PATH. */
  readonly prosodyctlBinary?: string;
  /** How long to wait for the port to open. Default 10,000 ms. */
  readonly startTimeoutMs?: number;
}
