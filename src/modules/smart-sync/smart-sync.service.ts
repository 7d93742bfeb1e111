import { Injectable } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { Counter } from 'prom-client';
import { scopeGrew, scopeKey, storedScope, type ModelScope } from '../access/model-scope';
import type { DeliveredEvent } from '../access/read-filter';
import { SyncScopeService, type UserScope } from '../access/sync-scope.service';
import type { AuthUser } from '../auth/auth.types';
import { RedisService } from '../cache/redis.service';
import { assertSameUser } from '../auth/user-match';
import { SyncResetRequired } from '../feed/feed.errors';
import { CopyProgress } from '../ingestion/copy-progress';
import { DeviceStateRepository } from '../feed/device-state.repository';
import { EventLogRepository } from '../feed/event-log.repository';
import { EventSummaryRepository, type ChangesSince, type ModelChanges } from '../feed/event-summary.repository';
import { FeedTail } from '../feed/feed-tail';
import { IngestionHealth } from '../ingestion/ingestion-health';
import { isSnapshotStart, RecordStateRepository, RESCOPE_START, SNAPSHOT_START, type SnapshotKey } from '../feed/record-state.repository';
import { METRICS } from '../metrics/metrics';
import { OdooError } from '../odoo/odoo.errors';
import { FeedHeads } from './feed-heads';
import type { CheckUpdatesQueryDto, DeviceQueryDto, PendingUpdatesQueryDto, PullRequestDto } from './dto/pull.dto';
import { buildPage, emptyPage, estimateRemaining, isoOrEpoch, renderPullBody, type Page } from './pull-response';
import { InvalidSyncToken, SyncStateNotFound } from './smart-sync.errors';
import { SnapshotAdmission } from './snapshot-admission';
import { StateWriter } from './state-writer';
import { SyncCache, pageKey, type CachedDevice } from './sync-cache';
import { assertNotAhead, decodeSyncToken, encodeSyncToken, type SyncPosition } from './sync-token';

const samePosition = (a: SyncPosition, b: SyncPosition): boolean =>
  a.cursor === b.cursor &&
  a.snapshot?.model === b.snapshot?.model &&
  a.snapshot?.recordId === b.snapshot?.recordId &&
  a.snapshot?.rescope === b.snapshot?.rescope;

export const SMART_SYNC_VERSION = '2.0.0';
const DEFAULT_LIMIT = 100;
/** Events of a rule-restricted model read and filtered at a time when counting them for check-updates. */
const CHECK_UPDATES_BATCH = 1000;
/** Within this long after a recorded sync, an unchanged cursor is not written to the cache again. */
const TOUCH_MS = 1000;

export interface SyncHealth {
  status: 'healthy';
  /** What the Flutter SDK reads first. */
  healthy: true;
  details: Record<string, string>;
  /** `degraded`: some system's change capture has failed for more than 3 poll intervals. */
  ingestion: { status: 'healthy' | 'degraded'; failing_systems: number };
  redis: 'ok' | 'degraded' | 'not_configured';
  service: 'smart-sync';
  version: string;
  features: string[];
}

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
  /** Flutter SDK: "active" or "inactive" (is_active). */
  status: 'active' | 'inactive';
  /** Flutter SDK: the state as one object. */
  state: { app_type: string; next_sync_token: string; is_active: boolean; total_events_synced: number };
}

export interface CheckUpdatesResponse {
  has_update: boolean;
  last_update_at: string | null;
  /** The log position this answer covers: send it back as `since`. */
  sync_token: string;
  summary: { model: string; count: number }[];
}

export interface PendingUpdatesResponse {
  has_updates: boolean;
  pending_events: number;
  last_event_id: number;
  device_id: string;
  app_type: string;
}

/** The device id the Flutter SDK uses when the app sets none. */
export const SDK_DEFAULT_DEVICE_ID = 'default';

/**
 * Smart Sync v2: each device pulls the tenant's event log from its own cursor. Odoo is never called
 * here. An up-to-date device is answered from the cache alone (feed head + device cursor); a page of
 * events is read once per (tenant, scope, limit, cursor, head) and then served as cached bytes.
 */
@Injectable()
export class SmartSyncService {
  constructor(
    private readonly events: EventLogRepository,
    private readonly summaries: EventSummaryRepository,
    private readonly tail: FeedTail,
    private readonly heads: FeedHeads,
    private readonly states: DeviceStateRepository,
    private readonly records: RecordStateRepository,
    private readonly ingestion: IngestionHealth,
    private readonly redis: RedisService,
    private readonly cache: SyncCache,
    private readonly writer: StateWriter,
    private readonly scopes: SyncScopeService,
    private readonly copy: CopyProgress,
    private readonly admission: SnapshotAdmission,
    @InjectMetric(METRICS.syncCacheHits) private readonly cacheHits: Counter<string>,
    @InjectMetric(METRICS.syncCacheMisses) private readonly cacheMisses: Counter<string>,
    @InjectMetric(METRICS.syncTailPages) private readonly tailPages: Counter<string>,
    @InjectMetric(METRICS.syncEventsReturned) private readonly eventsReturned: Counter<string>,
  ) {}

  /** Returns the serialized response body (see renderPullBody). */
  async pull(user: AuthUser, dto: PullRequestDto): Promise<string> {
    assertSameUser(user, dto.user_id);
    const tenantId = user.tenantId;
    const token = dto.ack_token === undefined || dto.ack_token === null ? undefined : decodeSyncToken(dto.ack_token);
    // The token of a snapshot's last page (its last record, 0 left): the device has the whole pass and goes on with
    // the log from the pass's position.
    const passDone = token?.snapshot?.left === 0;
    const ack = passDone ? { cursor: token.cursor, snapshot: null } : token;
    const scope = await this.scopes.scope(tenantId, user.userId, { appType: dto.app_type, filter: dto.models_filter ?? dto.models, user });
    const appType = scope.appType;
    const limit = dto.limit ?? DEFAULT_LIMIT;

    const [rememberedHead, cached, backfill] = await Promise.all([
      this.heads.current(tenantId),
      this.cache.getDevice(tenantId, user.userId, dto.device_id),
      this.copy.inProgress(tenantId),
    ]);
    // A token issued by another instance may be newer than the head this one remembers.
    const headId = ack !== undefined && ack.cursor > rememberedHead ? await this.heads.latest(tenantId) : rememberedHead;
    if (ack !== undefined) assertNotAhead(ack.cursor, headId);
    const device = cached ?? (await this.loadDevice(tenantId, user.userId, dto.device_id, appType));
    let position: SyncPosition = ack ?? { cursor: device.cursor, snapshot: device.snapshot };
    // A new or reset device starts with a snapshot of the current records, taken at the head.
    if (position.cursor === 0 && !position.snapshot && headId > 0) position = { cursor: headId, snapshot: SNAPSHOT_START };
    // A scope that grew (another models_filter or app type) restarts the snapshot at the device's position: the
    // records of the models that entered it come (with the others again), then the log from there, so nothing
    // before the cursor is skipped. A device that acks its position is recorded at the start of that snapshot until
    // it acks a page of it, so an ack of the bare cursor with that start recorded restarts it too (its first page was
    // lost). A device that drained the pass acks the token of its last page instead (passDone), or, with a pass of
    // several pages, the bare cursor issued before that token carried the end, with a later key recorded.
    // Rights that changed since the device was last served (an admin changed rules, groups or the user's groups)
    // start a re-scope pass at its position instead: the same snapshot, with every record the user may no longer
    // read sent as a removal, so the device drops what it must not keep and gets what it now may.
    // Compared over the models the device was served (its scope may have changed too: growth is handled below).
    // Without an access model (Odoo unreachable since this instance started) there is nothing to compare: an
    // up-to-date pull still answers, and a page to filter fails as it would anyway.
    const fingerprint = await scope.fingerprint().catch((e: unknown) => {
      if (e instanceof OdooError) return null;
      throw e;
    });
    const rightsChanged =
      fingerprint !== null &&
      device.cursor > 0 &&
      device.rights !== null &&
      device.rights !== (await scope.fingerprint(device.scope ?? undefined));
    const restarted =
      (position.cursor > 0 && (rightsChanged || scopeGrew(device.scope, scope))) ||
      (ack !== undefined && !passDone && !ack.snapshot && ack.cursor === device.cursor && device.snapshot !== null && isSnapshotStart(device.snapshot));
    if (restarted) {
      const rescope = rightsChanged || device.snapshot?.rescope === true;
      position = { cursor: position.cursor, snapshot: rescope ? RESCOPE_START : SNAPSHOT_START };
    }

    let page: Page;
    let resetRequired = false;
    try {
      page = await this.read(tenantId, scope, limit, position, headId);
    } catch (e) {
      if (!(e instanceof SyncResetRequired)) throw e;
      // Behind retention (SPEC §4): the device starts over with a snapshot, flagged reset_required so it drops
      // what it holds first (records deleted in the archived history would otherwise linger on it).
      resetRequired = true;
      page = await this.read(tenantId, scope, limit, { cursor: headId, snapshot: SNAPSHOT_START }, headId);
    }
    // With an ack the device's own position is the truth (after a restart: the start of the snapshot it was moved
    // onto); without, the previous server's rule that existing clients rely on: what was sent counts as synced. A
    // reset replaces the acked position, which no longer exists.
    const acked = resetRequired || ack === undefined ? undefined : restarted ? position : ack;
    const recorded: SyncPosition = acked ?? { cursor: page.next, snapshot: page.nextSnapshot };
    const now = Date.now();
    // An idle device polling in a burst keeps its cached entry for a second rather than rewriting it each time.
    const models = storedScope(scope);
    const rights = fingerprint ?? device.rights;
    if (!samePosition(recorded, device) || device.scope !== models || device.rights !== rights || now - device.lastSyncAt >= TOUCH_MS) {
      await this.cache.setDevice(tenantId, user.userId, dto.device_id, { ...recorded, lastSyncAt: now, scope: models, rights });
    }
    this.writer.record(tenantId, user.userId, dto.device_id, {
      appType,
      lastEventId: recorded.cursor,
      snapshotAfter: recorded.snapshot,
      scope: models,
      rights: fingerprint ?? undefined,
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
      acknowledged: acked !== undefined,
      resetRequired,
      backfill,
      now,
    });
  }

  /** The page at a position, as this user may see it. */
  private async read(tenantId: string, scope: UserScope, limit: number, position: SyncPosition, headId: number): Promise<Page> {
    const snapshot = position.snapshot;
    if (snapshot) {
      // Read and filtered in turns with the instance's other snapshot pages (or refused with 503 SYNC_BUSY).
      return this.admission.run(async () => {
        const page = await this.snapshotPage(tenantId, scope, limit, position.cursor, snapshot, headId);
        return snapshot.rescope ? this.rescoped(scope, page) : this.forUser(tenantId, scope, page, null);
      });
    }
    if (position.cursor < headId) {
      const key = pageKey(tenantId, scopeKey(scope), limit, position.cursor, headId);
      return this.forUser(tenantId, scope, await this.page(key, tenantId, scope, limit, position.cursor, headId), key);
    }
    this.cacheHits.inc({ endpoint: 'pull' });
    return emptyPage(position.cursor);
  }

  /**
   * Before v1 pull (or reset) reads and moves the same device state: writes this instance's pending v2 advance of
   * the device and drops its cached position, so neither API works from a position the other has moved. Returns the
   * cached position: it is shared by every instance and written at each v2 pull, so it is the device's latest v2
   * position even when the instance that served that pull has not written it to the database yet.
   */
  async handOver(tenantId: string, userId: number, deviceId: string): Promise<CachedDevice | null> {
    await this.writer.flushDevice(tenantId, userId, deviceId);
    const cached = await this.cache.getDevice(tenantId, userId, deviceId);
    await this.cache.forgetDevice(tenantId, userId, deviceId);
    return cached;
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
      status: state.isActive ? 'active' : 'inactive',
      state: {
        app_type: state.appType,
        next_sync_token: encodeSyncToken(state.lastEventId),
        is_active: state.isActive,
        total_events_synced: state.totalEventsSynced,
      },
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

  /**
   * No authentication, so no tenant is named: how many systems' change capture is failing on this
   * instance (details per system in GET /systems/{id}), and whether Redis is degraded.
   */
  health(): SyncHealth {
    const failing = this.ingestion.failingTooLong().length;
    return {
      status: 'healthy',
      healthy: true,
      details: { api: '/api/v2/sync' },
      ingestion: { status: failing > 0 ? 'degraded' : 'healthy', failing_systems: failing },
      redis: !this.redis.enabled ? 'not_configured' : this.redis.outage() ? 'degraded' : 'ok',
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
   * Legacy "anything new?" from the tenant's default app type. `since` is a sync token (the `sync_token` of the
   * previous answer: exact) or an ISO time compared with when each change was logged (the previous
   * `last_update_at`), which is commit-ordered, so a late commit is never skipped either way. Counts only what this
   * user's pulls would deliver: models the user may not read are left out, and events of models under record rules
   * or with fields hidden from the user are read and filtered like a pull page. Other models keep the SQL count.
   */
  async checkUpdates(user: AuthUser, query: CheckUpdatesQueryDto): Promise<CheckUpdatesResponse> {
    const { tenantId } = user;
    const scope = await this.scopes.scope(tenantId, user.userId, { user });
    const since = parseSince(query.since);
    const { headId, counted } = await this.readableChanges(tenantId, scope, since, (headId) => {
      if ('afterId' in since && since.afterId > headId) {
        throw new InvalidSyncToken('since is ahead of the event log', { since: String(since.afterId), head: String(headId) });
      }
    });
    const summary = counted
      .sort((a, b) => b.count - a.count || (a.model < b.model ? -1 : 1))
      .slice(0, query.limit ?? DEFAULT_LIMIT);
    const last = Math.max(...summary.map((c) => c.last.getTime()));
    return {
      has_update: summary.length > 0,
      last_update_at: summary.length > 0 ? new Date(last).toISOString() : null,
      sync_token: String(headId),
      summary: summary.map(({ model, count }) => ({ model, count })),
    };
  }

  /**
   * Per model, the events since `since` this user's pulls deliver: models the user may not read are left out, and
   * events of models under record rules are read and filtered like a pull page. Models without rules keep the SQL
   * count. Nothing new costs no rights lookup (and so no Odoo call).
   */
  private async readableChanges(
    tenantId: string,
    scope: UserScope,
    since: ChangesSince,
    check: (headId: number) => void = () => undefined,
  ): Promise<{ headId: number; counted: ModelChanges[] }> {
    const { headId, summary: all } = await this.summaries.changesSince(tenantId, since, scope.models);
    check(headId);
    const rights = all.length > 0 ? await scope.rights() : null;
    const counted: ModelChanges[] = [];
    for (const row of all) {
      if (!rights?.readable(row.model)) continue;
      // Under record rules, or with fields hidden from the user (a write of only those is not delivered), count by reading.
      const filtered = rights.restricted(row.model) || rights.hiddenFields(row.model).size > 0;
      const mine = filtered ? await this.readableSince(tenantId, scope, since, headId, row.model) : row;
      if (mine.count > 0) counted.push(mine);
    }
    return { headId, counted };
  }

  /** How many of one model's events since `since` this user's pulls deliver, and when the last was logged. */
  private async readableSince(
    tenantId: string,
    scope: UserScope,
    since: ChangesSince,
    headId: number,
    model: string,
  ): Promise<ModelChanges> {
    let count = 0;
    let last = new Date(0);
    for (let afterId = 0; ; ) {
      const rows = await this.summaries.eventsSince(tenantId, since, headId, model, afterId, CHECK_UPDATES_BATCH);
      const logged = new Map(rows.map((r) => [r.id, r.loggedAt]));
      for (const e of await scope.readable(rows.map((r) => JSON.parse(r.pullJson) as DeliveredEvent))) {
        count++;
        const at = logged.get(e.id) ?? last;
        if (at > last) last = at;
      }
      if (rows.length < CHECK_UPDATES_BATCH) return { model, count, last };
      afterId = rows[rows.length - 1].id;
    }
  }

  /**
   * What the device's next pulls would bring, without moving anything: the snapshot a new (or reset) device would
   * get, else the events after its cursor. The Flutter SDK's hasUpdates.
   */
  async pendingUpdates(user: AuthUser, query: PendingUpdatesQueryDto): Promise<PendingUpdatesResponse> {
    if (query.user_id !== undefined) assertSameUser(user, query.user_id);
    const { tenantId, userId } = user;
    const deviceId = query.device_id ?? SDK_DEFAULT_DEVICE_ID;
    const [head, cached, stored] = await Promise.all([
      this.heads.current(tenantId),
      this.cache.getDevice(tenantId, userId, deviceId),
      this.states.get(tenantId, userId, deviceId),
    ]);
    const scope = await this.scopes.scope(tenantId, userId, { appType: query.app_type, remembered: stored?.appType, user });
    const position: SyncPosition = cached ?? { cursor: stored?.lastEventId ?? 0, snapshot: stored?.snapshotAfter ?? null };
    // What the pull would deliver to this user: the same rights filter as a pull page.
    let pending = 0;
    let after = position.cursor;
    if (position.cursor === 0 || position.snapshot) {
      pending += await this.readableRecords(tenantId, scope, position.snapshot ?? SNAPSHOT_START);
      if (position.cursor === 0) after = head;
    }
    if (head > after) {
      const { counted } = await this.readableChanges(tenantId, scope, { afterId: after });
      pending += counted.reduce((n, c) => n + c.count, 0);
    }
    const appType = scope.appType;
    return { has_updates: pending > 0, pending_events: pending, last_event_id: head, device_id: deviceId, app_type: appType };
  }

  /** How many records of the snapshot after `after` this user would receive (read and filtered in pages). */
  private async readableRecords(tenantId: string, scope: UserScope, after: SnapshotKey): Promise<number> {
    let count = 0;
    for (let from = after; ; ) {
      const read = await this.records.snapshotPage(tenantId, scope.models, from, CHECK_UPDATES_BATCH);
      if (read.count > 0) count += (await scope.readable(JSON.parse(read.events) as DeliveredEvent[])).length;
      if (!read.next) return count;
      from = read.next;
    }
  }

  /**
   * The page as this user may see it (Odoo's access rights, see ReadScopeService): events of records the user
   * cannot read are left out or become removals, while the cursor still moves past them. A page shared by the
   * tenant's devices is filtered once per user and rights version, and cached under its key.
   */
  private async forUser(tenantId: string, scope: UserScope, page: Page, sharedKey: string | null): Promise<Page> {
    if (page.count === 0) return page;
    const rights = await scope.rights();
    // No model of the scope is under record rules or hides a field from this user: every event is delivered as it
    // is, so the page is not parsed.
    const asIs = (m: string) => rights.readable(m) && !rights.restricted(m) && rights.hiddenFields(m).size === 0;
    if (scope.models !== '*' && scope.models.every(asIs)) return page;
    const key = sharedKey === null ? null : `${sharedKey}:u:${rights.key}`;
    const hit = key === null ? null : this.cache.getPage(key);
    if (hit) return hit;
    const parts = page.parts;
    const ids = parts?.ids;
    const events = parts
      ? parts.jsons.map((json, i) => (ids ? this.cache.parsedEvent(tenantId, ids[i], json) : (JSON.parse(json) as DeliveredEvent)))
      : (JSON.parse(page.events) as DeliveredEvent[]);
    const readable = await scope.readable(events);
    const filtered = readable.length === events.length && readable.every((e, i) => e === events[i])
      ? page
      : { ...page, count: readable.length, events: serialized(readable, events, parts), parts: undefined };
    if (key !== null) this.cache.setPage(key, filtered);
    return filtered;
  }

  /** A page of a re-scope pass: what the user may read as snapshot records, everything else as removals. */
  private async rescoped(scope: UserScope, page: Page): Promise<Page> {
    if (page.count === 0) return page;
    return { ...page, events: JSON.stringify(await scope.rescope(JSON.parse(page.events) as DeliveredEvent[])) };
  }

  private async page(key: string, tenantId: string, scope: ModelScope, limit: number, cursor: number, headId: number): Promise<Page> {
    const hit = this.cache.getPage(key);
    if (hit) {
      this.cacheHits.inc({ endpoint: 'pull' });
      return hit;
    }
    // Near the head the page is cut from the in-process tail; further back it is read from the log.
    const cut = await this.tail.page(tenantId, cursor, scope.models, limit, headId);
    let page: Page;
    if (cut) {
      this.tailPages.inc({ endpoint: 'pull' });
      page = buildPage(cut, cursor, headId, cut.remaining);
    } else {
      this.cacheMisses.inc({ endpoint: 'pull' });
      const json = await this.events.readPageJson(tenantId, cursor, { models: scope.models, limit });
      page = buildPage(json, cursor, headId, json.more ? estimateRemaining(json.count, cursor, json.lastId ?? cursor, headId) : 0);
    }
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
    const eventsAfter = headId > at ? await this.tail.count(tenantId, at, scope.models, headId) : 0;
    return {
      count: read.count,
      next: at,
      nextSnapshot: read.next,
      end: read.end,
      snapshot: true,
      more: read.next !== null || eventsAfter > 0,
      remaining: (read.next?.left ?? 0) + eventsAfter,
      events: read.events,
      parts: { ids: null, jsons: read.parts },
    };
  }


  private async loadDevice(tenantId: string, userId: number, deviceId: string, appType: string): Promise<CachedDevice> {
    const state = await this.states.getOrCreate(tenantId, userId, deviceId, appType);
    return {
      cursor: state.lastEventId,
      snapshot: state.snapshotAfter,
      scope: state.scope,
      rights: state.rights,
      lastSyncAt: state.lastSyncAt?.getTime() ?? 0,
    };
  }
}

/** check-updates' `since`: a decimal sync token, or an ISO time (validated by the DTO); missing = everything retained. */
/**
 * The JSON array of a filtered page: an event delivered as it was logged keeps its logged JSON when the page has it
 * (`parts`), so only the events the filter changed (removals, hidden fields dropped) are serialized.
 */
function serialized(delivered: DeliveredEvent[], events: DeliveredEvent[], parts: Page['parts']): string {
  if (!parts) return JSON.stringify(delivered);
  const logged = new Map(events.map((e, i) => [e, parts.jsons[i]]));
  return `[${delivered.map((e) => logged.get(e) ?? JSON.stringify(e)).join(',')}]`;
}

function parseSince(since: string | undefined): ChangesSince {
  if (since === undefined) return { afterId: 0 };
  return /^\d+$/.test(since) ? { afterId: Number(since) } : { loggedAfter: new Date(since) };
}
