import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorFunction, HealthIndicatorService } from '@nestjs/terminus';
import { withTimeout } from '../../common/timeout';
import { DatabaseHealthIndicator } from '../../database/database.module';
import { RedisService } from '../cache/redis.service';

const CHECK_TIMEOUT_MS = 2000;

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly database: DatabaseHealthIndicator,
    private readonly redis: RedisService,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process is up' })
  @ApiOkResponse({ schema: { type: 'object', properties: { status: { type: 'string' } }, example: { status: 'ok' } } })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({
    summary:
      'Readiness: can this instance serve (the database answers). Redis, when configured, is reported; while it is ' +
      'down the instance serves degraded (in-process cache and rate limits) and stays ready. Per-tenant ingestion ' +
      'health is in /api/v2/sync/health, GET /systems/{id} and metrics, never here: one Odoo down must not take ' +
      'every instance out of service.',
  })
  ready() {
    const checks: HealthIndicatorFunction[] = [() => this.database.isHealthy('database', CHECK_TIMEOUT_MS)];
    if (this.redis.enabled) checks.push(() => this.redisCheck());
    return this.health.check(checks);
  }

  private async redisCheck() {
    const indicator = this.indicators.check('redis');
    try {
      await withTimeout(this.redis.ping(), CHECK_TIMEOUT_MS);
      return indicator.up();
    } catch (e) {
      this.redis.unavailable('health', e);
      const outage = this.redis.outage();
      return indicator.up({
        degraded: true,
        message: `Redis unavailable (${outage?.reason ?? (e instanceof Error ? e.message : String(e))}): serving without it, rate limits per instance`,
        since: outage?.since.toISOString(),
      });
    }
  }
}
