import type { AccountConfig, SwitchboardOptions } from '@switchboard/core';
import type { ErgoOptions } from '../../ergo/ErgoOptions';

/** The scenarios of {@link describeIrcProfileConformance}, each a `describe` block of its own. */
export type IrcConformanceScenario =
  | 'login'
  | 'badCredential'
  | 'messages'
  | 'capabilities'
  | 'reconnect';

/** Options of {@link describeIrcProfileConformance}. */
export interface IrcProfileConformanceOptions {
  /** The id of the profile under test, e.g. `'libera'`. */
  readonly profile: string;
  /** The modules for `Switchboard.create`, e.g. `[ircModule, liberaModule]`. */
  readonly modules: SwitchboardOptions['modules'];
  /** The SASL mechanism a password login must choose, e.g. `'PLAIN'`. */
  readonly mechanism: string;
  /** The nick (and ergo account name) of the account under test. Default `'conformance'`. */
  readonly user?: string;
  /** The password the kit registers the account with. Default `'conformance-password-1'`. */
  readonly password?: string;
  /**
   * More account settings for every account of the profile, e.g. `{ parameters: { flood } }`.
   * The kit sets `id`, `profile`, `address`, `credential`, `server` and `tls`.
   */
  readonly account?: Partial<Omit<AccountConfig, 'profile' | 'address' | 'credential'>>;
  /** Further {@link startErgo} options (`config`, `ergoBinary`, …); the kit adds its account. */
  readonly ergo?: Omit<ErgoOptions, 'accounts'>;
  /** Scenarios to leave out, each with the reason (they register no test). Default none. */
  readonly skip?: Partial<Record<IrcConformanceScenario, string>>;
}
