import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import { WRITE_DB } from '../../database/database.module';
import type { Db } from '../../database/schema';
import { feedState } from './event-log.repository';
import { NewEvent, StoredEvent, pullJson } from './event.types';
import type { RecordMemory } from './record-state.repository';
import { keepRecordState } from './record-state-upsert';

/** Rows per INSERT statement: 13 parameters a row stays far below PostgreSQL's 65,535. */
const INSERT_CHUNK = 1000;

const json = (v: unknown): string => JSON.stringify(v);

/**
 * Appends to the per-tenant event log. Ids come from `tenant_feeds.last_id`, bumped inside the inserting
 * transaction: the bump takes the tenant's row lock and holds it to commit, so appends of one tenant
 * commit in id order and a reader that saw id N can never later find a committed id <= N. Appends go
 * through FeedWriter, which also keeps the cached head and announces them. Its reads are those in an append's path
 * (dedupe, the committed head), on the writers' connections: never queued behind devices' reads.
 */
@Injectable()
export class EventAppendRepository {
  constructor(@Inject(WRITE_DB) private readonly writer: Db) {}

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
      await keepRecordState(trx, tenantId, result, payloads, memories);
      return result;
    });
  }

  /** The latest committed id (0 if none), from the database; FeedWriter.headId is the cached read. */
  async committedHead(tenantId: string): Promise<number> {
    return (await feedState(this.writer, tenantId)).lastId;
  }

  /** Archived events count: they were logged. */
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
}
