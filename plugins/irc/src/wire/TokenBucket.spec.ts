import { TokenBucket } from './TokenBucket';

function clock(start = 1_000) {
  let now = start;
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe(TokenBucket, () => {
  it('when full, lets a burst of `capacity` lines out, then none', () => {
    const time = clock();
    const bucket = new TokenBucket({ capacity: 3, refillMs: 1000, now: time.now });
    expect([1, 2, 3, 4].map(() => bucket.tryTake())).toEqual([true, true, true, false]);
    expect(bucket.delay()).toBe(1000);
  });

  it('when time passes, gives tokens back one per refill, up to the capacity', () => {
    const time = clock();
    const bucket = new TokenBucket({ capacity: 2, refillMs: 500, now: time.now });
    bucket.tryTake();
    bucket.tryTake();
    time.advance(250);
    expect(bucket.delay()).toBe(250);
    expect(bucket.tryTake()).toBe(false);
    time.advance(250);
    expect(bucket.tryTake()).toBe(true);
    time.advance(60_000);
    expect(bucket.available).toBe(2);
  });

  it('when the clock goes backwards, gives nothing back and takes nothing away', () => {
    const time = clock();
    const bucket = new TokenBucket({ capacity: 1, refillMs: 1000, now: time.now });
    bucket.tryTake();
    time.advance(-5000);
    expect(bucket.available).toBe(0);
    time.advance(5000 + 1000);
    expect(bucket.tryTake()).toBe(true);
  });

  it('when no options are given, allows 5 at once and one every 2 s', () => {
    const bucket = new TokenBucket({ now: () => 0 });
    expect(bucket.capacity).toBe(5);
    expect(bucket.refillMs).toBe(2000);
  });

  it('when the capacity or refill is not positive, throws', () => {
    expect(() => new TokenBucket({ capacity: 0 })).toThrow(RangeError);
    expect(() => new TokenBucket({ refillMs: 0 })).toThrow(RangeError);
  });
});
