import { Inject, Injectable } from '@nestjs/common';
import { CompiledQuery, Selectable } from 'kysely';
import { PREPARED } from '../../database/database';
import { DB } from '../../database/database.module';
import type { Db, EventsTable } from '../../database/schema';
import { SyncResetRequired } from './feed.errors';
import { ReadOptions, StoredEvent } from './event.types';

type EventRow = Selectable<EventsTable>;

/** A page of the log in the pull wire shape: the events' stored JSON joined, and one by one (`parts`). */
export interface PageJson {
  count: number;
  lastId: number | null;
  more: boolean;
  events: string;
  parts?: { ids: readonly number[]; jsons: readonly string[] };
  changed?: Map<number, string[] | null>;
}

/**
 * A pull page as rows: the tenant's archived prefix on each (so retention is checked in the same snapshot as the
 * events), then one row an event in id order with its stored JSON and the fields it changed (what a restricted user's
 * filter needs besides the JSON, so it reads nothing more). One event more than the page is read, to tell whether
 * more follow. A single row with a null id when nothing is after the cursor; no row when the tenant has no feed yet.
 */
const pageSql = (modelFilter: string): string => `${PREPARED} select f.archived_through, e.id, e.pull_json, e.changed_fields
  from tenant_feeds f left join lateral (
    select id, pull_json, changed_fields from events
      where tenant_id = f.tenant_id and id > $2 and archived_at is null${modelFilter}
      order by id limit $3::int + 1
  ) e on true
  where f.tenant_id = $1
  order by e.id`;
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

/**
 * The reads pulls make of the per-tenant event log: pages after a cursor (as stored JSON or rows), ranges for the
 * tail, counts, and whether a cursor is still retained. Appends are EventAppendRepository's (through FeedWriter),
 * check-updates summaries EventSummaryRepository's, retention EventArchiveRepository's.
 */
@Injectable()
export class EventLogRepository {
  constructor(@Inject(DB) private readonly db: Db) {}

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
   * payloads. Each event's JSON is kept too (`parts`), so a restricted user's filter parses an event once
   * for every page that holds it (SyncCache.parsedEvent) rather than each page whole. `more` is whether
   * more follow. Throws SyncResetRequired like assertRetained, checked in the same statement (and
   * snapshot) as the rows. The SQL is fixed text run as a prepared statement: no query building or
   * planning per pull.
   */
  async readPageJson(tenantId: string, afterId: number, options: Pick<ReadOptions, 'models' | 'limit'>): Promise<PageJson> {
    if (options.limit <= 0 || (options.models !== '*' && options.models.length === 0)) {
      return { count: 0, lastId: null, more: false, events: '[]' };
    }
    const all = options.models === '*';
    const parameters = all ? [tenantId, afterId, options.limit] : [tenantId, afterId, options.limit, options.models];
    const { rows } = await this.db.executeQuery<{
      archived_through: number;
      id: number | null;
      pull_json: string | null;
      changed_fields: string[] | null;
    }>(CompiledQuery.raw(all ? PAGE_SQL : PAGE_SQL_OF_MODELS, parameters));
    // No row: the tenant has no feed yet, so nothing was ever logged or archived.
    if (rows.length === 0) return { count: 0, lastId: null, more: false, events: '[]' };
    assertCursorRetained(afterId, rows[0].archived_through);
    if (rows[0].id === null) return { count: 0, lastId: null, more: false, events: '[]' };
    const page = rows.slice(0, options.limit);
    const ids = page.map((r) => Number(r.id));
    const jsons = page.map((r) => r.pull_json as string);
    return {
      count: page.length,
      lastId: ids[ids.length - 1],
      more: rows.length > options.limit,
      events: `[${jsons.join(',')}]`,
      parts: { ids, jsons },
      changed: new Map(page.map((r, i) => [ids[i], r.changed_fields])),
    };
  }

  /**
   * Retained events with afterId < id <= throughId, in id order, as the pull tail keeps them (FeedTail: with the fields
   * each changed, which a restricted user's page needs), and the
   * archived prefix. `throughId` must be a committed head: every id up to it is committed, so the range is final.
   */
  async readRange(
    tenantId: string,
    afterId: number,
    throughId: number,
  ): Promise<{ archivedThrough: number; events: { id: number; model: string; json: string; changed: string[] | null }[] }> {
    const [rows, { archivedThrough }] = await Promise.all([
      this.db
        .selectFrom('events')
        .select(['id', 'model', 'pull_json', 'changed_fields'])
        .where('tenant_id', '=', tenantId)
        .where('id', '>', afterId)
        .where('id', '<=', throughId)
        .where('archived_at', 'is', null)
        .orderBy('id')
        .execute(),
      feedState(this.db, tenantId),
    ]);
    return { archivedThrough, events: rows.map((r) => ({ id: Number(r.id), model: r.model, json: r.pull_json, changed: r.changed_fields })) };
  }

  /** The changed fields of these events (null where the source did not say), e.g. to tell a removal. */
  async changedFields(tenantId: string, ids: number[]): Promise<Map<number, string[] | null>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('events')
      .select(['id', 'changed_fields'])
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', ids)
      .execute();
    return new Map(rows.map((r) => [r.id, r.changed_fields]));
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

  /** Highest id archived for the tenant (0 if none): every id <= it is gone from reads. */
  async archivedThrough(tenantId: string): Promise<number> {
    return (await feedState(this.db, tenantId)).archivedThrough;
  }

  /** Throws SyncResetRequired when the cursor points into archived history (cursor 0 = start of retained). */
  async assertRetained(tenantId: string, cursor: number): Promise<void> {
    assertCursorRetained(cursor, await this.archivedThrough(tenantId));
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
}

/** The tenant's feed row: its latest committed id and archived prefix (0 and 0 before its first append). */
export async function feedState(db: Db, tenantId: string): Promise<{ lastId: number; archivedThrough: number }> {
  const row = await db
    .selectFrom('tenant_feeds')
    .select(['last_id', 'archived_through'])
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  return { lastId: row?.last_id ?? 0, archivedThrough: row?.archived_through ?? 0 };
}

/** Cursor 0 means "from the start of retained history"; any other cursor inside the archived prefix must reset. */
function assertCursorRetained(cursor: number, archivedThrough: number): void {
  if (cursor > 0 && cursor < archivedThrough) throw new SyncResetRequired(cursor, archivedThrough + 1);
}
