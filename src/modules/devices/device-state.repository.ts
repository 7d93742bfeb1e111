import { Inject, Injectable } from '@nestjs/common';
import { Selectable, sql } from 'kysely';
import { DB } from '../../database/database.module';
import type { Db, DeviceStatesTable } from '../../database/schema';
import { Clock } from '../feed/clock';
import { formatSnapshotKey, parseSnapshotKey, SNAPSHOT_START, type SnapshotKey } from '../feed/record-state.repository';

type DeviceStateRow = Selectable<DeviceStatesTable>;

export interface DeviceState {
  tenantId: string;
  userId: number;
  deviceId: string;
  appType: string;
  lastEventId: number;
  /** Set while the device drains a snapshot taken at lastEventId: the last record it was sent. */
  snapshotAfter: SnapshotKey | null;
  /** The models the device last pulled (see scopeKey), null when not known. */
  scope: string | null;
  /** The fingerprint of the user's read rights the device was last served under, null when not known. */
  rights: string | null;
  lastSyncAt: Date | null;
  syncCount: number;
  totalEventsSynced: number;
  isActive: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface Advance {
  appType: string;
  lastEventId: number;
  snapshotAfter?: SnapshotKey | null;
  scope?: string;
  /** The fingerprint of the user's rights the device was served under (see rightsFingerprint). */
  rights?: string;
  eventsSynced: number;
  /** The syncs this write records (pulls coalesced behind the requests); 1 when absent. */
  syncs?: number;
}

function toState(row: DeviceStateRow): DeviceState {
  return {
    tenantId: row.tenant_id,
    userId: row.user_id,
    deviceId: row.device_id,
    appType: row.app_type,
    lastEventId: row.last_event_id,
    snapshotAfter: row.snapshot_after === null ? null : parseSnapshotKey(row.snapshot_after),
    scope: row.scope,
    rights: row.rights,
    lastSyncAt: row.last_sync_at,
    syncCount: row.sync_count,
    totalEventsSynced: row.total_events_synced,
    isActive: row.is_active,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** A device's sync cursor, keyed by (tenant, user, device). Written only through DeviceStore (one write policy). */
@Injectable()
export class DeviceStateRepository {
  constructor(
    @Inject(DB) private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async get(tenantId: string, userId: number, deviceId: string): Promise<DeviceState | null> {
    const row = await this.db
      .selectFrom('device_states')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('user_id', '=', userId)
      .where('device_id', '=', deviceId)
      .executeTakeFirst();
    return row ? toState(row) : null;
  }

  /** The users with a device of this id in the tenant (device ids are the apps' own, unique per user only). */
  async usersOf(tenantId: string, deviceId: string): Promise<number[]> {
    const rows = await this.db
      .selectFrom('device_states')
      .select('user_id')
      .where('tenant_id', '=', tenantId)
      .where('device_id', '=', deviceId)
      .orderBy('user_id')
      .execute();
    return rows.map((r) => Number(r.user_id));
  }

  /** Every device state of a user. */
  async list(tenantId: string, userId: number): Promise<DeviceState[]> {
    const rows = await this.db
      .selectFrom('device_states')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('user_id', '=', userId)
      .orderBy('device_id')
      .execute();
    return rows.map(toState);
  }

  async getOrCreate(tenantId: string, userId: number, deviceId: string, appType: string): Promise<DeviceState> {
    const now = this.clock.now();
    await this.db
      .insertInto('device_states')
      .values({ tenant_id: tenantId, user_id: userId, device_id: deviceId, app_type: appType, created_at: now, updated_at: now })
      .onConflict((oc) => oc.columns(['tenant_id', 'user_id', 'device_id']).doNothing())
      .execute();
    return (await this.get(tenantId, userId, deviceId)) as DeviceState;
  }

  /**
   * Records a completed sync: the cursor moves to lastEventId (with the snapshot position while the
   * device drains a snapshot), the device counts as active again.
   *
   * `recordedAt`: a write deferred since then (v2 writes states behind the request). It applies only if the row has
   * not been written since, else it is dropped (null): a reset or v1 pull on another instance in between is newer
   * and must not be undone. Dropping leaves the state behind what the device received, which repeats, never skips.
   */
  advance(tenantId: string, userId: number, deviceId: string, update: Advance): Promise<DeviceState>;
  advance(tenantId: string, userId: number, deviceId: string, update: Advance, recordedAt: Date): Promise<DeviceState | null>;
  async advance(tenantId: string, userId: number, deviceId: string, update: Advance, recordedAt?: Date): Promise<DeviceState | null> {
    const now = recordedAt ?? this.clock.now();
    const snapshotAfter = update.snapshotAfter ? formatSnapshotKey(update.snapshotAfter) : null;
    const row = await this.db
      .insertInto('device_states')
      .values({
        tenant_id: tenantId,
        user_id: userId,
        device_id: deviceId,
        app_type: update.appType,
        last_event_id: update.lastEventId,
        snapshot_after: snapshotAfter,
        scope: update.scope ?? null,
        rights: update.rights ?? null,
        last_sync_at: now,
        sync_count: update.syncs ?? 1,
        total_events_synced: update.eventsSynced,
        is_active: true,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => {
        const write = oc.columns(['tenant_id', 'user_id', 'device_id']).doUpdateSet({
          app_type: update.appType,
          last_event_id: update.lastEventId,
          snapshot_after: snapshotAfter,
          scope: update.scope === undefined ? sql<string | null>`device_states.scope` : update.scope,
          rights: update.rights === undefined ? sql<string | null>`device_states.rights` : update.rights,
          last_sync_at: now,
          sync_count: sql<number>`device_states.sync_count + ${update.syncs ?? 1}`,
          total_events_synced: sql<number>`device_states.total_events_synced + ${update.eventsSynced}`,
          is_active: true,
          updated_at: now,
        });
        return recordedAt === undefined ? write : write.where('device_states.updated_at', '<=', recordedAt);
      })
      .returningAll()
      .executeTakeFirst();
    // Without recordedAt the upsert always writes, so only a deferred write comes back empty.
    return row ? toState(row) : null;
  }

  /** The next pull starts with a new snapshot (the device is at the reset mark, see isResetMark). False when the device has no state. */
  async reset(tenantId: string, userId: number, deviceId: string): Promise<boolean> {
    const result = await this.db
      .updateTable('device_states')
      .set({ last_event_id: 0, snapshot_after: formatSnapshotKey(SNAPSHOT_START), updated_at: this.clock.now() })
      .where('tenant_id', '=', tenantId)
      .where('user_id', '=', userId)
      .where('device_id', '=', deviceId)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}
