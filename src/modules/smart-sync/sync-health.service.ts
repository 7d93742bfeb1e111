import { Injectable } from '@nestjs/common';
import { RedisService } from '../cache/redis.service';
import { IngestionHealth } from '../ingestion/ingestion-health';

export const SMART_SYNC_VERSION = '2.0.0';

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

@Injectable()
export class SyncHealthService {
  constructor(
    private readonly ingestion: IngestionHealth,
    private readonly redis: RedisService,
  ) {}

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
}
