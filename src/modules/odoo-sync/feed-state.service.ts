import { Injectable } from '@nestjs/common';
import { ReadPolicyService } from '../access/read-policy.service';
import type { AuthUser } from '../auth/auth.types';
import { assertSameUser } from '../auth/user-match';
import { DeviceStore, isResetMark } from '../devices/device-store';
import type { DeviceState } from '../devices/device-state.repository';
import { SessionDevices } from '../devices/session-devices';
import { EventSummaryRepository } from '../feed/event-summary.repository';
import { IngestionHealth } from '../ingestion/ingestion-health';
import { FeedHeads } from '../pull/feed-heads';
import { assertNotAhead, claimedPosition } from '../pull/position';
import type { FeedLogStatsQueryDto, FeedSmartPullQueryDto, FeedStateDto, FeedStateUpdateDto, FeedStatsQueryDto } from './dto/odoo-sync.dto';
import { OdooSyncService, type FeedPullResponse } from './odoo-sync.service';

export const ODOO_SYNC_VERSION = '1.0.0';

/** OdooSyncState.fromJson's fields (`id` is not kept: a device state is keyed by user and device). */
export interface FeedSyncState {
  user_id: number;
  device_id: string;
  app_type: string;
  /** The position recorded for the device, as the int the SDK pulls from. */
  last_event_id: number;
  last_sync_time: string | null;
  sync_count: number;
  total_events_synced: number;
  is_active: boolean;
}

export type FeedSmartPullResponse = FeedPullResponse & { sync_state: FeedSyncState };

export interface FeedStats {
  user_id: number;
  total_devices: number;
  active_devices: number;
  total_syncs: number;
  total_events_synced: number;
  last_sync_time: string | null;
  devices: FeedSyncState[];
}

/** The odoo-sync feed's device states (DeviceStore, as every sync API's), health and log statistics. */
@Injectable()
export class FeedStateService {
  constructor(
    private readonly feed: OdooSyncService,
    private readonly devices: DeviceStore,
    private readonly sessions: SessionDevices,
    private readonly heads: FeedHeads,
    private readonly scopes: ReadPolicyService,
    private readonly summaries: EventSummaryRepository,
    private readonly ingestion: IngestionHealth,
  ) {}

  /** The device's state, created (at position 0) for a device never seen. Its session's calls are then for it. */
  async state(user: AuthUser, dto: FeedStateDto): Promise<{ sync_state: FeedSyncState }> {
    assertSameUser(user, dto.user_id);
    const { tenantId, userId } = user;
    await this.sessions.remember(user, dto.device_id);
    let state = await this.devices.state(tenantId, userId, dto.device_id);
    if (!state) {
      const appType = (await this.scopes.policy(tenantId, userId, { appType: dto.app_type, user })).appType;
      await this.devices.open(tenantId, userId, dto.device_id, appType);
      state = await this.devices.state(tenantId, userId, dto.device_id);
    }
    return { sync_state: await this.present(user, state as DeviceState) };
  }

  /** Records the position the device applied: a last_id this server gave it in its current pass. */
  async update(user: AuthUser, dto: FeedStateUpdateDto): Promise<{ sync_state: FeedSyncState }> {
    assertSameUser(user, dto.user_id);
    const { tenantId, userId } = user;
    await this.sessions.remember(user, dto.device_id);
    const position = await this.feed.position(user, dto.device_id, dto.last_event_id);
    assertNotAhead(position.cursor, await this.heads.latest(tenantId));
    const device = await this.devices.find(tenantId, userId, dto.device_id);
    if (device) claimedPosition({ kind: 'ack', position, text: String(dto.last_event_id) }, device);
    await this.feed.record(user, dto.device_id, position, dto.events_synced ?? 0);
    return { sync_state: await this.present(user, (await this.devices.state(tenantId, userId, dto.device_id)) as DeviceState) };
  }

  /**
   * State, pull and update in one call, from the position recorded for the device. With auto_ack (the SDK's default)
   * the position moves past the answer through `record`, which the caller runs once the answer was written whole;
   * without, it stays until the device acks the events or updates its state.
   */
  async smartPull(user: AuthUser, query: FeedSmartPullQueryDto): Promise<{ response: FeedSmartPullResponse; record?: () => Promise<void> }> {
    assertSameUser(user, query.user_id);
    const { tenantId, userId } = user;
    await this.sessions.remember(user, query.device_id);
    const pulled = await this.feed.pull(user, query.device_id, { app_type: query.app_type, limit: query.limit });
    const state = (await this.devices.state(tenantId, userId, query.device_id)) as DeviceState;
    const response = { ...pulled, sync_state: await this.present(user, state) };
    if (!(query.auto_ack ?? true)) return { response };
    const position = await this.feed.position(user, query.device_id, pulled.last_id);
    return { response: { ...response, sync_state: { ...response.sync_state, last_event_id: pulled.last_id } }, record: () => this.feed.record(user, query.device_id, position, pulled.count) };
  }

  async stats(user: AuthUser, query: FeedStatsQueryDto): Promise<{ stats: FeedStats }> {
    assertSameUser(user, query.user_id);
    const all = await this.devices.userStates(user.tenantId, user.userId);
    const states = all.filter((s) => (query.device_id ?? s.deviceId) === s.deviceId && (query.app_type ?? s.appType) === s.appType);
    const devices = await Promise.all(states.map((s) => this.present(user, s)));
    const last = Math.max(0, ...states.map((s) => s.lastSyncAt?.getTime() ?? 0));
    return {
      stats: {
        user_id: user.userId,
        total_devices: states.length,
        active_devices: states.filter((s) => s.isActive).length,
        total_syncs: states.reduce((n, s) => n + s.syncCount, 0),
        total_events_synced: states.reduce((n, s) => n + s.totalEventsSynced, 0),
        last_sync_time: last > 0 ? new Date(last).toISOString() : null,
        devices,
      },
    };
  }

  /** Events logged in the last `days` days in the models the user may read, per model. */
  async logStats(user: AuthUser, query: FeedLogStatsQueryDto): Promise<{ stats: Record<string, unknown> }> {
    const days = query.days ?? 7;
    const scope = await this.scopes.policy(user.tenantId, user.userId, { user });
    const rights = await scope.rights();
    const since = new Date(Date.now() - days * 24 * 3600 * 1000);
    const { headId, summary, lastLoggedAt } = await this.summaries.changesSince(user.tenantId, { loggedAfter: since }, scope.models);
    const readable = summary.filter((m) => rights.readable(m.model));
    return {
      stats: {
        days,
        total_events: readable.reduce((n, m) => n + m.count, 0),
        by_model: Object.fromEntries(readable.map((m) => [m.model, m.count])),
        last_event_id: headId,
        last_event_time: lastLoggedAt?.toISOString() ?? null,
      },
    };
  }

  /** No authentication, so no tenant is named: Odoo counts as connected while no system's change capture fails. */
  health(): { status: 'healthy'; odoo_connected: boolean; pending_events: number; version: string } {
    return { status: 'healthy', odoo_connected: this.ingestion.failingTooLong().length === 0, pending_events: 0, version: ODOO_SYNC_VERSION };
  }

  private async present(user: AuthUser, s: DeviceState): Promise<FeedSyncState> {
    const position = { cursor: s.lastEventId, snapshot: s.snapshotAfter };
    return {
      user_id: s.userId,
      device_id: s.deviceId,
      app_type: s.appType,
      // A reset device reads as one that never pulled: its next pull is a snapshot whatever position it sends.
      last_event_id: isResetMark(position) ? 0 : await this.feed.tokenOf(user, s.deviceId, position),
      last_sync_time: s.lastSyncAt?.toISOString() ?? null,
      sync_count: s.syncCount,
      total_events_synced: s.totalEventsSynced,
      is_active: s.isActive,
    };
  }
}
