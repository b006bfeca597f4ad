import type { ConfiguredCredential } from '../credentials/Credential';
import type { OutboundPresence } from '../im/types';
import type { TlsMode } from '../plugins/ProfileDescriptor';
import type { LivenessOptions } from './reliability/LivenessOptions';
import type { ReconnectOptions } from './reliability/ReconnectPolicy';

/**
 * Trust settings for the TLS connection. Certificate verification is always on; these only
 * choose what is trusted and which name is checked.
 */
export interface TlsTrust {
  /** PEM certificate(s) to trust instead of the system store (e.g. a private CA). */
  readonly ca?: string | readonly string[];
  /** Name to verify the certificate against; default: the account's domain. */
  readonly servername?: string;
}

/** Per-account overrides of the profile's server defaults. */
export interface ServerOverrides {
  readonly host?: string;
  readonly port?: number;
  readonly tls?: TlsMode;
}

/** Configuration of one account. */
export interface AccountConfig {
  /** Stable id for events and storage; default: `profile:address`. */
  readonly id?: string;
  /** Id of the profile to use, e.g. `'jabber'`. */
  readonly profile: string;
  /** The account's address, e.g. `'alice@example.org'`. */
  readonly address: string;
  /**
   * The credential, or `{ kind: 'password', provide }`: a function asked for the password at
   * each login (reconnects included).
   */
  readonly credential: ConfiguredCredential;
  readonly server?: ServerOverrides;
  readonly tls?: TlsTrust;
  /** SASL mechanisms this account allows, most preferred first (narrows the profile's list). */
  readonly mechanisms?: readonly string[];
  /**
   * Allow authentication without TLS. Honoured only when the server host is a loopback address
   * (development against a local server); rejected for any other host.
   */
  readonly allowInsecureLoopback?: boolean;
  /**
   * Provider-specific, non-secret parameters a profile documents (e.g. Facebook's `apiKey`, the
   * app id). Secrets belong in `credential`.
   */
  readonly parameters?: Readonly<Record<string, string>>;
  /** Presence sent once online; `false` sends none. Default: available. */
  readonly initialPresence?: OutboundPresence | false;
  /** Resource to request at bind; default: server-assigned. */
  readonly resource?: string;
  /**
   * Check operations against the profile's capabilities before sending. Default true; turn off
   * only to see what the server itself answers (diagnostics, emulator tests).
   */
  readonly enforceCapabilities?: boolean;
  /** Timeout for each protocol step, in milliseconds. Default 10,000. */
  readonly timeoutMs?: number;
  /**
   * Reconnecting after the session was lost: exponential backoff with jitter. `false` turns it
   * off. Never after an authentication failure or `disconnect()`.
   */
  readonly reconnect?: Partial<ReconnectOptions> | false;
  /** Keepalive and dead-connection detection, over the profile's defaults; `false` turns it off. */
  readonly liveness?: Partial<LivenessOptions> | false;
  /** Messages sent while reconnecting wait in a queue of at most this many. Default 1,000. */
  readonly offlineQueueLimit?: number;
  /**
   * The largest message the account sends, in bytes of its wire form (XMPP: the `<message/>`
   * stanza as UTF-8). A larger one is refused with SB_MESSAGE_TOO_LARGE before anything is sent.
   * Default: the plugin's (XMPP: 262,144, the stanza limit Prosody and ejabberd apply by default).
   */
  readonly maxMessageBytes?: number;
  /**
   * Addresses whose presence the account follows from its first login on (capability `watch`,
   * e.g. IRC `MONITOR`); `Account.watch` and `unwatch` change the list later. Each must be a
   * valid address of the protocol. Refused with SB_CAPABILITY_UNSUPPORTED on a profile without
   * `watch` (unless `enforceCapabilities` is false).
   */
  readonly watch?: readonly string[];
  /**
   * Confirm receipt when a contact's message asks for it (XMPP: answer XEP-0184 receipt
   * requests of `chat` and `normal` messages). Default true. An answer tells the sender that one
   * of this account's clients is online, so a host that must not reveal that to strangers turns
   * it off.
   */
  readonly answerReceipts?: boolean;
}
