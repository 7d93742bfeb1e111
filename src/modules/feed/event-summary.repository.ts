import { Inject, Injectable } from '@nestjs/common';
import { DB, WRITE_DB } from '../../database/database.module';
import type { Db } from '../../database/schema';
import { feedState } from './event-log.repository';

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
 * What the event log holds, summed up: check-updates' "anything new?" per model (and the events it counted, to filter
 * them for a user), and a tenant's retention figures.
 */
@Injectable()
export class EventSummaryRepository {
  constructor(
    @Inject(DB) private readonly db: Db,
    /** The committed head is read where appends write it (as EventAppendRepository.committedHead). */
    @Inject(WRITE_DB) private readonly writer: Db,
  ) {}

  /**
   * The legacy "anything new?" question: retained events per model after a position, by log id (a sync
   * token) or by the time they were logged (an ISO `since`; see EventAppendRepository.insert for why that is safe),
   * counted up to the head read first, which is returned as the next token. Every id up to a committed
   * head is committed, so the answer covers exactly the ids <= head and the next one starts after it.
   */
  async changesSince(
    tenantId: string,
    since: ChangesSince,
    models: string[] | '*',
    limit?: number,
  ): Promise<{ headId: number; summary: ModelChanges[]; lastLoggedAt: Date | null }> {
    const headId = (await feedState(this.writer, tenantId)).lastId;
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
}
