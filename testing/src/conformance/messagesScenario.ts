import type { ConformanceRun } from './ConformanceRun';
import { exchangeMessages } from './exchangeMessages';

/** Messages both ways with a Jabber peer, bodies with markup characters and non-ASCII text. */
export function messagesScenario(run: ConformanceRun): void {
  describe('messages', () => {
    it('when the account and a peer write to each other, each message arrives intact', async () => {
      const { account, events } = run.account('messages');
      const peer = await run.peer('messages');
      await account.connect();
      await exchangeMessages(account, events, peer, 'messages');
    });
  });
}
