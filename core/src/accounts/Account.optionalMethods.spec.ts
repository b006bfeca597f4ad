import type { ProfileDescriptor } from '../plugins/ProfileDescriptor';
import { Account } from './Account';
import { fakeConfig as config, FakePlugin, fakeProfile } from './fakePlugin.testkit';
import type { OptionalSessionMethod } from './OperationGate';

/** A provider that allows everything: only the session's own methods can refuse. */
const everything: ProfileDescriptor = {
  ...fakeProfile,
  capabilities: {
    'roster.read': true,
    'roster.write': true,
    subscriptions: true,
    watch: true,
    'vcard.read': true,
    'vcard.write': true,
    chatStates: true,
    delayedDelivery: true,
    ping: true,
    rooms: false,
    history: false,
    otherDevices: false,
    receipts: false,
    readMarkers: false,
    messageTypes: ['chat'],
  },
};

type Run = (account: Account) => Promise<unknown>;

/** Each operation, the capability it needs and the session method it runs on. */
const operations: ReadonlyArray<readonly [string, string, OptionalSessionMethod, Run]> = [
  ['getRoster', 'roster.read', 'getRoster', (a) => a.getRoster()],
  ['addContact', 'roster.write', 'setContact', (a) => a.addContact({ address: 'x@fake' })],
  ['removeContact', 'roster.write', 'removeContact', (a) => a.removeContact('x@fake')],
  ['subscribe', 'subscriptions', 'subscribe', (a) => a.subscribe('x@fake')],
  [
    'approveSubscription',
    'subscriptions',
    'approveSubscription',
    (a) => a.approveSubscription('x@fake'),
  ],
  ['denySubscription', 'subscriptions', 'denySubscription', (a) => a.denySubscription('x@fake')],
  [
    'cancelSubscription',
    'subscriptions',
    'cancelSubscription',
    (a) => a.cancelSubscription('x@fake'),
  ],
  ['unsubscribe', 'subscriptions', 'unsubscribe', (a) => a.unsubscribe('x@fake')],
  ['getVCard', 'vcard.read', 'getVCard', (a) => a.getVCard('x@fake')],
  ['setVCard', 'vcard.write', 'setVCard', (a) => a.setVCard({ fullName: 'X' })],
  ['sendChatState', 'chatStates', 'sendChatState', (a) => a.sendChatState('x@fake', 'composing')],
  ['ping', 'ping', 'ping', (a) => a.ping()],
  ['watch', 'watch', 'watch', (a) => a.watch('x@fake')],
];

async function online(
  plugin: FakePlugin,
  extra: Partial<ConstructorParameters<typeof Account>[0]> = {},
): Promise<Account> {
  const account = new Account({ ...config, ...extra }, plugin);
  await account.connect();
  return account;
}

describe(Account, () => {
  describe.each(operations)('.%s', (operation, capability, method, run) => {
    it.each([
      ['on', {}],
      ['off', { enforceCapabilities: false }],
    ])(
      `when the session has no ${method} and checks are %s, refuses with SB_CAPABILITY_UNSUPPORTED naming operation and capability, sending nothing`,
      async (_, settings) => {
        const plugin = new FakePlugin('ok', everything);
        plugin.omit = [method];
        const account = await online(plugin, settings);
        const error = await run(account).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toMatchObject({
          code: 'SB_CAPABILITY_UNSUPPORTED',
          details: { profile: 'fake', operation, method, capability },
        });
        expect((error as Error).message).toBe(
          `Fake sessions cannot ${operation} (the fake plugin has no ${method}); nothing was sent.`,
        );
        expect(plugin.sent).toEqual([]);
        // What the session has still works.
        await account.sendMessage({ to: 'x@fake', body: 'still here' });
        expect(plugin.sent).toEqual([expect.objectContaining({ body: 'still here' })]);
      },
    );
  });

  describe('.unwatch', () => {
    it('when the session has no unwatch, refuses and keeps the address in the list', async () => {
      const plugin = new FakePlugin('ok', everything);
      plugin.omit = ['unwatch'];
      const account = await online(plugin, { watch: ['x@fake'] });
      await expect(account.unwatch('x@fake')).rejects.toMatchObject({
        code: 'SB_CAPABILITY_UNSUPPORTED',
        details: { operation: 'unwatch', method: 'unwatch', capability: 'watch' },
      });
      expect(account.watching).toEqual(['x@fake']);
      expect(plugin.sent).toEqual([]);
    });
  });

  describe('.refreshCapabilities', () => {
    it('when the session cannot ask the server, takes what the server announced at login', async () => {
      const plugin = new FakePlugin('ok', everything);
      plugin.omit = ['serverFeatures'];
      plugin.loginFeatures = ['urn:xmpp:ping'];
      const account = await online(plugin);
      const capabilities = await account.refreshCapabilities();
      expect(capabilities).toMatchObject({ ping: true, 'vcard.read': false });
    });

    it('when the session can ask, asks even if it announced features at login', async () => {
      const plugin = new FakePlugin('ok', everything);
      plugin.loginFeatures = ['urn:xmpp:ping'];
      plugin.features = ['vcard-temp'];
      const account = await online(plugin);
      expect(account.capabilities).toMatchObject({ ping: true, 'vcard.read': false });
      await account.refreshCapabilities();
      expect(account.capabilities).toMatchObject({ ping: false, 'vcard.read': true });
    });

    it('when the session has neither serverFeatures nor features, refuses with SB_CAPABILITY_UNSUPPORTED', async () => {
      const plugin = new FakePlugin('ok', everything);
      plugin.omit = ['serverFeatures'];
      const account = await online(plugin);
      await expect(account.refreshCapabilities()).rejects.toMatchObject({
        code: 'SB_CAPABILITY_UNSUPPORTED',
        details: { profile: 'fake', operation: 'refreshCapabilities', method: 'serverFeatures' },
      });
      expect(account.capabilities).toBe(everything.capabilities);
    });
  });

  describe('.capabilities', () => {
    it('when the session announced features at login, is narrowed by them at once', async () => {
      const plugin = new FakePlugin('ok', everything);
      plugin.loginFeatures = ['vcard-temp'];
      const account = new Account(config, plugin);
      expect(account.capabilities.ping).toBe(true);
      await account.connect();
      expect(account.capabilities).toMatchObject({ ping: false, 'vcard.read': true });
      await expect(account.ping()).rejects.toMatchObject({
        code: 'SB_CAPABILITY_UNSUPPORTED',
        details: { capability: 'ping' },
      });
    });

    it('when the plugin has no feature map, nothing the server announces narrows it', async () => {
      const plugin = new FakePlugin('ok', everything);
      delete plugin.capabilityFeatures;
      plugin.loginFeatures = [];
      plugin.features = [];
      const account = await online(plugin);
      await account.refreshCapabilities();
      expect(account.capabilities).toEqual(everything.capabilities);
    });

    it('when the next session announces other features, follows the new session', async () => {
      const plugin = new FakePlugin('ok', everything);
      plugin.loginFeatures = [];
      const account = await online(plugin, { reconnect: false });
      expect(account.capabilities.ping).toBe(false);
      await account.disconnect();
      plugin.loginFeatures = ['urn:xmpp:ping'];
      await account.connect();
      expect(account.capabilities.ping).toBe(true);
    });
  });
});
