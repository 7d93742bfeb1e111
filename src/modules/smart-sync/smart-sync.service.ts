import { Injectable } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { Counter } from 'prom-client';
import { scopeKey, type ModelScope } from '../access/model-scope';
import type { DeliveredEvent } from '../access/read-filter';
import { SyncScopeService, type UserScope } from '../access/sync-scope.service';
import type { AuthUser } from '../auth/auth.types';
import { assertSameUser } from '../auth/user-match';
import { DeviceStateRepository } from '../change-feed/device-state.repository';
import { EventLogRepository } from '../change-feed/event-log.repository';
import { RecordStateRepository, SNAPSHOT_START, type SnapshotKey } from '../change-feed/record-state.repository';
import { METRICS } from '../metrics/metrics';
import { CheckUpdatesQuery, type ModelCount } from './check-updates.query';
import { FeedHeads } from './feed-heads';
import type { CheckUpdatesQueryDto, DeviceQueryDto, PullRequestDto } from './dto/pull.dto';
import { buildPage, emptyPage, isoOrEpoch, renderPullBody, type Page } from './pull-response';
import { SyncStateNotFound } from './smart-sync.errors';
import { StateWriter } from './state-writer';
import { SyncCache, pageKey, type CachedDevice } from './sync-cache';
import { assertNotAhead, decodeSyncToken, encodeSyncToken, type SyncPosition } from './sync-token';

const samePosition = (a: SyncPosition, b: SyncPosition): boolean =>
  a.cursor === b.cursor && a.snapshot?.model === b.snapshot?.model && a.snapshot?.recordId === b.snapshot?.recordId;

export const SMART_SYNC_VERSION = '2.0.0';
const DEFAULT_LIMIT = 100;
/** Events of a rule-restricted model read and filtered at a time when counting them for check-updates. */
const CHECK_UPDATES_BATCH = 1000;
/** Within this long after a recorded sync, an unchanged cursor is not written to the cache again. */
const TOUCH_MS = 1000;

export interface SyncStateResponse {
  user_id: number;
  device_id: string;
  app_type: string;
  last_event_id: number;
  next_sync_token: string;
  last_sync_time: string;
  last_sync_at: string;
  sync_count: number;
  is_active: boolean;
  total_events_synced: number;
}

export interface CheckUpdatesResponse {
  has_update: boolean;
  last_update_at: string | null;
  summary: { model: string; count: number }[];
}

/**
 * Smart Sync v2: each device pulls the tenant's event log from its own cursor. Odoo is never called
 * here. An up-to-date device is answered from the cache alone (feed head + device cursor); a page of
 * events is read once per (tenant, scope, limit, cursor, head) and then served as cached bytes.
 */
@Injectable()
export class SmartSyncService {
  constructor(
    private readonly events: EventLogRepository,
    private readonly heads: FeedHeads,
    private readonly states: DeviceStateRepository,
    private readonly records: RecordStateRepository,
    private readonly cache: SyncCache,
    private readonly writer: StateWriter,
    private readonly updates: CheckUpdatesQuery,
    private readonly scopes: SyncScopeService,
    @InjectMetric(METRICS.syncCacheHits) private readonly cacheHits: Counter<string>,
    @InjectMetric(METRICS.syncCacheMisses) private readonly cacheMisses: Counter<string>,
    @InjectMetric(METRICS.syncEventsReturned) private readonly eventsReturned: Counter<string>,
  ) {}

  /** Returns the serialized response body (see renderPullBody). */
  async pull(user: AuthUser, dto: PullRequestDto): Promise<string> {
    assertSameUser(user, dto.user_id);
    const tenantId = user.tenantId;
    const ack = dto.ack_token === undefined || dto.ack_token === null ? undefined : decodeSyncToken(dto.ack_token);
    const scope = await this.scopes.scope(tenantId, user.userId, { appType: dto.app_type, filter: dto.models_filter ?? dto.models });
    const appType = scope.appType;
    const limit = dto.limit ?? DEFAULT_LIMIT;

    const [rememberedHead, cached] = await Promise.all([
      this.heads.current(tenantId),
      this.cache.getDevice(tenantId, user.userId, dto.device_id),
    ]);
    // A token issued by another instance may be newer than the head this one remembers.
    const headId = ack !== undefined && ack.cursor > rememberedHead ? await this.heads.latest(tenantId) : rememberedHead;
    if (ack !== undefined) assertNotAhead(ack.cursor, headId);
    const device = cached ?? (await this.loadDevice(tenantId, user.userId, dto.device_id, appType));
    let position: SyncPosition = ack ?? { cursor: device.cursor, snapshot: device.snapshot };
    // A new or reset device starts with a snapshot of the current records, taken at the head.
    if (position.cursor === 0 && !position.snapshot && headId > 0) position = { cursor: headId, snapshot: SNAPSHOT_START };

    let page: Page;
    if (position.snapshot) {
      const snapshot = await this.snapshotPage(tenantId, scope, limit, position.cursor, position.snapshot, headId);
      page = await this.forUser(scope, snapshot, null);
    } else if (position.cursor >= headId) {
      page = emptyPage(position.cursor);
      this.cacheHits.inc({ endpoint: 'pull' });
    } else {
      const key = pageKey(tenantId, scopeKey(scope), limit, position.cursor, headId);
      page = await this.forUser(scope, await this.page(key, tenantId, scope, limit, position.cursor, headId), key);
    }
    // With an ack the device's own position is the truth; without, the previous server's rule that existing clients
    // rely on: what was sent counts as synced.
    const recorded: SyncPosition = ack ?? { cursor: page.next, snapshot: page.nextSnapshot };
    const now = Date.now();
    // An idle device polling in a burst keeps its cached entry for a second rather than rewriting it each time.
    if (!samePosition(recorded, device) || now - device.lastSyncAt >= TOUCH_MS) {
      await this.cache.setDevice(tenantId, user.userId, dto.device_id, { ...recorded, lastSyncAt: now });
    }
    this.writer.record(tenantId, user.userId, dto.device_id, {
      appType,
      lastEventId: recorded.cursor,
      snapshotAfter: recorded.snapshot,
      eventsSynced: page.count,
    });
    if (page.count > 0) this.eventsReturned.inc({ endpoint: 'pull' }, page.count);
    return renderPullBody({
      page,
      userId: user.userId,
      deviceId: dto.device_id,
      scope,
      previousSyncAt: device.lastSyncAt,
      recorded,
      acknowledged: ack !== undefined,
      now,
    });
  }

  async state(user: AuthUser, query: DeviceQueryDto): Promise<SyncStateResponse> {
    assertSameUser(user, query.user_id);
    await this.writer.flushDevice(user.tenantId, user.userId, query.device_id);
    const state = await this.states.get(user.tenantId, user.userId, query.device_id);
    if (!state) throw new SyncStateNotFound(query.user_id, query.device_id);
    const lastSync = isoOrEpoch(state.lastSyncAt?.getTime());
    return {
      user_id: state.userId,
      device_id: state.deviceId,
      app_type: state.appType,
      last_event_id: state.lastEventId,
      next_sync_token: encodeSyncToken(state.lastEventId),
      last_sync_time: lastSync,
      last_sync_at: lastSync,
      sync_count: state.syncCount,
      is_active: state.isActive,
      total_events_synced: state.totalEventsSynced,
    };
  }

  /** Succeeds for a device without state too: its next pull starts from the retained history either way. */
  async reset(user: AuthUser, query: DeviceQueryDto): Promise<{ status: 'success'; success: true; message: string }> {
    assertSameUser(user, query.user_id);
    const { tenantId, userId } = user;
    // A pending advance written after the reset would silently undo it.
    await this.writer.discardDevice(tenantId, userId, query.device_id);
    const existed = await this.states.reset(tenantId, userId, query.device_id);
    await this.cache.forgetDevice(tenantId, userId, query.device_id);
    return {
      status: 'success',
      success: true,
      message: existed
        ? `Sync state reset for device ${query.device_id}; the next pull starts from the start of the retained history`
        : `Device ${query.device_id} has no sync state; its first pull starts from the start of the retained history`,
    };
  }

  health(): { status: 'healthy'; service: 'smart-sync'; version: string; features: string[] } {
    return {
      status: 'healthy',
      service: 'smart-sync',
      version: SMART_SYNC_VERSION,
      features: [
        'multi-user sync',
        'per-device tracking',
        'app-type filtering',
        'incremental sync',
        'acknowledged sync tokens',
        'event-log cache',
        'snapshots for new devices',
        'per-user rate limits',
      ],
    };
  }

  /**
   * Counts only what this user's pulls would deliver: models the user may not read are left out, and events of
   * models under record rules are read and filtered like a pull page. Models without rules keep the SQL count.
   */
  async checkUpdates(user: AuthUser, query: CheckUpdatesQueryDto): Promise<CheckUpdatesResponse> {
    const { tenantId } = user;
    const scope = await this.scopes.scope(tenantId, user.userId);
    const since = query.since ? new Date(query.since) : new Date(0);
    const all = await this.updates.summarySince(tenantId, since, scope.models);
    // Nothing new costs no rights lookup (and so no Odoo call).
    const rights = all.length > 0 ? await scope.rights() : null;
    const counted: ModelCount[] = [];
    for (const row of all) {
      if (!rights?.readable(row.model)) continue;
      const mine = rights.restricted(row.model) ? await this.readableSince(tenantId, scope, since, row.model) : row;
      if (mine.count > 0) counted.push(mine);
    }
    const summary = counted
      .sort((a, b) => b.count - a.count || (a.model < b.model ? -1 : 1))
      .slice(0, query.limit ?? DEFAULT_LIMIT);
    const last = Math.max(...summary.map((c) => c.last.getTime()));
    return {
      has_update: summary.length > 0,
      last_update_at: summary.length > 0 ? new Date(last).toISOString() : null,
      summary: summary.map(({ model, count }) => ({ model, count })),
    };
  }

  /** How many of one model's events since `since` this user's pulls deliver, and when the last was logged. */
  private async readableSince(tenantId: string, scope: UserScope, since: Date, model: string): Promise<ModelCount> {
    let count = 0;
    let last = new Date(0);
    for (let afterId = 0; ; ) {
      const rows = await this.updates.eventsSince(tenantId, since, model, afterId, CHECK_UPDATES_BATCH);
      const logged = new Map(rows.map((r) => [r.event.id, r.loggedAt]));
      for (const e of await scope.readable(rows.map((r) => r.event))) {
        count++;
        const at = logged.get(e.id) ?? last;
        if (at > last) last = at;
      }
      if (rows.length < CHECK_UPDATES_BATCH) return { model, count, last };
      afterId = rows[rows.length - 1].event.id;
    }
  }

  /**
   * The page as this user may see it (Odoo's access rights, see ReadScopeService): events of records the user
   * cannot read are left out or become removals, while the cursor still moves past them. A page shared by the
   * tenant's devices is filtered once per user and rights version, and cached under its key.
   */
  private async forUser(scope: UserScope, page: Page, sharedKey: string | null): Promise<Page> {
    if (page.count === 0) return page;
    const rights = await scope.rights();
    const key = sharedKey === null ? null : `${sharedKey}:u:${rights.key}`;
    const hit = key === null ? null : this.cache.getPage(key);
    if (hit) return hit;
    const events = JSON.parse(page.events) as DeliveredEvent[];
    const readable = await scope.readable(events);
    const filtered = readable.length === events.length && readable.every((e, i) => e === events[i])
      ? page
      : { ...page, count: readable.length, events: JSON.stringify(readable) };
    if (key !== null) this.cache.setPage(key, filtered);
    return filtered;
  }

  private async page(key: string, tenantId: string, scope: ModelScope, limit: number, cursor: number, headId: number): Promise<Page> {
    const hit = this.cache.getPage(key);
    if (hit) {
      this.cacheHits.inc({ endpoint: 'pull' });
      return hit;
    }
    this.cacheMisses.inc({ endpoint: 'pull' });
    const json = await this.events.readPageJson(tenantId, cursor, { models: scope.models, limit });
    const remaining = json.more && json.lastId !== null ? await this.eventsBetween(tenantId, scope, json.lastId, headId) : 0;
    const page = buildPage(json, cursor, headId, remaining);
    this.cache.setPage(key, page);
    return page;
  }

  /**
   * A page of the snapshot taken at log position `at`, read from BridgeCore's record store. After its
   * last record the device continues with the log from `at`.
   */
  private async snapshotPage(
    tenantId: string,
    scope: ModelScope,
    limit: number,
    at: number,
    after: SnapshotKey,
    headId: number,
  ): Promise<Page> {
    this.cacheMisses.inc({ endpoint: 'pull' });
    await this.events.assertRetained(tenantId, at);
    const read = await this.records.snapshotPage(tenantId, scope.models, after, limit);
    const left = read.full ? await this.records.countAfter(tenantId, scope.models, read.last) : 0;
    const eventsAfter = headId > at ? await this.eventsBetween(tenantId, scope, at, headId) : 0;
    return {
      count: read.count,
      next: at,
      nextSnapshot: left > 0 ? read.last : null,
      snapshot: true,
      more: left > 0 || eventsAfter > 0,
      remaining: left + eventsAfter,
      events: read.events,
    };
  }

  private eventsBetween(tenantId: string, scope: ModelScope, afterId: number, headId: number): Promise<number> {
    return this.events.countAfter(tenantId, afterId, { models: scope.models, throughId: headId });
  }

  private async loadDevice(tenantId: string, userId: number, deviceId: string, appType: string): Promise<CachedDevice> {
    const state = await this.states.getOrCreate(tenantId, userId, deviceId, appType);
    return { cursor: state.lastEventId, snapshot: state.snapshotAfter, lastSyncAt: state.lastSyncAt?.getTime() ?? 0 };
  }
}
