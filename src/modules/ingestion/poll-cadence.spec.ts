import { PollCadence } from './poll-cadence';

describe('PollCadence', () => {
  it('polls a new model at once, then backs off while it stays idle, up to the cap', () => {
    const cadence = new PollCadence(1000, 30_000);
    let now = 0;
    expect(cadence.due(['a'], now)).toEqual(['a']);
    const waits: number[] = [];
    for (let i = 0; i < 8; i++) {
      cadence.polled('a', false, now);
      waits.push(cadence.wait('a', now));
      now += cadence.wait('a', now);
    }
    // The first poll sets the base interval; idle polls then double it up to the cap.
    expect(waits).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
  });

  it('returns an active model to the base interval after a poll that logged something', () => {
    const cadence = new PollCadence(1000, 30_000);
    for (let i = 0; i < 6; i++) cadence.polled('a', false, 0);
    expect(cadence.wait('a', 0)).toBe(30_000);
    cadence.polled('a', true, 100);
    expect(cadence.wait('a', 100)).toBe(1000);
    // Due from half a base interval early: the next run, one interval after this one, polls it.
    expect(cadence.due(['a'], 599)).toEqual([]);
    expect(cadence.due(['a'], 600)).toEqual(['a']);
  });

  it('wakes a backed-off model at once and keeps the others on their schedule', () => {
    const cadence = new PollCadence(1000, 30_000);
    for (let i = 0; i < 6; i++) for (const m of ['a', 'b']) cadence.polled(m, false, 0);
    expect(cadence.due(['a', 'b'], 5000)).toEqual([]);
    cadence.wake('b');
    expect(cadence.due(['a', 'b'], 5000)).toEqual(['b']);
    cadence.polled('b', false, 5000);
    expect(cadence.wait('b', 5000)).toBe(2000);
  });
});
