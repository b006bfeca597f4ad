import type { LivenessOptions } from '../accounts/reliability/LivenessOptions';
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

/**
 * Where a provider's OAuth2 authorization server lives and what to ask it for. Every field can be
 * overridden per Switchboard instance (tests point them at a local server).
 */
export interface OAuth2Descriptor {
  readonly authorizationEndpoint: string;
  readonly tokenEndpoint: string;
  readonly scopes: readonly string[];
  /** The redirect URI registered for desktop apps, when the provider had one. */
  readonly redirectUri?: string;
  /** Extra authorize parameters (e.g. Live's `display`). */
  readonly authorizeParameters?: Readonly<Record<string, string>>;
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
  /** The provider's OAuth2 endpoints and scopes, for profiles that use OAuth2 tokens. */
  readonly oauth2?: OAuth2Descriptor;
  /** Keepalive and probe timing for the provider (e.g. below its idle limit); accounts override. */
  readonly liveness?: Partial<LivenessOptions>;
}
