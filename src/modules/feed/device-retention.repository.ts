import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import { DB } from '../../database/database.module';
import type { Db } from '../../database/schema';
import { Clock } from './clock';

/**
 * Retention's view of device_states: the lowest cursor of the active devices (what may be archived) and the expiry
 * of idle devices. Device positions themselves are read and written only by the devices module.
 */
@Injectable()
export class DeviceRetentionRepository {
  constructor(
    @Inject(DB) private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** The lowest cursor among the tenant's active devices; null when none is active. */
  async activeCursorFloor(tenantId: string): Promise<number | null> {
    const row = await this.db
      .selectFrom('device_states')
      .select((eb) => eb.fn.min<number>('last_event_id').as('floor'))
      .where('tenant_id', '=', tenantId)
      .where('is_active', '=', true)
      .executeTakeFirst();
    return row?.floor ?? null;
  }

  /**
   * Marks devices idle since before the cutoff (by last sync, or creation if never synced) inactive.
   * tenantIds limits it to those tenants (undefined = all).
   */
  async markInactive(idleSince: Date, tenantIds?: string[]): Promise<number> {
    if (tenantIds?.length === 0) return 0;
    let query = this.db
      .updateTable('device_states')
      .set({ is_active: false, updated_at: this.clock.now() })
      .where('is_active', '=', true)
      .where(sql<Date>`coalesce(last_sync_at, created_at)`, '<', idleSince);
    if (tenantIds) query = query.where('tenant_id', 'in', tenantIds);
    const result = await query.executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** Deletes inactive devices idle since before the cutoff. */
  async deleteInactive(idleSince: Date, tenantIds?: string[]): Promise<number> {
    if (tenantIds?.length === 0) return 0;
    let query = this.db
      .deleteFrom('device_states')
      .where('is_active', '=', false)
      .where(sql<Date>`coalesce(last_sync_at, created_at)`, '<', idleSince);
    if (tenantIds) query = query.where('tenant_id', 'in', tenantIds);
    const result = await query.executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** Active device count per tenant (tenants with none are absent). */
  async activeCounts(tenantIds?: string[]): Promise<Map<string, number>> {
    if (tenantIds?.length === 0) return new Map();
    let query = this.db
      .selectFrom('device_states')
      .select(['tenant_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('is_active', '=', true);
    if (tenantIds) query = query.where('tenant_id', 'in', tenantIds);
    const rows = await query.groupBy('tenant_id').execute();
    return new Map(rows.map((r) => [r.tenant_id, Number(r.n)]));
  }
}
