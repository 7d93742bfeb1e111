import { Insertable, sql, Transaction } from 'kysely';
import type { Database, RecordStateTable } from '../../database/schema';
import type { StoredEvent } from './event.types';
import { memoryColumns, recordKey, type RecordMemory } from './record-state.repository';

/** Rows per INSERT statement: far below PostgreSQL's 65,535 parameters. */
const INSERT_CHUNK = 1000;

const json = (v: unknown): string => JSON.stringify(v);

/**
 * Keeps record_state current in the append's transaction, so a snapshot at log position H is exactly
 * the log's state at H. Payloads merge into the stored values (an addon row may carry only the
 * changed fields), a whole record replaces them; an unlink leaves a tombstone. Several events of one
 * record in a batch are folded first: one statement may not touch a row twice. A record's memory,
 * when given, is written in the same row; without one the row keeps what ingestion knew.
 */
export async function keepRecordState(
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
