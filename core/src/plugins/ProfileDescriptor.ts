import type { CredentialKind } from '../credentials/Credential';
import type { MessageType } from '../im/types';

/** How the transport is secured: STARTTLS on the plain port, or TLS from the first byte. */
export type TlsMode = 'starttls' | 'direct';

/** Where a provider's server lives by default; every field can be overridden per account. */
export interface ServerDefaults {
  /** Host to connect to; when absent, the account's domain. */
  readonly host?: string;
  readonly port: number;
  readonly tls: TlsMode;
}

/**
 * What a provider can do. Later issues merge this with what the server announces; for now it is
 * the profile's declaration.
 */
export interface Capabilities {
  readonly rosterRead: boolean;
  readonly rosterWrite: boolean;
  readonly vcardRead: boolean;
  readonly vcardWrite: boolean;
  readonly chatStates: boolean;
  readonly delayedDelivery: boolean;
  readonly ping: boolean;
  readonly messageTypes: readonly MessageType[];
}

/** The static description of a profile: one provider on one protocol. */
export interface ProfileDescriptor {
  /** Stable id used in account configuration, e.g. `'jabber'`. */
  readonly id: string;
  /** Human-readable name, e.g. `'Jabber / XMPP'`. */
  readonly name: string;
  /** The protocol the profile speaks, e.g. `'xmpp'`. */
  readonly protocol: string;
  readonly server: ServerDefaults;
  /** SASL mechanisms the profile allows, most preferred first. */
  readonly mechanisms: readonly string[];
  /** Credential kinds accounts of this profile use. */
  readonly credentialKinds: readonly CredentialKind[];
  readonly capabilities: Capabilities;
}
