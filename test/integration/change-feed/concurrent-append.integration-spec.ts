import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { DB } from '../../../src/database/database.module';
import type { Db } from '../../../src/database/schema';
import { EventLogRepository } from '../../../src/modules/feed/event-log.repository';
import { FeedWriter } from '../../../src/modules/feed/feed-writer';
import { RunningApp, startTestApp } from '../../support/test-app';
import { newEvent } from './events.fixture';

const TOTAL_EVENTS = 10_000;
const WRITERS = 8;
const MAX_BATCH = 50;

/** Deterministic PRNG (mulberry32) so a failing interleaving's batch sizes can be replayed. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('EventLogRepository ordering (integration)', () => {
  let running: RunningApp;
  let log: EventLogRepository;
  let feed: FeedWriter;

  beforeAll(async () => {
    running = await startTestApp();
    log = running.app.get(EventLogRepository);
    feed = running.app.get(FeedWriter);
  });
  afterAll(() => running.close());

  it(`gives a concurrent reader all ${TOTAL_EVENTS} events of ${WRITERS} concurrent writers, with no gap and no duplicate`, async () => {
    const tenant = randomUUID();
    const random = prng(20261122);
    let remaining = TOTAL_EVENTS;
    let batches = 0;
    const writer = async (w: number) => {
      let seq = 0;
      while (remaining > 0) {
        const n = Math.min(remaining, 1 + Math.floor(random() * MAX_BATCH));
        remaining -= n;
        batches++;
        const events = Array.from({ length: n }, () => newEvent({ recordId: w, payload: { w, seq: seq++ } }));
        await feed.append(tenant, events);
      }
    };

    let writing = true;
    let pagesWhileWriting = 0;
    const seen: number[] = [];
    const keys = new Set<string>();
    const violations: string[] = [];
    const reader = async () => {
      let cursor = 0;
      for (;;) {
        const done = !writing; // read before the page: a page read after the writers finished is complete
        const page = await log.readAfter(tenant, cursor, { models: '*', limit: 500 });
        if (!done && page.length > 0) pagesWhileWriting++;
        for (const e of page) {
          if (e.id !== cursor + 1) violations.push(`after ${cursor} got ${e.id}`);
          cursor = e.id;
          seen.push(e.id);
          keys.add(`${String(e.payload?.w)}:${String(e.payload?.seq)}`);
        }
        // No timer between polls: PGlite answers through microtasks only, so busy writers would starve a
        // setImmediate/setTimeout; the next query itself is the yield (it queues behind the writers).
        if (page.length === 0 && done) return;
      }
    };

    const reading = reader();
    await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
    writing = false;
    await reading;

    expect(violations).toEqual([]);
    expect(seen.length).toBe(TOTAL_EVENTS);
    expect(seen[seen.length - 1]).toBe(TOTAL_EVENTS);
    expect(keys.size).toBe(TOTAL_EVENTS);
    expect(batches).toBeGreaterThan(WRITERS);
    expect(pagesWhileWriting).toBeGreaterThan(1); // the reader really ran alongside the writers
    expect(await feed.headId(tenant)).toBe(TOTAL_EVENTS);

    // The logged time (check-updates' ISO `since`) follows the commit order too: a later id never has an
    // earlier time, and appends never share a millisecond (a transaction start time would break both).
    const db = running.app.get<Db>(DB);
    const { rows } = await sql<{ disordered: number; times: number }>`
      select count(*) filter (where created_at < prev)::int as disordered, count(distinct created_at)::int as times
      from (select created_at, lag(created_at) over (order by id) as prev from events where tenant_id = ${tenant}) t`.execute(db);
    expect(rows[0]).toEqual({ disordered: 0, times: batches });
    expect(await log.countAfter(tenant, 0, { models: '*' })).toBe(TOTAL_EVENTS);
  });
});
