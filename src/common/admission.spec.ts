import { Admission, SyncBusy } from './admission';

/** A task the test finishes when it wants, recording when it started. */
function gate(started: string[], name: string) {
  let open!: () => void;
  let fail!: (e: Error) => void;
  const done = new Promise<string>((resolve, reject) => {
    open = () => resolve(name);
    fail = reject;
  });
  return {
    task: () => {
      started.push(name);
      return done;
    },
    open,
    fail,
  };
}

const settle = () => new Promise((r) => setImmediate(r));

describe('Admission', () => {
  it('runs `concurrent` tasks at once, lines up `queue` more and refuses the rest without running them', async () => {
    const started: string[] = [];
    const admission = new Admission(2, 1);
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((n) => gate(started, n));
    const ran = [admission.run(a.task), admission.run(b.task), admission.run(c.task)];
    await settle();
    expect(started).toEqual(['a', 'b']);
    expect(admission.load).toEqual({ running: 2, waiting: 1 });

    const refused = await admission.run(d.task).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(SyncBusy);
    expect(refused).toMatchObject({ kind: 'unavailable', code: 'SYNC_BUSY', details: { running: 2, waiting: 1 } });
    expect(started).toEqual(['a', 'b']);

    a.open();
    await settle();
    expect(started).toEqual(['a', 'b', 'c']);
    expect(admission.load).toEqual({ running: 2, waiting: 0 });
    b.open();
    c.open();
    expect(await Promise.all(ran)).toEqual(['a', 'b', 'c']);
    expect(admission.load).toEqual({ running: 0, waiting: 0 });
  });

  it('hands a freed slot to the longest waiting task, not to a newcomer', async () => {
    const started: string[] = [];
    const admission = new Admission(1, 5);
    const gates = ['a', 'b', 'c'].map((n) => gate(started, n));
    const ran = gates.map((g) => admission.run(g.task));
    await settle();
    gates[0].open();
    const late = gate(started, 'late');
    const lateRun = admission.run(late.task);
    await settle();
    expect(started).toEqual(['a', 'b']);
    gates[1].open();
    await settle();
    gates[2].open();
    await settle();
    late.open();
    await Promise.all([...ran, lateRun]);
    expect(started).toEqual(['a', 'b', 'c', 'late']);
  });

  it('frees the slot of a task that failed and passes its error on', async () => {
    const started: string[] = [];
    const admission = new Admission(1, 1);
    const a = gate(started, 'a');
    const b = gate(started, 'b');
    const first = admission.run(a.task).catch((e: Error) => e.message);
    const second = admission.run(b.task);
    await settle();
    a.fail(new Error('database gone'));
    expect(await first).toBe('database gone');
    await settle();
    expect(started).toEqual(['a', 'b']);
    b.open();
    expect(await second).toBe('b');
    expect(admission.load).toEqual({ running: 0, waiting: 0 });
  });

  it('asks to retry once the tasks ahead are likely served, from their mean duration, within 1–30 s', async () => {
    let now = 0;
    const started: string[] = [];
    const admission = new Admission(2, 2, () => now);
    const retryAfter = () => admission.run(async () => 'x').then(
      () => null,
      (e: SyncBusy) => e.retryAfterSeconds,
    );
    const g = Object.fromEntries(['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((n) => [n, gate(started, n)]));
    const ran = ['a', 'b', 'c', 'd'].map((n) => admission.run(g[n].task));
    await settle();
    // Before any task finished, a task is taken to last a second: 4 ahead, 2 at a time.
    expect(await retryAfter()).toBe(2);

    now += 4000;
    g.a.open();
    await settle();
    g.b.open();
    await settle();
    // a and b took 4 s each; c and d run, e and f wait: 4 ahead × 4 s / 2.
    ran.push(admission.run(g.e.task), admission.run(g.f.task));
    await settle();
    expect(await retryAfter()).toBe(8);

    // A task of 100 s lifts the mean to 23.2 s: 4 ahead × 23.2 s / 2 is beyond the cap.
    now += 100_000;
    g.c.open();
    await settle();
    ran.push(admission.run(g.g.task));
    await settle();
    expect(admission.load).toEqual({ running: 2, waiting: 2 });
    expect(await retryAfter()).toBe(30);

    for (const n of ['d', 'e', 'f', 'g']) g[n].open();
    expect(await Promise.all(ran)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
  });

  it('with concurrent 0 runs every task at once', async () => {
    const started: string[] = [];
    const admission = new Admission(0, 0);
    const gates = Array.from({ length: 50 }, (_, i) => gate(started, String(i)));
    const ran = gates.map((g) => admission.run(g.task));
    await settle();
    expect(started).toHaveLength(50);
    for (const g of gates) g.open();
    expect(await Promise.all(ran)).toHaveLength(50);
  });
});
