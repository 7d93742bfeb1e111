import { Inject, Injectable } from '@nestjs/common';
import type { DeliveredEvent } from '../access/read-filter';
import { CACHE_STORE, type KeyValueStore } from '../cache/cache.types';
import { formatSnapshotKey, parseSnapshotKey, type SnapshotKey } from '../feed/record-state.repository';
import type { Page } from './pull-response';

/** What a pull needs of a device's state, cached so an up-to-date device costs no database query. */
export interface CachedDevice {
  /** The device's cursor (last_event_id). */
  cursor: number;
  /** Previous sync, ms since epoch; 0 = never synced. */
  lastSyncAt: number;
  /** The last record sent while the device drains a snapshot taken at `cursor`. */
  snapshot: SnapshotKey | null;
  /** The models the device last pulled (storedScope), null when not known. */
  scope: string | null;
  /** The fingerprint of the user's read rights the device was last served under, null when not known. */
  rights: string | null;
}

const DEVICE_TTL_SECONDS = 24 * 3600;
const PAGE_TTL_SECONDS = 60;
const LOCAL_PAGES = 256;
/**
 * Events kept parsed: a minute of a busy tenant's changes (50 a second), what devices catching up ask for again and
 * again, for a few tenants (~2.5 KB of memory each for a ~1 KB event).
 */
const PARSED_EVENTS = 5_000;

const part = (s: string): string => encodeURIComponent(s);

/** Every key starts with the tenant, so no lookup of one tenant can address another's entries. */
export const deviceKey = (tenantId: string, userId: number, deviceId: string): string =>
  `ss:${part(tenantId)}:dev:${userId}:${part(deviceId)}`;

/** A page is identified by everything that determines it, including the head it was read at, so new events make it unreachable rather than wrong. */
export const pageKey = (tenantId: string, scope: string, limit: number, cursor: number, headId: number): string =>
  `ss:${part(tenantId)}:page:${scope}:${limit}:${cursor}:${headId}`;

/**
 * Device cursors live in the shared store (Redis when configured), so any instance answers an
 * up-to-date device without the database. Pages are immutable under their key and stay in process:
 * each instance reads a hot page from the database at most once per TTL, while copying every page
 * (~30 KB for 100 events) into Redis cost more than the reads it saved (profiled on the miss path).
 */
@Injectable()
export class SyncCache {
  private readonly pages = new Map<string, { page: Page; expiresAt: number }>();
  private readonly parsed = new Map<string, DeliveredEvent>();

  constructor(@Inject(CACHE_STORE) private readonly store: KeyValueStore) {}

  async getDevice(tenantId: string, userId: number, deviceId: string): Promise<CachedDevice | null> {
    const raw = await this.store.get(deviceKey(tenantId, userId, deviceId));
    if (raw === null) return null;
    const [cursor, lastSyncAt, snapshotKey, scope, rights] = raw.split('|');
    const snapshot = snapshotKey ? parseSnapshotKey(snapshotKey) : null;
    const device = { cursor: Number(cursor), lastSyncAt: Number(lastSyncAt), snapshot, scope: scope ?? null, rights: rights || null };
    if (snapshotKey && !snapshot) return null;
    return Number.isSafeInteger(device.cursor) && Number.isFinite(device.lastSyncAt) ? device : null;
  }

  async setDevice(tenantId: string, userId: number, deviceId: string, device: CachedDevice): Promise<void> {
    const snapshot = device.snapshot ? formatSnapshotKey(device.snapshot) : '';
    const value = `${device.cursor}|${device.lastSyncAt}|${snapshot}|${device.scope ?? ''}|${device.rights ?? ''}`;
    await this.store.set(deviceKey(tenantId, userId, deviceId), value, DEVICE_TTL_SECONDS);
  }

  async forgetDevice(tenantId: string, userId: number, deviceId: string): Promise<void> {
    await this.store.del(deviceKey(tenantId, userId, deviceId));
  }

  getPage(key: string): Page | null {
    const hit = this.pages.get(key);
    if (!hit) return null;
    if (hit.expiresAt <= Date.now()) {
      this.pages.delete(key);
      return null;
    }
    return hit.page;
  }

  setPage(key: string, page: Page): void {
    if (this.pages.size >= LOCAL_PAGES) this.pages.delete(this.pages.keys().next().value as string);
    this.pages.set(key, { page, expiresAt: Date.now() + PAGE_TTL_SECONDS * 1000 });
  }

  /**
   * Event `id` of the tenant's log, parsed from its pull JSON once for every restricted user's page that holds it
   * (a logged event never changes) rather than each page parsed whole for each user and device. Shared: callers
   * never modify it (the rights filter returns new objects for what it changes). The oldest parsed go first.
   */
  parsedEvent(tenantId: string, id: number, json: string): DeliveredEvent {
    const key = `${tenantId}:${id}`;
    let event = this.parsed.get(key);
    if (!event) {
      event = JSON.parse(json) as DeliveredEvent;
      if (this.parsed.size >= PARSED_EVENTS) this.parsed.delete(this.parsed.keys().next().value as string);
      this.parsed.set(key, event);
    }
    return event;
  }
}
