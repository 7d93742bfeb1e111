import { Inject, Injectable, Logger } from '@nestjs/common';
import { CompiledQuery, Insertable, Selectable, Transaction, sql } from 'kysely';
import { PREPARED } from '../../database/database';
import { DB } from '../../database/database.module';
import type { Database, Db, EventsTable, RecordStateTable } from '../../database/schema';
import { CACHE_STORE, KeyValueStore, PUB_SUB, PubSub } from '../cache/cache.types';
import { SyncResetRequired } from './change-feed.errors';
import {
  CRITICAL_EVENTS_CHANNEL,
  CriticalEventMessage,
  NewEvent,
  ReadOptions,
  StoredEvent,
  SYNC_EVENTS_CHANNEL,
  SyncEventsMessage,
  pullJson,
  toWireEvent,
} from './event.types';

/** The head is also kept in the database, so a short TTL only costs one query after it lapses. */
const HEAD_TTL_SECONDS = 300;
/** Rows per INSERT statement: 13 parameters a row stays far below PostgreSQL's 65,535. */
const INSERT_CHUNK = 1000;
/** Bound on the raise-and-verify loop for the cached head (see refreshHead). */
const HEAD_REFRESH_ROUNDS = 10;

export const headKey = (tenantId: string): string => `feed:head:${tenantId}`;

type EventRow = Selectable<EventsTable>;

/**
 * A pull page as one row: the tenant's archived prefix (so retention is checked in the same snapshot
 * as the events), the page's count and last id, its events' stored JSON joined in id order, and
 * whether more follow. No row when the tenant has no feed yet.
 */
const pageSql = (modelFilter: string): string => `${PREPARED} select f.archived_through, p.count, p.last_id, p.events,
    exists (select 1 from events
      where tenant_id = f.tenant_id and id > p.last_id and archived_at is null${modelFilter}) as more
  from tenant_feeds f cross join lateral (
    select count(*)::int as count, max(id) as last_id, string_agg(pull_json, ',' order by id) as events
    from (select id, pull_json from events
      where tenant_id = f.tenant_id and id > $2 and archived_at is null${modelFilter}
      order by id limit $3) s
  ) p
  where f.tenant_id = $1`;
const PAGE_SQL = pageSql('');
const PAGE_SQL_OF_MODELS = pageSql(' and model = any($4)');

function toStored(row: EventRow): StoredEvent {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    model: row.model,
    recordId: row.record_id,
    event: row.event,
    timestamp: row.timestamp,
    payload: row.payload,
    changedFields: row.changed_fields,
    priority: row.priority,
    category: row.category,
    userId: row.user_id,
    source: row.source,
    sourceEventId: row.source_event_id,
  };
}

const json = (v: unknown): string => JSON.stringify(v);

/**
 * The per-tenant event log. Ids come from `tenant_feeds.last_id`, bumped inside the inserting
 * transaction: the bump takes the tenant's row lock and holds it to commit, so appends of one tenant
 * commit in id order and a reader that saw id N can never later find a committed id <= N.
 */
@Injectable()
export class EventLogRepository {
  private readonly logger = new Logger(EventLogRepository.name);

  constructor(
    @Inject(DB) private readonly db: Db,
    @Inject(CACHE_STORE) private readonly store: KeyValueStore,
    @Inject(PUB_SUB) private readonly pubsub: PubSub,
  ) {}

  async append(tenantId: string, events: NewEvent[]): Promise<StoredEvent[]> {
    if (events.length === 0) return [];
    const stored = await this.db.transaction().execute(async (trx) => {
      const { last_id: lastId } = await trx
        .insertInto('tenant_feeds')
        .values({ tenant_id: tenantId, last_id: events.length })
        .onConflict((oc) =>
          oc.column('tenant_id').doUpdateSet({ last_id: sql<number>`tenant_feeds.last_id + excluded.last_id` }),
        )
        .returning('last_id')
        .executeTakeFirstOrThrow();
      const firstId = lastId - events.length + 1;
      const result: StoredEvent[] = events.map((e, i) => ({ ...e, id: firstId + i, tenantId }));
      for (let i = 0; i < result.length; i += INSERT_CHUNK) {
        await trx
          .insertInto('events')
          .values(
            result.slice(i, i + INSERT_CHUNK).map((e) => ({
              tenant_id: tenantId,
              id: e.id,
              model: e.model,
              record_id: e.recordId,
              event: e.event,
              timestamp: e.timestamp,
              payload: json(e.payload),
              changed_fields: json(e.changedFields),
              priority: e.priority,
              category: e.category,
              user_id: e.userId,
              source: e.source,
              source_event_id: e.sourceEventId,
              pull_json: pullJson(e),
            })),
          )
          .execute();
      }
      await upsertRecordState(trx, tenantId, result);
      return result;
    });
    await this.afterCommit(tenantId, stored);
    return stored;
  }

  /** Retained events with id > afterId, ascending. */
  async readAfter(tenantId: string, afterId: number, options: ReadOptions): Promise<StoredEvent[]> {
    if (options.limit <= 0 || (options.models !== '*' && options.models.length === 0)) return [];
    let query = this.retainedAfter(tenantId, afterId, options).selectAll().orderBy('id').limit(options.limit);
    if (options.offset) query = query.offset(options.offset);
    return (await query.execute()).map(toStored);
  }

  /**
   * The next `limit` retained events after `afterId` as a JSON array in the pull wire shape (see
   * pullJson), joined from the stored strings: the hot pull path neither parses rows nor serializes
   * payloads. `more` is whether more follow. Throws SyncResetRequired like assertRetained, checked in
   * the same statement (and snapshot) as the rows. The SQL is fixed text run as a prepared statement:
   * no query building or planning per pull.
   */
  async readPageJson(
    tenantId: string,
    afterId: number,
    options: Pick<ReadOptions, 'models' | 'limit'>,
  ): Promise<{ count: number; lastId: number | null; more: boolean; events: string }> {
    if (options.limit <= 0 || (options.models !== '*' && options.models.length === 0)) {
      return { count: 0, lastId: null, more: false, events: '[]' };
    }
    const all = options.models === '*';
    const parameters = all ? [tenantId, afterId, options.limit] : [tenantId, afterId, options.limit, options.models];
    const { rows } = await this.db.executeQuery<{
      archived_through: number;
      count: number;
      last_id: number | null;
      events: string | null;
      more: boolean;
    }>(CompiledQuery.raw(all ? PAGE_SQL : PAGE_SQL_OF_MODELS, parameters));
    const row = rows[0];
    // No row: the tenant has no feed yet, so nothing was ever logged or archived.
    if (!row) return { count: 0, lastId: null, more: false, events: '[]' };
    assertCursorRetained(afterId, row.archived_through);
    return { count: row.count, lastId: row.last_id, more: row.more, events: `[${row.events ?? ''}]` };
  }

  /** Retained events with id > afterId (and <= throughId when given). */
  async countAfter(
    tenantId: string,
    afterId: number,
    options: Omit<ReadOptions, 'limit' | 'offset'> & { throughId?: number },
  ): Promise<number> {
    if (options.models !== '*' && options.models.length === 0) return 0;
    let query = this.retainedAfter(tenantId, afterId, options);
    if (options.throughId !== undefined) query = query.where('id', '<=', options.throughId);
    const row = await query
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** The latest committed id (0 if none), from the cache when present. */
  async headId(tenantId: string): Promise<number> {
    try {
      const cached = await this.store.get(headKey(tenantId));
      if (cached !== null) return Number(cached);
      return await this.refreshHead(tenantId);
    } catch (e) {
      this.logger.warn(`feed head cache unavailable: ${(e as Error).message}`);
      return this.dbHead(tenantId);
    }
  }

  /** Highest id archived for the tenant (0 if none): every id <= it is gone from reads. */
  async archivedThrough(tenantId: string): Promise<number> {
    return (await this.feedState(tenantId)).archivedThrough;
  }

  /** Throws SyncResetRequired when the cursor points into archived history (cursor 0 = start of retained). */
  async assertRetained(tenantId: string, cursor: number): Promise<void> {
    assertCursorRetained(cursor, await this.archivedThrough(tenantId));
  }

  // ---- Ingestion helpers (dedupe, create-vs-write). Archived events count: they were logged.

  /**
   * The event logged with this source event id, if any. Sources that confirm by reading Odoo use a
   * deterministic id such as `<model>:<record_id>:<write_date>` so duplicate hints collapse.
   */
  async findBySourceEventId(tenantId: string, sourceEventId: string): Promise<StoredEvent | null> {
    const row = await this.db
      .selectFrom('events')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('source_event_id', '=', sourceEventId)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? toStored(row) : null;
  }

  /** Which of these source event ids are already in the log (bulk dedupe). */
  async existingSourceEventIds(tenantId: string, sourceEventIds: string[]): Promise<Set<string>> {
    if (sourceEventIds.length === 0) return new Set();
    const rows = await this.db
      .selectFrom('events')
      .select('source_event_id')
      .distinct()
      .where('tenant_id', '=', tenantId)
      .where('source_event_id', 'in', sourceEventIds)
      .execute();
    return new Set(rows.map((r) => r.source_event_id as string));
  }

  /** Whether the log holds any event for this record (decides create vs write). */
  async hasEvent(tenantId: string, model: string, recordId: number): Promise<boolean> {
    return (await this.latestFor(tenantId, model, recordId)) !== null;
  }

  /** The most recent event of one record, e.g. to skip an unchanged write_date or a repeated unlink. */
  async latestFor(tenantId: string, model: string, recordId: number): Promise<StoredEvent | null> {
    const row = await this.db
      .selectFrom('events')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('model', '=', model)
      .where('record_id', '=', recordId)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? toStored(row) : null;
  }

  // ---- Archiving (used by ArchiverService)

  async tenants(): Promise<string[]> {
    const rows = await this.db.selectFrom('tenant_feeds').select('tenant_id').orderBy('tenant_id').execute();
    return rows.map((r) => r.tenant_id);
  }

  async feedState(tenantId: string): Promise<{ lastId: number; archivedThrough: number }> {
    const row = await this.db
      .selectFrom('tenant_feeds')
      .select(['last_id', 'archived_through'])
      .where('tenant_id', '=', tenantId)
      .executeTakeFirst();
    return { lastId: row?.last_id ?? 0, archivedThrough: row?.archived_through ?? 0 };
  }

  /**
   * The lowest retained id that may not be archived yet: not older than the force cutoff, and either
   * newer than the soft cutoff or not yet synced by every active device (null cursor floor = no active
   * device holds anything back).
   */
  async firstUnarchivableId(
    tenantId: string,
    rule: { softBefore: Date; forceBefore: Date; syncedThrough: number | null },
  ): Promise<number | null> {
    const row = await this.db
      .selectFrom('events')
      .select((eb) => eb.fn.min<number>('id').as('id'))
      .where('tenant_id', '=', tenantId)
      .where('archived_at', 'is', null)
      .where('created_at', '>=', rule.forceBefore)
      .where((eb) => {
        const recent = eb('created_at', '>=', rule.softBefore);
        return rule.syncedThrough === null ? recent : eb.or([recent, eb('id', '>', rule.syncedThrough)]);
      })
      .executeTakeFirst();
    return row?.id ?? null;
  }

  /** Archives the prefix id <= throughId; archived_through only ever grows. Returns events archived. */
  async archiveThrough(tenantId: string, throughId: number, at: Date): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      const raised = await trx
        .updateTable('tenant_feeds')
        .set({ archived_through: throughId })
        .where('tenant_id', '=', tenantId)
        .where('archived_through', '<', throughId)
        .executeTakeFirst();
      if (Number(raised.numUpdatedRows) === 0) return 0;
      const archived = await trx
        .updateTable('events')
        .set({ archived_at: at })
        .where('tenant_id', '=', tenantId)
        .where('archived_at', 'is', null)
        .where('id', '<=', throughId)
        .executeTakeFirst();
      return Number(archived.numUpdatedRows);
    });
  }

  /** Deletes archived events logged before the cutoff. */
  async deleteArchived(tenantId: string, loggedBefore: Date): Promise<number> {
    const result = await this.db
      .deleteFrom('events')
      .where('tenant_id', '=', tenantId)
      .where('archived_at', 'is not', null)
      .where('created_at', '<', loggedBefore)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async stats(tenantId: string): Promise<{ total: number; archived: number }> {
    const row = await this.db
      .selectFrom('events')
      .select((eb) => [
        eb.fn.countAll<number>().as('total'),
        eb.fn.count<number>('archived_at').as('archived'),
      ])
      .where('tenant_id', '=', tenantId)
      .executeTakeFirstOrThrow();
    return { total: Number(row.total), archived: Number(row.archived) };
  }

  private retainedAfter(tenantId: string, afterId: number, options: Pick<ReadOptions, 'models' | 'priorities'>) {
    let query = this.db
      .selectFrom('events')
      .where('tenant_id', '=', tenantId)
      .where('id', '>', afterId)
      .where('archived_at', 'is', null);
    if (options.models !== '*') query = query.where('model', 'in', options.models);
    if (options.priorities && options.priorities.length > 0) query = query.where('priority', 'in', options.priorities);
    return query;
  }

  private async dbHead(tenantId: string): Promise<number> {
    return (await this.feedState(tenantId)).lastId;
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
      head = await this.dbHead(tenantId);
      const cached = await this.store.get(key);
      if (cached !== null && Number(cached) >= head) return Number(cached);
      await this.store.set(key, String(head), HEAD_TTL_SECONDS);
    }
    return head;
  }

  /** Cache and pub/sub run after commit; the events are durable, so a failure here is logged, not thrown. */
  private async afterCommit(tenantId: string, events: StoredEvent[]): Promise<void> {
    const headId = events[events.length - 1].id;
    try {
      await this.refreshHead(tenantId);
    } catch (e) {
      this.logger.warn(`could not raise feed head of ${tenantId}: ${(e as Error).message}`);
    }
    try {
      for (const e of events) {
        // A backfilled record is history, not news: copying a year of orders must not ring every phone.
        if (e.priority !== 'high' || e.source === 'backfill') continue;
        const message: CriticalEventMessage = { tenant_id: tenantId, event: toWireEvent(e) };
        await this.pubsub.publish(CRITICAL_EVENTS_CHANNEL, JSON.stringify(message));
      }
      const message: SyncEventsMessage = {
        tenant_id: tenantId,
        head_id: headId,
        models: [...new Set(events.map((e) => e.model))],
      };
      await this.pubsub.publish(SYNC_EVENTS_CHANNEL, JSON.stringify(message));
    } catch (e) {
      this.logger.warn(`could not publish events of ${tenantId}: ${(e as Error).message}`);
    }
  }
}

/**
 * Keeps record_state current in the append's transaction, so a snapshot at log position H is exactly
 * the log's state at H. Payloads merge into the stored values (an addon row may carry only the
 * changed fields); an unlink leaves a tombstone. Several events of one record in a batch are folded
 * first: one statement may not touch a row twice.
 */
async function upsertRecordState(trx: Transaction<Database>, tenantId: string, events: StoredEvent[]): Promise<void> {
  const rows = new Map<string, Insertable<RecordStateTable> & { patch: Record<string, unknown> }>();
  for (const e of events) {
    const key = `${e.model}\u0000${e.recordId}`;
    const patch = { ...rows.get(key)?.patch, ...(e.event === 'unlink' ? {} : (e.payload ?? {})) };
    rows.set(key, {
      tenant_id: tenantId,
      model: e.model,
      record_id: e.recordId,
      data: json(patch),
      patch,
      last_event_id: e.id,
      timestamp: e.timestamp,
      priority: e.priority,
      deleted: e.event === 'unlink',
    });
  }
  const values = [...rows.values()].map(({ patch: _patch, ...row }) => row);
  for (let i = 0; i < values.length; i += INSERT_CHUNK) {
    await trx
      .insertInto('record_state')
      .values(values.slice(i, i + INSERT_CHUNK))
      .onConflict((oc) =>
        oc.columns(['tenant_id', 'model', 'record_id']).doUpdateSet({
          data: sql<string>`record_state.data || excluded.data`,
          last_event_id: sql<number>`excluded.last_event_id`,
          timestamp: sql<Date>`excluded.timestamp`,
          priority: sql<'high' | 'medium' | 'low'>`excluded.priority`,
          deleted: sql<boolean>`excluded.deleted`,
        }),
      )
      .execute();
  }
}

/** Cursor 0 means "from the start of retained history"; any other cursor inside the archived prefix must reset. */
function assertCursorRetained(cursor: number, archivedThrough: number): void {
  if (cursor > 0 && cursor < archivedThrough) throw new SyncResetRequired(cursor, archivedThrough + 1);
}
