import type { AccountConfig, Credential, SwitchboardOptions } from '@switchboard/core';
import type { ProsodyOptions, ProsodyUser } from '../prosody/ProsodyOptions';
import type { ProsodyServer } from '../prosody/ProsodyServer';
import type { ProviderEmulation } from '../providers/ProviderEmulation';
import type { TokenTable } from '../providers/TokenTable';

/** The scenarios of {@link describeProfileConformance}, each a `describe` block of its own. */
export type ConformanceScenario =
  | 'login'
  | 'badCredential'
  | 'presence'
  | 'messages'
  | 'capabilities'
  | 'reconnect';

/** What the kit has started, for making credentials once the server runs. */
export interface ConformanceContext {
  readonly server: ProsodyServer;
  /** The token table every emulated host reads (empty until you issue). */
  readonly tokens: TokenTable;
  /** The profile's virtual host. */
  readonly domain: string;
  /** The local part of the account under test. */
  readonly user: string;
}

/** A credential the server accepts for the account under test, and one it refuses. */
export interface ConformanceCredentials {
  readonly valid: Credential;
  readonly invalid: Credential;
}

/** How the emulator serves the profile's domain. */
export interface ConformanceEmulation {
  /**
   * Emulated providers and mechanism modules of your own, as {@link withProviders} takes them
   * (the kit makes the token table and passes its file). Use `custom` for your own Lua module.
   * Default none: the domain is a plain Prosody host (SCRAM and PLAIN).
   */
  readonly providers?: Omit<ProviderEmulation, 'tokenFile'>;
  /** Users registered on the profile's domain before the server starts. Default none. */
  readonly users?: readonly ProsodyUser[];
  /**
   * Further {@link startProsody} options (e.g. `{ logLevel: 'debug' }`); `hosts` given here are
   * added to the kit's two. Default none.
   */
  readonly prosody?: ProsodyOptions;
}

/** Options of {@link describeProfileConformance}. */
export interface ProfileConformanceOptions {
  /** The id of the profile under test, e.g. `'messenger'`. */
  readonly profile: string;
  /**
   * The modules for `Switchboard.create`: the protocol plugin's module and the profile's own
   * (e.g. `[xmppModule, myProfileModule]`), in the order your host app loads them.
   */
  readonly modules: SwitchboardOptions['modules'];
  /** The virtual host the account logs in to, e.g. `'example.test'`. */
  readonly domain: string;
  /** The local part of the account under test. Default `'conformance'`. */
  readonly user?: string;
  /** The SASL mechanism the login must choose, e.g. `'X-EXAMPLE-TOKEN'`. */
  readonly mechanism: string;
  /** How the emulator serves `domain`. */
  readonly emulation?: ConformanceEmulation;
  /**
   * Called once, after the server started: returns a credential it accepts for
   * `user@domain` and one it refuses (issue tokens into `context.tokens`, or register a user).
   * See {@link passwordCredentials} and {@link tokenCredentials}.
   */
  readonly credentials: (
    context: ConformanceContext,
  ) => ConformanceCredentials | Promise<ConformanceCredentials>;
  /**
   * More account settings for every account of the profile, e.g. `{ parameters: { apiKey } }`.
   * The kit sets `id`, `profile`, `address`, `credential` and `server`.
   */
  readonly account?: Partial<Omit<AccountConfig, 'profile' | 'address' | 'credential'>>;
  /** The virtual host of the kit's Jabber peers (password users). Default `'peer.conformance.test'`. */
  readonly peerDomain?: string;
  /** Scenarios to leave out, each with the reason (they register no test). Default none. */
  readonly skip?: Partial<Record<ConformanceScenario, string>>;
}
