import { Inject, Injectable } from '@nestjs/common';
import { DB } from '../../database/database.module';
import type { Db } from '../../database/schema';
import type { DeliveredEvent } from '../access/read-filter';

export interface ModelCount {
  model: string;
  count: number;
  /** When BridgeCore logged the model's latest counted event. */
  last: Date;
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

  /** Events logged after `since`, counted per model. */
  async summarySince(tenantId: string, since: Date, models: string[] | '*'): Promise<ModelCount[]> {
    if (models !== '*' && models.length === 0) return [];
    let query = this.db
      .selectFrom('events')
      .select((eb) => ['model', eb.fn.countAll<number>().as('count'), eb.fn.max('created_at').as('last')])
      .where('tenant_id', '=', tenantId)
      .where('archived_at', 'is', null)
      .where('created_at', '>=', new Date(since.getTime() + 1));
    if (models !== '*') query = query.where('model', 'in', models);
    const rows = await query.groupBy('model').execute();
    return rows.map((r) => ({ model: r.model, count: Number(r.count), last: new Date(r.last) }));
  }

  /** One model's retained events logged after `since`, as a pull delivers them, by id from `afterId`. */
  async eventsSince(
    tenantId: string,
    since: Date,
    model: string,
    afterId: number,
    limit: number,
  ): Promise<{ event: DeliveredEvent; loggedAt: Date }[]> {
    const rows = await this.db
      .selectFrom('events')
      .select(['pull_json', 'created_at'])
      .where('tenant_id', '=', tenantId)
      .where('archived_at', 'is', null)
      .where('created_at', '>=', new Date(since.getTime() + 1))
      .where('model', '=', model)
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ event: JSON.parse(r.pull_json) as DeliveredEvent, loggedAt: new Date(r.created_at) }));
  }
}
