import { Inject, Injectable } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import { RateLimited } from '../../common/errors';
import { AppConfig } from '../../config/app.config';
import { APP_CONFIG } from '../../config/config.module';

export interface RateLimitState {
  limit: number;
  remaining: number;
  resetSeconds: number;
  /** Set when this hit is over the limit: the error to answer with. */
  exceeded?: RateLimited;
}

/**
 * Fixed-window counters, shared by every instance when Redis is configured. A key over its limit
 * stays blocked for the rest of its window, whatever else the request carries.
 */
@Injectable()
export class RateLimiter {
  constructor(
    @Inject(ThrottlerStorage) private readonly storage: ThrottlerStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get enabled(): boolean {
    return this.config.rateLimits.enabled;
  }

  /** Counts one hit on `key` (in bucket `bucket`) and says whether it is over `limit`. */
  async count(bucket: string, key: string, limit: number, ttlMs: number): Promise<RateLimitState> {
    // Counter keys start with REDIS_PREFIX like every other key (the Redis storage has no prefix of its own).
    const record = await this.storage.increment(`${this.config.redisPrefix}rl:${key}`, ttlMs, limit, ttlMs, bucket);
    const state: RateLimitState = { limit, remaining: Math.max(0, limit - record.totalHits), resetSeconds: record.timeToExpire };
    if (record.isBlocked || record.totalHits > limit) {
      state.exceeded = new RateLimited(Math.max(1, record.isBlocked ? record.timeToBlockExpire : record.timeToExpire), { bucket, limit });
    }
    return state;
  }

  /** Counts one hit on `key`; throws RateLimited once over `limit`. */
  async hit(bucket: string, key: string, limit: number, ttlMs: number): Promise<void> {
    const { exceeded } = await this.count(bucket, key, limit, ttlMs);
    if (exceeded) throw exceeded;
  }
}
