/**
 * A debug trace of what an account sends and receives, for hosts that turn it on
 * (`Switchboard.create({ stanzaLog })`). Protocol plugins redact secrets before an entry is made:
 * SASL payloads, tokens and passwords never reach the log.
 */
export interface StanzaLogEntry {
  /** The account's id. */
  readonly account: string;
  readonly direction: 'in' | 'out';
  /** The element as text, with secrets replaced by `[redacted]`. */
  readonly text: string;
  /** Milliseconds since the epoch. */
  readonly at: number;
}

/** Receives stanza log entries. Must not throw; it runs on the connection's hot path. */
export type StanzaLogger = (entry: StanzaLogEntry) => void;
