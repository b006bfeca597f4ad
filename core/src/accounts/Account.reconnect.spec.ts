import { SwitchboardError } from '../errors/SwitchboardError';
import { Account } from './Account';
import type { ReconnectedInfo, ReconnectingInfo } from './AccountEvents';
import { FakePlugin, fakeConfig } from './fakePlugin.testkit';

const lost = (): SwitchboardError => new SwitchboardError('SB_CONNECTION_CLOSED');
const down = (): SwitchboardError =>
  new SwitchboardError('SB_CONNECTION_FAILED', 'refused', { details: { code: 'ECONNREFUSED' } });

function watch(account: Account) {
  const states: string[] = [];
  const reconnecting: ReconnectingInfo[] = [];
  const reconnected: ReconnectedInfo[] = [];
  const errors: string[] = [];
  account.on('state', (c) => states.push(c.to));
  account.on('reconnecting', (i) => reconnecting.push(i));
  account.on('reconnected', (i) => reconnected.push(i));
  account.on('error', (e) => errors.push(e.code));
  return { states, reconnecting, reconnected, errors };
}

async function onlineAccount(
  settings: Partial<ConstructorParameters<typeof Account>[0]> = {},
): Promise<{ account: Account; plugin: FakePlugin }> {
  const plugin = new FakePlugin('ok');
  const account = new Account({ ...fakeConfig, liveness: false, ...settings }, plugin);
  await account.connect();
  return { account, plugin };
}

describe('Account reconnect', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('after a lost session, waits the backoff delay, reconnects with what the session left, and says so', async () => {
    const { account, plugin } = await onlineAccount();
    const seen = watch(account);
    plugin.sink?.closed(lost());
    expect(seen.states).toEqual(['disconnected', 'reconnecting']);
    expect(seen.reconnecting).toHaveLength(1);
    const [first] = seen.reconnecting;
    expect(first?.attempt).toBe(1);
    expect(first?.error?.code).toBe('SB_CONNECTION_CLOSED');
    expect(first?.delayMs).toBeGreaterThanOrEqual(500);
    expect(first?.delayMs).toBeLessThanOrEqual(1_000);
    await jest.advanceTimersByTimeAsync((first?.delayMs ?? 0) - 1);
    expect(plugin.opens).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(plugin.opens).toHaveLength(2);
    expect(plugin.opens[1]?.request.continuation).toEqual({ protocol: 'fake' });
    expect(account.state).toBe('online');
    expect(seen.reconnected).toEqual([{ attempts: 1, downtimeMs: first?.delayMs, resumed: false }]);
    expect(seen.errors).toEqual(['SB_CONNECTION_CLOSED']);
  });

  it('keeps trying with growing delays while the server is down, then comes back', async () => {
    const { account, plugin } = await onlineAccount({ reconnect: { jitter: 0 } });
    const seen = watch(account);
    plugin.next = [down(), down(), 'ok'];
    plugin.sink?.closed(lost());
    await jest.advanceTimersByTimeAsync(1_000 + 2_000 + 4_000);
    expect(seen.reconnecting.map((r) => [r.attempt, r.delayMs, r.error?.code])).toEqual([
      [1, 1_000, 'SB_CONNECTION_CLOSED'],
      [2, 2_000, 'SB_CONNECTION_FAILED'],
      [3, 4_000, 'SB_CONNECTION_FAILED'],
    ]);
    expect(account.state).toBe('online');
    expect(seen.reconnected).toEqual([{ attempts: 3, downtimeMs: 7_000, resumed: false }]);
  });

  it('stops at an authentication failure: failed, one error, no further attempt', async () => {
    const { account, plugin } = await onlineAccount({ reconnect: { jitter: 0 } });
    const seen = watch(account);
    plugin.next = [
      new SwitchboardError('SB_SASL_FAILURE', undefined, {
        details: { condition: 'not-authorized' },
      }),
    ];
    plugin.sink?.closed(lost());
    await jest.advanceTimersByTimeAsync(60_000);
    expect(plugin.opens).toHaveLength(2);
    expect(account.state).toBe('failed');
    expect(seen.errors).toEqual(['SB_CONNECTION_CLOSED', 'SB_SASL_FAILURE']);
  });

  it('does not reconnect after a loss that retrying cannot fix (another login took over)', async () => {
    const { account, plugin } = await onlineAccount();
    const seen = watch(account);
    plugin.sink?.closed(
      new SwitchboardError('SB_STREAM_ERROR', undefined, { details: { condition: 'conflict' } }),
    );
    await jest.advanceTimersByTimeAsync(120_000);
    expect(plugin.opens).toHaveLength(1);
    expect(seen.states).toEqual(['disconnected']);
  });

  it('gives up after maxAttempts with SB_RECONNECT_GAVE_UP carrying the last error', async () => {
    const { account, plugin } = await onlineAccount({ reconnect: { maxAttempts: 2, jitter: 0 } });
    const seen = watch(account);
    const errors: SwitchboardError[] = [];
    account.on('error', (e) => errors.push(e));
    plugin.next = [down(), down(), 'ok'];
    plugin.sink?.closed(lost());
    await jest.advanceTimersByTimeAsync(60_000);
    expect(plugin.opens).toHaveLength(3);
    expect(account.state).toBe('failed');
    const gaveUp = errors.at(-1);
    expect(gaveUp?.code).toBe('SB_RECONNECT_GAVE_UP');
    expect(gaveUp?.cause).toMatchObject({ code: 'SB_CONNECTION_FAILED' });
    expect(seen.reconnecting.map((r) => r.attempt)).toEqual([1, 2]);
  });

  it('disconnect() while reconnecting stops it and abandons the waiting messages', async () => {
    const { account, plugin } = await onlineAccount();
    plugin.sink?.closed(lost());
    const waiting = account.sendMessage({ to: 'bob@fake', body: 'later' });
    await account.disconnect();
    await expect(waiting).rejects.toMatchObject({
      code: 'SB_SEND_ABANDONED',
      details: { reason: 'was disconnected' },
    });
    await jest.advanceTimersByTimeAsync(120_000);
    expect(plugin.opens).toHaveLength(1);
    expect(account.state).toBe('offline');
    expect(plugin.sent).toEqual([]);
  });

  it('messages sent while reconnecting are sent in order, once, when online again', async () => {
    const { account, plugin } = await onlineAccount({ reconnect: { jitter: 0 } });
    plugin.next = [down(), 'ok'];
    plugin.sink?.closed(lost());
    const sends = ['a', 'b', 'c'].map((body) => account.sendMessage({ to: 'bob@fake', body }));
    expect(account.queuedMessages).toBe(3);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(plugin.sent).toEqual([]);
    await jest.advanceTimersByTimeAsync(2_000);
    await Promise.all(sends);
    expect(plugin.sent).toEqual(
      ['a', 'b', 'c'].map((body) => ({ to: 'bob@fake', body, id: expect.any(String) })),
    );
    expect(account.queuedMessages).toBe(0);
  });

  it('a capability the provider lacks is refused at once, even while reconnecting', async () => {
    const { account, plugin } = await onlineAccount();
    plugin.sink?.closed(lost());
    await expect(
      account.sendMessage({ to: 'room@fake', body: 'x', type: 'groupchat' }),
    ).rejects.toMatchObject({ code: 'SB_CAPABILITY_UNSUPPORTED' });
    expect(account.queuedMessages).toBe(0);
    await account.disconnect();
  });

  it('connect() while reconnecting makes the attempt now', async () => {
    const { account, plugin } = await onlineAccount({
      reconnect: { initialDelayMs: 30_000, maxDelayMs: 30_000 },
    });
    plugin.sink?.closed(lost());
    await account.connect();
    expect(account.state).toBe('online');
    expect(plugin.opens).toHaveLength(2);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(plugin.opens).toHaveLength(2);
  });

  it('a dead connection (probe unanswered) is closed with SB_CONNECTION_LOST and reconnected', async () => {
    const { account, plugin } = await onlineAccount({
      liveness: { keepaliveMs: 1_000, probeAfterMs: 2_000, probeTimeoutMs: 500 },
      reconnect: { jitter: 0 },
    });
    const seen = watch(account);
    const first = plugin.liveness;
    if (first === undefined) throw new Error('no session');
    first.answering = false;
    await jest.advanceTimersByTimeAsync(2_000 + 250 + 500);
    expect(first.aborted?.code).toBe('SB_CONNECTION_LOST');
    expect(seen.reconnecting[0]?.error?.code).toBe('SB_CONNECTION_LOST');
    await jest.advanceTimersByTimeAsync(1_000);
    expect(account.state).toBe('online');
    expect(plugin.opens).toHaveLength(2);
    await account.disconnect();
  });

  it('keeps an idle session alive with the profile keepalive, as often as configured', async () => {
    const { account, plugin } = await onlineAccount({
      liveness: { keepaliveMs: 1_000, probeAfterMs: 60_000 },
    });
    await jest.advanceTimersByTimeAsync(10_100);
    expect(plugin.liveness?.keepalives).toBe(10);
    await account.disconnect();
    await jest.advanceTimersByTimeAsync(10_000);
    expect(plugin.liveness?.keepalives).toBe(10);
  });
});
