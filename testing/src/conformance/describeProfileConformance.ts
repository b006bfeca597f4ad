import { badCredentialScenario } from './badCredentialScenario';
import type { ConformanceScenario, ProfileConformanceOptions } from './ConformanceOptions';
import { ConformanceRun } from './ConformanceRun';
import { capabilitiesScenario } from './capabilitiesScenario';
import { loginScenario } from './loginScenario';
import { messagesScenario } from './messagesScenario';
import { presenceScenario } from './presenceScenario';
import { profileUnderTest } from './profileUnderTest';
import { reconnectScenario } from './reconnectScenario';

/** The scenarios in the order they run. */
const SCENARIOS: ReadonlyArray<readonly [ConformanceScenario, (run: ConformanceRun) => void]> = [
  ['login', loginScenario],
  ['badCredential', badCredentialScenario],
  ['presence', presenceScenario],
  ['messages', messagesScenario],
  ['capabilities', capabilitiesScenario],
  ['reconnect', reconnectScenario],
];

/**
 * Registers jest `describe`/`it` blocks that check a profile against the emulator: a real
 * Prosody on loopback (started in `beforeAll`, stopped in `afterAll`) serving the profile's
 * domain as `options.emulation` says, plus a host of Jabber peers. Scenarios: login with the
 * expected mechanism, a refused credential, presence and messages both ways with a peer,
 * refusal of every capability declared false before anything is sent, and reconnecting after
 * the connection is cut. Which apply follows the profile's declared capabilities; `skip` leaves
 * scenarios out. Call it at the top level of a `*.int.spec.ts` file.
 *
 * Throws `SB_PROFILE_UNKNOWN` at once when no module in `options.modules` defines the profile.
 *
 * @example
 * describeProfileConformance({
 *   profile: 'example',
 *   modules: [xmppModule, exampleModule],
 *   domain: 'example.test',
 *   mechanism: 'X-EXAMPLE-TOKEN',
 *   emulation: { providers: { custom: [{ domain: 'example.test', module: '/abs/mod_example.lua' }] } },
 *   credentials: tokenCredentials({ kind: 'token', token: 'example-token-1' }),
 * });
 */
export function describeProfileConformance(options: ProfileConformanceOptions): void {
  const { switchboard, profile, log } = profileUnderTest(options.modules, options.profile);
  const run = new ConformanceRun(options, switchboard, profile, log);

  describe(`${profile.name} (profile "${profile.id}") conformance`, () => {
    beforeAll(() => run.start());
    afterEach(() => run.cleanup());
    afterAll(() => run.stop());

    for (const [scenario, register] of SCENARIOS) {
      // A scenario the author left out (with a reason in `skip`) registers no test at all.
      if (options.skip?.[scenario] === undefined) register(run);
    }
  });
}
