import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { CACHE_STORE, PUB_SUB, type KeyValueStore, type PubSub, type Unsubscribe } from '../cache/cache.types';
import { formatSnapshotKey, isSnapshotStart, parseSnapshotKey, type SnapshotKey } from '../feed/record-state.repository';
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

/**
 * A reset device's stored position: the start of a snapshot pass at 0, which no pull records (a device that acked 0,
 * or pulled an empty log, stands at 0 on the log). Kept in the device's state, so it holds on every instance until the
 * device's next pull moves it onto a new snapshot at the head, whatever that pull claims (see startPosition).
 */
export const isResetMark = (p: SyncPosition): boolean => p.cursor === 0 && p.snapshot !== null && isSnapshotStart(p.snapshot);

/** Carries the deviceKey of a reset device, so every instance forgets what it remembers of it (see recentlyAt). */
export const DEVICE_RESETS_CHANNEL = 'device_resets';

const DEVICE_TTL_SECONDS = 24 * 3600;
/** Within this long after a recorded sync, an unchanged position is not written to the cache again. */
const TOUCH_MS = 1000;

/**
 * How long this instance trusts what it last recorded or read of a device for an up-to-date pull (see atHead), and
 * how many devices it keeps: a phone polling every 30 s stays remembered between its pulls.
 */
const RECENT_MS = 120_000;
const RECENT_DEVICES = 100_000;

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
export class DeviceStore implements OnModuleInit, OnModuleDestroy {
  /** What this instance last recorded or read of each device, by deviceKey, oldest first. */
  private readonly recent = new Map<string, { device: DevicePosition; at: number }>();
  /**
   * Records under way, by deviceKey. A pull without ack records once its answer was written, which the app may read
   * before the record lands: its next pull, state read or reset here waits for it, so it is not served the same page
   * again and a reset is not undone by the late record.
   */
  private readonly recording = new Map<string, Promise<void>>();
  private unsubscribe?: Unsubscribe;

  constructor(
    @Inject(CACHE_STORE) private readonly cache: KeyValueStore,
    @Inject(PUB_SUB) private readonly pubsub: PubSub,
    private readonly states: DeviceStateRepository,
    private readonly writer: StateWriter,
  ) {}

  async onModuleInit(): Promise<void> {
    this.unsubscribe = await this.pubsub.subscribe(DEVICE_RESETS_CHANNEL, (key) => this.recent.delete(key));
  }

  async onModuleDestroy(): Promise<void> {
    await this.unsubscribe?.();
  }

  /** The device's latest position, null for a device that never pulled. */
  async find(tenantId: string, userId: number, deviceId: string): Promise<DevicePosition | null> {
    await this.recorded(tenantId, userId, deviceId);
    const cached = await this.cached(tenantId, userId, deviceId);
    if (cached) return this.remember(tenantId, userId, deviceId, cached);
    const state = await this.states.get(tenantId, userId, deviceId);
    return state ? this.remember(tenantId, userId, deviceId, fromState(state)) : null;
  }

  /** The users with a device of this id in the tenant (each device's row is created at its first pull). */
  usersOf(tenantId: string, deviceId: string): Promise<number[]> {
    return this.states.usersOf(tenantId, deviceId);
  }

  /** As find, creating the device's row (its state is found before the first write behind lands). */
  async open(tenantId: string, userId: number, deviceId: string, appType: string): Promise<DevicePosition> {
    await this.recorded(tenantId, userId, deviceId);
    const cached = await this.cached(tenantId, userId, deviceId);
    return this.remember(tenantId, userId, deviceId, cached ?? fromState(await this.states.getOrCreate(tenantId, userId, deviceId, appType)));
  }

  /**
   * The device as this instance last recorded or read it (within RECENT_MS), when that is on the log at exactly
   * `cursor`; else null. An up-to-date device acking the head is answered from it without the shared cache. What
   * another instance may have changed since is either compared by the caller (rights, scope), or gave the device a
   * pass's token rather than this position (a snapshot or re-scope pass), or is a reset, which every instance is told
   * of (DEVICE_RESETS_CHANNEL) so that it forgets the device. A reset's announcement arrives moments after it: a pull
   * on another instance in between is answered from memory and may undo the reset.
   */
  recentlyAt(tenantId: string, userId: number, deviceId: string, cursor: number): DevicePosition | null {
    const memo = this.recent.get(deviceKey(tenantId, userId, deviceId));
    if (!memo || Date.now() - memo.at >= RECENT_MS) return null;
    return memo.device.snapshot === null && memo.device.cursor === cursor ? memo.device : null;
  }

  /**
   * Records a pull of a device found by recentlyAt, still where it was: written behind to the database only. The
   * shared cache keeps the same position (its time of the last sync grows older, which no pull relies on).
   */
  recordUnmoved(tenantId: string, userId: number, deviceId: string, before: DevicePosition, served: Served): void {
    this.remember(tenantId, userId, deviceId, { ...before, lastSyncAt: served.at });
    this.writer.record(tenantId, userId, deviceId, {
      appType: served.appType,
      lastEventId: served.position.cursor,
      snapshotAfter: null,
      scope: served.scope,
      rights: served.rights ?? undefined,
      eventsSynced: served.eventsSynced,
    });
  }

  /** Records what a pull served: `before` is the position it started from (null for a device that had none). */
  record(tenantId: string, userId: number, deviceId: string, before: DevicePosition | null, served: Served): Promise<void> {
    const key = deviceKey(tenantId, userId, deviceId);
    const done = this.write(tenantId, userId, deviceId, before, served).finally(() => {
      if (this.recording.get(key) === done) this.recording.delete(key);
    });
    this.recording.set(key, done);
    return done;
  }

  private async write(tenantId: string, userId: number, deviceId: string, before: DevicePosition | null, served: Served): Promise<void> {
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
    this.remember(tenantId, userId, deviceId, {
      cursor: served.position.cursor,
      snapshot: served.position.snapshot,
      lastSyncAt: served.at,
      scope: served.scope,
      rights,
      appType: served.appType,
    });
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
    await this.recorded(tenantId, userId, deviceId);
    await this.writer.flushDevice(tenantId, userId, deviceId);
    return this.states.get(tenantId, userId, deviceId);
  }

  /** Every device state of a user, with this instance's pending writes in them. */
  async userStates(tenantId: string, userId: number): Promise<DeviceState[]> {
    const prefix = deviceKey(tenantId, userId, '');
    const under = [...this.recording].filter(([key]) => key.startsWith(prefix)).map(([, done]) => done.catch(() => undefined));
    await Promise.all(under);
    await this.writer.flush();
    return this.states.list(tenantId, userId);
  }

  /**
   * The next pull starts with a new snapshot, whatever it claims (isResetMark). The mark is stored in the device's
   * state, read by any instance whose memory of the device is dropped: the shared cache's entry is deleted, and every
   * instance's memory through pub/sub, so an up-to-date device's pull keeps its answer from memory with no round trip
   * to check for a reset. False when the device has no state.
   */
  async reset(tenantId: string, userId: number, deviceId: string): Promise<boolean> {
    // Written first so the device's row and counts exist and no pending write lands after the reset to undo it (one
    // pending on another instance is dropped by its older recordedAt, see DeviceStateRepository.advance).
    await this.recorded(tenantId, userId, deviceId);
    await this.writer.flushDevice(tenantId, userId, deviceId);
    const existed = await this.states.reset(tenantId, userId, deviceId);
    const key = deviceKey(tenantId, userId, deviceId);
    await this.cache.del(key);
    this.recent.delete(key);
    await this.pubsub.publish(DEVICE_RESETS_CHANNEL, key);
    return existed;
  }

  /** Waits for a record of the device under way here; its failure is the recording pull's to report. */
  private async recorded(tenantId: string, userId: number, deviceId: string): Promise<void> {
    await this.recording.get(deviceKey(tenantId, userId, deviceId))?.catch(() => undefined);
  }

  private remember(tenantId: string, userId: number, deviceId: string, device: DevicePosition): DevicePosition {
    const key = deviceKey(tenantId, userId, deviceId);
    // Re-inserted, so the map stays oldest first.
    this.recent.delete(key);
    if (this.recent.size >= RECENT_DEVICES) this.recent.delete(this.recent.keys().next().value as string);
    this.recent.set(key, { device, at: Date.now() });
    return device;
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
