import type { ConformancePeer } from './ConformancePeer';
import { exchangeMessages } from './exchangeMessages';
import type { ScenarioRun } from './ScenarioRun';

/** Fast reconnects, so the scenario takes well under a second (over the options' settings). */
const QUICK = { initialDelayMs: 50, maxDelayMs: 500 };

/** Reconnect: the connection is reset by a wire tap; the account comes back on its own. */
export function reconnectScenario<P extends ConformancePeer>(run: ScenarioRun<P>): void {
  describe('reconnect', () => {
    it('when the connection is cut, reconnects by itself and messages flow again', async () => {
      const tap = await run.tap();
      const configured = run.reconnect;
      const { account, events } = run.account('reconnect', 'valid', {
        server: { port: tap.port },
        reconnect: configured === false ? false : { ...configured, ...QUICK },
      });
      const peer = await run.peer('reconnect');
      await account.connect();

      tap.cut();
      const back = await events.waitFor('reconnected', () => true, "'reconnected' after the cut");
      expect(back.attempts).toBeGreaterThanOrEqual(1);
      expect(events.all('state').map((s) => s.to)).toEqual(
        expect.arrayContaining(['disconnected', 'reconnecting']),
      );
      expect(account.state).toBe('online');
      expect(tap.connections()).toBeGreaterThanOrEqual(2);
      await exchangeMessages(account, events, peer, 'reconnect', run.expect);
    });
  });
}
