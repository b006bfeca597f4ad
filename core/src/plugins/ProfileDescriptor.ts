import type { CapabilitySet } from '../capabilities/CapabilitySet';
import type { CredentialKind } from '../credentials/Credential';

/** How the transport is secured: STARTTLS on the plain port, or TLS from the first byte. */
export type TlsMode = 'starttls' | 'direct';

/** Where a provider's server lives by default; every field can be overridden per account. */
export interface ServerDefaults {
  /** Host to connect to; when absent, the account's domain. */
  readonly host?: string;
  readonly port: number;
  readonly tls: TlsMode;
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
  /** What the provider can do; the account narrows it by what the server announces. */
  readonly capabilities: CapabilitySet;
}
