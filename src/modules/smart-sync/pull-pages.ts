import { Injectable } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { Counter } from 'prom-client';
import { scopeKey, type ModelScope } from '../access/model-scope';
import type { DeliveredEvent } from '../access/read-filter';
import type { ReadPolicy } from '../access/read-policy.service';
import { EventLogRepository } from '../feed/event-log.repository';
import { FeedTail } from '../feed/feed-tail';
import { METRICS } from '../metrics/metrics';
import type { PageReader, SnapshotRead } from '../pull/pull-engine';
import { buildPage, emptyPage, estimateRemaining, type Page } from './pull-response';
import { SyncCache, pageKey } from './sync-cache';

/**
 * v2's pages: a page of events is read once per (tenant, scope, limit, cursor, head) and then served as cached
 * bytes; near the head it is cut from the in-process tail. An up-to-date device is answered without reading.
 */
@Injectable()
export class PullPages {
  constructor(
    private readonly events: EventLogRepository,
    private readonly tail: FeedTail,
    private readonly cache: SyncCache,
    @InjectMetric(METRICS.syncCacheHits) private readonly cacheHits: Counter<string>,
    @InjectMetric(METRICS.syncCacheMisses) private readonly cacheMisses: Counter<string>,
    @InjectMetric(METRICS.syncTailPages) private readonly tailPages: Counter<string>,
  ) {}

  reader(tenantId: string): PageReader<Page> {
    return {
      log: async (scope, cursor, limit, head) => {
        if (cursor >= head) {
          this.cacheHits.inc({ endpoint: 'pull' });
          return emptyPage(cursor);
        }
        const key = pageKey(tenantId, scopeKey(scope), limit, cursor, head);
        return this.forUser(tenantId, scope, await this.page(key, tenantId, scope, limit, cursor, head), key);
      },
      snapshot: async (scope, snapshot, rescope) => {
        const page = this.snapshotPage(snapshot);
        return rescope ? this.rescoped(scope, page) : this.forUser(tenantId, scope, page, null);
      },
    };
  }

  /**
   * The page as this user may see it (Odoo's access rights, see ReadPolicyService): events of records the user
   * cannot read are left out or become removals, while the cursor still moves past them. A page shared by the
   * tenant's devices is filtered once per user and rights version, and cached under its key.
   */
  private async forUser(tenantId: string, scope: ReadPolicy, page: Page, sharedKey: string | null): Promise<Page> {
    if (page.count === 0) return page;
    const rights = await scope.rights();
    // No model of the scope is under record rules or hides a field from this user: every event is delivered as it
    // is, so the page is not parsed.
    const asIs = (m: string) => rights.readable(m) && !rights.restricted(m) && rights.hiddenFields(m).size === 0;
    if (scope.models !== '*' && scope.models.every(asIs)) return page;
    const key = sharedKey === null ? null : `${sharedKey}:u:${rights.key}`;
    const hit = key === null ? null : this.cache.getPage(key);
    if (hit) return hit;
    const parts = page.parts;
    const ids = parts?.ids;
    const events = parts
      ? parts.jsons.map((json, i) => (ids ? this.cache.parsedEvent(tenantId, ids[i], json) : (JSON.parse(json) as DeliveredEvent)))
      : (JSON.parse(page.events) as DeliveredEvent[]);
    const readable = await scope.readable(events, page.changed);
    const filtered = readable.length === events.length && readable.every((e, i) => e === events[i])
      ? page
      : { ...page, count: readable.length, events: serialized(readable, events, parts), parts: undefined, changed: undefined };
    if (key !== null) this.cache.keepIfAskedAgain(key, filtered);
    return filtered;
  }

  /** A page of a re-scope pass: what the user may read as snapshot records, everything else as removals. */
  private async rescoped(scope: ReadPolicy, page: Page): Promise<Page> {
    if (page.count === 0) return page;
    return { ...page, events: JSON.stringify(await scope.rescope(JSON.parse(page.events) as DeliveredEvent[])) };
  }

  private async page(key: string, tenantId: string, scope: ModelScope, limit: number, cursor: number, headId: number): Promise<Page> {
    const hit = this.cache.getPage(key);
    if (hit) {
      this.cacheHits.inc({ endpoint: 'pull' });
      return hit;
    }
    // Near the head the page is cut from the in-process tail; further back it is read from the log.
    const cut = await this.tail.page(tenantId, cursor, scope.models, limit, headId);
    if (cut) {
      this.tailPages.inc({ endpoint: 'pull' });
      const { ids, changed } = cut.parts;
      const page = buildPage({ ...cut, changed: new Map(ids.map((id, i) => [id, changed[i]])) }, cursor, headId, cut.remaining);
      this.cache.keepIfAskedAgain(key, page);
      return page;
    }
    this.cacheMisses.inc({ endpoint: 'pull' });
    const json = await this.events.readPageJson(tenantId, cursor, { models: scope.models, limit });
    const page = buildPage(json, cursor, headId, json.more ? estimateRemaining(json.count, cursor, json.lastId ?? cursor, headId) : 0);
    // A database read is kept from the first: it spares the next device asking the same page a query.
    this.cache.setPage(key, page);
    return page;
  }

  /** A page of the snapshot taken at log position `at`: after its last record the device continues with the log from `at`. */
  private snapshotPage({ at, read, eventsAfter }: SnapshotRead): Page {
    this.cacheMisses.inc({ endpoint: 'pull' });
    return {
      count: read.count,
      next: at,
      nextSnapshot: read.next,
      end: read.end,
      snapshot: true,
      more: read.next !== null || eventsAfter > 0,
      remaining: (read.next?.left ?? 0) + eventsAfter,
      events: read.events,
      parts: { ids: null, jsons: read.parts },
    };
  }
}

/**
 * The JSON array of a filtered page: an event delivered as it was logged keeps its logged JSON when the page has it
 * (`parts`), so only the events the filter changed (removals, hidden fields dropped) are serialized.
 */
function serialized(delivered: DeliveredEvent[], events: DeliveredEvent[], parts: Page['parts']): string {
  if (!parts) return JSON.stringify(delivered);
  const logged = new Map(events.map((e, i) => [e, parts.jsons[i]]));
  return `[${delivered.map((e) => logged.get(e) ?? jsonOf(e)).join(',')}]`;
}

/**
 * The JSON of an event the filter changed, kept with it: a masked event is kept with the shared parsed event it was
 * made from (maskFields), so it is serialized once for every page and user that delivers it.
 */
const serializedEvents = new WeakMap<DeliveredEvent, string>();
function jsonOf(e: DeliveredEvent): string {
  let json = serializedEvents.get(e);
  if (json === undefined) serializedEvents.set(e, (json = JSON.stringify(e)));
  return json;
}
