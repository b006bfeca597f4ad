import { HeldMessages } from './HeldMessages';

describe(HeldMessages, () => {
  afterEach(() => jest.useRealTimers());

  it('gives up, after the time, the messages of channels nothing is rejoining, and keeps the others', () => {
    jest.useFakeTimers();
    const held = new HeldMessages();
    const expired: string[] = [];
    const waiting = new Set(['#rejoining']);
    held.hold('#left', { id: 'a', lines: [] });
    held.hold('#rejoining', { id: 'b', lines: [] });
    const expire = (key: string) => {
      expired.push(key);
      held.release(key);
    };
    held.expireAfter(1_000, (key) => waiting.has(key), expire);
    held.expireAfter(5, () => false, expire);
    jest.advanceTimersByTime(999);
    expect(expired).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(expired).toEqual(['#left']);
    expect(held.release('#rejoining').map((m) => m.id)).toEqual(['b']);
  });

  it('when the session is gone first, the timer is cancelled', () => {
    jest.useFakeTimers();
    const held = new HeldMessages();
    const expired: string[] = [];
    held.hold('#left', { id: 'a', lines: [] });
    held.expireAfter(
      1_000,
      () => false,
      (key) => expired.push(key),
    );
    expect(held.releaseAll().map((m) => m.id)).toEqual(['a']);
    jest.advanceTimersByTime(2_000);
    expect(expired).toEqual([]);
  });
});
