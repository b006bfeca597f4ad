/**
 * Something a protocol plugin attaches to every session of an account: handlers of inbound
 * traffic, answers to requests, features it announces (for XMPP, `XmppExtension` in
 * `@switchboard/xmpp`). Opaque to the core, which only keeps the list and hands it to the
 * plugin; each plugin defines its own shape and refuses an extension of another protocol with
 * SB_EXTENSION_INVALID.
 */
export interface SessionExtension {
  /** The protocol it is written for, the `protocol` of the profiles it works with (`'xmpp'`). */
  readonly protocol: string;
  /** A name unique among the extensions of one account, used in errors. */
  readonly name: string;
}
