import { DEFAULT_FLOOD, floodOptions } from './floodOptions';

describe(floodOptions, () => {
  it('reads off, burst/interval, and defaults', () => {
    expect(floodOptions(undefined)).toBe(DEFAULT_FLOOD);
    expect(floodOptions('off')).toBe(false);
    expect(floodOptions('10/500')).toEqual({ capacity: 10, refillMs: 500 });
  });

  it.each(['', '0/100', '5/0', 'fast', '5/'])('refuses %j with SB_CONFIG_INVALID', (value) => {
    expect(() => floodOptions(value)).toThrow(
      expect.objectContaining({
        code: 'SB_CONFIG_INVALID',
        details: { field: 'parameters.flood' },
      }),
    );
  });
});
