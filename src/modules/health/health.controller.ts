import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorFunction, HealthIndicatorService } from '@nestjs/terminus';
import { withTimeout } from '../../common/timeout';
import { DatabaseHealthIndicator } from '../../database/database.module';
import { RedisService } from '../cache/redis.service';
import { IngestionHealth } from '../change-feed/ingestion-health';

const CHECK_TIMEOUT_MS = 2000;

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly database: DatabaseHealthIndicator,
    private readonly redis: RedisService,
    private readonly ingestion: IngestionHealth,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process is up' })
  @ApiOkResponse({ schema: { type: 'object', properties: { status: { type: 'string' } }, example: { status: 'ok' } } })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({ summary: 'Readiness: database and Redis (when configured) answer' })
  ready() {
    const checks: HealthIndicatorFunction[] = [() => this.database.isHealthy('database', CHECK_TIMEOUT_MS)];
    if (this.redis.enabled) checks.push(() => this.probe('redis', () => this.redis.ping()));
    checks.push(...this.ingestionChecks());
    return this.health.check(checks);
  }

  /** A tenant whose ingestion has failed for several poll intervals is reported down under its own key. */
  private ingestionChecks(): HealthIndicatorFunction[] {
    const failing = this.ingestion.failingTooLong();
    if (failing.length === 0) return [() => this.indicators.check('ingestion').up()];
    return failing.map(
      (f) => () =>
        this.indicators.check(`ingestion:${f.tenantId}`).down({ message: f.error, since: f.since.toISOString() }),
    );
  }

  private async probe(key: string, run: () => Promise<unknown>) {
    const indicator = this.indicators.check(key);
    try {
      await withTimeout(run(), CHECK_TIMEOUT_MS);
      return indicator.up();
    } catch (e) {
      return indicator.down({ message: e instanceof Error ? e.message : String(e) });
    }
  }
}
