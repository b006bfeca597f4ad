import { SwitchboardError } from '../errors/SwitchboardError';
import type { DeliveryUpdate, OwnMessage } from '../im/delivery';
import type { ProfileDescriptor } from '../plugins/ProfileDescriptor';
import { Account } from './Account';
import { FakePlugin, fakeConfig, fakeProfile } from './fakePlugin.testkit';

const full: ProfileDescriptor = {
  ...fakeProfile,
  capabilities: {
    ...fakeProfile.capabilities,
    history: true,
    otherDevices: true,
    receipts: true,
    readMarkers: true,
  },
};

async function online(profile = full) {
  const plugin = new FakePlugin('ok', profile);
  const account = new Account({ ...fakeConfig, liveness: false }, plugin);
  await account.connect();
  const updates: string[] = [];
  account.on('delivery', (u: DeliveryUpdate) =>
    updates.push(`${u.id} ${u.to} ${u.state}${u.error === undefined ? '' : ` ${u.error.code}`}`),
  );
  return { account, plugin, updates };
}

describe('Account delivery states', () => {
  it('reports accepted, delivered and read once each, forwards only', async () => {
    const { account, plugin, updates } = await online();
    plugin.handover = 'pending';
    const sent = account.sendMessage({ to: 'bob@fake', body: 'hi', id: 'm1' });
    await Promise.resolve();
    plugin.sink?.sent({ id: 'm1', status: 'acknowledged' });
    await sent;
    await Promise.resolve();
    plugin.sink?.receipt?.({ id: 'm1', from: 'bob@fake/a', state: 'delivered' });
    plugin.sink?.receipt?.({ id: 'm1', from: 'bob@fake/a', state: 'delivered' });
    plugin.sink?.receipt?.({ id: 'm1', from: 'bob@fake/a', state: 'read' });
    plugin.sink?.receipt?.({ id: 'm1', from: 'bob@fake/a', state: 'delivered' });
    expect(updates).toEqual(['m1 bob@fake accepted', 'm1 bob@fake delivered', 'm1 bob@fake read']);
  });

  it('ignores receipts for ids the account did not send', async () => {
    const { plugin, updates } = await online();
    plugin.sink?.receipt?.({ id: 'forged', from: 'eve@fake', state: 'read' });
    expect(updates).toEqual([]);
  });

  it('reports a bounce after the server accepted the message as failed, and nothing after', async () => {
    const { account, plugin, updates } = await online();
    plugin.handover = 'pending';
    const sent = account.sendMessage({ to: 'bob@fake', body: 'hi', id: 'm1' });
    await Promise.resolve();
    plugin.sink?.sent({ id: 'm1', status: 'acknowledged' });
    await sent;
    await Promise.resolve();
    const error = new SwitchboardError('SB_MESSAGE_BOUNCED');
    plugin.sink?.bounced({ id: 'm1', from: 'bob@fake', error });
    plugin.sink?.receipt?.({ id: 'm1', from: 'bob@fake/a', state: 'delivered' });
    expect(updates).toEqual(['m1 bob@fake accepted', 'm1 bob@fake failed SB_MESSAGE_BOUNCED']);
  });

  it('reports a rejected send as failed', async () => {
    const { account, plugin, updates } = await online();
    plugin.handover = 'pending';
    const sent = account.sendMessage({ to: 'bob@fake', body: 'hi', id: 'm1' });
    await Promise.resolve();
    const error = new SwitchboardError('SB_MESSAGE_REFUSED');
    plugin.sink?.sent({ id: 'm1', status: 'refused', error });
    await expect(sent).rejects.toBe(error);
    await Promise.resolve();
    expect(updates).toEqual(['m1 bob@fake failed SB_MESSAGE_REFUSED']);
  });

  it('reports nothing for a message only written to a connection that confirms nothing', async () => {
    const { account, updates } = await online();
    await account.sendMessage({ to: 'bob@fake', body: 'hi', id: 'm1' });
    await Promise.resolve();
    expect(updates).toEqual([]);
  });

  it('emits messages from other devices as ownMessage', async () => {
    const { account, plugin } = await online();
    const own: OwnMessage[] = [];
    account.on('ownMessage', (m) => own.push(m));
    const message = { to: 'bob@fake', from: 'me@fake/phone', type: 'chat', body: 'x' } as const;
    plugin.sink?.ownMessage?.(message);
    expect(own).toEqual([message]);
  });

  it('sends read markers, and refuses them on a profile without readMarkers', async () => {
    const { account, plugin } = await online();
    await account.markRead('bob@fake', 'their-1');
    expect(plugin.sent).toEqual([{ markRead: 'bob@fake', id: 'their-1' }]);
    const without = await online(fakeProfile);
    await expect(without.account.markRead('bob@fake', 'x')).rejects.toMatchObject({
      code: 'SB_CAPABILITY_UNSUPPORTED',
      details: { capability: 'readMarkers' },
    });
    expect(without.plugin.sent).toEqual([]);
  });
});

describe('Account history', () => {
  it('passes a checked query with the default limit', async () => {
    const { account, plugin } = await online();
    const page = await account.history('bob@fake', { before: 'a9' });
    expect(page).toEqual({ conversation: 'bob@fake', messages: [], complete: true });
    expect(plugin.sent).toEqual([
      { history: { conversation: 'bob@fake', room: false, limit: 50, before: 'a9' } },
    ]);
  });

  it.each([
    [{ limit: 0 }, 'history.limit'],
    [{ limit: 1_001 }, 'history.limit'],
    [{ limit: 2.5 }, 'history.limit'],
    [{ before: 'a', after: 'b' }, 'history.before'],
    [{ after: '' }, 'history.after'],
    [{ since: new Date('nope') }, 'history.since'],
  ])('refuses %j with SB_CONFIG_INVALID, nothing sent', async (query, field) => {
    const { account, plugin } = await online();
    await expect(account.history('bob@fake', query)).rejects.toMatchObject({
      code: 'SB_CONFIG_INVALID',
      details: { field },
    });
    expect(plugin.sent).toEqual([]);
  });

  it('refuses history on a profile without it, nothing sent', async () => {
    const { account, plugin } = await online(fakeProfile);
    await expect(account.history('bob@fake')).rejects.toMatchObject({
      code: 'SB_CAPABILITY_UNSUPPORTED',
      details: { capability: 'history' },
    });
    expect(plugin.sent).toEqual([]);
  });
});
