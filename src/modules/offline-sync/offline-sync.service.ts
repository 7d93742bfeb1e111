import { Injectable } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { Counter } from 'prom-client';
import type { DeliveredEvent } from '../access/read-filter';
import { ReadPolicyService, type ReadPolicy } from '../access/read-policy.service';
import type { AuthUser } from '../auth/auth.types';
import { EventLogRepository } from '../feed/event-log.repository';
import { PRIORITIES, type StoredEvent } from '../feed/event.types';
import type { SnapshotKey, SnapshotRecord } from '../feed/record-state.repository';
import { DeviceStore } from '../devices/device-store';
import { METRICS } from '../metrics/metrics';
import { parseOdooDatetime } from '../odoo/values';
import { PullEngine, type PageReader, type SnapshotRead } from '../pull/pull-engine';
import type { OfflinePullDto } from './dto/pull.dto';
import { OfflineSyncStateNotFound } from './offline-sync.errors';
import { syncToken, type PulledEvent, type PullResponse, type ResetResponse, type StateResponse } from './offline-sync.types';
import { PushLedgerRepository, recordKey, type OwnWrite } from './push-ledger.repository';

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
  const x = parseOdooDatetime(a);
  const y = parseOdooDatetime(b);
  return x !== null && y !== null && Math.floor(x.getTime() / 1000) === Math.floor(y.getTime() / 1000);
}

/**
 * Whether an event of a record this device changed is that change coming back: its own delete, or a write in the
 * second the push recorded (the event's own write_date, else the time it was logged).
 */
export function isOwnChange(mine: Pick<OwnWrite, 'action' | 'writeDate'>, e: Pick<StoredEvent, 'event' | 'payload' | 'timestamp'>): boolean {
  if (e.event === 'unlink') return mine.action === 'delete';
  return mine.writeDate !== null && sameSecond(mine.writeDate, e.payload?.write_date ?? e.timestamp.toISOString());
}

/** An event as v1 pull presents it; snapshot records have no source of their own. */
type V1Event = Omit<StoredEvent, 'source'> & { source: StoredEvent['source'] | 'snapshot' };

interface V1Page {
  events: V1Event[];
  /** Events delivered (after the user's filter). */
  count: number;
  /** The cursor recorded for the device (a snapshot's log position while it is drained). */
  next: number;
  nextSnapshot: SnapshotKey | null;
  more: boolean;
  /** Events (or snapshot records and events) left from the device's position. */
  total: number;
  snapshot: boolean;
}

/** Offline Sync v1 pull, state and reset, served from the event log and the device's cursor. */
@Injectable()
export class OfflineSyncService {
  constructor(
    private readonly engine: PullEngine,
    private readonly events: EventLogRepository,
    private readonly devices: DeviceStore,
    private readonly ledger: PushLedgerRepository,
    private readonly scopes: ReadPolicyService,
    @InjectMetric(METRICS.syncEventsReturned) private readonly returned: Counter<string>,
  ) {}

  /**
   * Without last_event_id (the Flutter SDK's pullUpdates) the device's position moves past the answer, which the
   * caller records with `record` once the answer was written whole: an answer the connection dropped leaves the device
   * where it was.
   */
  async pull(user: AuthUser, dto: OfflinePullDto): Promise<{ response: PullResponse; record?: () => Promise<void> }> {
    const { tenantId, userId } = user;
    const pulled = await this.engine.pull(
      user,
      {
        deviceId: dto.device_id,
        appType: dto.app_type,
        // `models` and `batch_size`: the Flutter SDK's names for models_filter and limit.
        filter: dto.models_filter ?? dto.models,
        rememberAppType: true,
        limit: dto.limit ?? dto.batch_size ?? 100,
        claim: dto.last_event_id === undefined ? undefined : { kind: 'cursor', cursor: dto.last_event_id },
        // A position the server keeps that fell behind retention restarts with a snapshot in a 200: the Flutter SDK
        // reads any 410 as "account deleted". An explicit last_event_id still gets the 410.
        refuseExpiredClaim: true,
        deferRecord: dto.last_event_id === undefined,
      },
      this.reader(tenantId, dto),
    );
    const { page } = pulled;
    this.returned.inc({ endpoint: 'offline_pull' }, page.count);

    const events = await this.present(user, dto, page.events);
    const data = recordsByModel(events);
    const now = new Date(pulled.now).toISOString();
    const response: PullResponse = {
      success: true,
      has_updates: events.length > 0,
      new_events_count: events.length,
      events,
      next_sync_token: syncToken(userId, dto.device_id, page.next),
      last_event_id: page.next,
      last_sync_time: now,
      has_more: page.more,
      total_available: page.total,
      snapshot: page.snapshot,
      restarted: pulled.resetRequired,
      backfill: pulled.backfill,
      server_timestamp: now,
      app_type: pulled.scope.appType,
      data,
      total_records: Object.values(data).reduce((n, list) => n + list.length, 0),
      synced_at: now,
    };
    return { response, record: dto.last_event_id === undefined ? pulled.record : undefined };
  }

  /**
   * v1's pages, as events with their log fields, filtered for the user: the cursor moves past what the user may not
   * read; what is delivered is what Odoo lets the user read now.
   */
  private reader(tenantId: string, dto: OfflinePullDto): PageReader<V1Page> {
    return {
      log: async (scope, cursor, limit, head) => {
        await this.events.assertRetained(tenantId, cursor);
        return this.filtered(scope, await this.logPage(tenantId, scope.models, cursor, limit, head, dto), false);
      },
      snapshot: (scope, snapshot, rescope) => this.filtered(scope, snapshotPage(tenantId, snapshot), rescope),
    };
  }

  private async filtered(scope: ReadPolicy, page: V1Page, rescope: boolean): Promise<V1Page> {
    const events = await this.readable(scope, page.events, rescope);
    return { ...page, events, count: events.length };
  }

  /**
   * A page of the log. The stored cursor never moves past an event the device did not get: with an
   * offset it stays, and with priority_filter it stops before the first event of another priority.
   */
  private async logPage(
    tenantId: string,
    models: string[] | '*',
    cursor: number,
    limit: number,
    head: number,
    dto: OfflinePullDto,
  ): Promise<V1Page> {
    const offset = dto.offset ?? 0;
    const filter = { models, priorities: dto.priority_filter };
    const nothing = Array.isArray(models) && models.length === 0;
    const rows = nothing ? [] : await this.events.readAfter(tenantId, cursor, { ...filter, limit: limit + 1, offset });
    const more = rows.length > limit;
    const events = rows.slice(0, limit);
    const total = nothing ? 0 : await this.events.countAfter(tenantId, cursor, filter);
    let next = events.length > 0 ? events[events.length - 1].id : more ? cursor : Math.max(cursor, head);
    const others = PRIORITIES.filter((p) => !(dto.priority_filter ?? PRIORITIES).includes(p));
    if (offset > 0) next = cursor;
    else if (others.length > 0 && !nothing) {
      const [skipped] = await this.events.readAfter(tenantId, cursor, { models, priorities: others, limit: 1 });
      if (skipped && skipped.id <= next) next = skipped.id - 1;
    }
    return { events, count: events.length, next, nextSnapshot: null, more, total, snapshot: false };
  }

  async state(user: AuthUser, deviceId: string): Promise<StateResponse> {
    const [state, counts] = await Promise.all([
      this.devices.state(user.tenantId, user.userId, deviceId),
      this.ledger.openCounts(user.tenantId, user.userId, deviceId),
    ]);
    if (!state && counts.total === 0) throw new OfflineSyncStateNotFound(deviceId);
    const lastEventId = state?.lastEventId ?? 0;
    const lastSync = state?.lastSyncAt?.toISOString() ?? null;
    const appType = state?.appType ?? (await this.scopes.defaultAppType(user.tenantId));
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
    const had = await this.devices.reset(user.tenantId, user.userId, deviceId);
    return {
      success: true,
      message: had ? 'Sync state reset: the next pull starts from the beginning of the retained history' : 'No sync state for this device: nothing to reset',
      device_id: deviceId,
    };
  }

  /**
   * The events of a page this user may receive (Odoo's access rights, as for a v2 pull): hidden ones are left
   * out, and a write that moved a record out of the user's view arrives as an unlink without data. In a re-scope
   * pass every snapshot record the user may not read arrives as an unlink.
   */
  private async readable(scope: ReadPolicy, events: V1Event[], rescope: boolean): Promise<V1Event[]> {
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
      changed_fields: e.changedFields,
      ...(e.source === 'snapshot' ? { snapshot: true } : {}),
    }));
    return (await (rescope ? scope.rescope(delivered) : scope.readable(delivered))).map((d) => {
      const e = byId.get(d.id) as V1Event;
      if (d.event !== e.event) return { ...e, event: d.event, payload: null, changedFields: null };
      // Fields the user may not read were dropped from the payload and the changed fields.
      const same = d.payload === e.payload && d.changed_fields === e.changedFields;
      return same ? e : { ...e, payload: d.payload ?? null, changedFields: d.changed_fields ? [...d.changed_fields] : null };
    });
  }

  /**
   * Marks events that are this device's own pushed changes coming back (origin "self", with the
   * local_id): same record and the write_date the push recorded (or the device's own delete).
   * They are returned, not skipped, so the cursor and the app's id mapping stay simple.
   */
  private async present(user: AuthUser, dto: OfflinePullDto, events: V1Event[]): Promise<PulledEvent[]> {
    const own = await this.ledger.ownWrites(
      user.tenantId,
      user.userId,
      dto.device_id,
      events.map((e) => ({ model: e.model, recordId: e.recordId })),
    );
    const includePayload = dto.include_payload ?? true;
    return events.map((e) => {
      const mine = own.get(recordKey(e.model, e.recordId));
      const self = mine !== undefined && isOwnChange(mine, e);
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

/** A snapshot page (records in the v1 event shape, as creates); after its last record the log follows from `at`. */
function snapshotPage(tenantId: string, { at, read, eventsAfter }: SnapshotRead): V1Page {
  const events = (JSON.parse(read.events) as SnapshotRecord[]).map(
    (r): V1Event => ({
      id: r.id,
      tenantId,
      model: r.model,
      recordId: r.record_id,
      event: 'create',
      timestamp: new Date(r.timestamp),
      payload: r.payload,
      changedFields: null,
      priority: r.priority,
      category: 'business',
      userId: null,
      source: 'snapshot',
      sourceEventId: null,
    }),
  );
  return {
    events,
    count: events.length,
    next: at,
    nextSnapshot: read.next,
    more: read.next !== null || eventsAfter > 0,
    total: (read.next?.left ?? 0) + eventsAfter,
    snapshot: true,
  };
}
