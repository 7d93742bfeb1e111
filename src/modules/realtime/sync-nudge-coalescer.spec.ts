import type { SyncNudge } from './realtime.types';
import { SyncNudgeCoalescer } from './sync-nudge-coalescer';

describe(SyncNudgeCoalescer.name, () => {
  let clock: number;
  let sent: Array<[string, SyncNudge]>;
  let coalescer: SyncNudgeCoalescer;

  beforeEach(() => {
    jest.useFakeTimers();
    clock = 1_000_000;
    sent = [];
    coalescer = new SyncNudgeCoalescer(1000, (t, n) => sent.push([t, n]), () => clock);
  });
  afterEach(() => {
    coalescer.close();
    jest.useRealTimers();
  });

  const advance = (ms: number): void => {
    clock += ms;
    jest.advanceTimersByTime(ms);
  };

  describe('push', () => {
    it('sends the first nudge of a tenant at once', () => {
      coalescer.push('a', { head_id: 1, models: ['res.partner'] });
      expect(sent).toEqual([['a', { head_id: 1, models: ['res.partner'] }]]);
    });

    it('merges nudges within the interval into one sent when it ends', () => {
      coalescer.push('a', { head_id: 1, models: ['x'] });
      advance(100);
      coalescer.push('a', { head_id: 3, models: ['z', 'x'] });
      coalescer.push('a', { head_id: 2, models: ['y'] });
      expect(sent).toHaveLength(1);
      advance(899);
      expect(sent).toHaveLength(1);
      advance(1);
      expect(sent[1]).toEqual(['a', { head_id: 3, models: ['x', 'y', 'z'] }]);
    });

    it('throttles each tenant on its own', () => {
      coalescer.push('a', { head_id: 1, models: [] });
      coalescer.push('b', { head_id: 5, models: [] });
      expect(sent.map(([t]) => t)).toEqual(['a', 'b']);
    });

    it('sends at once again after a quiet interval', () => {
      coalescer.push('a', { head_id: 1, models: [] });
      advance(1000);
      coalescer.push('a', { head_id: 2, models: [] });
      expect(sent).toHaveLength(2);
    });

    it('sends every nudge when the interval is 0', () => {
      const all: SyncNudge[] = [];
      const eager = new SyncNudgeCoalescer(0, (_t, n) => all.push(n), () => clock);
      eager.push('a', { head_id: 1, models: [] });
      eager.push('a', { head_id: 2, models: [] });
      expect(all.map((n) => n.head_id)).toEqual([1, 2]);
    });
  });

  describe('close', () => {
    it('drops merged nudges so no timer fires after shutdown', () => {
      coalescer.push('a', { head_id: 1, models: [] });
      coalescer.push('a', { head_id: 2, models: [] });
      coalescer.close();
      advance(5000);
      expect(sent).toHaveLength(1);
    });
  });
});
