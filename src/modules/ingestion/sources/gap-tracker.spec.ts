import { advanceUpdateWebhookCursor, emptyUpdateWebhookCursor, gapIds } from './gap-tracker';

const WINDOW = 120_000;

describe('advanceUpdateWebhookCursor', () => {
  it('raises the high-water mark and records the ids skipped below it as gaps', () => {
    const cursor = advanceUpdateWebhookCursor({ highWater: 4, gaps: {} }, [5, 8], 1000, WINDOW);
    expect(cursor.highWater).toBe(8);
    expect(gapIds(cursor)).toEqual([6, 7]);
    expect(cursor.gaps[6]).toBe(1000);
  });

  it('closes a gap when its row shows up late, keeping the others with their first-seen time', () => {
    const before = { highWater: 8, gaps: { 6: 1000, 7: 1000 } };
    const after = advanceUpdateWebhookCursor(before, [7, 9], 5000, WINDOW);
    expect(after).toEqual({ highWater: 9, gaps: { 6: 1000 } });
  });

  it('gives a gap up after the gap window (a rolled-back insert never fills)', () => {
    const after = advanceUpdateWebhookCursor({ highWater: 8, gaps: { 6: 1000 } }, [], 1000 + WINDOW + 1, WINDOW);
    expect(after).toEqual({ highWater: 8, gaps: {} });
  });

  it('keeps the high-water mark when nothing new was read', () => {
    expect(advanceUpdateWebhookCursor(emptyUpdateWebhookCursor(), [], 0, WINDOW)).toEqual({ highWater: 0, gaps: {} });
  });

  it('keeps only the newest gaps beyond the cap', () => {
    const after = advanceUpdateWebhookCursor({ highWater: 0, gaps: {} }, [10], 0, WINDOW, 3);
    expect(gapIds(after)).toEqual([7, 8, 9]);
  });
});
