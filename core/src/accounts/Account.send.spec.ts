import { SwitchboardError } from '../errors/SwitchboardError';
import type { SendResult } from '../im/types';
import { Account } from './Account';
import { FakePlugin, fakeConfig } from './fakePlugin.testkit';

const lost = (): SwitchboardError => new SwitchboardError('SB_CONNECTION_CLOSED');

async function onlineAccount(
  settings: Partial<ConstructorParameters<typeof Account>[0]> = {},
): Promise<{ account: Account; plugin: FakePlugin }> {
  const plugin = new FakePlugin('ok');
  const account = new Account(
    { ...fakeConfig, liveness: false, reconnect: { jitter: 0 }, ...settings },
    plugin,
  );
  await account.connect();
  return { account, plugin };
}

/** Settles a promise into an inspectable state without awaiting it forever. */
function track<T>(promise: Promise<T>): { state: string; value?: T; error?: unknown } {
  const seen: { state: string; value?: T; error?: unknown } = { state: 'pending' };
  promise.then(
    (value) => Object.assign(seen, { state: 'resolved', value }),
    (error: unknown) => Object.assign(seen, { state: 'rejected', error }),
  );
  return seen;
}

describe('Account.sendMessage', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('when the session confirms later, resolves only once the server acknowledged the message', async () => {
    const { account, plugin } = await onlineAccount();
    plugin.handover = 'pending';
    const sent = track(account.sendMessage({ to: 'bob@fake', body: 'hi', id: 'm1' }));
    await jest.advanceTimersByTimeAsync(1_000);
    expect(sent.state).toBe('pending');
    expect(account.unconfirmedMessages).toBe(1);
    plugin.sink?.sent({ id: 'm1', status: 'acknowledged' });
    await jest.advanceTimersByTimeAsync(0);
    expect(sent).toEqual({ state: 'resolved', value: { id: 'm1', acknowledged: true } });
    expect(account.unconfirmedMessages).toBe(0);
  });

  it('when the connection confirms nothing, resolves on the write with acknowledged false and a generated id', async () => {
    const { account, plugin } = await onlineAccount();
    const result: SendResult = await account.sendMessage({ to: 'bob@fake', body: 'hi' });
    expect(result.acknowledged).toBe(false);
    expect(result.id).toMatch(/^[0-9a-z]+-[0-9a-z]+$/);
    expect(plugin.sent).toEqual([{ to: 'bob@fake', body: 'hi', id: result.id }]);
  });

  it('when the session ends for good, rejects every unconfirmed message with delivery unknown', async () => {
    const { account, plugin } = await onlineAccount();
    plugin.handover = 'pending';
    const unconfirmed = account.sendMessage({ to: 'bob@fake', body: 'one' });
    await jest.advanceTimersByTimeAsync(0);
    plugin.sink?.closed(
      new SwitchboardError('SB_STREAM_ERROR', undefined, { details: { condition: 'conflict' } }),
    );
    await expect(unconfirmed).rejects.toMatchObject({
      code: 'SB_SEND_ABANDONED',
      details: { delivery: 'unknown', reason: 'lost its connection', to: 'bob@fake' },
      cause: { details: { condition: 'conflict' } },
    });
    expect(account.unconfirmedMessages).toBe(0);
    await expect(account.sendMessage({ to: 'bob@fake', body: 'after' })).rejects.toMatchObject({
      code: 'SB_ACCOUNT_STATE',
    });
  });

  it('when the session is lost and comes back, an unconfirmed message settles through the next session', async () => {
    const { account, plugin } = await onlineAccount();
    plugin.handover = 'pending';
    const sent = track(account.sendMessage({ to: 'bob@fake', body: 'one', id: 'm1' }));
    await jest.advanceTimersByTimeAsync(0);
    plugin.sink?.closed(lost());
    await jest.advanceTimersByTimeAsync(1_000);
    expect(account.state).toBe('online');
    expect(sent.state).toBe('pending');
    // The next session resent it from the continuation and the server confirmed it there.
    plugin.sink?.sent({ id: 'm1', status: 'acknowledged' });
    await jest.advanceTimersByTimeAsync(0);
    expect(sent.state).toBe('resolved');
    expect(plugin.sent).toHaveLength(1);
  });

  it('when the server refuses a message, rejects it with the report and sends the next ones', async () => {
    const { account, plugin } = await onlineAccount();
    plugin.handover = 'pending';
    const poison = account.sendMessage({ to: 'bob@fake', body: 'x'.repeat(10), id: 'p' });
    const next = account.sendMessage({ to: 'bob@fake', body: 'fine', id: 'n' });
    await jest.advanceTimersByTimeAsync(0);
    const error = new SwitchboardError('SB_MESSAGE_REFUSED');
    plugin.sink?.sent({ id: 'p', status: 'refused', error });
    plugin.sink?.sent({ id: 'n', status: 'acknowledged' });
    await expect(poison).rejects.toBe(error);
    await expect(next).resolves.toEqual({ id: 'n', acknowledged: true });
  });

  it('when an id is still in flight, refuses a second message with it (SB_CONTENT_INVALID)', async () => {
    const { account, plugin } = await onlineAccount();
    plugin.handover = 'pending';
    void account.sendMessage({ to: 'bob@fake', body: 'one', id: 'same' }).catch(() => undefined);
    await expect(
      account.sendMessage({ to: 'bob@fake', body: 'two', id: 'same' }),
    ).rejects.toMatchObject({ code: 'SB_CONTENT_INVALID', details: { field: 'id' } });
    expect(plugin.sent).toHaveLength(1);
    await account.disconnect();
  });

  it('when the address is empty and the plugin has no address rules, refuses it before anything is sent', async () => {
    const { account, plugin } = await onlineAccount();
    await expect(account.sendMessage({ to: ' ', body: 'x' })).rejects.toMatchObject({
      code: 'SB_ADDRESS_INVALID',
      details: { field: 'to' },
    });
    expect(plugin.sent).toEqual([]);
  });

  it('when the session did not take a message, it goes first on the next session, before later ones', async () => {
    const { account, plugin } = await onlineAccount();
    plugin.failWith = lost();
    const first = account.sendMessage({ to: 'bob@fake', body: 'first' });
    await jest.advanceTimersByTimeAsync(0);
    expect(account.queuedMessages).toBe(1);
    plugin.failWith = undefined;
    plugin.sink?.closed(lost());
    const second = account.sendMessage({ to: 'bob@fake', body: 'second' });
    await jest.advanceTimersByTimeAsync(1_000);
    await Promise.all([first, second]);
    expect(plugin.sent.map((m) => (m as { body: string }).body)).toEqual(['first', 'second']);
  });

  it('when a server returns a message, emits bounced with the id and the recipient it was sent to', async () => {
    const { account, plugin } = await onlineAccount();
    const bounces: unknown[] = [];
    account.on('bounced', (b) => bounces.push(b));
    const { id } = await account.sendMessage({ to: 'nobody@fake', body: 'hello?' });
    const error = new SwitchboardError('SB_MESSAGE_BOUNCED', undefined, {
      details: { condition: 'service-unavailable' },
    });
    plugin.sink?.bounced({ id, from: 'nobody@fake/x', error });
    plugin.sink?.bounced({ from: 'fake', error });
    expect(bounces).toEqual([
      { id, to: 'nobody@fake', error },
      { to: 'fake', error },
    ]);
  });

  it('disconnect() lets the closing session confirm what it can, then abandons the rest', async () => {
    const { account, plugin } = await onlineAccount();
    plugin.handover = 'pending';
    const confirmed = account.sendMessage({ to: 'bob@fake', body: 'a', id: 'a' });
    const unconfirmed = account.sendMessage({ to: 'bob@fake', body: 'b', id: 'b' });
    await jest.advanceTimersByTimeAsync(0);
    const session = plugin.sink;
    plugin.closeHook = () => session?.sent({ id: 'a', status: 'acknowledged' });
    await account.disconnect();
    await expect(confirmed).resolves.toEqual({ id: 'a', acknowledged: true });
    await expect(unconfirmed).rejects.toMatchObject({
      code: 'SB_SEND_ABANDONED',
      details: { delivery: 'unknown', reason: 'was disconnected' },
    });
  });
});

describe('Account reconnect backoff', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('when each new session is lost right after login, the delay keeps growing; a stable session resets it', async () => {
    const { account, plugin } = await onlineAccount({
      reconnect: { jitter: 0, stableAfterMs: 10_000 },
    });
    const delays: number[] = [];
    account.on('reconnecting', (info) => delays.push(info.delayMs));
    for (let i = 0; i < 4; i++) {
      plugin.sink?.closed(lost());
      await jest.advanceTimersByTimeAsync(delays.at(-1) ?? 0);
      expect(account.state).toBe('online');
      await jest.advanceTimersByTimeAsync(100);
    }
    await jest.advanceTimersByTimeAsync(10_000);
    plugin.sink?.closed(lost());
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 1_000]);
    await account.disconnect();
  });

  it('when a failed attempt hands over a newer continuation, the next attempt gets it', async () => {
    const { plugin } = await onlineAccount();
    plugin.next = [lost(), 'ok'];
    plugin.sink?.closed(lost());
    await jest.advanceTimersByTimeAsync(1_000);
    expect(plugin.opens[1]?.request.continuation).toEqual({ protocol: 'fake' });
    plugin.opens[1]?.request.sink.carryOver({ protocol: 'fake', step: 2 } as never);
    await jest.advanceTimersByTimeAsync(2_000);
    expect(plugin.opens[2]?.request.continuation).toEqual({ protocol: 'fake', step: 2 });
  });

  it('when a listener disconnects the account while it is losing its session, nothing throws and it stays offline', async () => {
    const { account, plugin } = await onlineAccount();
    account.on('error', () => void account.disconnect());
    expect(() => plugin.sink?.closed(lost())).not.toThrow();
    await jest.advanceTimersByTimeAsync(60_000);
    expect(account.state).toBe('offline');
    expect(plugin.opens).toHaveLength(1);
  });

  it('when disconnect() comes during a reconnect attempt, what the attempt hands over later is ignored', async () => {
    const { account, plugin } = await onlineAccount();
    plugin.next = [lost()];
    plugin.sink?.closed(lost());
    await jest.advanceTimersByTimeAsync(1_000);
    const attempt = plugin.opens[1]?.request;
    await account.disconnect();
    attempt?.sink.carryOver({ protocol: 'fake', stale: true } as never);
    plugin.next = ['ok'];
    await account.connect();
    expect(plugin.opens[2]?.request.continuation).toBeUndefined();
  });
});

describe('Account.sendMessage without reconnecting', () => {
  it('when the connection breaks under a message, rejects it with SB_SEND_ABANDONED not-sent', async () => {
    const { account, plugin } = await onlineAccount({ reconnect: false });
    plugin.failWith = lost();
    await expect(account.sendMessage({ to: 'bob@fake', body: 'x' })).rejects.toMatchObject({
      code: 'SB_SEND_ABANDONED',
      details: { delivery: 'not-sent' },
      cause: { code: 'SB_CONNECTION_CLOSED' },
    });
  });

  it('when the session refuses the message itself, rejects it with that error', async () => {
    const { account, plugin } = await onlineAccount();
    plugin.failWith = new SwitchboardError('SB_CONTENT_INVALID');
    await expect(account.sendMessage({ to: 'bob@fake', body: 'x' })).rejects.toMatchObject({
      code: 'SB_CONTENT_INVALID',
    });
    expect(account.queuedMessages).toBe(0);
  });
});
