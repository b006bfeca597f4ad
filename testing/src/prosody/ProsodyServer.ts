/** A running test Prosody, as {@link startProsody} hands it back. */
export interface ProsodyServer {
  /** Always `127.0.0.1`. */
  readonly host: string;
  /** The c2s port (STARTTLS, or plain with `tls: 'none'`). */
  readonly port: number;
  /** The direct TLS port, when enabled. */
  readonly directTlsPort: number | undefined;
  /**
   * With `websocket: true`, the RFC 7395 endpoint, `wss://127.0.0.1:PORT/xmpp-websocket`
   * (subprotocol `xmpp`; trust {@link ProsodyServer.ca}); otherwise undefined.
   */
  readonly websocketUrl: string | undefined;
  /**
   * The Prosody release that runs, e.g. `13.0.1` (its `prosody.version`), or undefined where
   * the install does not say (a source build without that file).
   */
  readonly version: string | undefined;
  /** The virtual host domains, in the order given. */
  readonly domains: readonly string[];
  /** The multi-user chat service's domain (`rooms` option), else undefined. */
  readonly roomsDomain: string | undefined;
  /** PEM of the throwaway CA that signed the server certificate (empty with `tls: 'none'`). */
  readonly ca: string;
  /** The server's own directory (config, data, certificates, pidfile, log). */
  readonly dir: string;
  /** Prosody's log file inside `dir`. */
  readonly logFile: string;
  /**
   * Registers (or re-registers) a user with `prosodyctl register`, whatever the backend; works
   * while the server runs, no restart needed.
   */
  registerUser(domain: string, username: string, password: string): Promise<void>;
  /** The log so far, across restarts. */
  log(): Promise<string>;
  /** Sends `signal` (default SIGKILL) and waits for the process to exit; the data stays. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Stops the process if it runs (SIGTERM), then starts it again on the same ports and data. */
  restart(): Promise<void>;
  /** Stops the process (SIGTERM, then SIGKILL after 5 s) and removes `dir`. Idempotent. */
  stop(): Promise<void>;
}
