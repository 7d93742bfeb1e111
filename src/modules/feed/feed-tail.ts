import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { AppConfig } from '../../config/app.config';
import { APP_CONFIG } from '../../config/config.module';
import { EventLogRepository } from './event-log.repository';
import type { StoredEvent } from './event.types';
import { FEED_ARCHIVED_CHANNEL, type FeedArchivedMessage, pullJson } from './event.types';
import { PUB_SUB, type PubSub, type Unsubscribe } from '../cache/cache.types';

/** How long the archived prefix read with the tail is trusted before a page re-reads it. */
const RETENTION_CHECK_MS = 60_000;

/** A page cut from the tail: the same shape as EventLogRepository.readPageJson, plus what is left after it. */
export interface TailPage {
  count: number;
  lastId: number | null;
  more: boolean;
  events: string;
  /**
   * The page's events one by one (`events` is their JSON array): ids, each event's JSON and the fields each changed
   * (null: not said), which the pull JSON leaves out and a user's rights need to tell a removal.
   */
  parts: { ids: number[]; jsons: string[]; changed: (readonly string[] | null)[] };
  /** Matching events after the page, up to the head. */
  remaining: number;
}

type TailEvent = { id: number; model: string; json: string; changed: readonly string[] | null };

/**
 * One tenant's most recent events: exactly the retained events with from < id <= through, in id order, from index
 * `first` of the arrays (older entries are dropped by moving `first`, and compacted now and then).
 */
interface Tail {
  from: number;
  through: number;
  ids: number[];
  models: string[];
  jsons: string[];
  changed: (readonly string[] | null)[];
  first: number;
  /** Per model, the ids of its events in the tail (ascending, from `first`), to count what is left of a page fast. */
  byModel: Map<string, { ids: number[]; first: number }>;
  bytes: number;
  archivedThrough: number;
  checkedAt: number;
  /** The read in flight that extends this tail, so concurrent pulls wait for one query instead of each running it. */
  extending: Promise<void> | null;
}

/**
 * The most recent events of each tenant, in process, so a page near the head is cut without a query. It never holds
 * anything but a contiguous stretch of the commit-ordered log below a committed head: it is extended by reading
 * (through, head] once per head change and per instance (however many devices pull), or at once from this
 * instance's own appends when they continue it. Instances share nothing, so each is consistent on its own. Bounded
 * per tenant (PULL_TAIL_EVENTS) and in total (PULL_TAIL_MB, least recently used tenants dropped first).
 */
@Injectable()
export class FeedTail implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(FeedTail.name);
  private unsubscribe?: Unsubscribe;
  private readonly tails = new Map<string, Tail>();
  private bytes = 0;
  private readonly maxEvents: number;
  private readonly maxBytes: number;

  constructor(
    private readonly log: EventLogRepository,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(PUB_SUB) private readonly pubsub: PubSub,
  ) {
    this.maxEvents = config.pullTail.eventsPerTenant;
    this.maxBytes = config.pullTail.megabytes * 1024 * 1024;
  }

  async onModuleInit(): Promise<void> {
    this.unsubscribe = await this.pubsub.subscribe(FEED_ARCHIVED_CHANNEL, (raw) => {
      try {
        const message = JSON.parse(raw) as FeedArchivedMessage;
        this.archived(message.tenant_id, message.archived_through);
      } catch (e) {
        this.logger.warn(`ignored a malformed feed_archived message: ${(e as Error).message}`);
      }
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.unsubscribe?.();
  }

  /** The tenant's log was archived through `through`: a device behind it gets the database's answer (a reset). */
  archived(tenantId: string, through: number): void {
    const tail = this.tails.get(tenantId);
    if (!tail || through <= tail.archivedThrough) return;
    tail.archivedThrough = through;
    this.trim(tail, (i) => tail.ids[i] <= through);
    tail.from = Math.max(tail.from, through);
  }

  /**
   * The page of up to `limit` events after `cursor` (of `models`, '*' = all) through the committed `headId`, or null
   * when the tail does not reach back to the cursor (the caller reads the database). Throws SyncResetRequired like
   * the database read when the cursor points into archived history.
   */
  async page(tenantId: string, cursor: number, models: string[] | '*', limit: number, headId: number): Promise<TailPage | null> {
    if (this.maxEvents === 0) return null;
    const tail = await this.reaching(tenantId, headId);
    // The tail starts at or after the archived prefix, so a cursor it reaches is retained.
    if (!tail || cursor < tail.from) return null;
    const wanted = models === '*' ? null : new Set(models);
    const ids: number[] = [];
    const jsons: string[] = [];
    const changed: (readonly string[] | null)[] = [];
    let lastId = cursor;
    for (let i = upperBound(tail.ids, tail.first, cursor); i < tail.ids.length && tail.ids[i] <= headId && jsons.length < limit; i++) {
      if (wanted && !wanted.has(tail.models[i])) continue;
      ids.push(tail.ids[i]);
      jsons.push(tail.jsons[i]);
      changed.push(tail.changed[i]);
      lastId = tail.ids[i];
    }
    const remaining = jsons.length === limit ? countIn(tail, wanted, lastId, headId) : 0;
    return {
      count: jsons.length,
      lastId: jsons.length > 0 ? lastId : null,
      more: remaining > 0,
      events: `[${jsons.join(',')}]`,
      parts: { ids, jsons, changed },
      remaining,
    };
  }

  /**
   * How many events of `models` there are after `afterId` through the committed `headId` (what is left behind a
   * snapshot taken at `afterId`): counted in the tail when it reaches back to `afterId` (a snapshot is taken at the
   * head), else in the database.
   */
  async count(tenantId: string, afterId: number, models: string[] | '*', headId: number): Promise<number> {
    const tail = this.maxEvents === 0 ? null : await this.reaching(tenantId, headId);
    if (!tail || afterId < tail.from) return this.log.countAfter(tenantId, afterId, { models, throughId: headId });
    return countIn(tail, models === '*' ? null : new Set(models), afterId, headId);
  }

  /** This instance's own append, just committed: continues the tail at once when it starts where the tail ends. */
  appended(tenantId: string, events: StoredEvent[]): void {
    const tail = this.tails.get(tenantId);
    if (!tail || events.length === 0 || events[0].id !== tail.through + 1) return;
    this.push(tenantId, tail, events.map((e) => ({ id: e.id, model: e.model, json: pullJson(e), changed: e.changedFields })), events[events.length - 1].id);
  }

  /**
   * The tenant's tail extended through `headId` (one read per head change, shared by concurrent pulls), or null when
   * that read failed. A tail too far behind (more than a tail's worth of new events) starts over near the head.
   */
  private async reaching(tenantId: string, headId: number): Promise<Tail | null> {
    let tail = this.tails.get(tenantId);
    this.drop(tenantId);
    if (!tail || headId - tail.through > this.maxEvents) tail = this.empty(Math.max(0, headId - this.maxEvents));
    // Re-inserted, so the map is in least recently used order for eviction.
    this.tails.set(tenantId, tail);
    this.bytes += tail.bytes;
    while (tail.through < headId || Date.now() - tail.checkedAt >= RETENTION_CHECK_MS) {
      tail.extending ??= this.extend(tenantId, tail, headId);
      try {
        await tail.extending;
      } catch {
        return null;
      }
      if (this.tails.get(tenantId) !== tail) return null;
    }
    return tail;
  }

  private async extend(tenantId: string, tail: Tail, headId: number): Promise<void> {
    try {
      const through = Math.max(tail.through, headId);
      const read = await this.log.readRange(tenantId, tail.through, through);
      tail.archivedThrough = read.archivedThrough;
      tail.checkedAt = Date.now();
      this.push(tenantId, tail, read.events, through);
    } catch (e) {
      // A failed read leaves no partial tail behind: the next pull starts it again.
      if (this.tails.get(tenantId) === tail) this.drop(tenantId);
      throw e;
    } finally {
      tail.extending = null;
    }
  }

  /** Appends events that continue the tail (those at or below `through` are already in it), then enforces the bounds. */
  private push(tenantId: string, tail: Tail, events: TailEvent[], through: number): void {
    if (this.tails.get(tenantId) !== tail) return;
    for (const e of events) {
      if (e.id <= tail.through) continue;
      tail.ids.push(e.id);
      tail.models.push(e.model);
      tail.jsons.push(e.json);
      tail.changed.push(e.changed);
      let list = tail.byModel.get(e.model);
      if (!list) tail.byModel.set(e.model, (list = { ids: [], first: 0 }));
      list.ids.push(e.id);
      tail.bytes += e.json.length;
      this.bytes += e.json.length;
    }
    tail.through = Math.max(tail.through, through);
    // Archived events leave the tail like they leave reads.
    this.trim(tail, (i) => tail.ids.length - i > this.maxEvents || tail.ids[i] <= tail.archivedThrough);
    tail.from = Math.max(tail.from, tail.archivedThrough);
    for (const [id, other] of this.tails) {
      if (this.bytes <= this.maxBytes) break;
      if (other === tail) this.trim(tail, () => this.bytes > this.maxBytes);
      else this.drop(id);
    }
  }

  /** Drops the oldest entries while `drop(index)` says so, moving `from` past them. */
  private trim(tail: Tail, drop: (index: number) => boolean): void {
    while (tail.first < tail.ids.length && drop(tail.first)) {
      const size = tail.jsons[tail.first].length;
      tail.bytes -= size;
      this.bytes -= size;
      tail.from = tail.ids[tail.first];
      // The oldest event of the tail is the oldest of its model too.
      const list = tail.byModel.get(tail.models[tail.first]);
      if (list) compact(list, list.first + 1);
      tail.first++;
    }
    if (tail.first > 1024 && tail.first * 2 > tail.ids.length) {
      tail.ids.splice(0, tail.first);
      tail.models.splice(0, tail.first);
      tail.jsons.splice(0, tail.first);
      tail.changed.splice(0, tail.first);
      tail.first = 0;
    }
  }

  private drop(tenantId: string): void {
    const tail = this.tails.get(tenantId);
    if (!tail) return;
    this.bytes -= tail.bytes;
    this.tails.delete(tenantId);
  }

  private empty(from: number): Tail {
    return { from, through: from, ids: [], models: [], jsons: [], changed: [], first: 0, byModel: new Map(), bytes: 0, archivedThrough: 0, checkedAt: 0, extending: null };
  }
}

/** Events of `models` (null: all) in the tail with afterId < id <= throughId, from the per-model id lists. */
function countIn(tail: Tail, models: ReadonlySet<string> | null, afterId: number, throughId: number): number {
  let n = 0;
  for (const model of models ?? tail.byModel.keys()) {
    const list = tail.byModel.get(model);
    if (list) n += upperBound(list.ids, list.first, throughId) - upperBound(list.ids, list.first, afterId);
  }
  return n;
}

/** The index of the first of `ids` (ascending from `from`) above `id`. */
function upperBound(ids: number[], from: number, id: number): number {
  let lo = from;
  let hi = ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ids[mid] <= id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Moves a list's start to `first`, releasing the dropped part now and then. */
function compact(list: { ids: number[]; first: number }, first: number): void {
  list.first = first;
  if (list.first > 1024 && list.first * 2 > list.ids.length) {
    list.ids.splice(0, list.first);
    list.first = 0;
  }
}
