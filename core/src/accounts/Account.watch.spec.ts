import { SwitchboardError } from '../errors/SwitchboardError';
import type { PresenceUpdate } from '../im/types';
import type { ProfileDescriptor } from '../plugins/ProfileDescriptor';
import { Account } from './Account';
import { fakeConfig as config, FakePlugin, fakeProfile } from './fakePlugin.testkit';

type Settings = Partial<ConstructorParameters<typeof Account>[0]>;

const noWatch: ProfileDescriptor = {
  ...fakeProfile,
  capabilities: { ...fakeProfile.capabilities, watch: false },
};

function make(settings: Settings = {}, plugin = new FakePlugin('ok')) {
  const account = new Account({ ...config, liveness: false, ...settings }, plugin);
  return { account, plugin };
}

/** Lets a held login go on; the account's `connect()` then resolves. */
function holdLogins(plugin: FakePlugin): () => void {
  let release: () => void = () => undefined;
  plugin.hold = new Promise<void>((resolve) => {
    release = resolve;
  });
  return () => {
    plugin.hold = undefined;
    release();
  };
}

describe(Account, () => {
  describe('.watch', () => {
    it('when offline, only changes the list, and the next login gets it', async () => {
      const { account, plugin } = make();
      await account.watch('bob@fake');
      await account.watch('carol@fake');
      expect(account.watching).toEqual(['bob@fake', 'carol@fake']);
      await account.connect();
      expect(plugin.opens[0]?.request.watch).toEqual(['bob@fake', 'carol@fake']);
      expect(plugin.sent).toEqual([]);
    });

    it('when online, the session follows the address, and its presence comes as events', async () => {
      const { account, plugin } = make();
      await account.connect();
      expect(plugin.opens[0]?.request.watch).toBeUndefined();
      const presence: PresenceUpdate[] = [];
      account.on('presence', (p) => presence.push(p));
      await account.watch('bob@fake');
      expect(plugin.sent).toEqual([{ watch: ['bob@fake'] }]);
      plugin.sink?.presence({ from: 'bob@fake', availability: 'available' });
      expect(presence).toEqual([{ from: 'bob@fake', availability: 'available' }]);
    });

    it('when the address is watched already, does nothing', async () => {
      const { account, plugin } = make();
      await account.connect();
      await account.watch('bob@fake');
      await account.watch('bob@fake');
      expect(plugin.sent).toEqual([{ watch: ['bob@fake'] }]);
      expect(account.watching).toEqual(['bob@fake']);
    });

    it('when the session rejects, the list is unchanged', async () => {
      const { account, plugin } = make();
      await account.connect();
      plugin.failWith = new SwitchboardError('SB_TIMEOUT');
      await expect(account.watch('bob@fake')).rejects.toMatchObject({ code: 'SB_TIMEOUT' });
      expect(account.watching).toEqual([]);
    });

    it('when the address is invalid, rejects with SB_ADDRESS_INVALID and keeps nothing', async () => {
      const { account } = make();
      await expect(account.watch(' ')).rejects.toMatchObject({ code: 'SB_ADDRESS_INVALID' });
      expect(account.watching).toEqual([]);
    });

    it.each([
      ['offline', false],
      ['online', true],
    ])(
      'when the profile has no watch capability (%s), refuses before anything changes',
      async (_, connect) => {
        const { account, plugin } = make({}, new FakePlugin('ok', noWatch));
        if (connect) await account.connect();
        await expect(account.watch('bob@fake')).rejects.toMatchObject({
          code: 'SB_CAPABILITY_UNSUPPORTED',
          details: { profile: 'fake', capability: 'watch' },
        });
        expect(account.watching).toEqual([]);
        expect(plugin.sent).toEqual([]);
      },
    );
  });

  describe('.unwatch', () => {
    it('when online, the session stops following the address', async () => {
      const { account, plugin } = make({ watch: ['bob@fake', 'carol@fake'] });
      await account.connect();
      await account.unwatch('bob@fake');
      expect(plugin.sent).toEqual([{ unwatch: ['bob@fake'] }]);
      expect(account.watching).toEqual(['carol@fake']);
    });

    it('when the address is not watched, does nothing', async () => {
      const { account, plugin } = make();
      await account.connect();
      await account.unwatch('bob@fake');
      expect(plugin.sent).toEqual([]);
    });
  });

  describe('watch list across sessions', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    it('when the session is lost, the next login gets the list, with what changed while reconnecting', async () => {
      const { account, plugin } = make({ watch: ['alice@fake'], reconnect: { jitter: 0 } });
      await account.connect();
      expect(plugin.opens[0]?.request.watch).toEqual(['alice@fake']);
      await account.watch('bob@fake');
      plugin.sink?.closed(new SwitchboardError('SB_CONNECTION_CLOSED'));
      expect(account.state).toBe('reconnecting');
      await account.watch('carol@fake');
      await account.unwatch('alice@fake');
      await jest.advanceTimersByTimeAsync(1_000);
      expect(account.state).toBe('online');
      expect(plugin.opens).toHaveLength(2);
      expect(plugin.opens[1]?.request.watch).toEqual(['bob@fake', 'carol@fake']);
      // Only the change made while online went to a session.
      expect(plugin.sent).toEqual([{ watch: ['bob@fake'] }]);
    });

    it('when the list changes while a login is under way, the new session gets the changes once online', async () => {
      const { account, plugin } = make({ watch: ['alice@fake'] });
      const release = holdLogins(plugin);
      const connecting = account.connect();
      await jest.advanceTimersByTimeAsync(0);
      expect(plugin.opens).toHaveLength(1);
      await account.watch('bob@fake');
      await account.unwatch('alice@fake');
      release();
      await connecting;
      await jest.advanceTimersByTimeAsync(0);
      expect(plugin.opens[0]?.request.watch).toEqual(['alice@fake']);
      expect(plugin.sent).toEqual([{ watch: ['bob@fake'] }, { unwatch: ['alice@fake'] }]);
    });

    it('when the new session cannot apply a change, reports it as an error event', async () => {
      const { account, plugin } = make();
      const errors: SwitchboardError[] = [];
      account.on('error', (e) => errors.push(e));
      const release = holdLogins(plugin);
      const connecting = account.connect();
      await jest.advanceTimersByTimeAsync(0);
      await account.watch('bob@fake');
      plugin.failWith = new SwitchboardError('SB_TIMEOUT');
      release();
      await connecting;
      await jest.advanceTimersByTimeAsync(0);
      expect(errors.map((e) => e.code)).toEqual(['SB_TIMEOUT']);
      expect(account.watching).toEqual(['bob@fake']);
    });
  });

  describe('config.watch', () => {
    it('when an address is invalid, the account is not made (SB_ADDRESS_INVALID naming its index)', () => {
      expect(() => make({ watch: ['bob@fake', ''] })).toThrow(
        expect.objectContaining({
          code: 'SB_ADDRESS_INVALID',
          details: expect.objectContaining({ field: 'watch.1' }),
        }),
      );
    });

    it('when the profile has no watch capability, the account is not made (SB_CAPABILITY_UNSUPPORTED)', () => {
      expect(() => make({ watch: ['bob@fake'] }, new FakePlugin('ok', noWatch))).toThrow(
        expect.objectContaining({ code: 'SB_CAPABILITY_UNSUPPORTED' }),
      );
    });

    it('when checks are off and the session has no watch, the list still goes to every login', async () => {
      const plugin = new FakePlugin('ok', noWatch);
      plugin.omit = ['watch', 'unwatch'];
      const { account } = make({ watch: ['bob@fake'], enforceCapabilities: false }, plugin);
      await account.connect();
      expect(plugin.opens[0]?.request.watch).toEqual(['bob@fake']);
      await expect(account.watch('carol@fake')).rejects.toMatchObject({
        code: 'SB_CAPABILITY_UNSUPPORTED',
        details: { operation: 'watch', method: 'watch' },
      });
      expect(account.watching).toEqual(['bob@fake']);
    });
  });
});
