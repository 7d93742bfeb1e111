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

/**
 * PGlite is one connection: a held transaction blocks every other query, so there is no interleaving to observe;
 * this one needs PostgreSQL (npm run test:services).
 */
describe('EventLogRepository ordering under a held row lock (PostgreSQL)', () => {
  let running: RunningApp;
  let log: EventLogRepository;
  let feed: FeedWriter;

  beforeAll(async () => {
    running = await startTestApp();
    log = running.app.get(EventLogRepository);
    feed = running.app.get(FeedWriter);
  });
  afterAll(() => running.close());

  it('never lets a reader see id N+1 while the transaction holding N is still open', async () => {
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
