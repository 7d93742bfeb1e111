import { Injectable } from '@nestjs/common';
import { OdooAccessError } from '../../odoo/odoo.errors';
import { Clock } from '../../feed/clock';
import type { EventSource } from '../../feed/event.types';
import { ChangeWriter, type Change } from './change-writer';
import type { RecordMemory } from '../../feed/record-state.repository';
import { IngestStateRepository } from './ingest-state.repository';
import { ACTIVE_TEST_OFF, type IngestRun } from './ingest-run';
import { modelPriority } from './model-catalog';
import {
  addSeconds,
  dateToOdooSecond,
  decideFromRead,
  many2oneId,
  normalizeValues,
  odooSecondToDate,
  readBackEventId,
  toOdooSecond,
  type KnownRecord,
  type Observation,
} from './record-change';
import { scanWriteDates, type IdStamp, type WriteDateCursor } from './write-date-scan';

export const WRITE_DATE_SOURCE = 'write_date' satisfies EventSource;

/**
 * write_date is the transaction's start time, so a record can commit after later seconds were read.
 * Each poll re-reads the ids and write_dates of the last OVERLAP_SECONDS before the cursor (cheap),
 * and the slower sweep the last SWEEP_LOOKBACK_SECONDS.
 */
export const OVERLAP_SECONDS = 5;
export const SWEEP_LOOKBACK_SECONDS = 15 * 60;
const PAGE_SIZE = 1000;
const MAX_PAGES_PER_RUN = 20;
const LATE_LIMIT = 2000;
const SWEEP_LIMIT = 10000;
const READ_CHUNK = 500;
const ID_CHUNK = 1000;

/**
 * Change capture for an Odoo without the addon (and the safety-net sweep for one with it): per model,
 * a (second, id) keyset scan of write_date, a read of only the records whose write_date is new to the
 * log, and a reconciliation of known ids against Odoo for deletes.
 */
@Injectable()
export class WriteDatePoller {
  constructor(
    private readonly state: IngestStateRepository,
    private readonly writer: ChangeWriter,
    private readonly clock: Clock,
  ) {}

  /** Reads what changed since the model's cursor. Returns how many events were logged. */
  async poll(run: IngestRun, model: string, lookbackSeconds = OVERLAP_SECONDS): Promise<number> {
    const saved = await this.state.cursor<WriteDateCursor>(run.tenantId, WRITE_DATE_SOURCE, model);
    const start = saved ?? (await this.startCursor(run, model));
    const query = (domain: unknown[], order: string, limit: number) => this.stamps(run, model, domain, order, limit);
    const deep = lookbackSeconds > OVERLAP_SECONDS;
    const lateLimit = deep ? SWEEP_LIMIT : LATE_LIMIT;
    if (saved) {
      // The re-read of the look-back window, taken from the cursor, also holds every row after it: while fewer than
      // a page of rows fall in it (an idle or quiet model), that one call is the whole poll. Idle polls are most of
      // a tenant's Odoo calls, and the scan's own call found nothing in them.
      const recent = await query([['write_date', '>=', addSeconds(start.second, -lookbackSeconds)]], 'write_date desc, id desc', lateLimit);
      if (recent.length < lateLimit) {
        const rows = recent.reverse();
        const logged = await this.ingestStamps(run, model, rows, true);
        const end = cursorAfter(start, rows);
        if (end) await this.state.saveCursor(run.tenantId, WRITE_DATE_SOURCE, model, end);
        return logged;
      }
    }
    let logged = 0;
    const end = await scanWriteDates(
      start,
      query,
      async (rows, after) => {
        logged += await this.ingestStamps(run, model, rows, false);
        await this.state.saveCursor(run.tenantId, WRITE_DATE_SOURCE, model, after);
      },
      PAGE_SIZE,
      MAX_PAGES_PER_RUN,
    );
    const late = await query([['write_date', '>=', addSeconds(end.second, -lookbackSeconds)]], 'write_date desc, id desc', lateLimit);
    // Both also re-read records logged moments ago at the same second, to catch a second write within
    // that second (a run that sweeps a model does not also poll it).
    logged += await this.ingestStamps(run, model, late.reverse(), true);
    return logged;
  }

  /** The periodic reconciliation: a deep write_date re-read, then deletes. */
  async sweep(run: IngestRun, model: string): Promise<number> {
    return (await this.poll(run, model, SWEEP_LOOKBACK_SECONDS)) + (await this.reconcileDeletes(run, model));
  }

  /** Records the log holds as existing that Odoo no longer has (even archived) become unlink events. */
  async reconcileDeletes(run: IngestRun, model: string): Promise<number> {
    const live = await this.state.liveRecordIds(run.tenantId, model);
    const changes: Change[] = [];
    const now = this.clock.now();
    for (let i = 0; i < live.length; i += ID_CHUNK) {
      const chunk = live.slice(i, i + ID_CHUNK);
      const present = new Set(await run.client.search(model, [['id', 'in', chunk]], { context: ACTIVE_TEST_OFF }));
      const missing = chunk.filter((id) => !present.has(id));
      if (missing.length === 0) continue;
      const stillThere = await this.stillReadable(run, model, missing);
      const known = await this.state.known(run.tenantId, model, missing);
      for (const id of missing) {
        if (stillThere.has(id)) continue;
        const change = this.toChange(run, model, id, known.get(id), { kind: 'gone' }, 'write_date', now);
        if (change) changes.push(change);
      }
    }
    return this.writer.write(run.tenantId, changes);
  }

  /**
   * A search can miss a record for reasons other than deletion (a record rule hides it): reading a real
   * field confirms. Odoo 18 answers a deleted id with nothing — but echoes `[{id}]` when only 'id' is
   * asked — and raises AccessError for the whole call when a rule hides one id: then each id is asked
   * alone, and a hidden one counts as still there.
   */
  private async stillReadable(run: IngestRun, model: string, ids: number[]): Promise<Set<number>> {
    const readIds = async (some: number[]) =>
      (await run.client.read<{ id: number }>(model, some, ['write_date'], ACTIVE_TEST_OFF)).map((r) => r.id);
    try {
      return new Set(await readIds(ids));
    } catch (err) {
      if (!(err instanceof OdooAccessError)) throw err;
    }
    const readable = new Set<number>();
    for (const id of ids) {
      try {
        for (const found of await readIds([id])) readable.add(found);
      } catch (err) {
        if (!(err instanceof OdooAccessError)) throw err;
        readable.add(id);
      }
    }
    return readable;
  }

  /**
   * Logs what is new in these (id, write_date) stamps: reads only the records whose write_date the log
   * has not seen (or, with `recheckRecent`, logged within the overlap at that same second).
   */
  async ingestStamps(
    run: IngestRun,
    model: string,
    stamps: IdStamp[],
    recheckRecent: boolean,
    source: EventSource = WRITE_DATE_SOURCE,
  ): Promise<number> {
    if (stamps.length === 0) return 0;
    const known = await this.state.known(
      run.tenantId,
      model,
      stamps.map((s) => s.id),
    );
    const now = this.clock.now();
    const recentSince = now.getTime() - OVERLAP_SECONDS * 1000;
    const wanted = stamps.filter((s) => {
      const k = known.get(s.id);
      if (!k) return true;
      if (k.deleted || s.writeDate < k.writeDate) return false;
      return s.writeDate > k.writeDate || !k.verified || (recheckRecent && k.updatedAt.getTime() >= recentSince);
    });
    const ids = [...new Set(wanted.map((s) => s.id))];
    if (ids.length === 0) return 0;
    const rows = await this.readRecords(run, model, ids);
    const changes: Change[] = [];
    const verified: RecordMemory[] = [];
    for (const row of rows) {
      const id = row.id as number;
      const writeDate = typeof row.write_date === 'string' ? toOdooSecond(row.write_date) : null;
      if (!writeDate) continue;
      const observed: Observation = { kind: 'present', writeDate, values: row };
      const change = this.toChange(run, model, id, known.get(id), observed, source, now);
      if (change) changes.push(change);
      else if (known.get(id)?.verified === false && known.get(id)?.writeDate === writeDate) {
        // The addon's payload matched the committed record: remember the read so it is not re-read.
        verified.push({ model, recordId: id, writeDate, snapshot: normalizeValues(row), deleted: false, verified: true });
      }
    }
    return this.writer.write(run.tenantId, changes, verified);
  }

  /** Full tracked fields of some records, ordered by (write_date, id) so events keep Odoo's order. */
  async readRecords(run: IngestRun, model: string, ids: number[]): Promise<Array<Record<string, unknown>>> {
    const fields = await run.catalog.trackedFields(model);
    const rows: Array<Record<string, unknown>> = [];
    for (let i = 0; i < ids.length; i += READ_CHUNK) {
      rows.push(...(await run.client.read(model, ids.slice(i, i + READ_CHUNK), fields, ACTIVE_TEST_OFF)));
    }
    const key = (r: Record<string, unknown>) => `${String(r.write_date)}|${String(r.id).padStart(12, '0')}`;
    return rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  }

  /** One record observation → one change (or none), for the write_date source and hint confirmation. */
  toChange(
    run: IngestRun,
    model: string,
    recordId: number,
    known: KnownRecord | undefined,
    observed: Observation,
    source: EventSource,
    now: Date,
    hint: { priority?: Change['event']['priority'] | null; category?: Change['event']['category'] | null } = {},
  ): Change | null {
    // Normalised once: the decision, the memory and the event id all compare the same values.
    const normalized = observed.kind === 'present' ? normalizeValues(observed.values) : undefined;
    const decision = decideFromRead(known, observed, normalized);
    if (!decision) return null;
    const present = observed.kind === 'present';
    const memory = present
      ? { model, recordId, writeDate: observed.writeDate, snapshot: normalized ?? null, deleted: false, verified: true }
      : { model, recordId, writeDate: known?.writeDate ?? dateToOdooSecond(now), snapshot: null, deleted: true, verified: true };
    return {
      memory,
      event: {
        model,
        recordId,
        event: decision.event,
        timestamp: present ? odooSecondToDate(observed.writeDate) : now,
        payload: present ? observed.values : null,
        changedFields: decision.changedFields,
        priority: hint.priority ?? modelPriority(model, run.plan.priorities),
        category: hint.category ?? 'business',
        userId: present ? many2oneId(observed.values.write_uid) : null,
        source,
        sourceEventId: readBackEventId(model, recordId, decision, observed, normalized),
        wholeRecord: present,
      },
    };
  }

  private async stamps(run: IngestRun, model: string, domain: unknown[], order: string, limit: number): Promise<IdStamp[]> {
    const rows = await run.client.searchRead<{ id: number; write_date: unknown }>(model, domain, {
      fields: ['write_date'],
      order,
      limit,
      context: ACTIVE_TEST_OFF,
    });
    const stamps: IdStamp[] = [];
    for (const r of rows) {
      const writeDate = typeof r.write_date === 'string' ? toOdooSecond(r.write_date) : null;
      if (writeDate) stamps.push({ id: r.id, writeDate });
    }
    return stamps;
  }

  /**
   * First run for a model: start a little before the newest write_date in Odoo, not at the beginning
   * of time (history is not replayed; the few records of that overlap are logged as creates).
   */
  private async startCursor(run: IngestRun, model: string): Promise<WriteDateCursor> {
    const [newest] = await this.stamps(run, model, [], 'write_date desc, id desc', 1);
    const cursor: WriteDateCursor = {
      second: newest ? addSeconds(newest.writeDate, -OVERLAP_SECONDS) : '1970-01-01 00:00:00',
      afterId: 0,
    };
    await this.state.saveCursor(run.tenantId, WRITE_DATE_SOURCE, model, cursor);
    return cursor;
  }
}

/**
 * The cursor after a read of every visible row from before `start` on (ascending): the newest second seen, complete up
 * to its highest id. Null when the read moved nothing.
 */
export function cursorAfter(start: WriteDateCursor, rows: IdStamp[]): WriteDateCursor | null {
  const last = rows.length > 0 ? rows[rows.length - 1].writeDate : start.second;
  if (last < start.second) return start.complete ? null : { ...start, complete: true };
  const afterId = rows.filter((r) => r.writeDate === last).reduce((max, r) => Math.max(max, r.id), last === start.second ? start.afterId : 0);
  if (last === start.second && afterId === start.afterId && start.complete) return null;
  return { second: last, afterId, complete: true };
}
