import { SwitchboardError } from '../errors/SwitchboardError';
import type { ProfilePlugin, ProtocolSession } from '../plugins/ProtocolPlugin';
import { Account } from './Account';
import type { StateChange } from './AccountEvents';
import { fakeConfig as config, FakePlugin, fakeProfile as profile } from './fakePlugin.testkit';

function record(account: Account): string[] {
  const seen: string[] = [];
  account.on('state', (c: StateChange) => seen.push(`${c.from}>${c.to}`));
  return seen;
}

describe(Account, () => {
  describe('.connect', () => {
    it('when the plugin succeeds, goes offline → connecting → authenticating → online', async () => {
      const account = new Account(config, new FakePlugin('ok'));
      const states = record(account);
      const online = new Promise((resolve) => account.once('online', resolve));
      await account.connect();
      expect(states).toEqual([
        'offline>connecting',
        'connecting>authenticating',
        'authenticating>online',
      ]);
      await expect(online).resolves.toBe('me@fake/1');
      expect(account.address).toBe('me@fake/1');
    });

    it('when called twice at once, opens one session', async () => {
      const plugin = new FakePlugin('ok');
      const account = new Account(config, plugin);
      await Promise.all([account.connect(), account.connect()]);
      expect(plugin.opens).toHaveLength(1);
    });

    it('when the plugin fails with a coded error, the account is failed with that error', async () => {
      const error = new SwitchboardError('SB_SASL_FAILURE', 'rejected', {
        details: { condition: 'not-authorized' },
      });
      const account = new Account(config, new FakePlugin(error));
      const changes: StateChange[] = [];
      account.on('state', (c) => changes.push(c));
      await expect(account.connect()).rejects.toBe(error);
      expect(account.state).toBe('failed');
      expect(changes.at(-1)?.error).toBe(error);
    });

    it('when the plugin throws a plain error, it is wrapped as SB_CONNECTION_FAILED', async () => {
      const account = new Account(config, new FakePlugin(new Error('boom')));
      await expect(account.connect()).rejects.toMatchObject({ code: 'SB_CONNECTION_FAILED' });
    });
  });

  describe('.sendMessage', () => {
    it('when offline, rejects with SB_ACCOUNT_STATE before anything is sent', async () => {
      const plugin = new FakePlugin('ok');
      const account = new Account(config, plugin);
      await expect(account.sendMessage({ to: 'x@fake', body: 'hi' })).rejects.toMatchObject({
        code: 'SB_ACCOUNT_STATE',
      });
      expect(plugin.sent).toEqual([]);
    });
  });

  describe('session end', () => {
    it('when the server drops an online session and reconnect is off, the account is disconnected and emits the error', async () => {
      const plugin = new FakePlugin('ok');
      const account = new Account({ ...config, reconnect: false }, plugin);
      await account.connect();
      const errors: SwitchboardError[] = [];
      account.on('error', (e) => errors.push(e));
      plugin.sink?.closed(new SwitchboardError('SB_CONNECTION_CLOSED'));
      expect(account.state).toBe('disconnected');
      expect(errors.map((e) => e.code)).toEqual(['SB_CONNECTION_CLOSED']);
    });

    it('when the host disconnects, the account goes offline without an error event', async () => {
      const account = new Account(config, new FakePlugin('ok'));
      await account.connect();
      const errors: unknown[] = [];
      account.on('error', (e) => errors.push(e));
      await account.disconnect();
      expect(account.state).toBe('offline');
      expect(errors).toEqual([]);
    });

    it('never puts the password into an event payload', async () => {
      const account = new Account(config, new FakePlugin(new SwitchboardError('SB_SASL_FAILURE')));
      const payloads: unknown[] = [];
      account.on('state', (c) => payloads.push(c));
      await account.connect().catch(() => undefined);
      expect(JSON.stringify(payloads)).not.toContain('s3cret');
    });
  });

  describe('capabilities', () => {
    async function online(
      plugin = new FakePlugin('ok'),
      extra = {},
    ): Promise<{ account: Account; plugin: FakePlugin }> {
      const account = new Account({ ...config, ...extra }, plugin);
      await account.connect();
      return { account, plugin };
    }

    it('when the profile lacks a capability, fails with SB_CAPABILITY_UNSUPPORTED before anything is sent', async () => {
      const { account, plugin } = await online();
      const error = await account.addContact({ address: 'x@fake' }).catch((e: unknown) => e);
      expect(error).toMatchObject({
        code: 'SB_CAPABILITY_UNSUPPORTED',
        details: { profile: 'fake', capability: 'roster.write' },
      });
      expect((error as Error).message).toContain('Fake does not support roster.write');
      await expect(account.sendChatState('x@fake', 'composing')).rejects.toMatchObject({
        details: { capability: 'chatStates' },
      });
      await expect(account.setVCard({ fullName: 'X' })).rejects.toMatchObject({
        details: { capability: 'vcard.write' },
      });
      expect(plugin.sent).toEqual([]);
    });

    it('when a message type is not delivered by the provider, refuses it before sending', async () => {
      const { account, plugin } = await online();
      await expect(
        account.sendMessage({ to: 'x@fake', body: 'hi', type: 'headline' }),
      ).rejects.toMatchObject({
        code: 'SB_CAPABILITY_UNSUPPORTED',
        details: { capability: 'messageTypes', messageType: 'headline' },
      });
      await account.sendMessage({ to: 'x@fake', body: 'hi' });
      expect(plugin.sent).toHaveLength(1);
    });

    it('when the server does not announce a feature, the capability is withdrawn', async () => {
      const plugin = new FakePlugin('ok');
      plugin.features = [];
      const { account } = await online(plugin);
      expect(account.capabilities.ping).toBe(true);
      await account.refreshCapabilities();
      expect(account.capabilities.ping).toBe(false);
      expect(account.capabilities['vcard.read']).toBe(false);
      expect(account.capabilities['roster.read']).toBe(true);
      await expect(account.ping()).rejects.toMatchObject({ code: 'SB_CAPABILITY_UNSUPPORTED' });
    });

    it('when checks are off and the server refuses, the refusal names profile, capability and condition', async () => {
      const plugin = new FakePlugin('ok');
      const { account } = await online(plugin, { enforceCapabilities: false });
      plugin.failWith = new SwitchboardError('SB_STANZA_ERROR', 'x', {
        details: { condition: 'feature-not-implemented' },
      });
      await expect(account.addContact({ address: 'x@fake' })).rejects.toMatchObject({
        code: 'SB_CAPABILITY_REFUSED',
        details: {
          profile: 'fake',
          capability: 'roster.write',
          condition: 'feature-not-implemented',
        },
      });
    });

    it('when the server fails for another reason, the error passes through unchanged', async () => {
      const plugin = new FakePlugin('ok');
      const { account } = await online(plugin, { enforceCapabilities: false });
      plugin.failWith = new SwitchboardError('SB_STANZA_ERROR', 'x', {
        details: { condition: 'item-not-found' },
      });
      await expect(account.removeContact('x@fake')).rejects.toMatchObject({
        code: 'SB_STANZA_ERROR',
      });
    });
  });

  describe('.disconnect during connect', () => {
    it('when the host disconnects while a login is under way, the new session is closed, not kept', async () => {
      let closed = 0;
      let release: () => void = () => undefined;
      const plugin: ProfilePlugin = {
        profile,
        open: async ({ sink }) => {
          sink.authenticating();
          await new Promise<void>((r) => {
            release = r;
          });
          return {
            address: 'me@fake/1',
            close: async () => {
              closed++;
            },
          } as unknown as ProtocolSession;
        },
      };
      const account = new Account(config, plugin);
      const connecting = account.connect();
      await new Promise((r) => setTimeout(r, 0));
      await account.disconnect();
      release();
      await expect(connecting).rejects.toMatchObject({ code: 'SB_ABORTED' });
      expect(closed).toBe(1);
      expect(account.state).toBe('offline');
      expect(account.address).toBeUndefined();
    });
  });
});
