import { Inject, Injectable } from '@nestjs/common';
import { DB } from '../../database/database.module';
import type { Db } from '../../database/schema';

/** A record as a device last received it from the log: each field's latest logged value, and when that was. */
export interface DeliveredVersion {
  values: Record<string, unknown>;
  /** The write_date of the latest of those events (Odoo's second; the event's timestamp). */
  writtenAt: Date;
}

/** Events read back per record: enough for the fields of an edit; older values are rarely still the latest. */
const EVENTS_PER_RECORD = 50;

/**
 * The version of a record a device holds, derived from its position in the log: the record's events at or before
 * it, newest first, each field taking the latest value logged for it. Archived events still count while they are kept: the device received them.
 */
@Injectable()
export class DeliveredVersionRepository {
  constructor(@Inject(DB) private readonly db: Db) {}

  async at(tenantId: string, model: string, recordId: number, position: number, fields: readonly string[]): Promise<DeliveredVersion | null> {
    if (position <= 0) return null;
    const rows = await this.db
      .selectFrom('events')
      .select(['event', 'timestamp', 'payload', 'source'])
      .where('tenant_id', '=', tenantId)
      .where('model', '=', model)
      .where('record_id', '=', recordId)
      .where('id', '<=', position)
      .orderBy('id', 'desc')
      .limit(EVENTS_PER_RECORD)
      .execute();
    const latest = rows[0];
    // Never delivered, or delivered as deleted: no version to compare an edit with.
    if (!latest || latest.event === 'unlink') return null;
    const values: Record<string, unknown> = {};
    for (const row of rows) {
      if (row.event === 'unlink') break;
      for (const field of fields) if (!(field in values) && row.payload && field in row.payload) values[field] = row.payload[field];
      if (fields.every((f) => f in values)) break;
    }
    return { values, writtenAt: new Date(latest.timestamp) };
  }
}
