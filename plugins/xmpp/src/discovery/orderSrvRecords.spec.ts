import { orderSrvRecords } from './orderSrvRecords';

/** A seeded generator (mulberry32), so every run sees the same sequence. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const record = (name: string, priority: number, weight: number) => ({ name, priority, weight });

describe(orderSrvRecords, () => {
  it('when priorities differ, puts the lowest first whatever the weights', () => {
    const records = [record('c', 30, 100), record('a', 10, 0), record('b', 20, 65535)];
    expect(orderSrvRecords(records, seeded(1)).map((r) => r.name)).toEqual(['a', 'b', 'c']);
  });

  it('when a record weighs 0 and others do not, puts it after them', () => {
    const records = [record('zero', 10, 0), record('heavy', 10, 50)];
    expect(orderSrvRecords(records, () => 0).map((r) => r.name)).toEqual(['heavy', 'zero']);
  });

  it('picks the record whose running sum of weights first exceeds random × sum', () => {
    const records = [record('light', 10, 10), record('heavy', 10, 30)];
    // 0.3 × 40 = 12: light's running sum 10 does not exceed it, heavy's 40 does.
    expect(orderSrvRecords(records, () => 0.3).map((r) => r.name)).toEqual(['heavy', 'light']);
    // 0.2 × 40 = 8: light's 10 exceeds it.
    expect(orderSrvRecords(records, () => 0.2).map((r) => r.name)).toEqual(['light', 'heavy']);
  });

  it('when weights are 1 and 3 at one priority, puts the heavier first about 3 times in 4', () => {
    const random = seeded(42);
    const records = [record('one', 5, 1), record('three', 5, 3), record('last', 9, 100)];
    let heavierFirst = 0;
    const runs = 4000;
    for (let i = 0; i < runs; i++) {
      const ordered = orderSrvRecords(records, random).map((r) => r.name);
      expect(ordered).toHaveLength(3);
      expect(ordered[2]).toBe('last');
      if (ordered[0] === 'three') heavierFirst++;
    }
    // P(three first) = 3/4: over 4000 draws the mean is 3000, the standard deviation about 27.
    expect(heavierFirst).toBeGreaterThan(2850);
    expect(heavierFirst).toBeLessThan(3150);
  });

  it('when every record has weight 0, keeps each of them once', () => {
    const records = [record('a', 1, 0), record('b', 1, 0), record('c', 1, 0)];
    const ordered = orderSrvRecords(records, seeded(7)).map((r) => r.name);
    expect([...ordered].sort()).toEqual(['a', 'b', 'c']);
  });

  it('when there are no records, returns none', () => {
    expect(orderSrvRecords([], seeded(3))).toEqual([]);
  });
});
