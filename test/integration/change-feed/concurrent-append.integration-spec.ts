import { randomUUID } from 'node:crypto';
import {
  InsertQueryNode,
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  sql,
  UnknownRow,
} from 'kysely';
import { DB } from '../../../src/database/database.module';
import type { Db } from '../../../src/database/schema';
import { CACHE_STORE, KeyValueStore, PUB_SUB, PubSub } from '../../../src/modules/cache/cache.types';
import { EventAppendRepository } from '../../../src/modules/feed/event-append.repository';
import { EventLogRepository } from '../../../src/modules/feed/event-log.repository';
import { FeedTail } from '../../../src/modules/feed/feed-tail';
import { FeedWriter } from '../../../src/modules/feed/feed-writer';
import { RunningApp, startTestApp, waitFor } from '../../support/test-app';
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

/** Holds a transaction open right after it bumped tenant_feeds (i.e. while it holds the tenant's row lock). */
class HoldAfterFeedBump implements KyselyPlugin {
  private readonly bumps = new WeakSet<object>();
  private open!: () => void;
  private readonly gate = new Promise<void>((resolve) => (this.open = resolve));
  private signal!: () => void;
  readonly reached = new Promise<void>((resolve) => (this.signal = resolve));

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (InsertQueryNode.is(args.node) && args.node.into?.table.identifier.name === 'tenant_feeds') {
      this.bumps.add(args.queryId);
    }
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    if (this.bumps.has(args.queryId)) {
      this.signal();
      await this.gate;
    }
    return args.result;
  }

  release(): void {
    this.open();
  }
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

  // PGlite is one connection: a held transaction blocks every other query, so there is no
  // interleaving to observe; this one needs PostgreSQL.
  const onPostgres = process.env.DATABASE_URL ? it : it.skip;

  onPostgres('never lets a reader see id N+1 while the transaction holding N is still open', async () => {
    const tenant = randomUUID();
    const db = running.app.get<Db>(DB);
    await feed.append(tenant, [newEvent({ recordId: 0 })]);

    const hold = new HoldAfterFeedBump();
    const slow = new FeedWriter(
      new EventAppendRepository(db.withPlugin(hold)),
      running.app.get(FeedTail),
      running.app.get<KeyValueStore>(CACHE_STORE),
      running.app.get<PubSub>(PUB_SUB),
    );
    const first = slow.append(tenant, [newEvent({ recordId: 1 })]);
    let second: Promise<unknown> = Promise.resolve();
    try {
      await hold.reached; // id 2 is assigned, its transaction is open
      let secondDone = false;
      second = feed.append(tenant, [newEvent({ recordId: 2 })]).then((r) => ((secondDone = true), r));

      // The second writer must be queued behind the first one's row lock, not committing id 3.
      await waitFor(async () => {
        const { rows } = await sql<{ n: number }>`
          select count(*)::int as n from pg_stat_activity
          where datname = current_database() and wait_event_type = 'Lock' and query like '%tenant_feeds%'`.execute(db);
        return rows[0].n > 0;
      });
      expect((await log.readAfter(tenant, 0, { models: '*', limit: 10 })).map((e) => e.id)).toEqual([1]);
      expect((await log.readAfter(tenant, 1, { models: '*', limit: 10 })).map((e) => e.id)).toEqual([]);
      expect(secondDone).toBe(false);
    } finally {
      // Also when an assertion failed: a transaction left open would hold its connection and hang the suite.
      hold.release();
    }
    const [a, b] = (await Promise.all([first, second])) as Array<Awaited<typeof first>>;
    expect(a.map((e) => [e.id, e.recordId])).toEqual([[2, 1]]);
    expect(b.map((e) => [e.id, e.recordId])).toEqual([[3, 2]]);
    expect((await log.readAfter(tenant, 1, { models: '*', limit: 10 })).map((e) => e.recordId)).toEqual([1, 2]);
  });
});
