import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { Gauge } from 'prom-client';
import { AppConfig } from '../../config/app.config';
import { APP_CONFIG } from '../../config/config.module';
import { METRICS } from '../metrics/metrics';
import { archiveBoundary, archivePercentage, retentionCutoffs } from './archive-rules';
import { Clock } from './clock';
import { DeviceRetentionRepository } from './device-retention.repository';
import { EventArchiveRepository } from './event-archive.repository';
import { EventSummaryRepository } from './event-summary.repository';
import { FEED_ARCHIVED_CHANNEL, type FeedArchivedMessage } from './event.types';
import { FeedTail } from './feed-tail';
import { PUB_SUB, type PubSub } from '../cache/cache.types';

export interface ArchiveRunReport {
  tenants: number;
  eventsArchived: number;
  eventsDeleted: number;
  devicesDeactivated: number;
  devicesDeleted: number;
}

export interface ArchiveStats {
  total_events: number;
  active_events: number;
  archived_events: number;
  archive_percentage: number;
}

/**
 * Retention, on a timer on every instance: every step is an idempotent bulk statement, so two
 * instances running it at once only repeat work.
 */
@Injectable()
export class ArchiverService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ArchiverService.name);
  private timer?: NodeJS.Timeout;
  private current?: Promise<ArchiveRunReport>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly events: EventArchiveRepository,
    private readonly summaries: EventSummaryRepository,
    private readonly devices: DeviceRetentionRepository,
    private readonly clock: Clock,
    private readonly tail: FeedTail,
    @Inject(PUB_SUB) private readonly pubsub: PubSub,
    @InjectMetric(METRICS.syncActiveDevices) private readonly activeDevices: Gauge<string>,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.run().catch((e: unknown) => this.logger.error(`archive run failed: ${(e as Error).message}`));
    }, this.config.archive.intervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.current?.catch(() => undefined);
  }

  /**
   * One retention pass over every tenant, or only the given ones (tests share a database). A full
   * pass already in progress is joined, not repeated.
   */
  run(tenantIds?: string[]): Promise<ArchiveRunReport> {
    if (tenantIds) return this.runOnce(tenantIds);
    this.current ??= this.runOnce().finally(() => (this.current = undefined));
    return this.current;
  }

  async stats(tenantId: string): Promise<ArchiveStats> {
    const { total, archived } = await this.summaries.stats(tenantId);
    return {
      total_events: total,
      active_events: total - archived,
      archived_events: archived,
      archive_percentage: archivePercentage(total, archived),
    };
  }

  /**
   * Archives the tenant's events through `through` and tells every instance's pull tail, so none serves a device
   * from history that reads no longer have (this instance's at once, the others over pub/sub).
   */
  async archiveThrough(tenantId: string, through: number, at: Date): Promise<number> {
    const archived = await this.events.archiveThrough(tenantId, through, at);
    this.tail.archived(tenantId, through);
    const message: FeedArchivedMessage = { tenant_id: tenantId, archived_through: through };
    try {
      await this.pubsub.publish(FEED_ARCHIVED_CHANNEL, JSON.stringify(message));
    } catch (e) {
      // The other instances' tails re-read the archived prefix within a minute anyway.
      this.logger.warn(`could not announce the archiving of ${tenantId}: ${(e as Error).message}`);
    }
    return archived;
  }

  private async runOnce(scope?: string[]): Promise<ArchiveRunReport> {
    const now = this.clock.now();
    const cutoffs = retentionCutoffs(now, this.config.archive);
    // Devices first: one idle for a month must not hold back archiving in the same pass.
    const devicesDeactivated = await this.devices.markInactive(cutoffs.deactivateIdleBefore, scope);
    const devicesDeleted = await this.devices.deleteInactive(cutoffs.deleteDeviceIdleBefore, scope);

    const tenants = scope ?? (await this.events.tenants());
    let eventsArchived = 0;
    let eventsDeleted = 0;
    for (const tenantId of tenants) {
      try {
        // The head is read before looking for the first event to keep, so events committed
        // meanwhile (all above it) are never archived unexamined.
        const feed = await this.events.feedState(tenantId);
        const syncedThrough = await this.devices.activeCursorFloor(tenantId);
        const firstUnarchivableId = await this.events.firstUnarchivableId(tenantId, {
          softBefore: cutoffs.archiveBefore,
          forceBefore: cutoffs.forceArchiveBefore,
          syncedThrough,
        });
        const through = archiveBoundary({ ...feed, firstUnarchivableId });
        if (through !== null) eventsArchived += await this.archiveThrough(tenantId, through, now);
        eventsDeleted += await this.events.deleteArchived(tenantId, cutoffs.deleteArchivedBefore);
      } catch (e) {
        this.logger.error(`archiving tenant ${tenantId} failed: ${(e as Error).message}`);
      }
    }

    const counts = await this.devices.activeCounts(scope);
    for (const tenantId of new Set([...tenants, ...counts.keys()])) {
      this.activeDevices.set({ tenant: tenantId }, counts.get(tenantId) ?? 0);
    }

    const report = { tenants: tenants.length, eventsArchived, eventsDeleted, devicesDeactivated, devicesDeleted };
    if (eventsArchived + eventsDeleted + devicesDeactivated + devicesDeleted > 0) {
      this.logger.log(`archive run: ${JSON.stringify(report)}`);
    }
    return report;
  }
}
