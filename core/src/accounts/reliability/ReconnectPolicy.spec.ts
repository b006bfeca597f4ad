import { SwitchboardError } from '../../errors/SwitchboardError';
import { backoffDelay, isTransient, reconnectDefaults, resolveReconnect } from './ReconnectPolicy';

describe(backoffDelay, () => {
  const noJitter = { ...reconnectDefaults, jitter: 0 };

  it('doubles from the initial delay and stops at the cap', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => backoffDelay(n, noJitter));
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000]);
  });

  it('takes up to the jitter share off, never more', () => {
    expect(backoffDelay(3, reconnectDefaults, () => 0)).toBe(4_000);
    expect(backoffDelay(3, reconnectDefaults, () => 0.999999)).toBe(2_000);
    expect(backoffDelay(3, { ...reconnectDefaults, jitter: 1 }, () => 0.5)).toBe(2_000);
  });

  it('spreads accounts that lost the same server', () => {
    const delays = new Set(Array.from({ length: 50 }, () => backoffDelay(4, reconnectDefaults)));
    expect(delays.size).toBeGreaterThan(10);
    for (const d of delays) expect(d >= 4_000 && d <= 8_000).toBe(true);
  });
});

describe(isTransient, () => {
  it.each([
    ['SB_CONNECTION_FAILED', undefined, true],
    ['SB_CONNECTION_LOST', undefined, true],
    ['SB_TIMEOUT', undefined, true],
    ['SB_STREAM_ERROR', 'system-shutdown', true],
    ['SB_STREAM_ERROR', 'connection-timeout', true],
    ['SB_STREAM_ERROR', 'conflict', false],
    ['SB_STREAM_ERROR', 'not-authorized', false],
    ['SB_SASL_FAILURE', 'not-authorized', false],
    ['SB_TLS_FAILED', undefined, false],
    ['SB_REAUTH_REQUIRED', undefined, false],
    ['SB_XML_MALFORMED', undefined, false],
  ] as const)('%s (%s) → %s', (code, condition, expected) => {
    const error = new SwitchboardError(code, undefined, { details: { condition } });
    expect(isTransient(error)).toBe(expected);
  });
});

describe(resolveReconnect, () => {
  it('fills in the defaults, and false turns reconnecting off', () => {
    expect(resolveReconnect({ maxAttempts: 3 })).toEqual({ ...reconnectDefaults, maxAttempts: 3 });
    expect(resolveReconnect(false)).toBeUndefined();
  });

  it.each([
    [{ initialDelayMs: -1 }, 'reconnect.initialDelayMs'],
    [{ initialDelayMs: 5_000, maxDelayMs: 10 }, 'reconnect.maxDelayMs'],
    [{ factor: 0.5 }, 'reconnect.factor'],
    [{ jitter: 2 }, 'reconnect.jitter'],
    [{ maxAttempts: 0 }, 'reconnect.maxAttempts'],
    [{ factor: Number.NaN }, 'reconnect.factor'],
  ])('refuses %p naming %s', (settings, field) => {
    expect(() => resolveReconnect(settings)).toThrow(
      expect.objectContaining({ code: 'SB_CONFIG_INVALID', details: { field } }),
    );
  });
});
