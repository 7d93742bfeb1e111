import { Injectable, NestMiddleware } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { NextFunction, Request, Response } from 'express';
import type { Counter, Histogram } from 'prom-client';
import { METRICS } from '../metrics/metrics';

const ENDPOINTS: Record<string, string> = {
  '/api/v2/sync/pull': 'pull',
  '/api/v2/sync/state': 'state',
  '/api/v2/sync/reset': 'reset',
  '/api/v2/sync/health': 'health',
  '/api/v1/check-updates': 'check_updates',
};

/**
 * Request count, duration and error codes of the sync endpoints. A middleware rather than an
 * interceptor so that refusals by the guards (401, 403, 429) are counted too; the error code is read
 * from the error body the global filter writes.
 */
@Injectable()
export class SyncMetricsMiddleware implements NestMiddleware {
  constructor(
    @InjectMetric(METRICS.syncRequests) private readonly requests: Counter<string>,
    @InjectMetric(METRICS.syncErrors) private readonly errors: Counter<string>,
    @InjectMetric(METRICS.syncDuration) private readonly duration: Histogram<string>,
  ) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const endpoint = ENDPOINTS[req.originalUrl.split('?')[0]];
    if (!endpoint) return next();
    const stop = this.duration.startTimer({ endpoint });
    let code: string | undefined;
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      if (res.statusCode >= 400 && typeof body === 'object' && body !== null) {
        const c = (body as { code?: unknown }).code;
        if (typeof c === 'string') code = c;
      }
      return json(body);
    };
    res.once('finish', () => {
      stop();
      this.requests.inc({ endpoint, status: String(res.statusCode) });
      if (res.statusCode >= 400) this.errors.inc({ endpoint, code: code ?? `HTTP_${res.statusCode}` });
    });
    next();
  }
}
