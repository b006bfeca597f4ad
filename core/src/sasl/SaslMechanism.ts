import type { CredentialKind } from '../credentials/Credential';
import type { ChannelBindingType, SaslLoginContext } from './SaslLoginContext';

/**
 * Data a mechanism produces or receives. A string is UTF-8 text; a `Uint8Array` is raw bytes.
 * Base64 happens only at the wire, never inside a mechanism.
 */
export type SaslData = string | Uint8Array;

/**
 * What a mechanism gets to build its responses. Field names follow the saslmechanisms
 * convention (`username`, `password`, `authzid`, `host`, `serviceType`, ...), extended with
 * token fields. Mechanisms must never log or echo these values.
 */
export interface SaslCredentials {
  /** The authentication identity (for XMPP usually the local part). */
  readonly username?: string;
  /** The authorization identity, if different from the authentication identity. */
  readonly authzid?: string;
  readonly password?: string;
  readonly accessToken?: string;
  readonly token?: string;
  /**
   * A FAST token (XEP-0484) for the HT-* mechanisms: the secret the server issued at an
   * earlier login (`LoginMemory.fastToken()`), used as the HMAC key. Never logged; scrubbed
   * from errors like the account's credential.
   */
  readonly fastToken?: string;
  /** The account's full address (e.g. `user@example.org`). */
  readonly address?: string;
  /** The service domain (XMPP domain). */
  readonly host?: string;
  readonly realm?: string;
  readonly serviceType?: string;
  readonly serviceName?: string;
  /** Mechanism-specific extras (e.g. an app id); never secrets unless documented. */
  readonly [extra: string]: unknown;
}

/**
 * One authentication exchange. Compatible with the saslmechanisms convention:
 * `name`, `clientFirst`, `response(credentials)` and `challenge(data)`.
 * A new instance is created for every login, so instances may keep state.
 */
export interface SaslMechanism {
  readonly name: string;
  readonly clientFirst: boolean;
  /**
   * The next client message. `null` or `undefined` means "no data" (a server-first `<auth/>`
   * without text, or an empty `<response/>`); an empty string or array means a zero-length payload.
   */
  response(
    credentials: SaslCredentials,
  ): SaslData | null | undefined | Promise<SaslData | null | undefined>;
  /** Receives a server challenge (already base64-decoded). May throw a coded error. */
  challenge(data: Uint8Array): unknown;
  /**
   * Receives the additional data of `<success/>` (or `null` when there is none) and verifies
   * it, e.g. SCRAM's server signature. Throws a coded error when verification fails.
   */
  success?(data: Uint8Array | null): void | Promise<void>;
  /**
   * Facts the mechanism learned that explain a `<failure/>` (e.g. OAUTHBEARER's JSON `status`),
   * merged into the error's details. Never secrets.
   */
  failureDetails?(): Readonly<Record<string, unknown>> | undefined;
  /** Extra attributes for the `<auth/>` element (e.g. Google's `auth:service`). */
  authAttributes?(credentials: SaslCredentials): Readonly<Record<string, string>>;
}

/** How much of a mechanism's payloads may appear in a debug log. */
export type SaslRedaction = 'all' | 'none';

/**
 * A registrable mechanism: its static facts plus a factory for per-login instances.
 */
export interface SaslMechanismDefinition {
  /** The IANA/registered SASL name, compared case-sensitively. */
  readonly name: string;
  /** False for server-first mechanisms: `<auth/>` is sent without text. */
  readonly clientFirst: boolean;
  /**
   * Credential kinds the mechanism can use; it is eligible when the account holds any one of
   * them. An empty list means it needs none (ANONYMOUS).
   */
  readonly credentialKinds: readonly CredentialKind[];
  /** May it run on an unencrypted stream? Default: no. */
  readonly allowInsecure?: boolean;
  /** Whether payloads carry secrets and must be redacted in logs. Default: `'all'`. */
  readonly redaction?: SaslRedaction;
  /**
   * The mechanism binds the login to the TLS channel (SCRAM-*-PLUS, HT-*-EXPR/ENDP/UNIQ): it is
   * only eligible when the connection has one of these binding types (`SelectionPolicy`'s
   * `channelBindings`). Absent: no channel binding needed.
   */
  readonly channelBindings?: readonly ChannelBindingType[];
  /**
   * A fresh instance for one login. `context` carries the connection's channel binding, the
   * offered mechanisms and the account's SCRAM key cache; mechanisms that need none ignore it.
   */
  create(context?: SaslLoginContext): SaslMechanism;
}
