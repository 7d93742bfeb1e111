import { Inject, Injectable } from '@nestjs/common';
import { DB } from '../../database/database.module';
import type { Db } from '../../database/schema';

export interface ModelCount {
  model: string;
  count: number;
}

/**
 * The legacy "anything new since T?" question. It is asked by time, while the event log is read by
 * sequence number, so it is a read-only query of the retained events by the time BridgeCore logged
 * them (`created_at`, indexed): a change ingested late is still reported to a client polling with the
 * `last_update_at` it got before. Times travel at millisecond precision while the column keeps
 * microseconds, so "after T" starts at T + 1 ms: the event that produced T is not reported twice.
 */
@Injectable()
export class CheckUpdatesQuery {
  constructor(@Inject(DB) private readonly db: Db) {}

  async summarySince(
    tenantId: string,
    since: Date,
    models: string[] | '*',
    limit: number,
  ): Promise<{ summary: ModelCount[]; lastUpdateAt: Date | null }> {
    if (models !== '*' && models.length === 0) return { summary: [], lastUpdateAt: null };
    let query = this.db
      .selectFrom('events')
      .select((eb) => ['model', eb.fn.countAll<number>().as('count'), eb.fn.max('created_at').as('last')])
      .where('tenant_id', '=', tenantId)
      .where('archived_at', 'is', null)
      .where('created_at', '>=', new Date(since.getTime() + 1));
    if (models !== '*') query = query.where('model', 'in', models);
    const rows = await query.groupBy('model').orderBy('count', 'desc').orderBy('model').limit(limit).execute();
    let lastUpdateAt: Date | null = null;
    for (const r of rows) {
      const last = new Date(r.last);
      if (!lastUpdateAt || last > lastUpdateAt) lastUpdateAt = last;
    }
    return { summary: rows.map((r) => ({ model: r.model, count: Number(r.count) })), lastUpdateAt };
  }
}
