import { settleEach } from './concurrency';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('settleEach', () => {
  it('runs every item, never more than the limit at once', async () => {
    let running = 0;
    let most = 0;
    const done: number[] = [];
    await settleEach([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      running += 1;
      most = Math.max(most, running);
      await tick();
      await tick();
      done.push(n);
      running -= 1;
    });
    expect(done.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(most).toBe(3);
  });

  it('throws the first error only after every other item has settled', async () => {
    const finished: number[] = [];
    const run = settleEach([1, 2, 3], 3, async (n) => {
      if (n === 1) throw new Error('first failed');
      await tick();
      await tick();
      finished.push(n);
    });
    await expect(run).rejects.toThrow('first failed');
    expect(finished.sort()).toEqual([2, 3]);
  });
});
