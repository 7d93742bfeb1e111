import { Inject, Injectable } from '@nestjs/common';
import { CompiledQuery, Insertable, Selectable, Transaction, sql } from 'kysely';
import { PREPARED } from '../../database/database';
import { DB, WRITE_DB } from '../../database/database.module';
import type { Database, Db, EventsTable, RecordStateTable } from '../../database/schema';
import { SyncResetRequired } from './feed.errors';
import { NewEvent, ReadOptions, StoredEvent, pullJson } from './event.types';
import { memoryColumns, recordKey, type RecordMemory } from './record-state.repository';

/** Rows per INSERT statement: 13 parameters a row stays far below PostgreSQL's 65,535. */
const INSERT_CHUNK = 1000;

type EventRow = Selectable<EventsTable>;

export interface ModelCount {
  model: string;
  count: number;
}

/** A model's changes since a check-updates position, and when BridgeCore logged the latest of them. */
export interface ModelChanges extends ModelCount {
  last: Date;
}

/** A check-updates position: after a log id (a sync token), or after the time a change was logged (ISO since). */
export type ChangesSince = { afterId: number } | { loggedAfter: Date };

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
 * The per-tenant event log's SQL. Ids come from `tenant_feeds.last_id`, bumped inside the inserting
 * transaction: the bump takes the tenant's row lock and holds it to commit, so appends of one tenant
 * commit in id order and a reader that saw id N can never later find a committed id <= N. Appends go
 * through FeedWriter, which also keeps the cached head and announces them.
 */
@Injectable()
export class EventLogRepository {
  constructor(
    @Inject(DB) private readonly db: Db,
    /** Appends, and what they read in their path (dedupe, the committed head): never queued behind devices' reads. */
    @Inject(WRITE_DB) private readonly writer: Db,
  ) {}

  /**
   * Inserts the events in one transaction (see the class comment); FeedWriter.append is the way in. `memories`
   * (what ingestion knows of records among the events, one per record) are kept in the same record_state rows.
   */
  async insert(tenantId: string, events: NewEvent[], memories: readonly RecordMemory[] = []): Promise<StoredEvent[]> {
    if (events.length === 0) return [];
    return this.writer.transaction().execute(async (trx) => {
      // When the append is logged (`created_at`), ordered like its ids: read once the tenant's row lock is held, so it
      // is later than every append committed before, and kept at millisecond precision and strictly after the
      // tenant's previous append, so a `last_update_at` (ISO, milliseconds) sent back as `since` means exactly "after
      // that append". `now()` would be the transaction's start: a slow append would commit with an earlier time than
      // one a client already saw, and be skipped by a `since` poll. The SET runs after the conflict took the lock.
      const { last_id: lastId, last_logged_at: loggedAt } = await trx
        .insertInto('tenant_feeds')
        .values({ tenant_id: tenantId, last_id: events.length, last_logged_at: sql<Date>`date_trunc('milliseconds', clock_timestamp())` })
        .onConflict((oc) =>
          oc.column('tenant_id').doUpdateSet({
            last_id: sql<number>`tenant_feeds.last_id + excluded.last_id`,
            last_logged_at: sql<Date>`greatest(date_trunc('milliseconds', clock_timestamp()),
              tenant_feeds.last_logged_at + interval '1 millisecond')`,
          }),
        )
        .returning(['last_id', 'last_logged_at'])
        .executeTakeFirstOrThrow();
      const firstId = lastId - events.length + 1;
      const result: StoredEvent[] = events.map((e, i) => ({ ...e, id: firstId + i, tenantId }));
      // Each payload is serialized once, for the event row, its pull JSON and the record's state.
      const payloads = result.map((e) => (e.payload === null ? null : json(e.payload)));
      for (let i = 0; i < result.length; i += INSERT_CHUNK) {
        await trx
          .insertInto('events')
          .values(
            result.slice(i, i + INSERT_CHUNK).map((e, k) => ({
              tenant_id: tenantId,
              id: e.id,
              model: e.model,
              record_id: e.recordId,
              event: e.event,
              timestamp: e.timestamp,
              payload: payloads[i + k] ?? 'null',
              changed_fields: json(e.changedFields),
              priority: e.priority,
              category: e.category,
              user_id: e.userId,
              source: e.source,
              source_event_id: e.sourceEventId,
              pull_json: pullJson(e, payloads[i + k]),
              created_at: loggedAt as Date,
            })),
          )
          .execute();
      }
      await upsertRecordState(trx, tenantId, result, payloads, memories);
      return result;
    });
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

  /**
   * Retained events with afterId < id <= throughId, in id order, as the pull tail keeps them (FeedTail), and the
   * archived prefix. `throughId` must be a committed head: every id up to it is committed, so the range is final.
   */
  async readRange(
    tenantId: string,
    afterId: number,
    throughId: number,
  ): Promise<{ archivedThrough: number; events: { id: number; model: string; json: string }[] }> {
    const [rows, { archivedThrough }] = await Promise.all([
      this.db
        .selectFrom('events')
        .select(['id', 'model', 'pull_json'])
        .where('tenant_id', '=', tenantId)
        .where('id', '>', afterId)
        .where('id', '<=', throughId)
        .where('archived_at', 'is', null)
        .orderBy('id')
        .execute(),
      this.feedState(tenantId),
    ]);
    return { archivedThrough, events: rows.map((r) => ({ id: Number(r.id), model: r.model, json: r.pull_json })) };
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

  /**
   * The legacy "anything new?" question: retained events per model after a position, by log id (a sync
   * token) or by the time they were logged (an ISO `since`; see insert for why that is safe),
   * counted up to the head read first, which is returned as the next token. Every id up to a committed
   * head is committed, so the answer covers exactly the ids <= head and the next one starts after it.
   */
  async changesSince(
    tenantId: string,
    since: ChangesSince,
    models: string[] | '*',
    limit?: number,
  ): Promise<{ headId: number; summary: ModelChanges[]; lastLoggedAt: Date | null }> {
    const headId = await this.committedHead(tenantId);
    if (models !== '*' && models.length === 0) return { headId, summary: [], lastLoggedAt: null };
    let query = this.sinceQuery(tenantId, since, headId).select((eb) => [
      'model',
      eb.fn.countAll<number>().as('count'),
      eb.fn.max('created_at').as('last'),
    ]);
    if (models !== '*') query = query.where('model', 'in', models);
    let grouped = query.groupBy('model').orderBy('count', 'desc').orderBy('model');
    if (limit !== undefined) grouped = grouped.limit(limit);
    const rows = await grouped.execute();
    let lastLoggedAt: Date | null = null;
    const summary = rows.map((r) => {
      const last = new Date(r.last);
      if (!lastLoggedAt || last > lastLoggedAt) lastLoggedAt = last;
      return { model: r.model, count: Number(r.count), last };
    });
    return { headId, summary, lastLoggedAt };
  }

  /**
   * One model's events counted by changesSince (same position, through `headId`), in a pull's JSON (pull_json), by id
   * from `afterId`: check-updates reads those of models under record rules to count only what the user may read.
   */
  async eventsSince(
    tenantId: string,
    since: ChangesSince,
    headId: number,
    model: string,
    afterId: number,
    limit: number,
  ): Promise<{ id: number; pullJson: string; loggedAt: Date }[]> {
    const rows = await this.sinceQuery(tenantId, since, headId)
      .select(['id', 'pull_json', 'created_at'])
      .where('model', '=', model)
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ id: Number(r.id), pullJson: r.pull_json, loggedAt: new Date(r.created_at) }));
  }

  private sinceQuery(tenantId: string, since: ChangesSince, headId: number) {
    const query = this.db
      .selectFrom('events')
      .where('tenant_id', '=', tenantId)
      .where('archived_at', 'is', null)
      .where('id', '<=', headId);
    return 'afterId' in since ? query.where('id', '>', since.afterId) : query.where('created_at', '>', since.loggedAfter);
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

  /** The latest committed id (0 if none), from the database; FeedWriter.headId is the cached read. */
  async committedHead(tenantId: string): Promise<number> {
    return (await this.feedState(tenantId, this.writer)).lastId;
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
   * Which of these source event ids are already in the log (bulk dedupe). The statement names no tenant, so the
   * index on source_event_id is the only one that serves it (see migration 20261128000100-append-lookups); ids that
   * other tenants logged too are dropped here.
   */
  async existingSourceEventIds(tenantId: string, sourceEventIds: string[]): Promise<Set<string>> {
    if (sourceEventIds.length === 0) return new Set();
    const rows = await this.writer
      .selectFrom('events')
      .select(['tenant_id', 'source_event_id'])
      .where('source_event_id', '=', sql<string>`any(${sourceEventIds}::text[])`)
      .execute();
    return new Set(rows.filter((r) => r.tenant_id === tenantId).map((r) => r.source_event_id as string));
  }

  // ---- Archiving (used by ArchiverService)

  async tenants(): Promise<string[]> {
    const rows = await this.db.selectFrom('tenant_feeds').select('tenant_id').orderBy('tenant_id').execute();
    return rows.map((r) => r.tenant_id);
  }

  async feedState(tenantId: string, db: Db = this.db): Promise<{ lastId: number; archivedThrough: number }> {
    const row = await db
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
}

/**
 * Keeps record_state current in the append's transaction, so a snapshot at log position H is exactly
 * the log's state at H. Payloads merge into the stored values (an addon row may carry only the
 * changed fields), a whole record replaces them; an unlink leaves a tombstone. Several events of one
 * record in a batch are folded first: one statement may not touch a row twice. A record's memory,
 * when given, is written in the same row; without one the row keeps what ingestion knew.
 */
async function upsertRecordState(
  trx: Transaction<Database>,
  tenantId: string,
  events: StoredEvent[],
  payloads: (string | null)[],
  memories: readonly RecordMemory[],
): Promise<void> {
  const remembered = new Map(memories.map((m) => [recordKey(m.model, m.recordId), m]));
  const now = new Date();
  const rows = new Map<string, { patch: Record<string, unknown>; whole: boolean; row: Insertable<RecordStateTable> }>();
  events.forEach((e, i) => {
    const k = recordKey(e.model, e.recordId);
    // A whole record replaces what came before it, in the batch and in the row.
    const replaces = e.event !== 'unlink' && e.payload !== null && e.wholeRecord === true;
    const earlier = replaces ? undefined : rows.get(k);
    const values = e.event === 'unlink' ? {} : (e.payload ?? {});
    const patch = earlier ? { ...earlier.patch, ...values } : values;
    // A record's only event of the append (the usual case) keeps the payload's JSON as it is.
    const data = !earlier && e.event !== 'unlink' && payloads[i] !== null ? payloads[i] : json(patch);
    const memory = remembered.get(k);
    rows.set(k, {
      patch,
      whole: replaces || (earlier?.whole ?? false),
      row: {
        tenant_id: tenantId,
        model: e.model,
        record_id: e.recordId,
        data,
        last_event_id: e.id,
        timestamp: e.timestamp,
        priority: e.priority,
        deleted: e.event === 'unlink',
        // A whole read-back's memory is its payload normalised: the values are stored once, as data (see known()).
        ...(memory ? memoryColumns(memory, now, replaces && memory.verified && !memory.deleted) : {}),
      },
    });
  });
  for (const whole of [true, false]) {
    const values = [...rows.values()].filter((r) => r.whole === whole).map((r) => r.row);
    for (let i = 0; i < values.length; i += INSERT_CHUNK) {
      await trx
        .insertInto('record_state')
        .values(values.slice(i, i + INSERT_CHUNK))
        .onConflict((oc) =>
          oc.columns(['tenant_id', 'model', 'record_id']).doUpdateSet({
            // The merge is most of the statement's cost on the database, and a whole record needs none.
            data: whole ? sql<string>`excluded.data` : sql<string>`record_state.data || excluded.data`,
            last_event_id: sql<number>`excluded.last_event_id`,
            timestamp: sql<Date>`excluded.timestamp`,
            priority: sql<'high' | 'medium' | 'low'>`excluded.priority`,
            deleted: sql<boolean>`excluded.deleted`,
            // write_date is set with every memory: where it is null, the row had none.
            write_date: sql<string>`coalesce(excluded.write_date, record_state.write_date)`,
            snapshot: sql<string>`case when excluded.write_date is null then record_state.snapshot else excluded.snapshot end`,
            verified: sql<boolean>`coalesce(excluded.verified, record_state.verified)`,
            remembered_at: sql<Date>`coalesce(excluded.remembered_at, record_state.remembered_at)`,
          }),
        )
        .execute();
    }
  }
}

/** Cursor 0 means "from the start of retained history"; any other cursor inside the archived prefix must reset. */
function assertCursorRetained(cursor: number, archivedThrough: number): void {
  if (cursor > 0 && cursor < archivedThrough) throw new SyncResetRequired(cursor, archivedThrough + 1);
}
