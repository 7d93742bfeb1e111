import { Inject, Injectable, Logger } from '@nestjs/common';
import { CACHE_STORE, type KeyValueStore, PUB_SUB, type PubSub } from '../cache/cache.types';
import { EventAppendRepository } from './event-append.repository';
import { FeedTail } from './feed-tail';
import type { RecordMemory } from './record-state.repository';
import {
  CRITICAL_EVENTS_CHANNEL,
  type CriticalEventMessage,
  type NewEvent,
  type StoredEvent,
  SYNC_EVENTS_CHANNEL,
  type SyncEventsMessage,
  toWireEvent,
} from './event.types';

/** The head is also kept in the database, so a short TTL only costs one query after it lapses. */
const HEAD_TTL_SECONDS = 300;
/** Bound on the raise-and-verify loop for the cached head (see refreshHead). */
const HEAD_REFRESH_ROUNDS = 10;

export const headKey = (tenantId: string): string => `feed:head:${tenantId}`;

/**
 * The one way events enter the log: inserts them (EventAppendRepository), then, after commit, raises
 * the cached feed head and announces them on pub/sub (`critical_events` for high priority, one
 * `sync_events` per append). Also the cached read of the head.
 */
@Injectable()
export class FeedWriter {
  private readonly logger = new Logger(FeedWriter.name);
  /** Per tenant, the last id this instance appended (committed, so every id up to it is too). */
  private readonly appended = new Map<string, number>();

  constructor(
    private readonly log: EventAppendRepository,
    private readonly tail: FeedTail,
    @Inject(CACHE_STORE) private readonly store: KeyValueStore,
    @Inject(PUB_SUB) private readonly pubsub: PubSub,
  ) {}

  /** `memories`: what ingestion knows of records among the events, kept with them (EventLogRepository.insert). */
  async append(tenantId: string, events: NewEvent[], memories: readonly RecordMemory[] = []): Promise<StoredEvent[]> {
    if (events.length === 0) return [];
    const stored = await this.log.insert(tenantId, events, memories);
    await this.afterCommit(tenantId, stored);
    return stored;
  }

  /** Which of these source event ids are already in the log (an ingestion source's dedupe before it appends). */
  loggedSourceEventIds(tenantId: string, sourceEventIds: string[]): Promise<Set<string>> {
    return this.log.existingSourceEventIds(tenantId, sourceEventIds);
  }

  /**
   * The last id this instance appended to the tenant's log (0 if none): known at commit, before the cache is raised
   * and the append announced, so a pull on this instance can see it at once.
   */
  ownHead(tenantId: string): number {
    return this.appended.get(tenantId) ?? 0;
  }

  /** The latest committed id (0 if none), from the cache when present. */
  async headId(tenantId: string): Promise<number> {
    try {
      const cached = await this.store.get(headKey(tenantId));
      if (cached !== null) return Number(cached);
      return await this.refreshHead(tenantId);
    } catch (e) {
      this.logger.warn(`feed head cache unavailable: ${(e as Error).message}`);
      return this.log.committedHead(tenantId);
    }
  }

  /**
   * Brings the cached head up to the committed head without ever leaving it lower. The store has no
   * compare-and-set, so two writers can race (A reads 5, B writes 10, A writes 5). Every writer
   * re-reads after writing and repairs until cache >= database: whoever wrote last also verified
   * last, so the final value is the committed head.
   */
  private async refreshHead(tenantId: string): Promise<number> {
    const key = headKey(tenantId);
    let head = 0;
    for (let round = 0; round < HEAD_REFRESH_ROUNDS; round++) {
      // Read together: one round trip less for every append, which a busy event loop makes each cost dearly.
      const [committed, cached] = await Promise.all([this.log.committedHead(tenantId), this.store.get(key)]);
      head = committed;
      if (cached !== null && Number(cached) >= head) return Number(cached);
      await this.store.set(key, String(head), HEAD_TTL_SECONDS);
    }
    return head;
  }

  /** Cache and pub/sub run after commit; the events are durable, so a failure here is logged, not thrown. */
  private async afterCommit(tenantId: string, events: StoredEvent[]): Promise<void> {
    const headId = events[events.length - 1].id;
    this.appended.set(tenantId, Math.max(headId, this.ownHead(tenantId)));
    this.tail.appended(tenantId, events);
    try {
      await this.refreshHead(tenantId);
    } catch (e) {
      this.logger.warn(`could not raise feed head of ${tenantId}: ${(e as Error).message}`);
    }
    try {
      // A backfilled record is history, not news: copying a year of orders must not ring every phone.
      const critical = events.filter((e) => e.priority === 'high' && e.source !== 'backfill');
      const message: SyncEventsMessage = {
        tenant_id: tenantId,
        head_id: headId,
        models: [...new Set(events.map((e) => e.model))],
      };
      // Issued together, not one round trip each: one connection still delivers them in order.
      await Promise.all([
        ...critical.map((e) => {
          const critical: CriticalEventMessage = { tenant_id: tenantId, event: toWireEvent(e) };
          return this.pubsub.publish(CRITICAL_EVENTS_CHANNEL, JSON.stringify(critical));
        }),
        this.pubsub.publish(SYNC_EVENTS_CHANNEL, JSON.stringify(message)),
      ]);
    } catch (e) {
      this.logger.warn(`could not publish events of ${tenantId}: ${(e as Error).message}`);
    }
  }
}
