import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { SwitchboardError } from '../../errors/SwitchboardError';
import type { SessionSink } from '../../plugins/ProtocolPlugin';
import { FakeLiveness } from '../fakePlugin.testkit';
import { LivenessMonitor } from './LivenessMonitor';
import { livenessDefaults, resolveLiveness } from './LivenessOptions';

function fakeSession(): { liveness: FakeLiveness; closed: Array<SwitchboardError | undefined> } {
  const closed: Array<SwitchboardError | undefined> = [];
  const sink = { closed: (e?: SwitchboardError) => closed.push(e) } as unknown as SessionSink;
  return { liveness: new FakeLiveness(sink), closed };
}

describe(LivenessMonitor, () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const options = {
    keepaliveMs: 1_000,
    keepalive: 'whitespace',
    probeAfterMs: 3_000,
    probeTimeoutMs: 500,
  } as const;

  it('sends a whitespace keepalive after outbound silence, none while traffic flows', () => {
    const { liveness } = fakeSession();
    const monitor = new LivenessMonitor(liveness, options);
    for (let i = 0; i < 8; i++) {
      jest.advanceTimersByTime(250);
      liveness.sentAt = Date.now();
      liveness.receivedAt = Date.now();
    }
    expect(liveness.keepalives).toBe(0);
    jest.advanceTimersByTime(1_000);
    expect(liveness.keepalives).toBe(1);
    jest.advanceTimersByTime(1_000);
    expect(liveness.keepalives).toBe(2);
    monitor.stop();
  });

  it('probes after inbound silence and keeps the session when the probe is answered', async () => {
    const { liveness, closed } = fakeSession();
    const monitor = new LivenessMonitor(liveness, options);
    await jest.advanceTimersByTimeAsync(3_250);
    expect(liveness.probes).toBe(1);
    await jest.advanceTimersByTimeAsync(2_000);
    expect(closed).toEqual([]);
    monitor.stop();
  });

  it('aborts with SB_CONNECTION_LOST when a probe is not answered in time', async () => {
    const { liveness, closed } = fakeSession();
    liveness.answering = false;
    const monitor = new LivenessMonitor(liveness, options);
    await jest.advanceTimersByTimeAsync(3_250);
    expect(closed).toEqual([]);
    await jest.advanceTimersByTimeAsync(500);
    expect(closed).toHaveLength(1);
    expect(closed[0]).toMatchObject({
      code: 'SB_CONNECTION_LOST',
      details: { probeTimeoutMs: 500 },
    });
    expect(liveness.probes).toBe(1);
    monitor.stop();
  });

  it("with keepalive 'probe', keeps alive with probes instead of whitespace", async () => {
    const { liveness } = fakeSession();
    const monitor = new LivenessMonitor(liveness, { ...options, keepalive: 'probe' });
    await jest.advanceTimersByTimeAsync(1_250);
    expect(liveness.probes).toBe(1);
    expect(liveness.keepalives).toBe(0);
    monitor.stop();
  });

  it('does nothing once stopped', async () => {
    const { liveness, closed } = fakeSession();
    liveness.answering = false;
    const monitor = new LivenessMonitor(liveness, options);
    monitor.stop();
    await jest.advanceTimersByTimeAsync(10_000);
    expect(liveness.probes + liveness.keepalives).toBe(0);
    expect(closed).toEqual([]);
  });

  it('does not abort when a probe fails after stop()', async () => {
    const { liveness, closed } = fakeSession();
    liveness.answering = false;
    const monitor = new LivenessMonitor(liveness, options);
    await jest.advanceTimersByTimeAsync(3_250);
    expect(liveness.probes).toBe(1);
    monitor.stop();
    await jest.advanceTimersByTimeAsync(1_000);
    expect(liveness.aborted).toBeUndefined();
    expect(closed).toEqual([]);
  });

  it('lets go of the session once stopped (an account may keep its stopped monitor)', async () => {
    jest.useRealTimers();
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    let liveness: FakeLiveness | undefined = fakeSession().liveness;
    const session = new WeakRef(liveness);
    const monitor = new LivenessMonitor(liveness, options);
    liveness = undefined;
    monitor.stop();
    await new Promise((resolve) => setImmediate(resolve));
    gc();
    expect(session.deref()).toBeUndefined();
    monitor.stop();
  });
});

describe(resolveLiveness, () => {
  it('overlays account settings on the profile on the defaults; false turns it off', () => {
    expect(resolveLiveness({ keepaliveMs: 30_000 }, { probeTimeoutMs: 5_000 })).toEqual({
      ...livenessDefaults,
      keepaliveMs: 30_000,
      probeTimeoutMs: 5_000,
    });
    expect(resolveLiveness({ keepaliveMs: 30_000 }, false)).toBeUndefined();
  });

  it('refuses non-positive intervals and unknown keepalive kinds with SB_CONFIG_INVALID', () => {
    expect(() => resolveLiveness(undefined, { keepaliveMs: 0 })).toThrow(
      expect.objectContaining({
        code: 'SB_CONFIG_INVALID',
        details: { field: 'liveness.keepaliveMs' },
      }),
    );
    expect(() => resolveLiveness(undefined, { keepalive: 'shout' as unknown as 'probe' })).toThrow(
      expect.objectContaining({ details: { field: 'liveness.keepalive' } }),
    );
  });
});
