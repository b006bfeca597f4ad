import { Account } from './Account';
import { fakeConfig as config, FakePlugin } from './fakePlugin.testkit';

const operations = ['denySubscription', 'cancelSubscription', 'unsubscribe'] as const;

describe(Account, () => {
  describe.each(operations)('.%s', (operation) => {
    it('when online, hands the address to the session', async () => {
      const plugin = new FakePlugin('ok');
      const account = new Account(config, plugin);
      await account.connect();
      await account[operation]('friend@fake');
      expect(plugin.sent).toEqual([{ [operation]: 'friend@fake' }]);
    });

    it('when offline, rejects with SB_ACCOUNT_STATE naming the operation', async () => {
      const plugin = new FakePlugin('ok');
      const account = new Account(config, plugin);
      await expect(account[operation]('friend@fake')).rejects.toMatchObject({
        code: 'SB_ACCOUNT_STATE',
        details: { operation, state: 'offline' },
      });
      expect(plugin.sent).toEqual([]);
    });

    it('when the address is empty, rejects with SB_ADDRESS_INVALID before anything is sent', async () => {
      const plugin = new FakePlugin('ok');
      const account = new Account(config, plugin);
      await account.connect();
      await expect(account[operation]('')).rejects.toMatchObject({ code: 'SB_ADDRESS_INVALID' });
      expect(plugin.sent).toEqual([]);
    });
  });
});
