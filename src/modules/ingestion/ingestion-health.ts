import { Inject, Injectable } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { Gauge } from 'prom-client';
import { AppConfig } from '../../config/app.config';
import { APP_CONFIG } from '../../config/config.module';
import { METRICS } from '../metrics/metrics';
import { IngestionStatus, UNKNOWN_INGESTION } from '../systems/ingestion-status';
import { SystemStatus } from '../systems/system-status';
import { Clock } from '../feed/clock';

export interface IngestionFailure {
  tenantId: string;
  error: string;
  /** When the current run of failures began. */
  since: Date;
}

/** A tenant counts as failing once its ingestion has failed for this many poll intervals. */
export const FAILING_POLL_INTERVALS = 3;

interface TenantIngestion {
  lastSuccess: Date | null;
  failure: { error: string; since: Date } | null;
}

/**
 * What the ingestion workers of this instance last reported per tenant. Feeds `ingest_lag_seconds`,
 * `ingest_healthy`, /api/v2/sync/health and GET /systems/{id} (never readiness: one tenant's Odoo
 * being down must not take the instance out of service for every tenant). The pollers call
 * report() after every run.
 */
@Injectable()
export class IngestionHealth {
  private readonly tenants = new Map<string, TenantIngestion>();

  constructor(
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectMetric(METRICS.ingestLag) private readonly lag: Gauge<string>,
    @InjectMetric(METRICS.ingestHealthy) private readonly healthy: Gauge<string>,
    systemStatus: SystemStatus,
  ) {
    systemStatus.register('ingestion', async (tenantId) => this.status(tenantId));
  }

  report(tenantId: string, ok: boolean, error?: string): void {
    const now = this.clock.now();
    const state = this.tenants.get(tenantId) ?? { lastSuccess: null, failure: null };
    if (ok) {
      state.lastSuccess = now;
      state.failure = null;
    } else {
      state.failure = { error: error ?? 'ingestion failed', since: state.failure?.since ?? now };
    }
    this.tenants.set(tenantId, state);
    const reference = state.lastSuccess ?? state.failure?.since ?? now;
    this.lag.set({ tenant: tenantId }, Math.max(0, (now.getTime() - reference.getTime()) / 1000));
    this.healthy.set({ tenant: tenantId }, this.isFailingTooLong(state, now.getTime()) ? 0 : 1);
  }

  /** The tenant's change capture as this instance sees it (`unknown` if it never ran here). */
  status(tenantId: string): IngestionStatus {
    const state = this.tenants.get(tenantId);
    if (!state) return UNKNOWN_INGESTION;
    const now = this.clock.now().getTime();
    const reference = state.lastSuccess ?? state.failure?.since;
    return {
      status: this.isFailingTooLong(state, now) ? 'failing' : 'healthy',
      last_success_at: state.lastSuccess?.toISOString() ?? null,
      failing_since: state.failure?.since.toISOString() ?? null,
      error: state.failure?.error ?? null,
      lag_seconds: reference ? Math.max(0, Math.round((now - reference.getTime()) / 1000)) : null,
    };
  }

  lastSuccess(tenantId: string): Date | null {
    return this.tenants.get(tenantId)?.lastSuccess ?? null;
  }

  /** Every tenant whose latest report was a failure. */
  failing(): IngestionFailure[] {
    const result: IngestionFailure[] = [];
    for (const [tenantId, { failure }] of this.tenants) {
      if (failure) result.push({ tenantId, error: failure.error, since: failure.since });
    }
    return result;
  }

  /** Failing for longer than FAILING_POLL_INTERVALS poll intervals. */
  failingTooLong(): IngestionFailure[] {
    const threshold = FAILING_POLL_INTERVALS * this.config.ingest.pollIntervalMs;
    const now = this.clock.now().getTime();
    return this.failing().filter((f) => now - f.since.getTime() > threshold);
  }

  private isFailingTooLong(state: TenantIngestion, now: number): boolean {
    return state.failure !== null && now - state.failure.since.getTime() > FAILING_POLL_INTERVALS * this.config.ingest.pollIntervalMs;
  }

  /** Forgets a tenant (e.g. its ingestion moved to another instance or the system was disconnected). */
  forget(tenantId: string): void {
    this.tenants.delete(tenantId);
    this.lag.remove({ tenant: tenantId });
    this.healthy.remove({ tenant: tenantId });
  }
}
