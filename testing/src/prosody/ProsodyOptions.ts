/** A user to register on a virtual host before the server starts. */
export interface ProsodyUser {
  /** The local part of the JID, e.g. `alice`. */
  readonly username: string;
  /** Stored as the auth backend stores it (plain text or SCRAM hashes). */
  readonly password: string;
}

/** A virtual host of the test server. */
export interface ProsodyHost {
  /** The domain, e.g. `example.test`; also a subjectAltName of the server certificate. */
  readonly domain: string;
  /**
   * Users registered before the server starts. Default none. With `internal_plain` their account
   * files are written straight into the data directory (thousands per second), so each username
   * must already be a nodeprep'ed localpart in lowercase ASCII; otherwise, and for passwords that
   * are not printable ASCII, `prosodyctl register` runs (8 at a time).
   */
  readonly users?: readonly ProsodyUser[];
  /** Use SASL ANONYMOUS (`authentication = "anonymous"`) on this host. Default false. */
  readonly anonymous?: boolean;
  /** Lua lines added inside this host's `VirtualHost` section (after {@link ProsodyOptions.hostConfig}). */
  readonly config?: string;
}

/** How the server offers TLS on its c2s port. */
export type ProsodyTls =
  /** STARTTLS offered and required before authentication (the default). */
  | 'starttls'
  /** No certificates, no STARTTLS, PLAIN allowed in the clear: to prove a client refuses. */
  | 'none';

/**
 * The auth backend of the non-anonymous hosts. What Prosody 13.0 offers after TLS 1.3:
 * - `internal_plain`: SCRAM-SHA-256, SCRAM-SHA-1, both also `-PLUS`, and PLAIN (SCRAM keys
 *   derived per login with 10,000 iterations, a fixed value).
 * - `internal_hashed`: SCRAM-SHA-1(-PLUS), PLAIN and OAUTHBEARER (Prosody's own tokens);
 *   SCRAM-SHA-256 instead of SCRAM-SHA-1 with `password_hash = "SHA-256"` in `extraConfig`;
 *   10,000 iterations (`default_iteration_count`).
 *
 * The `-PLUS` variants are bound with `tls-exporter` over TLS 1.3 (also `tls-server-end-point`
 * with {@link ProsodyOptions.tlsServerEndPoint}), with `tls-unique` over TLS 1.2.
 */
export type ProsodyAuthentication = 'internal_plain' | 'internal_hashed';

/** Options of {@link startProsody}. All are optional. */
export interface ProsodyOptions {
  /** Virtual hosts. Default one host `example.test` without users. */
  readonly hosts?: readonly ProsodyHost[];
  /** Default `'starttls'`. */
  readonly tls?: ProsodyTls;
  /** Also listen for direct TLS (XEP-0368) on `directTlsPort`. Default true unless `tls: 'none'`. */
  readonly directTls?: boolean;
  /**
   * Also listen on the IPv6 loopback `::1`, on the same ports as on 127.0.0.1 (c2s and direct
   * TLS), for tests of IPv6 connections. Default false.
   */
  readonly ipv6?: boolean;
  /** Default `'internal_plain'`: the backend that offers SCRAM-SHA-256, SCRAM-SHA-1 and PLAIN. */
  readonly authentication?: ProsodyAuthentication;
  /**
   * Also serve XMPP over WebSocket (RFC 7395, Prosody's `mod_websocket`) at the server's
   * `websocketUrl`, `wss://127.0.0.1:PORT/xmpp-websocket`: HTTPS only, with the c2s certificate,
   * SASL and stream management as on c2s. Not allowed with `tls: 'none'`. Default false.
   */
  readonly websocket?: boolean;
  /**
   * Stream management (XEP-0198, `mod_smacks`, on in Prosody's default configuration).
   * `hibernationSeconds` is how long the server keeps a lost session for resumption
   * (`smacks_hibernation_time`, Prosody's default 600). Default on, with Prosody's default;
   * `false` turns it off.
   */
  readonly streamManagement?: false | { readonly hibernationSeconds?: number };
  /**
   * A multi-user chat service (XEP-0045, Prosody's `muc` component) at `conference.<first host>`
   * (or `domain`): anyone may create rooms, rooms are archived (`muc_mam`) when `archive` is on.
   * The server's `roomsDomain` names it. Default off.
   */
  readonly rooms?: boolean | { readonly domain: string };
  /**
   * Message Archive Management (XEP-0313, `mod_mam`): every user's 1:1 messages are archived
   * (`default_archive_policy = true`, kept a week), and so are rooms with `rooms`. Default off.
   */
  readonly archive?: boolean;
  /** Message Carbons (XEP-0280, `mod_carbons`). Default off. */
  readonly carbons?: boolean;
  /**
   * SASL2 (XEP-0388, `mod_sasl2`) with Bind2 (XEP-0386, `mod_sasl2_bind2`), inline stream
   * management (`mod_sasl2_sm`, unless `streamManagement: false`) and FAST token logins
   * (XEP-0484, `mod_sasl2_fast`), from Debian's `prosody-modules`; needs Prosody 13 (else
   * `SB_PROSODY_UNSUPPORTED`). `fast: false` leaves FAST out. Default off: classic SASL only.
   */
  readonly sasl2?: boolean | { readonly fast?: boolean };
  /** SCRAM downgrade protection (XEP-0474, `mod_sasl_ssdp`). Default off. */
  readonly ssdp?: boolean;
  /**
   * Also offer the `tls-server-end-point` channel binding (RFC 5929) with classic SASL
   * (`tls_server_end_point_hash = "auto"`); Prosody 13 offers `tls-exporter` on TLS 1.3 always.
   * Default off.
   */
  readonly tlsServerEndPoint?: boolean;
  /** Extra module names for `modules_enabled`. Default none. */
  readonly modules?: readonly string[];
  /** Extra directories with Lua modules (`plugin_paths`). Default none. */
  readonly pluginPaths?: readonly string[];
  /** Lua lines appended to the global section. Default none. */
  readonly extraConfig?: string;
  /** Lua lines per virtual host, keyed by domain, added inside its `VirtualHost` section. */
  readonly hostConfig?: Readonly<Record<string, string>>;
  /**
   * Lowest level written to `logFile`. Default `'info'`; `'debug'` logs every stanza. Readiness is
   * read from `info` lines, so nothing higher is offered.
   */
  readonly logLevel?: 'debug' | 'info';
  /** The prosody binary, a name looked up on PATH or a path. Default `prosody`. */
  readonly prosodyBinary?: string;
  /** The prosodyctl binary, a name looked up on PATH or a path. Default `prosodyctl`. */
  readonly prosodyctlBinary?: string;
  /** How long to wait for the ports to open. Default 10,000 ms. */
  readonly startTimeoutMs?: number;
}
