import type { Account } from '@switchboard/core';
import type { ConformancePeer } from './ConformancePeer';
import { refusalProbes } from './refusalProbes';
import type { ScenarioRun } from './ScenarioRun';

const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Waits until the account has sent nothing for `quietMs` (what follows login has gone out). */
async function settle<P extends ConformancePeer>(
  run: ScenarioRun<P>,
  account: Account,
  quietMs = 150,
): Promise<void> {
  const deadline = Date.now() + 5_000;
  let count = -1;
  while (count !== run.sent(account).length && Date.now() < deadline) {
    count = run.sent(account).length;
    await pause(quietMs);
  }
}

/**
 * Capabilities: every capability the profile declares true works against the server (a refusal
 * there means the declaration is wrong), and every one it declares false fails with
 * SB_CAPABILITY_UNSUPPORTED naming profile and capability, the stanza log proving that the
 * account sent nothing for it.
 */
export function capabilitiesScenario<P extends ConformancePeer>(run: ScenarioRun<P>): void {
  const { capabilities, id } = run.profile;
  const honoured = run.honourProbes(capabilities).map((p) => [p.label, p] as const);
  const refused = refusalProbes(capabilities).map((p) => [p.label, p] as const);
  describe('capabilities', () => {
    if (honoured.length > 0) {
      it.each(honoured)('when the profile declares it, the server honours %s', async (_, probe) => {
        const { account, events } = run.account('capabilities');
        const peer = await run.peer('capabilities');
        await probe.beforeConnect?.({ account, events, peer });
        await account.connect();
        const anotherSession = async () => {
          const other = run.account('capabilities').account;
          await other.connect();
          return other;
        };
        await probe.run({ account, events, peer, anotherSession });
      });
    }

    // A profile that declares every capability has nothing to refuse: no refusal tests.
    if (refused.length === 0) return;
    it.each(refused)(
      'when the profile declares it unsupported, refuses %s before sending anything',
      async (_, probe) => {
        const { account } = run.account('capabilities');
        await account.connect();
        await settle(run, account);
        const before = run.sent(account).length;

        const error = await probe.run(account, run.peerAddress('capabilities')).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toMatchObject({
          code: 'SB_CAPABILITY_UNSUPPORTED',
          details: { profile: id, ...probe.details },
        });
        await pause(100);
        expect(run.sent(account).slice(before)).toEqual([]);
      },
    );
  });
}
