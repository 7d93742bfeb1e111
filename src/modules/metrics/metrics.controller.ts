import { CanActivate, Controller, Get, Inject, Injectable, Res, UseGuards, type ExecutionContext } from '@nestjs/common';
import { PrometheusController } from '@willsoto/nestjs-prometheus';
import type { Request, Response } from 'express';
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { Unauthorized } from '../../common/errors';
import { AppConfig } from '../../config/app.config';
import { APP_CONFIG } from '../../config/config.module';
import { bearerToken } from '../tokens/bearer-token';

export class MetricsTokenRequired extends Unauthorized {
  readonly code = 'METRICS_TOKEN_REQUIRED';
  constructor() {
    super('Send the metrics token as Authorization: Bearer <METRICS_TOKEN>', {});
  }
}

/** Constant time, and hashed first so the token's length does not show either. */
const sha256 = (text: string) => createHash('sha256').update(text).digest();

/** With METRICS_TOKEN set, a scrape must carry it (Prometheus: `authorization: {credentials: …}` of a scrape job). */
@Injectable()
export class MetricsTokenGuard implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const expected = this.config.metrics.token;
    if (expected === undefined) return true;
    const given = bearerToken(context.switchToHttp().getRequest<Request>().headers.authorization);
    if (given !== undefined && timingSafeEqual(sha256(given), sha256(expected))) return true;
    throw new MetricsTokenRequired();
  }
}

/** A label value as the text exposition writes it: quoted, with `\\`, `"` and newlines escaped. */
const TENANT_LABEL = /tenant="((?:[^"\\]|\\.)*)"/g;

/**
 * Prometheus' route, behind the optional token. Series are kept per tenant, but unless the operator turned tenant
 * labels on, a tenant shows as a pseudonym (keyed by the encryption key, so it cannot be guessed from a list of
 * names): per-tenant alerts still work, and a scrape does not list the customers.
 */
@Controller()
export class MetricsController extends PrometheusController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    super();
  }

  @Get()
  @UseGuards(MetricsTokenGuard)
  override async index(@Res({ passthrough: true }) response: Response): Promise<string> {
    const text = (await super.index(response)) as string;
    if (this.config.metrics.tenantLabels) return text;
    return text.replace(TENANT_LABEL, (_all, tenant: string) => `tenant="${this.pseudonym(tenant)}"`);
  }

  private pseudonym(tenant: string): string {
    return `t-${createHmac('sha256', this.config.secrets.encryptionKey).update(`metrics:${tenant}`).digest('hex').slice(0, 12)}`;
  }
}
