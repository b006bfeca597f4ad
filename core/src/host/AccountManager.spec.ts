import { ContainerModule } from 'inversify';
import type { Account } from '../accounts/Account';
import { FakePlugin, fakeConfig } from '../accounts/fakePlugin.testkit';
import { ProfilePluginToken } from '../di/tokens';
import { SwitchboardError } from '../errors/SwitchboardError';
import { Switchboard } from '../Switchboard';

function setup(plugin = new FakePlugin('ok')) {
  const switchboard = Switchboard.create({
    modules: [
      new ContainerModule(({ bind }) => {
        bind(ProfilePluginToken).toConstantValue(plugin);
      }),
    ],
  });
  return { manager: switchboard.accounts, plugin };
}

const config = (id: string) => ({ ...fakeConfig, id, liveness: false as const });

describe('AccountManager', () => {
  it('adds validated accounts, lists them in order and refuses a taken id', () => {
    const { manager } = setup();
    const added: string[] = [];
    manager.on('added', (a) => added.push(a.id));
    manager.add(config('a'));
    manager.add(config('b'));
    expect(manager.list().map((a) => a.id)).toEqual(['a', 'b']);
    expect(added).toEqual(['a', 'b']);
    expect(() => manager.add(config('a'))).toThrow(
      expect.objectContaining({ code: 'SB_ACCOUNT_DUPLICATE', details: { account: 'a' } }),
    );
    expect(() => manager.add({ ...config('c'), server: { port: 0 } })).toThrow(
      expect.objectContaining({
        code: 'SB_CONFIG_INVALID',
        details: expect.objectContaining({ field: 'server.port' }),
      }),
    );
    expect(manager.get('c')).toBeUndefined();
  });

  it('re-emits every account event with the account first', async () => {
    const { manager, plugin } = setup();
    const a = manager.add(config('a'));
    const seen: Array<[string, string]> = [];
    manager.on('online', (account, address) => seen.push([account.id, address]));
    manager.on('message', (account, message) => seen.push([account.id, message.body]));
    await manager.connectAll();
    plugin.sink?.message({ from: 'bob@fake', type: 'chat', body: 'hi' });
    expect(seen).toEqual([
      ['a', 'me@fake/1'],
      ['a', 'hi'],
    ]);
    expect(a.state).toBe('online');
  });

  it('connectAll reports each failure instead of rejecting', async () => {
    const { manager, plugin } = setup();
    manager.add(config('good'));
    manager.add(config('bad'));
    plugin.next = ['ok', new SwitchboardError('SB_SASL_FAILURE')];
    const result = await manager.connectAll();
    expect(result.online).toEqual(['good']);
    expect(result.failed.map((f) => [f.account, f.error.code])).toEqual([
      ['bad', 'SB_SASL_FAILURE'],
    ]);
  });

  it('remove() disconnects the account and stops forwarding its events', async () => {
    const { manager, plugin } = setup();
    const a = manager.add(config('a'));
    await a.connect();
    const removed: Account[] = [];
    const messages: string[] = [];
    manager.on('removed', (account) => removed.push(account));
    manager.on('message', (_, m) => messages.push(m.body));
    await manager.remove('a');
    a.emit('message', { from: 'x@fake', type: 'chat', body: 'late' });
    expect(a.state).toBe('offline');
    expect(removed).toEqual([a]);
    expect(messages).toEqual([]);
    expect(manager.get('a')).toBeUndefined();
    await expect(manager.remove('a')).rejects.toMatchObject({ code: 'SB_ACCOUNT_UNKNOWN' });
    expect(plugin.opens).toHaveLength(1);
  });

  it('shutdown waits for queued messages to go out, then disconnects everything', async () => {
    const { manager, plugin } = setup();
    const a = manager.add({ ...config('a'), reconnect: { initialDelayMs: 20, jitter: 0 } });
    await a.connect();
    plugin.sink?.closed(new SwitchboardError('SB_CONNECTION_CLOSED'));
    const sent = a.sendMessage({ to: 'bob@fake', body: 'pending' });
    const result = await manager.shutdown({ timeoutMs: 2_000 });
    await sent;
    expect(plugin.sent).toEqual([{ to: 'bob@fake', body: 'pending', id: expect.any(String) }]);
    expect(result).toEqual({ abandoned: 0 });
    expect(a.state).toBe('offline');
  });

  it('shutdown gives up on what cannot go out by the deadline and says how much', async () => {
    const { manager, plugin } = setup();
    const a = manager.add({
      ...config('a'),
      reconnect: { initialDelayMs: 60_000, maxDelayMs: 60_000 },
    });
    await a.connect();
    plugin.sink?.closed(new SwitchboardError('SB_CONNECTION_CLOSED'));
    const sent = a.sendMessage({ to: 'bob@fake', body: 'stuck' });
    const result = await manager.shutdown({ timeoutMs: 50 });
    expect(result).toEqual({ abandoned: 1 });
    await expect(sent).rejects.toMatchObject({ code: 'SB_SEND_ABANDONED' });
    expect(plugin.sent).toEqual([]);
  });
});
