import { Inject, Injectable } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { Counter } from 'prom-client';
import { AppConfig } from '../../config/app.config';
import { APP_CONFIG } from '../../config/config.module';
import type { AuthUser } from '../auth/auth.types';
import { DeviceStateRepository } from '../change-feed/device-state.repository';
import { EventLogRepository } from '../change-feed/event-log.repository';
import type { StoredEvent } from '../change-feed/event.types';
import { METRICS } from '../metrics/metrics';
import { SyncResetRequired } from '../change-feed/change-feed.errors';
import { RecordStateRepository, SNAPSHOT_START, type SnapshotKey } from '../change-feed/record-state.repository';
import { SystemsService } from '../systems/systems.service';
import { parseTimestamp } from './conflict-resolver';
import type { OfflinePullDto } from './dto/pull.dto';
import { OfflineSyncStateNotFound, OfflineUnknownAppType } from './offline-sync.errors';
import { syncToken, type PulledEvent, type PullResponse, type ResetResponse, type StateResponse } from './offline-sync.types';
import { PushLedgerRepository, recordKey } from './push-ledger.repository';

/**
 * The models a pull covers: the app type's models narrowed by models_filter (a filter never widens
 * the app type: models outside it are dropped). '*' = every model.
 */
export function pullModels(appTypes: Record<string, string[]>, appType: string, filter?: string[]): string[] | '*' {
  const allowed = Object.hasOwn(appTypes, appType) ? appTypes[appType] : undefined;
  if (!allowed) throw new OfflineUnknownAppType(appType, Object.keys(appTypes));
  if (allowed.includes('*')) return filter ? [...new Set(filter)] : '*';
  if (!filter) return [...new Set(allowed)];
  return [...new Set(filter)].filter((m) => allowed.includes(m));
}

interface PageRead {
  events: PulledEvent[];
  lastEventId: number;
  snapshotAfter: SnapshotKey | null;
  hasMore: boolean;
  total: number;
}

/** A record of a snapshot page as the record store serializes it. */
interface SnapshotRow {
  id: number;
  model: string;
  record_id: number;
  timestamp: string;
  priority: PulledEvent['priority'];
  payload: Record<string, unknown> | null;
}

/**
 * The page as the Flutter SDK reads it: model → the records' current values, one entry per record (later events
 * merged over earlier ones). A deleted record is `{id, _action: "delete"}`, the SDK's own push convention.
 */
export function recordsByModel(events: PulledEvent[]): Record<string, Record<string, unknown>[]> {
  const byModel = new Map<string, Map<number, Record<string, unknown>>>();
  for (const e of events) {
    let records = byModel.get(e.model);
    if (!records) byModel.set(e.model, (records = new Map()));
    const before = records.get(e.record_id);
    records.set(
      e.record_id,
      e.action === 'unlink' ? { id: e.record_id, _action: 'delete' } : { ...(before?._action ? {} : before), ...e.data, id: e.record_id },
    );
  }
  return Object.fromEntries([...byModel].map(([model, records]) => [model, [...records.values()]]));
}

/** Same second: Odoo's write_date has second precision, the feed's timestamp may not. */
function sameSecond(a: unknown, b: unknown): boolean {
  const x = parseTimestamp(a);
  const y = parseTimestamp(b);
  return x !== null && y !== null && Math.floor(x.getTime() / 1000) === Math.floor(y.getTime() / 1000);
}

/** Offline Sync v1 pull, state and reset, served from the event log and the device's cursor. */
@Injectable()
export class OfflineSyncService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly events: EventLogRepository,
    private readonly deviceStates: DeviceStateRepository,
    private readonly ledger: PushLedgerRepository,
    private readonly records: RecordStateRepository,
    private readonly systems: SystemsService,
    @InjectMetric(METRICS.syncEventsReturned) private readonly returned: Counter<string>,
  ) {}

  async pull(user: AuthUser, dto: OfflinePullDto): Promise<PullResponse> {
    const { tenantId, userId } = user;
    const state = await this.deviceStates.get(tenantId, userId, dto.device_id);
    const appType = dto.app_type ?? state?.appType ?? (await this.tenantDefaultAppType(tenantId));
    const models = pullModels(this.config.appTypes, appType, dto.models_filter ?? dto.models);
    const limit = dto.limit ?? dto.batch_size ?? 100;
    // Read before the page: no event at or below it can commit later, so an empty page may skip to it.
    const head = await this.events.headId(tenantId);
    const explicit = dto.last_event_id !== undefined;
    let cursor = dto.last_event_id ?? state?.lastEventId ?? 0;
    let snapshot = explicit ? null : (state?.snapshotAfter ?? null);
    let restarted = false;
    if (!snapshot) {
      try {
        await this.events.assertRetained(tenantId, cursor);
      } catch (e) {
        // A position the server keeps (no last_event_id) that fell behind retention restarts with a snapshot in a
        // 200: the Flutter SDK reads any 410 as "account deleted". An explicit last_event_id still gets the 410.
        if (!(e instanceof SyncResetRequired) || explicit) throw e;
        cursor = head;
        snapshot = SNAPSHOT_START;
        restarted = true;
      }
    }
    const read = snapshot
      ? await this.snapshotPage(user, dto, models, cursor, snapshot, limit, head)
      : await this.logPage(user, dto, models, cursor, limit, head);
    const advanced = await this.deviceStates.advance(tenantId, userId, dto.device_id, {
      appType,
      lastEventId: read.lastEventId,
      snapshotAfter: read.snapshotAfter,
      eventsSynced: read.events.length,
    });
    this.returned.inc({ endpoint: 'offline_pull' }, read.events.length);
    const data = recordsByModel(read.events);
    const now = new Date().toISOString();
    return {
      success: true,
      has_updates: read.events.length > 0,
      new_events_count: read.events.length,
      events: read.events,
      next_sync_token: syncToken(userId, dto.device_id, read.lastEventId),
      last_event_id: read.lastEventId,
      last_sync_time: advanced.lastSyncAt?.toISOString() ?? null,
      has_more: read.hasMore,
      total_available: read.total,
      server_timestamp: now,
      app_type: appType,
      snapshot: snapshot !== null,
      restarted,
      data,
      total_records: Object.values(data).reduce((n, list) => n + list.length, 0),
      synced_at: now,
    };
  }

  private async logPage(
    user: AuthUser,
    dto: OfflinePullDto,
    models: string[] | '*',
    cursor: number,
    limit: number,
    head: number,
  ): Promise<PageRead> {
    const { tenantId } = user;
    const offset = dto.offset ?? 0;
    const filter = { models, priorities: dto.priority_filter };
    const nothing = Array.isArray(models) && models.length === 0;
    const page = nothing ? [] : await this.events.readAfter(tenantId, cursor, { ...filter, limit: limit + 1, offset });
    const hasMore = page.length > limit;
    const events = page.slice(0, limit);
    const total = nothing ? 0 : await this.events.countAfter(tenantId, cursor, filter);
    const lastEventId = events.length > 0 ? events[events.length - 1].id : offset === 0 && !hasMore ? Math.max(cursor, head) : cursor;
    return { events: await this.present(user, dto, events), lastEventId, snapshotAfter: null, hasMore, total };
  }

  /** A page of the snapshot taken at log position `at` (BridgeCore's record store); then the log from `at`. */
  private async snapshotPage(
    user: AuthUser,
    dto: OfflinePullDto,
    models: string[] | '*',
    at: number,
    after: SnapshotKey,
    limit: number,
    head: number,
  ): Promise<PageRead> {
    const read = await this.records.snapshotPage(user.tenantId, models, after, limit);
    const left = read.full ? await this.records.countAfter(user.tenantId, models, read.last) : 0;
    const eventsAfter = head > at ? await this.events.countAfter(user.tenantId, at, { models, priorities: dto.priority_filter }) : 0;
    const includePayload = dto.include_payload ?? true;
    const rows = JSON.parse(read.events) as SnapshotRow[];
    return {
      events: rows.map((r) => ({
        event_id: r.id,
        model: r.model,
        record_id: r.record_id,
        action: 'create',
        timestamp: r.timestamp,
        data: includePayload ? r.payload : null,
        changed_fields: null,
        priority: r.priority,
        category: 'business',
        origin: 'server',
        snapshot: true,
      })),
      lastEventId: at,
      snapshotAfter: left > 0 ? read.last : null,
      hasMore: left > 0 || eventsAfter > 0,
      total: read.count + left + eventsAfter,
    };
  }

  async state(user: AuthUser, deviceId: string): Promise<StateResponse> {
    const [state, counts] = await Promise.all([
      this.deviceStates.get(user.tenantId, user.userId, deviceId),
      this.ledger.openCounts(user.tenantId, user.userId, deviceId),
    ]);
    if (!state && counts.total === 0) throw new OfflineSyncStateNotFound(deviceId);
    const lastEventId = state?.lastEventId ?? 0;
    const lastSync = state?.lastSyncAt?.toISOString() ?? null;
    const appType = state?.appType ?? (await this.tenantDefaultAppType(user.tenantId));
    const syncStatus = counts.inProgress > 0 ? 'syncing' : counts.conflicts > 0 ? 'conflicts' : 'idle';
    return {
      device_id: deviceId,
      user_id: user.userId,
      last_event_id: lastEventId,
      last_sync_time: lastSync,
      last_sync_at: lastSync,
      next_sync_token: syncToken(user.userId, deviceId, lastEventId),
      total_syncs: state?.syncCount ?? 0,
      total_events_synced: state?.totalEventsSynced ?? 0,
      sync_status: syncStatus,
      pending_changes: counts.inProgress + counts.conflicts,
      app_type: appType,
      metadata: { app_type: appType, sync_status: syncStatus, conflicts: counts.conflicts, in_progress: counts.inProgress },
    };
  }

  /** Rewinds the pull cursor only: the push ledger stays, so a reset never makes a change run twice. */
  async reset(user: AuthUser, deviceId: string): Promise<ResetResponse> {
    const had = await this.deviceStates.reset(user.tenantId, user.userId, deviceId);
    return {
      success: true,
      message: had ? 'Sync state reset: the next pull starts from the beginning of the retained history' : 'No sync state for this device: nothing to reset',
      device_id: deviceId,
    };
  }

  private async tenantDefaultAppType(tenantId: string): Promise<string> {
    try {
      return (await this.systems.get(tenantId)).options.default_app_type ?? this.config.defaultAppType;
    } catch {
      // A token for a system that is gone still gets the configured default rather than an error here.
      return this.config.defaultAppType;
    }
  }

  /**
   * Marks events that are this device's own pushed changes coming back (origin "self", with the
   * local_id): same record and the write_date the push recorded (or the device's own delete).
   * They are returned, not skipped, so the cursor and the app's id mapping stay simple.
   */
  private async present(user: AuthUser, dto: OfflinePullDto, events: StoredEvent[]): Promise<PulledEvent[]> {
    const own = await this.ledger.ownWrites(
      user.tenantId,
      user.userId,
      dto.device_id,
      events.map((e) => ({ model: e.model, recordId: e.recordId })),
    );
    const includePayload = dto.include_payload ?? true;
    return events.map((e) => {
      const mine = own.get(recordKey(e.model, e.recordId));
      const self =
        mine !== undefined &&
        (e.event === 'unlink' ? mine.action === 'delete' : mine.writeDate !== null && sameSecond(mine.writeDate, e.payload?.write_date ?? e.timestamp));
      return {
        event_id: e.id,
        model: e.model,
        record_id: e.recordId,
        action: e.event,
        timestamp: e.timestamp.toISOString(),
        data: includePayload ? e.payload : null,
        changed_fields: e.changedFields,
        priority: e.priority,
        category: e.category,
        origin: self ? 'self' : 'server',
        ...(self ? { local_id: mine.localId } : {}),
        ...(dto.include_metadata ? { metadata: { source: e.source, user_id: e.userId } } : {}),
      };
    });
  }
}
