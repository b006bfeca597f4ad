/** A running test Prosody, as {@link startProsody} hands it back. */
export interface ProsodyServer {
  /** Always `127.0.0.1`. */
  readonly host: string;
  /** The c2s port (STARTTLS, or plain with `tls: 'none'`). */
  readonly port: number;
  /** The direct TLS port, when enabled. */
  readonly directTlsPort: number | undefined;
  readonly domains: readonly string[];
  /** PEM of the CA that signed the server certificate (empty with `tls: 'none'`). */
  readonly ca: string;
  /** The server's own directory (config, data, certificates, log). */
  readonly dir: string;
  readonly logFile: string;
  /** Registers a user while the server runs. */
  registerUser(domain: string, username: string, password: string): Promise<void>;
  /** The log so far. */
  log(): Promise<string>;
  /** Kills the process (default SIGKILL) and waits for it to exit; the data stays. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Starts the process again on the same ports with the same data. */
  restart(): Promise<void>;
  /** Stops the process (SIGTERM, then SIGKILL after 5 s) and removes its directory. Idempotent. */
  stop(): Promise<void>;
}
