/**
 * What a command has learnt by the time something fails (which account, which file), so the
 * error's hint can name the option or field to fix. Never holds a secret.
 */
export interface HintFacts {
  configFile?: string;
  account?: string;
  profile?: string;
  /** How TLS starts on the connection used: `starttls` or `direct` (XEP-0368). */
  tls?: string;
  /** The server port used. */
  port?: number;
  /** The account got online (a later failure is no login problem). */
  online?: boolean;
  /** How the account's secret is obtained, e.g. `$ALICE_PASSWORD` or `the prompt`. */
  secretSource?: string;
}
