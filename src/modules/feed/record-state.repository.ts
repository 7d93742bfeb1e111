import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import { DB, WRITE_DB } from '../../database/database.module';
import type { Db } from '../../database/schema';
import type { Priority } from './event.types';

/** A snapshot's keyset position: the last (model, record id) sent; model '' = before the first record. */
export interface SnapshotKey {
  model: string;
  recordId: number;
  /**
   * A re-scope pass (the user's read rights changed): records the user may not read now are sent as removals
   * instead of being left out, so a device drops what it may no longer hold.
   */
  rescope?: true;
  /**
   * How many records of the snapshot followed this key when it was issued. Counting them on every page read the
   * rest of the snapshot each time (quadratic over a drain), so they are counted once per pass and carried from
   * page to page. Absent at a pass's start and in keys issued before the count was carried.
   */
  left?: number;
}

/** A logged record: see RecordStateRepository.logged. */
export interface LoggedRecord {
  lastEventId: number;
  /** The last event's operation; null once it is archived. */
  event: 'create' | 'write' | 'unlink' | null;
  timestamp: Date;
  deleted: boolean;
  values: Record<string, unknown>;
  /** Whether the snapshot pass asked about has sent the record; null when none was asked about. */
  sentInPass: boolean | null;
}

export const SNAPSHOT_START: SnapshotKey = { model: '', recordId: 0 };
export const RESCOPE_START: SnapshotKey = { model: '', recordId: 0, rescope: true };
/** Whether a key is the start of a pass (SNAPSHOT_START or RESCOPE_START): no record of it has been read yet. */
export const isSnapshotStart = (key: SnapshotKey): boolean => key.model === '' && key.recordId === 0;

/** One record of a snapshot page's `events`, parsed. */
export interface SnapshotRecord {
  id: number;
  model: string;
  record_id: number;
  timestamp: string;
  priority: Priority;
  payload: Record<string, unknown> | null;
}

export interface SnapshotPage {
  count: number;
  /** The records as a JSON array in the pull's event shape, with `"snapshot": true` (SnapshotRecord). */
  events: string;
  /** The same records one by one. */
  parts: string[];
  /** Where the next page starts (the last record of this one, with the records left after it); null: none follows. */
  next: SnapshotKey | null;
  /**
   * On the pass's last page (`next` null): its last record (the key it read after, when it holds none) with 0 left.
   * A token of it says the device got the whole pass, which the pass's bare log position cannot say: a device moved
   * onto a pass acks that position again when it lost the pass's first page.
   */
  end: SnapshotKey | null;
}

/**
 * A record_state row holds the record's logged values when an event was logged for it (last_event_id > 0); a row
 * only remembered by ingestion (rememberWithoutEvent) has NO_EVENT and no values, and no read of values may see it.
 */
const NO_EVENT = 0;
const LOGGED = sql<boolean>`last_event_id > ${sql.lit(NO_EVENT)}`;
const INSERT_CHUNK = 1000;

/**
 * Reads of record_state, the current values of every logged record. A snapshot serves the live records
 * in (model, record id) order, each with its values when its page is read; the device then pulls the
 * log from the position H the snapshot started at. Every value a record ends with is either untouched
 * since its snapshot row (so it is in it) or written by an event after H (so it arrives after it), and
 * events after H that the snapshot already reflects only repeat values a later event overwrites again:
 * the device ends equal to the log, with no record missing. Rows are not limited to last_event_id <= H
 * on purpose: a record written after H by a partial payload (an addon row) would then reach the device
 * as that payload alone.
 */
@Injectable()
export class RecordStateRepository {
  constructor(
    @Inject(DB) private readonly db: Db,
    /** Ingestion's memories: change capture's chain of short queries must not wait behind devices' reads. */
    @Inject(WRITE_DB) private readonly writer: Db,
  ) {}

  /**
   * A page of the snapshot after `after`. The records' values are spliced into the events as stored (`data::text`),
   * never parsed and serialized again: a record is ~2 KB of JSON and a page holds hundreds. The records left are
   * counted at the pass's first page (or the first after a key without a count) and carried in the next key, less
   * each page after: records written ahead of the key during a drain make it approximate, but it stays above 0
   * while a record follows (one more row than the page is read to know) and is 0 at the end.
   */
  async snapshotPage(
    tenantId: string,
    models: string[] | '*',
    after: SnapshotKey,
    limit: number,
  ): Promise<SnapshotPage> {
    if (models !== '*' && models.length === 0) return { count: 0, events: '[]', parts: [], next: null, end: { ...after, left: 0 } };
    const rows = await this.inSnapshot(tenantId, models, after)
      .select(['model', 'record_id', 'last_event_id', 'timestamp', 'priority', sql<string>`data::text`.as('data')])
      .orderBy('model')
      .orderBy('record_id')
      .limit(limit + 1)
      .execute();
    const page = rows.slice(0, limit);
    // The same event shape (and key order) as JSON.stringify of the parsed record wrote before.
    const events = page.map(
      (r) =>
        `{"id":${Number(r.last_event_id)},"model":${JSON.stringify(r.model)},"record_id":${r.record_id},"event":"create",` +
        `"timestamp":"${r.timestamp.toISOString()}","priority":${JSON.stringify(r.priority)},"snapshot":true,"payload":${r.data}}`,
    );
    const tail = page[page.length - 1];
    // A re-scope pass stays one to its end.
    const key: SnapshotKey = tail
      ? { model: tail.model, recordId: tail.record_id, ...(after.rescope ? { rescope: true as const } : {}) }
      : after;
    if (rows.length <= limit) return { count: page.length, events: `[${events.join(',')}]`, parts: events, next: null, end: { ...key, left: 0 } };
    const left = after.left === undefined ? await this.countAfter(tenantId, models, key) : after.left - page.length;
    return { count: page.length, events: `[${events.join(',')}]`, parts: events, next: { ...key, left: Math.max(1, left) }, end: null };
  }

  /** How many records of the snapshot come after `after`. */
  private async countAfter(tenantId: string, models: string[] | '*', after: SnapshotKey): Promise<number> {
    if (models !== '*' && models.length === 0) return 0;
    const row = await this.inSnapshot(tenantId, models, after)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /**
   * One record as the log holds it: its last logged event (null when that event has been archived) and its current
   * values, and, given a snapshot pass's key, whether the pass has sent it (live rows go in the order of `inSnapshot`,
   * compared by the database; a deleted record is in no pass). Null when no event was ever logged for the record.
   */
  async logged(tenantId: string, model: string, recordId: number, passKey?: SnapshotKey): Promise<LoggedRecord | null> {
    const row = await this.db
      .selectFrom('record_state as r')
      .leftJoin('events as e', (join) => join.onRef('e.tenant_id', '=', 'r.tenant_id').onRef('e.id', '=', 'r.last_event_id'))
      .select(['r.last_event_id', 'r.timestamp', 'r.deleted', 'r.data', 'e.event', 'e.archived_at'])
      .select(
        passKey
          ? sql<boolean>`not r.deleted and (r.model, r.record_id) <= (${passKey.model}, ${passKey.recordId})`.as('sent_in_pass')
          : sql<null>`null`.as('sent_in_pass'),
      )
      .where('r.tenant_id', '=', tenantId)
      .where('r.model', '=', model)
      .where('r.record_id', '=', recordId)
      .where(sql<boolean>`r.last_event_id > ${sql.lit(NO_EVENT)}`)
      .executeTakeFirst();
    if (!row) return null;
    return {
      lastEventId: Number(row.last_event_id),
      event: row.event === null || row.archived_at !== null ? null : row.event,
      timestamp: new Date(row.timestamp),
      deleted: row.deleted,
      values: row.data as Record<string, unknown>,
      sentInPass: row.sent_in_pass,
    };
  }

  /** The current values of these records, keyed "<model>:<record id>" (absent: never logged). */
  async currentValues(
    tenantId: string,
    records: { model: string; recordId: number }[],
  ): Promise<Map<string, Record<string, unknown>>> {
    if (records.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('record_state')
      .select(['model', 'record_id', 'data'])
      .where('tenant_id', '=', tenantId)
      .where(LOGGED)
      .where((eb) => eb.or(records.map((r) => eb.and([eb('model', '=', r.model), eb('record_id', '=', r.recordId)]))))
      .execute();
    return new Map(rows.map((r) => [`${r.model}:${r.record_id}`, r.data as Record<string, unknown>]));
  }

  private inSnapshot(tenantId: string, models: string[] | '*', after: SnapshotKey) {
    let query = this.db
      .selectFrom('record_state')
      .where('tenant_id', '=', tenantId)
      // Written out, not a parameter: the partial index record_state_live is then usable whatever the plan.
      .where(sql<boolean>`not deleted`)
      .where(LOGGED)
      .where(sql<boolean>`(model, record_id) > (${after.model}, ${after.recordId})`);
    if (models !== '*') query = query.where('model', 'in', models);
    return query;
  }

  // ---- What ingestion remembers of records (SPEC §4), kept in their rows.

  /** The memories of these records of a model (absent: none). */
  async memories(tenantId: string, model: string, recordIds: readonly number[]): Promise<Map<number, StoredMemory>> {
    const result = new Map<number, StoredMemory>();
    const ids = [...new Set(recordIds)];
    for (let i = 0; i < ids.length; i += INSERT_CHUNK) {
      const rows = await this.writer
        .selectFrom('record_state')
        .select(['record_id', 'write_date', 'snapshot', 'deleted', 'verified', 'remembered_at'])
        // A verified memory without a snapshot of its own is of the row's logged values (memoryColumns' inData).
        .select(sql<Record<string, unknown> | null>`case when snapshot is null and verified is not false and not deleted
          and ${LOGGED} then data end`.as('data'))
        .where('tenant_id', '=', tenantId)
        .where('model', '=', model)
        .where('record_id', 'in', ids.slice(i, i + INSERT_CHUNK))
        .where('write_date', 'is not', null)
        .execute();
      for (const r of rows) {
        result.set(r.record_id, {
          writeDate: r.write_date as string,
          snapshot: r.snapshot,
          loggedValues: r.data,
          deleted: r.deleted,
          verified: r.verified !== false,
          rememberedAt: r.remembered_at as Date,
        });
      }
    }
    return result;
  }

  /**
   * Remembers records without logging an event for them (a read confirming an addon payload, a change found already
   * logged); a record the log holds no values of gets a row without any, which reads of values never see. At most one
   * memory per record: one statement may not touch a row twice.
   */
  async rememberWithoutEvent(tenantId: string, memories: readonly RecordMemory[]): Promise<void> {
    const now = new Date();
    for (let i = 0; i < memories.length; i += 500) {
      await this.writer
        .insertInto('record_state')
        .values(
          memories.slice(i, i + 500).map((m) => ({
            tenant_id: tenantId,
            model: m.model,
            record_id: m.recordId,
            data: '{}',
            last_event_id: NO_EVENT,
            timestamp: now,
            priority: 'medium' as const,
            ...memoryColumns(m, now),
          })),
        )
        .onConflict((oc) =>
          oc.columns(['tenant_id', 'model', 'record_id']).doUpdateSet({
            deleted: sql`excluded.deleted`,
            write_date: sql`excluded.write_date`,
            snapshot: sql`excluded.snapshot`,
            verified: sql`excluded.verified`,
            remembered_at: sql`excluded.remembered_at`,
          }),
        )
        .execute();
    }
  }

  /** Ids of remembered records of a model that exist as far as the log knows (the delete sweep checks them against Odoo). */
  async liveRecordIds(tenantId: string, model: string): Promise<number[]> {
    const rows = await this.writer
      .selectFrom('record_state')
      .select('record_id')
      .where('tenant_id', '=', tenantId)
      .where('model', '=', model)
      .where('write_date', 'is not', null)
      .where(sql<boolean>`not deleted`)
      .orderBy('record_id')
      .execute();
    return rows.map((r) => r.record_id);
  }
}

/** A memory as stored: its own snapshot, or, verified and without one, the record's logged values it is of. */
export interface StoredMemory {
  writeDate: string;
  snapshot: Record<string, unknown> | null;
  loggedValues: Record<string, unknown> | null;
  deleted: boolean;
  verified: boolean;
  rememberedAt: Date;
}

const KEY = /^(~?)([A-Za-z0-9_.]{0,128}):(\d{1,15})(?::(\d{1,15}))?$/;

/**
 * "<model>:<record id>:<records left>" ("~…" in a re-scope pass), as device states and sync tokens carry it; keys
 * issued before the count was carried have none.
 */
export const formatSnapshotKey = (key: SnapshotKey): string =>
  `${key.rescope ? '~' : ''}${key.model}:${key.recordId}${key.left === undefined ? '' : `:${key.left}`}`;

export function parseSnapshotKey(text: string): SnapshotKey | null {
  const m = KEY.exec(text);
  if (!m) return null;
  return {
    model: m[2],
    recordId: Number(m[3]),
    ...(m[1] ? { rescope: true as const } : {}),
    ...(m[4] === undefined ? {} : { left: Number(m[4]) }),
  };
}

/**
 * What ingestion knows of a record (SPEC §4), kept in its record_state row: the write_date (second) of its last event,
 * the values it compared against (null: not comparable), whether the log said unlink, whether the values were read back.
 */
export interface RecordMemory {
  model: string;
  recordId: number;
  writeDate: string;
  snapshot: Record<string, unknown> | null;
  deleted: boolean;
  verified: boolean;
}

/** One record of one model, as a map key. */
export const recordKey = (model: string, recordId: number): string => `${model}\u0000${recordId}`;

/**
 * A memory as record_state columns (`deleted` included: a memory is of the record's last event). `inData`: the
 * snapshot is the row's `data` normalised (a whole read-back logged with this memory), so it is not stored twice.
 */
export function memoryColumns(m: RecordMemory, now: Date, inData = false) {
  return {
    deleted: m.deleted,
    write_date: m.writeDate,
    snapshot: m.snapshot === null || inData ? null : JSON.stringify(m.snapshot),
    verified: m.verified,
    remembered_at: now,
  };
}
