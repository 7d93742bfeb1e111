import { Injectable } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { Counter } from 'prom-client';
import type { DeliveredEvent } from '../access/read-filter';
import { SyncScopeService, type UserScope } from '../access/sync-scope.service';
import type { AuthUser } from '../auth/auth.types';
import { DeviceStateRepository } from '../change-feed/device-state.repository';
import { EventLogRepository } from '../change-feed/event-log.repository';
import type { StoredEvent } from '../change-feed/event.types';
import { METRICS } from '../metrics/metrics';
import { parseTimestamp } from './conflict-resolver';
import type { OfflinePullDto } from './dto/pull.dto';
import { OfflineSyncStateNotFound } from './offline-sync.errors';
import { syncToken, type PulledEvent, type PullResponse, type ResetResponse, type StateResponse } from './offline-sync.types';
import { PushLedgerRepository, recordKey } from './push-ledger.repository';

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
    private readonly events: EventLogRepository,
    private readonly deviceStates: DeviceStateRepository,
    private readonly ledger: PushLedgerRepository,
    private readonly scopes: SyncScopeService,
    @InjectMetric(METRICS.syncEventsReturned) private readonly returned: Counter<string>,
  ) {}

  async pull(user: AuthUser, dto: OfflinePullDto): Promise<PullResponse> {
    const { tenantId, userId } = user;
    const state = await this.deviceStates.get(tenantId, userId, dto.device_id);
    const scope = await this.scopes.scope(tenantId, userId, { appType: dto.app_type, remembered: state?.appType, filter: dto.models_filter });
    const { appType, models } = scope;
    const cursor = dto.last_event_id ?? state?.lastEventId ?? 0;
    await this.events.assertRetained(tenantId, cursor);

    const limit = dto.limit ?? 100;
    const offset = dto.offset ?? 0;
    // Read before the page: no event at or below it can commit later, so an empty page may skip to it.
    const head = await this.events.headId(tenantId);
    const filter = { models, priorities: dto.priority_filter };
    const nothing = Array.isArray(models) && models.length === 0;
    const page = nothing ? [] : await this.events.readAfter(tenantId, cursor, { ...filter, limit: limit + 1, offset });
    const hasMore = page.length > limit;
    const read = page.slice(0, limit);
    // The cursor moves past what the user may not read; what is delivered is what Odoo lets the user read now.
    const events = await this.readable(scope, read);
    const total = nothing ? 0 : await this.events.countAfter(tenantId, cursor, filter);

    const lastEventId = read.length > 0 ? read[read.length - 1].id : offset === 0 && !hasMore ? Math.max(cursor, head) : cursor;
    const advanced = await this.deviceStates.advance(tenantId, userId, dto.device_id, {
      appType,
      lastEventId,
      eventsSynced: events.length,
    });
    this.returned.inc({ endpoint: 'offline_pull' }, events.length);

    return {
      success: true,
      has_updates: events.length > 0,
      new_events_count: events.length,
      events: await this.present(user, dto, events),
      next_sync_token: syncToken(userId, dto.device_id, lastEventId),
      last_event_id: lastEventId,
      last_sync_time: advanced.lastSyncAt?.toISOString() ?? null,
      has_more: hasMore,
      total_available: total,
      server_timestamp: new Date().toISOString(),
      app_type: appType,
    };
  }

  async state(user: AuthUser, deviceId: string): Promise<StateResponse> {
    const [state, counts] = await Promise.all([
      this.deviceStates.get(user.tenantId, user.userId, deviceId),
      this.ledger.openCounts(user.tenantId, user.userId, deviceId),
    ]);
    if (!state && counts.total === 0) throw new OfflineSyncStateNotFound(deviceId);
    const lastEventId = state?.lastEventId ?? 0;
    return {
      device_id: deviceId,
      user_id: user.userId,
      last_event_id: lastEventId,
      last_sync_time: state?.lastSyncAt?.toISOString() ?? null,
      next_sync_token: syncToken(user.userId, deviceId, lastEventId),
      total_syncs: state?.syncCount ?? 0,
      total_events_synced: state?.totalEventsSynced ?? 0,
      sync_status: counts.inProgress > 0 ? 'syncing' : counts.conflicts > 0 ? 'conflicts' : 'idle',
      pending_changes: counts.inProgress + counts.conflicts,
      app_type: state?.appType ?? (await this.scopes.defaultAppType(user.tenantId)),
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

  /**
   * The events of a page this user may receive (Odoo's access rights, as for a v2 pull): hidden ones are left
   * out, and a write that moved a record out of the user's view arrives as an unlink without data.
   */
  private async readable(scope: UserScope, events: StoredEvent[]): Promise<StoredEvent[]> {
    if (events.length === 0) return events;
    const byId = new Map(events.map((e) => [e.id, e]));
    const delivered: DeliveredEvent[] = events.map((e) => ({
      id: e.id,
      model: e.model,
      record_id: e.recordId,
      event: e.event,
      timestamp: e.timestamp.toISOString(),
      priority: e.priority,
      payload: e.payload,
    }));
    return (await scope.readable(delivered)).map((d) => {
      const e = byId.get(d.id) as StoredEvent;
      return d.event === e.event ? e : { ...e, event: d.event, payload: null, changedFields: null };
    });
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
