import { Inject, Injectable } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { Gauge } from 'prom-client';
import { AppConfig } from '../../config/app.config';
import { APP_CONFIG } from '../../config/config.module';
import { METRICS } from '../metrics/metrics';
import { Clock } from './clock';

export interface IngestionFailure {
  tenantId: string;
  error: string;
  /** When the current run of failures began. */
  since: Date;
}

/** Readiness reports a tenant once its ingestion has failed for this many poll intervals. */
export const FAILING_POLL_INTERVALS = 3;

interface TenantIngestion {
  lastSuccess: Date | null;
  failure: { error: string; since: Date } | null;
}

/**
 * What the ingestion workers of this instance last reported per tenant. Feeds `ingest_lag_seconds`
 * and /health/ready; the ingestion engineer's pollers call report() after every run.
 */
@Injectable()
export class IngestionHealth {
  private readonly tenants = new Map<string, TenantIngestion>();

  constructor(
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectMetric(METRICS.ingestLag) private readonly lag: Gauge<string>,
  ) {}

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

  /** Failing for longer than FAILING_POLL_INTERVALS poll intervals: what readiness reports. */
  failingTooLong(): IngestionFailure[] {
    const threshold = FAILING_POLL_INTERVALS * this.config.ingest.pollIntervalMs;
    const now = this.clock.now().getTime();
    return this.failing().filter((f) => now - f.since.getTime() > threshold);
  }

  /** Forgets a tenant (e.g. its ingestion moved to another instance or the system was disconnected). */
  forget(tenantId: string): void {
    this.tenants.delete(tenantId);
    this.lag.remove({ tenant: tenantId });
  }
}
