/** Giving a login up (`connect({ signal })`, `disconnect()`) and passwords asked at each login. */
import { inspect } from 'node:util';
import type { PasswordRequest } from '../credentials/Credential';
import { SwitchboardError } from '../errors/SwitchboardError';
import type { ProfilePlugin, ProtocolSession, SessionRequest } from '../plugins/ProtocolPlugin';
import { Account } from './Account';
import { fakeConfig as config, FakePlugin, fakeProfile as profile } from './fakePlugin.testkit';

/** A plugin whose logins hang until their signal is aborted, then reject with its reason. */
class HangingPlugin implements ProfilePlugin {
  readonly profile = profile;
  readonly requests: SessionRequest[] = [];
  open(request: SessionRequest): Promise<ProtocolSession> {
    this.requests.push(request);
    request.sink.authenticating();
    return new Promise((_, reject) => {
      request.signal?.addEventListener('abort', () => reject(request.signal?.reason));
    });
  }
}

function tick(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

describe('Account logins', () => {
  describe('connect({ signal })', () => {
    it('with an aborted signal, rejects with SB_ABORTED and opens nothing', async () => {
      const plugin = new FakePlugin('ok');
      const account = new Account(config, plugin);
      const reason = new Error('user cancelled');
      const signal = AbortSignal.abort(reason);
      await expect(account.connect({ signal })).rejects.toMatchObject({
        code: 'SB_ABORTED',
        cause: reason,
      });
      expect(plugin.opens).toHaveLength(0);
      expect(account.state).toBe('offline');
    });

    it('aborted during the login, cancels it at the plugin and leaves the account offline', async () => {
      const plugin = new HangingPlugin();
      const account = new Account(config, plugin);
      const controller = new AbortController();
      const connecting = account.connect({ signal: controller.signal });
      await tick();
      expect(account.state).toBe('authenticating');
      controller.abort(new Error('user cancelled'));
      await expect(connecting).rejects.toMatchObject({ code: 'SB_ABORTED' });
      expect(plugin.requests[0]?.signal?.aborted).toBe(true);
      expect(account.state).toBe('offline');
      // The account can connect again afterwards, with a fresh signal for the plugin.
      const again = account.connect();
      await tick();
      expect(plugin.requests[1]?.signal?.aborted).toBe(false);
      await account.disconnect();
      await expect(again).rejects.toMatchObject({ code: 'SB_ABORTED' });
    });

    it('has no effect once the account is online', async () => {
      const account = new Account(config, new FakePlugin('ok'));
      const controller = new AbortController();
      await account.connect({ signal: controller.signal });
      controller.abort();
      await tick();
      expect(account.state).toBe('online');
      await account.disconnect();
    });

    it('disconnect() during a login aborts the signal the plugin got', async () => {
      const plugin = new HangingPlugin();
      const account = new Account(config, plugin);
      const connecting = account.connect();
      await tick();
      await account.disconnect();
      await expect(connecting).rejects.toMatchObject({ code: 'SB_ABORTED' });
      expect(plugin.requests[0]?.signal?.aborted).toBe(true);
      expect(account.state).toBe('offline');
    });
  });

  describe('a password provider', () => {
    it('is asked at each login and the plugin gets the password it gave', async () => {
      const plugin = new FakePlugin('ok');
      const asked: PasswordRequest[] = [];
      const account = new Account(
        {
          ...config,
          credential: {
            kind: 'password',
            provide: async (request) => {
              asked.push(request);
              return `pw-${asked.length}`;
            },
          },
        },
        plugin,
      );
      await account.connect();
      await account.disconnect();
      await account.connect();
      expect(asked.map(({ accountId, address }) => ({ accountId, address }))).toEqual([
        { accountId: 'fake:me@fake', address: 'me@fake' },
        { accountId: 'fake:me@fake', address: 'me@fake' },
      ]);
      const passwords = plugin.opens.map(({ request }) =>
        request.credential.kind === 'password' ? request.credential.password : undefined,
      );
      expect(passwords).toEqual(['pw-1', 'pw-2']);
      // What the plugin got is protected like a configured credential.
      expect(inspect(plugin.opens[0]?.request.credential)).not.toContain('pw-1');
      expect(inspect(account)).toContain("provide: '[redacted]'");
      await account.disconnect();
    });

    it.each([
      ['fails', () => Promise.reject(new Error('keychain locked'))],
      ['gives an empty password', () => ''],
      ['gives something else than a string', () => 42 as unknown as string],
    ])('that %s fails the login with SB_CREDENTIAL_UNAVAILABLE', async (_, provide) => {
      const plugin = new FakePlugin('ok');
      const account = new Account({ ...config, credential: { kind: 'password', provide } }, plugin);
      const failed = account.connect();
      await expect(failed).rejects.toBeInstanceOf(SwitchboardError);
      await expect(failed).rejects.toMatchObject({
        code: 'SB_CREDENTIAL_UNAVAILABLE',
        details: { account: 'fake:me@fake' },
      });
      expect(plugin.opens).toHaveLength(0);
      expect(account.state).toBe('failed');
    });

    it('is told when the login is given up while it is asked', async () => {
      const plugin = new FakePlugin('ok');
      let request: PasswordRequest | undefined;
      const account = new Account(
        {
          ...config,
          credential: {
            kind: 'password',
            provide: (asked) => {
              request = asked;
              return new Promise<string>(() => undefined);
            },
          },
        },
        plugin,
      );
      const controller = new AbortController();
      const connecting = account.connect({ signal: controller.signal });
      await tick();
      controller.abort();
      await expect(connecting).rejects.toMatchObject({ code: 'SB_ABORTED' });
      expect(request?.signal.aborted).toBe(true);
      expect(plugin.opens).toHaveLength(0);
    });

    it('a provided password never appears in the error of a refused login', async () => {
      const refusal = new SwitchboardError('SB_SASL_FAILURE', 'password pw-secret-1 refused', {
        details: { condition: 'not-authorized' },
      });
      const account = new Account(
        { ...config, credential: { kind: 'password', provide: () => 'pw-secret-1' } },
        new FakePlugin(refusal),
      );
      const error = await account.connect().catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'SB_SASL_FAILURE' });
      expect(inspect(error, { depth: 5 })).not.toContain('pw-secret-1');
    });
  });
});
