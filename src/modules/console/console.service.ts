import { Injectable } from '@nestjs/common';
import { DeviceStore } from '../devices/device-store';
import { parseSnapshotKey } from '../feed/record-state.repository';
import { CopyProgress } from '../ingestion/copy-progress';
import { IngestionHealth } from '../ingestion/ingestion-health';
import { OdooCallRate } from '../odoo/odoo-call-rate';
import { ResolveConflictsService } from '../offline-sync/resolve-conflicts.service';
import { SystemsService } from '../systems/systems.service';
import { ConsoleDeviceNotFound } from './console.errors';
import { ConsoleRepository, type DeviceRow, type PushRow } from './console.repository';
import type { DevicesQuery, PushesQuery, ChangeRefDto, DeviceRefDto } from './dto/console-query.dto';
import type { ConsoleDevice, ConsoleDevices, ConsolePush, ConsolePushes, ConsoleSystem } from './dto/console.response';
import { decodeCursor, encodeCursor } from './page-cursor';

const DEFAULT_LIMIT = 50;

/** What the operator console shows, read from the modules that own it. */
@Injectable()
export class ConsoleService {
  constructor(
    private readonly systems: SystemsService,
    private readonly repository: ConsoleRepository,
    private readonly health: IngestionHealth,
    private readonly copy: CopyProgress,
    private readonly calls: OdooCallRate,
    private readonly devicesStore: DeviceStore,
    private readonly conflicts: ResolveConflictsService,
  ) {}

  async systemList(): Promise<ConsoleSystem[]> {
    const now = Date.now();
    return Promise.all(
      (await this.systems.listDetails()).map(async (system) => {
        const [cursors, head, copy] = await Promise.all([
          this.repository.cursors(system.id),
          this.repository.head(system.id),
          system.isConnected ? this.copy.inProgress(system.id) : null,
        ]);
        return {
          id: system.id,
          name: system.name,
          url: system.url,
          database: system.database,
          odoo_version: system.odooVersion,
          status: system.isConnected ? 'connected' : 'disconnected',
          ingestion: this.health.status(system.id),
          models: cursors.map((c) => ({
            model: c.model || '*',
            source: c.source,
            cursor_updated_at: c.updated_at.toISOString(),
            lag_seconds: Math.max(0, Math.round((now - c.updated_at.getTime()) / 1000)),
          })),
          odoo_calls_per_minute: this.calls.lastMinute(system.url),
          first_copy: copy,
          head,
        };
      }),
    );
  }

  async devices(query: DevicesQuery): Promise<ConsoleDevices> {
    await this.systems.get(query.system);
    const limit = query.limit ?? DEFAULT_LIMIT;
    const after = query.cursor ? decodeCursor<{ u: number; d: string }>(query.cursor, { u: 'number', d: 'string' }) : undefined;
    const [head, rows] = await Promise.all([
      this.repository.head(query.system),
      this.repository.devices(
        query.system,
        { userId: query.user_id, appType: query.app_type, after: after && { userId: after.u, deviceId: after.d } },
        limit,
      ),
    ]);
    const last = rows.at(-1);
    return {
      head,
      devices: rows.map((row) => toDevice(row, head)),
      next_cursor: rows.length === limit && last ? encodeCursor({ u: last.user_id, d: last.device_id }) : null,
    };
  }

  async resetDevice(ref: DeviceRefDto): Promise<void> {
    await this.systems.get(ref.system);
    if (!(await this.devicesStore.reset(ref.system, ref.user_id, ref.device_id))) throw new ConsoleDeviceNotFound(ref.user_id, ref.device_id);
  }

  async pushes(query: PushesQuery): Promise<ConsolePushes> {
    await this.systems.get(query.system);
    const limit = query.limit ?? DEFAULT_LIMIT;
    const before = query.cursor
      ? decodeCursor<{ t: string; u: number; d: string; l: string }>(query.cursor, { t: 'string', u: 'number', d: 'string', l: 'string' })
      : undefined;
    const rows = await this.repository.pushes(
      query.system,
      {
        status: query.status,
        deviceId: query.device_id,
        userId: query.user_id,
        before: before && { updatedAt: before.t, userId: before.u, deviceId: before.d, localId: before.l },
      },
      limit,
    );
    const last = rows.at(-1);
    return {
      pushes: rows.map(toPush),
      next_cursor:
        rows.length === limit && last ? encodeCursor({ t: last.position_at, u: last.user_id, d: last.device_id, l: last.local_id }) : null,
    };
  }

  /** Closes a conflict keeping Odoo's values; the answer is the change's result as the device will read it. */
  async resolve(ref: ChangeRefDto): Promise<{ success: boolean; status: string; error_code?: string; error?: string }> {
    await this.systems.get(ref.system);
    const result = await this.conflicts.resolveByOperator({
      tenantId: ref.system,
      userId: ref.user_id,
      deviceId: ref.device_id,
      localId: ref.local_id,
    });
    return { success: result.status === 'success', status: result.status, error_code: result.error_code, error: result.error };
  }
}

function toDevice(row: DeviceRow, head: number): ConsoleDevice {
  const pass = row.snapshot_after === null ? null : parseSnapshotKey(row.snapshot_after);
  const behind = Math.max(0, head - row.last_event_id);
  return {
    user_id: row.user_id,
    device_id: row.device_id,
    app_type: row.app_type,
    position: row.last_event_id,
    behind,
    last_pull_at: row.last_sync_at?.toISOString() ?? null,
    state: pass ? (pass.rescope ? 'rescope' : 'snapshot') : behind > 0 ? 'behind' : 'up_to_date',
    pass_at: pass ? (pass.model === '' ? 'start' : `${pass.model}:${pass.recordId}`) : null,
    rights_fingerprint: row.rights,
    scope: row.scope,
    sync_count: row.sync_count,
    is_active: row.is_active,
  };
}

function outcomeOf(row: PushRow): ConsolePush['outcome'] {
  if (row.status === 'in_progress') return 'in_progress';
  if (row.status === 'success' || row.status === 'conflict') return row.status;
  if (row.status === 'unconfirmed') return 'retryable';
  return row.result?.retryable === true ? 'retryable' : 'rejected';
}

function toPush(row: PushRow): ConsolePush {
  const result = row.result as { error?: string; error_code?: string; conflict_info?: Record<string, unknown> } | null;
  return {
    user_id: row.user_id,
    device_id: row.device_id,
    local_id: row.local_id,
    model: row.model,
    action: row.action,
    outcome: outcomeOf(row),
    server_id: row.server_id,
    ...(result?.error_code ? { error_code: result.error_code, error: result.error } : {}),
    ...(result?.conflict_info ? { conflict_info: result.conflict_info } : {}),
    ...(row.change ? { change: row.change } : {}),
    resolved_by: row.resolved_by,
    batch_id: row.batch_id,
    pushed_at: row.claimed_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}
