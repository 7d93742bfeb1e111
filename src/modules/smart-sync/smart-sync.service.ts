import { Injectable } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { Counter } from 'prom-client';
import type { AuthUser } from '../auth/auth.types';
import { assertSameUser } from '../auth/user-match';
import { METRICS } from '../metrics/metrics';
import { PullEngine } from '../pull/pull-engine';
import type { PullRequestDto } from './dto/pull.dto';
import { PullPages } from './pull-pages';
import { renderPullBody } from './pull-response';
import { decodeSyncToken } from './sync-token';

const DEFAULT_LIMIT = 100;

/**
 * Smart Sync v2 pull: maps the request onto the pull engine (ack_token is the device's acknowledged position) and
 * its outcome onto the response body, assembled around the page's cached JSON.
 */
@Injectable()
export class SmartSyncService {
  constructor(
    private readonly engine: PullEngine,
    private readonly pages: PullPages,
    @InjectMetric(METRICS.syncEventsReturned) private readonly eventsReturned: Counter<string>,
  ) {}

  /**
   * The serialized response body (see renderPullBody). Without ack_token the device's position moves past the answer,
   * which the caller records with `record` once the answer was written whole: an answer the connection dropped
   * leaves the device where it was. With ack_token the acked position is recorded here.
   */
  async pull(user: AuthUser, dto: PullRequestDto): Promise<{ body: string; record?: () => Promise<void> }> {
    assertSameUser(user, dto.user_id);
    const ack = dto.ack_token === undefined || dto.ack_token === null ? undefined : dto.ack_token;
    const pulled = await this.engine.pull(
      user,
      {
        deviceId: dto.device_id,
        appType: dto.app_type,
        filter: dto.models_filter ?? dto.models,
        rememberAppType: false,
        limit: dto.limit ?? DEFAULT_LIMIT,
        claim: ack === undefined ? undefined : { kind: 'ack', position: decodeSyncToken(ack), text: String(ack) },
        refuseExpiredClaim: false,
        deferRecord: ack === undefined,
      },
      this.pages.reader(user.tenantId),
    );
    if (pulled.page.count > 0) this.eventsReturned.inc({ endpoint: 'pull' }, pulled.page.count);
    const body = renderPullBody({
      page: pulled.page,
      userId: user.userId,
      deviceId: dto.device_id,
      scope: pulled.scope,
      previousSyncAt: pulled.device.lastSyncAt,
      recorded: pulled.recorded,
      acknowledged: pulled.acknowledged,
      resetRequired: pulled.resetRequired,
      backfill: pulled.backfill,
      now: pulled.now,
    });
    return { body, record: ack === undefined ? pulled.record : undefined };
  }
}
