import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../auth/auth.types';
import { assertSameUser } from '../auth/user-match';
import { DeviceStore } from '../devices/device-store';
import type { DeviceQueryDto } from './dto/pull.dto';
import { isoOrEpoch } from './pull-response';
import { SyncStateNotFound } from './smart-sync.errors';
import { encodeSyncToken } from './sync-token';

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

/** Smart Sync v2: a device's state, and its reset. */
@Injectable()
export class SyncStateService {
  constructor(private readonly devices: DeviceStore) {}

  async state(user: AuthUser, query: DeviceQueryDto): Promise<SyncStateResponse> {
    assertSameUser(user, query.user_id);
    const state = await this.devices.state(user.tenantId, user.userId, query.device_id);
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
    const existed = await this.devices.reset(tenantId, userId, query.device_id);
    return {
      status: 'success',
      success: true,
      message: existed
        ? `Sync state reset for device ${query.device_id}; the next pull starts from the start of the retained history`
        : `Device ${query.device_id} has no sync state; its first pull starts from the start of the retained history`,
    };
  }
}
