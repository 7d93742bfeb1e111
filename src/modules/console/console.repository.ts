import { Inject, Injectable } from '@nestjs/common';
import { sql, type Selectable } from 'kysely';
import { DB } from '../../database/database.module';
import type { Db, DeviceStatesTable, IngestCursorsTable, OfflinePushLedgerTable } from '../../database/schema';

export type DeviceRow = Selectable<DeviceStatesTable>;
export type PushRow = Omit<Selectable<OfflinePushLedgerTable>, 'server_values' | 'claim_id' | 'fingerprint' | 'claimed_at' | 'updated_at'> & {
  claimed_at: Date;
  updated_at: Date;
  /** updated_at as the database's text: a keyset cursor must keep its microseconds, which a JS Date drops. */
  position_at: string;
};
export type CursorRow = Pick<Selectable<IngestCursorsTable>, 'source' | 'model' | 'updated_at'>;

export interface DeviceFilter {
  userId?: number;
  appType?: string;
  /** Keyset: the last row of the previous page. */
  after?: { userId: number; deviceId: string };
}

export interface PushFilter {
  status?: OfflinePushLedgerTable['status'];
  deviceId?: string;
  userId?: number;
  /** Keyset: the last row of the previous page (pages go from newest to oldest). */
  before?: { updatedAt: string; userId: number; deviceId: string; localId: string };
}

/**
 * The console's reads: one page at a time, walked by keyset over an index, so a page costs the same at 1,000
 * devices or a ledger of millions. Nothing here counts or loads a whole tenant.
 */
@Injectable()
export class ConsoleRepository {
  constructor(@Inject(DB) private readonly db: Db) {}

  async head(tenantId: string): Promise<number> {
    const row = await this.db.selectFrom('tenant_feeds').select('last_id').where('tenant_id', '=', tenantId).executeTakeFirst();
    return row?.last_id ?? 0;
  }

  async devices(tenantId: string, filter: DeviceFilter, limit: number): Promise<DeviceRow[]> {
    return this.devicesQuery(tenantId, filter, limit).execute();
  }

  /** The query of one page of devices (tests explain it: it must read one page of the index, not the tenant). */
  devicesQuery(tenantId: string, filter: DeviceFilter, limit: number) {
    let query = this.db.selectFrom('device_states').selectAll().where('tenant_id', '=', tenantId);
    if (filter.userId !== undefined) query = query.where('user_id', '=', filter.userId);
    if (filter.appType !== undefined) query = query.where('app_type', '=', filter.appType);
    const after = filter.after;
    if (after) query = query.where(sql<boolean>`(user_id, device_id) > (${after.userId}, ${after.deviceId})`);
    return query.orderBy('user_id').orderBy('device_id').limit(limit);
  }

  async pushes(tenantId: string, filter: PushFilter, limit: number): Promise<PushRow[]> {
    // The ledger's timestamps are declared Generated (the database fills them); read back they are Dates.
    return (await this.pushesQuery(tenantId, filter, limit).execute()) as unknown as PushRow[];
  }

  /** The query of one page of pushed changes, newest first (explained by tests as devicesQuery). */
  pushesQuery(tenantId: string, filter: PushFilter, limit: number) {
    let query = this.db
      .selectFrom('offline_push_ledger')
      .select(['tenant_id', 'user_id', 'device_id', 'local_id', 'model', 'action', 'status', 'server_id', 'server_write_date'])
      .select(['change', 'result', 'resolved_by', 'batch_id', 'claimed_at', 'updated_at', sql<string>`updated_at::text`.as('position_at')])
      .where('tenant_id', '=', tenantId);
    if (filter.status !== undefined) query = query.where('status', '=', filter.status);
    if (filter.deviceId !== undefined) query = query.where('device_id', '=', filter.deviceId);
    if (filter.userId !== undefined) query = query.where('user_id', '=', filter.userId);
    const b = filter.before;
    if (b) {
      query = query.where(
        sql<boolean>`(updated_at, user_id, device_id, local_id) < (${b.updatedAt}::timestamptz, ${b.userId}, ${b.deviceId}, ${b.localId})`,
      );
    }
    return query.orderBy('updated_at', 'desc').orderBy('user_id', 'desc').orderBy('device_id', 'desc').orderBy('local_id', 'desc').limit(limit);
  }

  /** When each model's change capture last moved its cursor (one row per source and model; a tenant tracks few). */
  async cursors(tenantId: string): Promise<CursorRow[]> {
    return this.db
      .selectFrom('ingest_cursors')
      .select(['source', 'model', 'updated_at'])
      .where('tenant_id', '=', tenantId)
      .orderBy('model')
      .orderBy('source')
      .execute();
  }
}
