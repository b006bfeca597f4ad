import { SwitchboardError, secretsOf } from '@switchboard/core';
import type { ConformancePeer } from './ConformancePeer';
import type { ScenarioRun } from './ScenarioRun';

/** The error and its causes, outermost first. */
function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let e = error; e !== undefined && chain.length < 10; e = (e as Error).cause) chain.push(e);
  return chain;
}

/** Everything a host could show or log of an error: messages, stacks, codes and details. */
function everything(error: unknown): string {
  return causes(error)
    .map((e) =>
      e instanceof Error
        ? [
            String(e),
            e.stack ?? '',
            JSON.stringify(e),
            JSON.stringify(SwitchboardError.is(e) ? e.details : {}),
          ].join('\n')
        : String(e),
    )
    .join('\n');
}

/**
 * Bad credential: a coded SASL failure (`not-authorized` in XMPP, `failed` on IRC), no retry
 * loop, and no secret shown.
 */
export function badCredentialScenario<P extends ConformancePeer>(run: ScenarioRun<P>): void {
  const { mechanism } = run;
  describe('bad credential', () => {
    it('when the server refuses the credential, fails with SB_SASL_FAILURE and shows no secret', async () => {
      const { account, events } = run.account('badCredential', 'invalid');
      const error = await account.connect().then(
        () => undefined,
        (e: unknown) => e,
      );

      expect(error).toBeInstanceOf(Error);
      // An OAuth2 token refused without a way to refresh it surfaces as SB_REAUTH_REQUIRED,
      // caused by the SASL failure.
      const failure = causes(error).find((e) => SwitchboardError.is(e, 'SB_SASL_FAILURE'));
      expect(failure).toMatchObject({ details: { ...run.expect.refusal, mechanism } });
      expect(['failed', 'reauth-required']).toContain(account.state);
      expect(events.all('state').map((s) => s.to)).not.toContain('reconnecting');
      const shown = everything(error);
      const logged = run.logged(account).join('\n');
      for (const secret of [
        ...secretsOf(run.credentials.invalid),
        ...secretsOf(run.credentials.valid),
      ]) {
        expect(shown).not.toContain(secret);
        expect(logged).not.toContain(secret);
      }
    });
  });
}
