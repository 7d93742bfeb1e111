import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import { WRITE_DB } from '../../../database/database.module';
import type { Db } from '../../../database/schema';
import type { Category, Priority } from '../../feed/event.types';
import { recordKey, RecordStateRepository, type RecordMemory } from '../../feed/record-state.repository';
import { normalizeValues, type KnownRecord } from './record-change';

export interface PendingHint {
  model: string;
  recordId: number;
  priority: Priority | null;
  category: Category | null;
  /** Bumped by every new hint for the record, so a confirmation only clears the hints it has seen. */
  version: number;
  attempts: number;
}

export interface NewHint {
  model: string;
  recordId: number;
  priority: Priority | null;
  category: Category | null;
}

const CHUNK = 1000;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Ingestion's memory, its one owner: the sources' cursors and pending hints (tables of migration 20261122003000), and
 * what it knows of each record. That is kept in the record's record_state row (migration 20261127005000) by the feed,
 * which owns the row: with the record's event in the append's transaction (FeedWriter.append), or through
 * RecordStateRepository.rememberWithoutEvent when no event is logged.
 */
@Injectable()
export class IngestStateRepository {
  // Change capture's connections (WRITE_DB): its chain of short queries must not wait behind devices' reads.
  constructor(
    @Inject(WRITE_DB) private readonly db: Db,
    private readonly records: RecordStateRepository,
  ) {}

  async cursor<T>(tenantId: string, source: string, model = ''): Promise<T | null> {
    const row = await this.db
      .selectFrom('ingest_cursors')
      .select('cursor')
      .where('tenant_id', '=', tenantId)
      .where('source', '=', source)
      .where('model', '=', model)
      .executeTakeFirst();
    return row ? (row.cursor as T) : null;
  }

  /** Every model's cursor of one source. */
  async cursors<T>(tenantId: string, source: string): Promise<Map<string, T>> {
    const rows = await this.db
      .selectFrom('ingest_cursors')
      .select(['model', 'cursor'])
      .where('tenant_id', '=', tenantId)
      .where('source', '=', source)
      .execute();
    return new Map(rows.map((r) => [r.model, r.cursor as T]));
  }

  async saveCursor(tenantId: string, source: string, model: string, cursor: object): Promise<void> {
    const values = { cursor: JSON.stringify(cursor), updated_at: new Date() };
    await this.db
      .insertInto('ingest_cursors')
      .values({ tenant_id: tenantId, source, model, ...values })
      .onConflict((oc) => oc.columns(['tenant_id', 'source', 'model']).doUpdateSet(values))
      .execute();
  }

  /** Forgets every cursor of one source of the tenant (its models start again). */
  async forgetCursors(tenantId: string, source: string): Promise<void> {
    await this.db.deleteFrom('ingest_cursors').where('tenant_id', '=', tenantId).where('source', '=', source).execute();
  }

  /** What ingestion remembers of these records (absent: nothing). */
  async known(tenantId: string, model: string, recordIds: readonly number[]): Promise<Map<number, KnownRecord>> {
    const memories = await this.records.memories(tenantId, model, recordIds);
    return new Map(
      [...memories].map(([id, m]) => [
        id,
        {
          writeDate: m.writeDate,
          snapshot: m.snapshot ?? (m.loggedValues === null ? null : normalizeValues(m.loggedValues)),
          deleted: m.deleted,
          verified: m.verified,
          updatedAt: m.rememberedAt,
        },
      ]),
    );
  }

  /** Remembers records no event is logged for (RecordStateRepository.rememberWithoutEvent). */
  remember(tenantId: string, memories: readonly RecordMemory[]): Promise<void> {
    return this.records.rememberWithoutEvent(tenantId, memories);
  }

  /** Ids of records of a model the log holds as existing (the delete sweep checks them against Odoo). */
  liveRecordIds(tenantId: string, model: string): Promise<number[]> {
    return this.records.liveRecordIds(tenantId, model);
  }

  /** Queues hints; repeated hints for one record collapse into one row (and restart its retries). */
  async addHints(tenantId: string, hints: readonly NewHint[], dueAt: Date): Promise<void> {
    const latest = new Map<string, NewHint>();
    for (const h of hints) {
      const key = recordKey(h.model, h.recordId);
      const previous = latest.get(key);
      latest.set(key, {
        ...h,
        priority: h.priority ?? previous?.priority ?? null,
        category: h.category ?? previous?.category ?? null,
      });
    }
    for (const batch of chunks([...latest.values()], 500)) {
      await this.db
        .insertInto('ingest_hints')
        .values(
          batch.map((h) => ({
            tenant_id: tenantId,
            model: h.model,
            record_id: h.recordId,
            priority: h.priority,
            category: h.category,
            due_at: dueAt,
            created_at: dueAt,
          })),
        )
        .onConflict((oc) =>
          oc.columns(['tenant_id', 'model', 'record_id']).doUpdateSet({
            priority: sql`coalesce(excluded.priority, ingest_hints.priority)`,
            category: sql`coalesce(excluded.category, ingest_hints.category)`,
            version: sql`ingest_hints.version + 1`,
            attempts: 0,
            due_at: sql`excluded.due_at`,
          }),
        )
        .execute();
    }
  }

  async dueHints(tenantId: string, now: Date, limit: number): Promise<PendingHint[]> {
    const rows = await this.db
      .selectFrom('ingest_hints')
      .select(['model', 'record_id', 'priority', 'category', 'version', 'attempts'])
      .where('tenant_id', '=', tenantId)
      .where('due_at', '<=', now)
      .orderBy('due_at')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      model: r.model,
      recordId: r.record_id,
      priority: r.priority,
      category: r.category,
      version: r.version,
      attempts: r.attempts,
    }));
  }

  async pendingHintCount(tenantId: string): Promise<number> {
    const row = await this.db
      .selectFrom('ingest_hints')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('tenant_id', '=', tenantId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /**
   * Schedules another read-back of each hint, unless a newer hint replaced it meanwhile: one statement for many (a
   * phone pushing every second leaves dozens waiting, and on a busy instance each round trip waits its turn).
   */
  async retryHints(tenantId: string, retries: readonly { hint: PendingHint; dueAt: Date }[]): Promise<void> {
    for (const batch of chunks(retries, 500)) {
      const rows = sql.join(
        batch.map(({ hint, dueAt }) => sql`(${hint.model}, ${hint.recordId}::int, ${hint.version}::int, ${hint.attempts + 1}::int, ${dueAt}::timestamptz)`),
      );
      await sql`update ingest_hints h set attempts = v.attempts, due_at = v.due_at
        from (values ${rows}) as v(model, record_id, version, attempts, due_at)
        where h.tenant_id = ${tenantId} and h.model = v.model and h.record_id = v.record_id and h.version = v.version`.execute(this.db);
    }
  }

  /** Removes confirmed or abandoned hints, unless a newer hint replaced one meanwhile. */
  async dropHints(tenantId: string, hints: readonly PendingHint[]): Promise<void> {
    for (const batch of chunks(hints, 200)) {
      await this.db
        .deleteFrom('ingest_hints')
        .where('tenant_id', '=', tenantId)
        .where((eb) =>
          eb.or(
            batch.map((h) =>
              eb.and([eb('model', '=', h.model), eb('record_id', '=', h.recordId), eb('version', '=', h.version)]),
            ),
          ),
        )
        .execute();
    }
  }
}
