import { forEachLimit } from './forEachLimit';

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe(forEachLimit, () => {
  it('when given more items than the limit, runs every item, never more than the limit at once', async () => {
    let running = 0;
    let most = 0;
    const done: number[] = [];
    await forEachLimit([...Array(50).keys()], 8, async (i) => {
      running++;
      most = Math.max(most, running);
      await tick();
      running--;
      done.push(i);
    });
    expect(most).toBe(8);
    expect(done.sort((a, b) => a - b)).toEqual([...Array(50).keys()]);
  });

  it('when a task fails, starts no further task and rejects once the running ones settled', async () => {
    const started: number[] = [];
    let running = 0;
    const result = forEachLimit([...Array(20).keys()], 4, async (i) => {
      started.push(i);
      running++;
      await tick();
      running--;
      if (i === 1) throw new Error('task 1 failed');
    });
    await expect(result).rejects.toThrow('task 1 failed');
    expect(running).toBe(0);
    expect(started.length).toBeLessThan(8);
  });

  it('when given no items, resolves without calling the task', async () => {
    const task = jest.fn(async () => {});
    await forEachLimit([], 8, task);
    expect(task).not.toHaveBeenCalled();
  });
});
