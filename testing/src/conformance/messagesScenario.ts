import type { ConformancePeer } from './ConformancePeer';
import { exchangeMessages } from './exchangeMessages';
import type { ScenarioRun } from './ScenarioRun';

/** Messages both ways with a peer, bodies with markup characters and non-ASCII text. */
export function messagesScenario<P extends ConformancePeer>(run: ScenarioRun<P>): void {
  describe('messages', () => {
    it('when the account and a peer write to each other, each message arrives intact', async () => {
      const { account, events } = run.account('messages');
      const peer = await run.peer('messages');
      await account.connect();
      await exchangeMessages(account, events, peer, 'messages', run.expect);
    });
  });
}
