import { secretsOf } from '@switchboard/core';
import type { ConformancePeer } from './ConformancePeer';
import type { ScenarioRun } from './ScenarioRun';

/** Login: online, with the expected mechanism chosen, and no secret in the stanza log. */
export function loginScenario<P extends ConformancePeer>(run: ScenarioRun<P>): void {
  const { mechanism } = run;
  describe('login', () => {
    it(`when the credential is valid, goes online with ${mechanism}`, async () => {
      const { account, events } = run.account('login');
      await account.connect();

      expect(account.state).toBe('online');
      expect(events.all('mechanism')).toEqual([mechanism]);
      expect(events.all('state').map((s) => s.to)).toEqual(
        expect.arrayContaining(['connecting', 'authenticating', 'online']),
      );
      expect(run.expect.isOwnAddress(account.address)).toBe(true);
      const sent = run.sent(account);
      const auth = run.expect.authRequest(mechanism);
      expect(sent.filter((text) => auth.test(text))).toHaveLength(1);
      for (const secret of secretsOf(run.credentials.valid)) {
        expect(run.logged(account).filter((text) => text.includes(secret))).toEqual([]);
      }
    });
  });
}
