import { badCredentialScenario } from '../badCredentialScenario';
import { capabilitiesScenario } from '../capabilitiesScenario';
import { loginScenario } from '../loginScenario';
import { messagesScenario } from '../messagesScenario';
import { profileUnderTest } from '../profileUnderTest';
import { reconnectScenario } from '../reconnectScenario';
import type { IrcConformanceScenario, IrcProfileConformanceOptions } from './IrcConformanceOptions';
import { IrcConformanceRun } from './IrcConformanceRun';

/** The protocol-neutral scenarios in the order they run. */
const SCENARIOS: ReadonlyArray<
  readonly [IrcConformanceScenario, (run: IrcConformanceRun) => void]
> = [
  ['login', loginScenario],
  ['badCredential', badCredentialScenario],
  ['messages', messagesScenario],
  ['capabilities', capabilitiesScenario],
  ['reconnect', reconnectScenario],
];

/**
 * The IRC sibling of {@link describeProfileConformance}: registers jest `describe`/`it` blocks
 * that check an IRC profile against a real ergo on loopback (started in `beforeAll` with the
 * account under test registered, stopped in `afterAll`), with the kit's raw IRC client as the
 * peer. The same protocol-neutral scenarios: login with the expected mechanism, a refused
 * password, messages both ways, the capabilities (each one declared false refused before
 * anything is sent; `ping`, `chatStates` and `headline` checked when declared true), and
 * reconnecting after the connection is cut. Presence has no scenario (IRC has no presence
 * subscription). Call it at the top level of a `*.int.spec.ts` file.
 *
 * Throws `SB_PROFILE_UNKNOWN` at once when no module in `options.modules` defines the profile.
 *
 * @example
 * describeIrcProfileConformance({
 *   profile: 'libera',
 *   modules: [ircModule, liberaModule],
 *   mechanism: 'PLAIN',
 * });
 */
export function describeIrcProfileConformance(options: IrcProfileConformanceOptions): void {
  const { switchboard, profile, log } = profileUnderTest(options.modules, options.profile);
  const run = new IrcConformanceRun(options, switchboard, profile, log);

  describe(`${profile.name} (IRC profile "${profile.id}") conformance`, () => {
    beforeAll(() => run.start());
    afterEach(() => run.cleanup());
    afterAll(() => run.stop());

    for (const [scenario, register] of SCENARIOS) {
      if (options.skip?.[scenario] === undefined) register(run);
    }
  });
}
