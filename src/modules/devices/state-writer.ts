import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { DatabaseUnavailable } from '../../common/errors';
import { Clock } from '../feed/clock';
import { DeviceStateRepository, type Advance } from './device-state.repository';

export type { Advance } from './device-state.repository';

interface Pending extends Advance {
  syncs: number;
  tenantId: string;
  userId: number;
  deviceId: string;
  /** When the latest pull recorded it: the write is dropped if the row was written since (see advance). */
  recordedAt: Date;
}

const FLUSH_INTERVAL_MS = 2000;

/**
 * Writes device-state advances behind the request, coalesced per device: a pull answers from the
 * cache and a burst of pulls from one device becomes one row update. Losing pending advances (a
 * crash) leaves a state *behind* what the device received, so the device sees events again and never
 * skips one; with ack_token the device's own ack is the truth anyway.
 */
@Injectable()
export class StateWriter implements BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger(StateWriter.name);
  private pending = new Map<string, Pending>();
  private flushing: Promise<void> = Promise.resolve();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly states: DeviceStateRepository,
    private readonly clock: Clock,
  ) {
    this.timer = setInterval(() => void this.flush(), FLUSH_INTERVAL_MS);
    this.timer.unref();
  }

  record(tenantId: string, userId: number, deviceId: string, advance: Advance): void {
    const key = keyOf(tenantId, userId, deviceId);
    const current = this.pending.get(key);
    // The latest cursor wins, not the highest: an ack may legitimately move a device back.
    this.pending.set(key, {
      tenantId,
      userId,
      deviceId,
      appType: advance.appType,
      lastEventId: advance.lastEventId,
      snapshotAfter: advance.snapshotAfter,
      scope: advance.scope,
      rights: advance.rights,
      eventsSynced: (current?.eventsSynced ?? 0) + advance.eventsSynced,
      syncs: (current?.syncs ?? 0) + 1,
      recordedAt: this.clock.now(),
    });
  }

  /** Writes this device's pending advance now (after any flush in progress), so a read sees it. */
  async flushDevice(tenantId: string, userId: number, deviceId: string): Promise<void> {
    await this.flushing;
    const key = keyOf(tenantId, userId, deviceId);
    const entry = this.pending.get(key);
    if (!entry) return;
    this.pending.delete(key);
    await this.write(entry);
  }

  /** Drops this device's pending advance once no write of it is in flight (before a reset). */
  async discardDevice(tenantId: string, userId: number, deviceId: string): Promise<void> {
    await this.flushing;
    this.pending.delete(keyOf(tenantId, userId, deviceId));
  }

  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.writeAll());
    return this.flushing;
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  async onApplicationShutdown(): Promise<void> {
    // Requests that finished while the server drained may have recorded more.
    await this.flush().catch(() => undefined);
  }

  private async writeAll(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = [...this.pending.values()];
    this.pending = new Map();
    for (const entry of batch) await this.write(entry);
  }

  private async write(entry: Pending): Promise<void> {
    try {
      await this.states.advance(entry.tenantId, entry.userId, entry.deviceId, {
        appType: entry.appType,
        lastEventId: entry.lastEventId,
        snapshotAfter: entry.snapshotAfter,
        scope: entry.scope,
        rights: entry.rights,
        eventsSynced: entry.eventsSynced,
        syncs: entry.syncs,
      }, entry.recordedAt);
    } catch (e) {
      const key = keyOf(entry.tenantId, entry.userId, entry.deviceId);
      const newer = this.pending.get(key);
      // Retry on the next flush unless the device has already moved on.
      if (newer) {
        newer.eventsSynced += entry.eventsSynced;
        newer.syncs += entry.syncs;
      }
      else this.pending.set(key, entry);
      // A database outage is logged once by the database layer, not once per device and flush.
      if (!(e instanceof DatabaseUnavailable)) this.logger.warn(`Device state write failed (will retry): ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}

function keyOf(tenantId: string, userId: number, deviceId: string): string {
  return JSON.stringify([tenantId, userId, deviceId]);
}
