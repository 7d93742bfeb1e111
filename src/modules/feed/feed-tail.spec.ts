import type { AppConfig } from '../../config/app.config';
import type { EventLogRepository } from './event-log.repository';
import { pullJson, type StoredEvent } from './event.types';
import { FeedTail } from './feed-tail';

const MODELS = ['sale.order', 'res.partner', 'stock.picking'];

/** The log as the repository answers it: ids 1..n, each event's model and JSON, and an archived prefix. */
class FakeLog {
  events: { id: number; model: string; json: string; changed: string[] | null }[] = [];
  stored: StoredEvent[] = [];
  archivedThrough = 0;
  reads = 0;
  failNext = false;
  /** Resolves pending reads only when released, to hold them in flight. */
  gate: Promise<void> | null = null;

  add(n: number, model = (id: number) => MODELS[id % 3]): void {
    for (let k = 0; k < n; k++) {
      const id = this.events.length + 1;
      const e: StoredEvent = {
        id,
        tenantId: 't',
        model: model(id),
        recordId: id,
        event: 'write',
        timestamp: new Date(Date.UTC(2026, 0, 1) + id * 1000),
        payload: { id, name: 'x'.repeat(id % 7) },
        // What a write changed, which its pull JSON leaves out: sometimes not said at all.
        changedFields: id % 4 === 0 ? null : id % 4 === 1 ? ['name'] : ['name', 'user_id'],
        priority: 'medium',
        category: 'business',
        userId: 2,
        source: 'write_date',
        sourceEventId: null,
      };
      this.stored.push(e);
      this.events.push({ id, model: e.model, json: pullJson(e), changed: e.changedFields });
    }
  }

  get head(): number {
    return this.events.length;
  }

  async readRange(_tenant: string, afterId: number, throughId: number) {
    this.reads++;
    if (this.gate) await this.gate;
    if (this.failNext) {
      this.failNext = false;
      throw new Error('connection lost');
    }
    return {
      archivedThrough: this.archivedThrough,
      events: this.events.filter((e) => e.id > afterId && e.id <= throughId && e.id > this.archivedThrough),
    };
  }

  counts = 0;

  async countAfter(_tenant: string, afterId: number, options: { models: string[] | '*'; throughId: number }) {
    this.counts++;
    const { models, throughId } = options;
    return this.events.filter((e) => e.id > afterId && e.id <= throughId && e.id > this.archivedThrough && (models === '*' || models.includes(e.model))).length;
  }

  /** What the database read of a page answers (readPageJson + the count after it), with the page's events one by one. */
  expected(cursor: number, models: string[] | '*', limit: number, headId: number) {
    const match = this.events.filter((e) => e.id > cursor && e.id <= headId && e.id > this.archivedThrough && (models === '*' || models.includes(e.model)));
    const page = match.slice(0, limit);
    return {
      count: page.length,
      lastId: page.length ? page[page.length - 1].id : null,
      more: match.length > limit,
      events: `[${page.map((e) => e.json).join(',')}]`,
      parts: { ids: page.map((e) => e.id), jsons: page.map((e) => e.json), changed: page.map((e) => e.changed) },
      remaining: Math.max(0, match.length - limit),
    };
  }
}

const noPubSub = { publish: async () => undefined, subscribe: async () => async () => undefined };
const tailOf = (log: FakeLog, eventsPerTenant: number, megabytes = 64) =>
  new FeedTail(log as unknown as EventLogRepository, { pullTail: { eventsPerTenant, megabytes } } as AppConfig, noPubSub);

/** A deterministic sequence, so a failure names the case that broke. */
function* cases(seed: number, n: number): Generator<number> {
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    yield x;
  }
}

describe('FeedTail', () => {
  it('cuts exactly the page the database read gives, for any cursor it reaches, model filter and limit', async () => {
    const log = new FakeLog();
    log.add(500);
    const tail = tailOf(log, 200);
    const filters: (string[] | '*')[] = ['*', ['sale.order'], ['res.partner', 'stock.picking'], ['account.move']];
    for (const r of cases(7, 300)) {
      const cursor = log.head - 200 + (r % 201);
      const models = filters[r % filters.length];
      const limit = 1 + (r % 120);
      expect({ cursor, models, limit, page: await tail.page('t', cursor, models, limit, log.head) }).toEqual({
        cursor,
        models,
        limit,
        page: log.expected(cursor, models, limit, log.head),
      });
    }
  });

  it('counts the events after a position through the head exactly like the database, and asks the database before the tail', async () => {
    const log = new FakeLog();
    log.add(500);
    const tail = tailOf(log, 200);
    const filters: (string[] | '*')[] = ['*', ['sale.order'], ['res.partner', 'stock.picking', 'res.partner'], ['account.move']];
    for (const r of cases(11, 200)) {
      const afterId = log.head - 200 + (r % 201);
      const headId = afterId + (r % (log.head - afterId + 1));
      const models = filters[r % filters.length];
      const inLog = log.events.filter((e) => e.id > afterId && e.id <= headId && (models === '*' || models.includes(e.model))).length;
      expect({ afterId, headId, models, n: await tail.count('t', afterId, models, headId) }).toEqual({ afterId, headId, models, n: inLog });
    }
    const reads = log.counts;
    expect(await tail.count('t', log.head - 201, ['sale.order'], log.head)).toBe(log.events.filter((e) => e.id > log.head - 201 && e.model === 'sale.order').length);
    expect(log.counts).toBe(reads + 1);
  });

  it('answers null for a cursor older than the tail, so the caller reads the database', async () => {
    const log = new FakeLog();
    log.add(300);
    const tail = tailOf(log, 100);
    expect(await tail.page('t', 199, '*', 10, 300)).toBeNull();
    expect(await tail.page('t', 200, '*', 10, 300)).toEqual(log.expected(200, '*', 10, 300));
  });

  it('cuts a page at the head it is given, even when the tail already holds later events', async () => {
    const log = new FakeLog();
    log.add(50);
    const tail = tailOf(log, 100);
    await tail.page('t', 0, '*', 10, 50);
    log.add(10);
    await tail.page('t', 0, '*', 10, 60);
    expect(await tail.page('t', 45, '*', 100, 50)).toEqual(log.expected(45, '*', 100, 50));
  });

  it('reads each new stretch of the log once, however many pulls ask for it at the same time', async () => {
    const log = new FakeLog();
    log.add(100);
    const tail = tailOf(log, 1000);
    await tail.page('t', 0, '*', 10, log.head);
    const before = log.reads;
    log.add(20);
    let release!: () => void;
    log.gate = new Promise((resolve) => (release = resolve));
    const pulls = Array.from({ length: 25 }, (_, d) => tail.page('t', 90 + (d % 10), '*', 100, log.head));
    release();
    const pages = await Promise.all(pulls);
    log.gate = null;
    expect(log.reads - before).toBe(1);
    pages.forEach((page, d) => expect(page).toEqual(log.expected(90 + (d % 10), '*', 100, 120)));
  });

  it("continues from this instance's own append without a read, and reads when another instance's events came between", async () => {
    const log = new FakeLog();
    log.add(10);
    const tail = tailOf(log, 1000);
    await tail.page('t', 0, '*', 10, 10);
    const reads = log.reads;
    const stored = (from: number, to: number): StoredEvent[] => log.stored.filter((e) => e.id >= from && e.id <= to);

    log.add(5);
    tail.appended('t', stored(11, 15));
    expect(log.reads).toBe(reads);
    log.add(5); // ids 16..20 from another instance: not announced here
    log.add(5);
    tail.appended('t', stored(21, 25)); // does not continue the tail (16..20 missing): ignored
    const page = await tail.page('t', 10, '*', 100, 25);
    expect(log.reads).toBe(reads + 1);
    expect(page).toEqual(log.expected(10, '*', 100, 25));
  });

  it('keeps at most PULL_TAIL_EVENTS events per tenant, moving its start past the dropped ones', async () => {
    const log = new FakeLog();
    log.add(100);
    const tail = tailOf(log, 30);
    await tail.page('t', 90, '*', 10, 100);
    log.add(25);
    expect(await tail.page('t', 95, '*', 10, 125)).toEqual(log.expected(95, '*', 10, 125));
    expect(await tail.page('t', 94, '*', 10, 125)).toBeNull();
  });

  it('starts over near the head when more than a tail of events arrived since it was last extended', async () => {
    const log = new FakeLog();
    log.add(20);
    const tail = tailOf(log, 10);
    await tail.page('t', 15, '*', 10, 20);
    log.add(500);
    const before = log.reads;
    expect(await tail.page('t', 515, '*', 10, 520)).toEqual(log.expected(515, '*', 10, 520));
    expect(log.reads - before).toBe(1);
    expect(await tail.page('t', 509, '*', 10, 520)).toBeNull();
  });

  it('drops the least recently used tenant when all tails together exceed PULL_TAIL_MB', async () => {
    const log = new FakeLog();
    // ~100 KB per event, 8 per tenant: ~0.8 MB each, 1 MB in all.
    for (let id = 1; id <= 8; id++) log.events.push({ id, model: 'sale.order', json: `"${'y'.repeat(100_000)}"`, changed: null });
    const tail = tailOf(log, 1000, 1);
    await tail.page('a', 0, '*', 1, 8);
    await tail.page('b', 0, '*', 1, 8);
    const reads = log.reads;
    await tail.page('b', 0, '*', 1, 8);
    expect(log.reads).toBe(reads);
    await tail.page('a', 0, '*', 1, 8);
    expect(log.reads).toBe(reads + 1);
  });

  it('leaves archived events out, like the database read', async () => {
    const log = new FakeLog();
    log.add(50);
    log.archivedThrough = 20;
    const tail = tailOf(log, 100);
    expect(await tail.page('t', 0, '*', 100, 50)).toBeNull();
    expect(await tail.page('t', 20, '*', 100, 50)).toEqual(log.expected(20, '*', 100, 50));
  });

  it('stops serving what archiving removed from reads as soon as it is told, so a device behind it is reset', async () => {
    const log = new FakeLog();
    log.add(50);
    const tail = tailOf(log, 100);
    expect(await tail.page('t', 10, '*', 5, 50)).toEqual(log.expected(10, '*', 5, 50));
    log.archivedThrough = 30;
    tail.archived('t', 30);
    expect(await tail.page('t', 10, '*', 5, 50)).toBeNull();
    expect(await tail.page('t', 30, '*', 5, 50)).toEqual(log.expected(30, '*', 5, 50));
  });

  it('answers null after a failed read, and reads again on the next pull', async () => {
    const log = new FakeLog();
    log.add(10);
    const tail = tailOf(log, 100);
    log.failNext = true;
    expect(await tail.page('t', 0, '*', 5, 10)).toBeNull();
    expect(await tail.page('t', 0, '*', 5, 10)).toEqual(log.expected(0, '*', 5, 10));
  });

  it('is off with PULL_TAIL_EVENTS=0', async () => {
    const log = new FakeLog();
    log.add(10);
    expect(await tailOf(log, 0).page('t', 5, '*', 5, 10)).toBeNull();
    expect(log.reads).toBe(0);
  });
});
