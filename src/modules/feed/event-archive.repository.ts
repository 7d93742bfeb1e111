import { Inject, Injectable } from '@nestjs/common';
import { DB } from '../../database/database.module';
import type { Db } from '../../database/schema';
import { feedState } from './event-log.repository';

/** Retention of the event log (ArchiverService): which prefix may go, archiving it, deleting archived events. */
@Injectable()
export class EventArchiveRepository {
  constructor(@Inject(DB) private readonly db: Db) {}

  async tenants(): Promise<string[]> {
    const rows = await this.db.selectFrom('tenant_feeds').select('tenant_id').orderBy('tenant_id').execute();
    return rows.map((r) => r.tenant_id);
  }

  feedState(tenantId: string): Promise<{ lastId: number; archivedThrough: number }> {
    return feedState(this.db, tenantId);
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
}
