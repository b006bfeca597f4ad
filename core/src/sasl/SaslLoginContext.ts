/**
 * What a connection tells a SASL mechanism about the login it runs in: channel binding
 * (RFC 5929, RFC 9266, XEP-0440), what the server offered (for downgrade checks: SCRAM's gs2
 * flag `y`, XEP-0474 SSDP), and the account's SCRAM key cache.
 */

/**
 * A TLS channel binding type. `tls-exporter` (RFC 9266) needs TLS 1.3; `tls-unique`
 * (RFC 5929) is undefined there and only exists on TLS 1.2 and below; `tls-server-end-point`
 * (RFC 5929) hashes the server's certificate and works on every version.
 */
export type ChannelBindingType = 'tls-exporter' | 'tls-server-end-point' | 'tls-unique';

/** Where a SCRAM key cache entry applies: one server, one user, one salt and count. */
export interface ScramCacheKey {
  /** The server (XMPP domain, IRC network host). */
  readonly server: string;
  /** The authentication identity as sent (after SASLprep). */
  readonly username: string;
  /** The SCRAM hash, e.g. `SHA-256`. */
  readonly hash: string;
  /** The server's salt, base64 as the server sent it. */
  readonly salt: string;
  readonly iterations: number;
}

/** The keys SCRAM derives from the salted password (RFC 5802 §3); both are secrets. */
export interface ScramCachedKeys {
  readonly clientKey: Uint8Array;
  readonly serverKey: Uint8Array;
}

/**
 * Cached SCRAM keys of one account, so a reconnect skips PBKDF2 (as Smack and Conversations
 * do). The password is part of the lookup: a different password never finds the old keys.
 * Implementations hold everything as secrets (never logged, not in `util.inspect`), hand out
 * copies, and forget everything on {@link ScramKeyCache.clear}.
 */
export interface ScramKeyCache {
  get(key: ScramCacheKey, password: string): Promise<ScramCachedKeys | undefined>;
  /** Settles once the keys are stored (the password check may use asynchronous WebCrypto). */
  set(key: ScramCacheKey, password: string, keys: ScramCachedKeys): Promise<void>;
  /** Forgets one entry (its login failed), or all of them. */
  delete(key: ScramCacheKey): void;
  clear(): void;
}

/**
 * The per-login facts a mechanism may use, given to {@link SaslMechanismDefinition.create}.
 * Every field is optional for mechanisms: PLAIN needs none of them.
 */
export interface SaslLoginContext {
  /** The server's name (XMPP domain, IRC host): part of the SCRAM cache key. */
  readonly server?: string;
  /**
   * Channel binding types this connection can produce and the server accepts (the server's
   * XEP-0440 list when it sent one), best first. Empty on an unencrypted stream.
   */
  readonly channelBindings: readonly ChannelBindingType[];
  /** The binding data of one type for this connection; `undefined` when it cannot be produced. */
  channelBindingData(type: ChannelBindingType): Uint8Array | undefined;
  /** Every mechanism the server offered in this exchange's list, in its order. */
  readonly offered: readonly string[];
  /**
   * The channel binding types the server advertised (XEP-0440), or `undefined` when it did
   * not say. XEP-0474 hashes them together with {@link offered}.
   */
  readonly serverChannelBindings?: readonly string[];
  /** The account's SCRAM key cache; absent means derive every time. */
  readonly scramKeys?: ScramKeyCache;
}
