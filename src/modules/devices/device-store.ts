import { Inject, Injectable } from '@nestjs/common';
import { CACHE_STORE, type KeyValueStore } from '../cache/cache.types';
import { formatSnapshotKey, parseSnapshotKey, type SnapshotKey } from '../feed/record-state.repository';
import { DeviceStateRepository, type DeviceState } from './device-state.repository';
import { StateWriter } from './state-writer';

/** Where a device stands: a log cursor, plus the last record sent while it drains a snapshot taken at that cursor. */
export interface SyncPosition {
  cursor: number;
  snapshot: SnapshotKey | null;
}

/** What a pull needs of a device: cached so an up-to-date device costs no database query. */
export interface DevicePosition extends SyncPosition {
  /** Previous sync, ms since epoch; 0 = never synced. */
  lastSyncAt: number;
  /** The models the device last pulled (storedScope), null when not known. */
  scope: string | null;
  /** The fingerprint of the user's read rights the device was last served under, null when not known. */
  rights: string | null;
  /** The app type the device last pulled with, null when not known. */
  appType: string | null;
}

export interface Served {
  position: SyncPosition;
  appType: string;
  scope: string;
  /** null: not known this time (Odoo unreachable), the previous fingerprint stays. */
  rights: string | null;
  eventsSynced: number;
  /** ms since epoch. */
  at: number;
}

const DEVICE_TTL_SECONDS = 24 * 3600;
/** Within this long after a recorded sync, an unchanged position is not written to the cache again. */
const TOUCH_MS = 1000;

const part = (s: string): string => encodeURIComponent(s);

/** Every key starts with the tenant, so no lookup of one tenant can address another's entries. */
export const deviceKey = (tenantId: string, userId: number, deviceId: string): string =>
  `ss:${part(tenantId)}:dev:${userId}:${part(deviceId)}`;

const samePosition = (a: SyncPosition, b: SyncPosition): boolean =>
  a.cursor === b.cursor &&
  a.snapshot?.model === b.snapshot?.model &&
  a.snapshot?.recordId === b.snapshot?.recordId &&
  a.snapshot?.rescope === b.snapshot?.rescope;

/**
 * Every API's one store of device positions, with one write policy: the position goes to the shared cache (Redis
 * when configured) at once, so any instance continues from it without the database, and to the database behind the
 * request (StateWriter). Reads take the cache first. Losing a pending write leaves the row behind what the device
 * received, so it sees events again and never skips one.
 */
@Injectable()
export class DeviceStore {
  constructor(
    @Inject(CACHE_STORE) private readonly cache: KeyValueStore,
    private readonly states: DeviceStateRepository,
    private readonly writer: StateWriter,
  ) {}

  /** The device's latest position, null for a device that never pulled. */
  async find(tenantId: string, userId: number, deviceId: string): Promise<DevicePosition | null> {
    const cached = await this.cached(tenantId, userId, deviceId);
    if (cached) return cached;
    const state = await this.states.get(tenantId, userId, deviceId);
    return state ? fromState(state) : null;
  }

  /** The users with a device of this id in the tenant (each device's row is created at its first pull). */
  usersOf(tenantId: string, deviceId: string): Promise<number[]> {
    return this.states.usersOf(tenantId, deviceId);
  }

  /** As find, creating the device's row (its state is found before the first write behind lands). */
  async open(tenantId: string, userId: number, deviceId: string, appType: string): Promise<DevicePosition> {
    const cached = await this.cached(tenantId, userId, deviceId);
    return cached ?? fromState(await this.states.getOrCreate(tenantId, userId, deviceId, appType));
  }

  /** Records what a pull served: `before` is the position it started from (null for a device that had none). */
  async record(tenantId: string, userId: number, deviceId: string, before: DevicePosition | null, served: Served): Promise<void> {
    const rights = served.rights ?? before?.rights ?? null;
    const unchanged =
      before !== null &&
      samePosition(served.position, before) &&
      before.scope === served.scope &&
      before.rights === rights &&
      before.appType === served.appType &&
      served.at - before.lastSyncAt < TOUCH_MS;
    // An idle device polling in a burst keeps its cached entry for a second rather than rewriting it each time.
    if (!unchanged) {
      const snapshot = served.position.snapshot ? formatSnapshotKey(served.position.snapshot) : '';
      const value = [served.position.cursor, served.at, snapshot, served.scope, rights ?? '', served.appType].join('|');
      await this.cache.set(deviceKey(tenantId, userId, deviceId), value, DEVICE_TTL_SECONDS);
    }
    this.writer.record(tenantId, userId, deviceId, {
      appType: served.appType,
      lastEventId: served.position.cursor,
      snapshotAfter: served.position.snapshot,
      scope: served.scope,
      rights: served.rights ?? undefined,
      eventsSynced: served.eventsSynced,
    });
  }

  /** The device's stored state with this instance's pending write in it; null for a device that never pulled. */
  async state(tenantId: string, userId: number, deviceId: string): Promise<DeviceState | null> {
    await this.writer.flushDevice(tenantId, userId, deviceId);
    return this.states.get(tenantId, userId, deviceId);
  }

  /** The next pull starts with a new snapshot. False when the device has no state. */
  async reset(tenantId: string, userId: number, deviceId: string): Promise<boolean> {
    // Written first so the device's row and counts exist and no pending write lands after the reset to undo it (one
    // pending on another instance is dropped by its older recordedAt, see DeviceStateRepository.advance).
    await this.writer.flushDevice(tenantId, userId, deviceId);
    const existed = await this.states.reset(tenantId, userId, deviceId);
    await this.cache.del(deviceKey(tenantId, userId, deviceId));
    return existed;
  }

  private async cached(tenantId: string, userId: number, deviceId: string): Promise<DevicePosition | null> {
    const raw = await this.cache.get(deviceKey(tenantId, userId, deviceId));
    if (raw === null) return null;
    const [cursor, lastSyncAt, snapshotKey, scope, rights, appType] = raw.split('|');
    const snapshot = snapshotKey ? parseSnapshotKey(snapshotKey) : null;
    if (snapshotKey && !snapshot) return null;
    const device = { cursor: Number(cursor), lastSyncAt: Number(lastSyncAt), snapshot, scope: scope ?? null, rights: rights || null, appType: appType || null };
    return Number.isSafeInteger(device.cursor) && Number.isFinite(device.lastSyncAt) ? device : null;
  }
}

function fromState(state: DeviceState): DevicePosition {
  return {
    cursor: state.lastEventId,
    snapshot: state.snapshotAfter,
    scope: state.scope,
    rights: state.rights,
    appType: state.appType,
    lastSyncAt: state.lastSyncAt?.getTime() ?? 0,
  };
}
