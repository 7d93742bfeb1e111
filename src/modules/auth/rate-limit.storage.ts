import { OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerStorage, ThrottlerStorageService } from '@nestjs/throttler';
import type { RedisService } from '../cache/redis.service';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * Rate-limit counters in Redis (shared by every instance) while it answers, in process while it does
 * not: during an outage each instance counts on its own, so a user can make up to the limit times
 * the number of instances, instead of every request failing.
 */
export class ResilientThrottlerStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly local = new ThrottlerStorageService();

  constructor(
    private readonly redis: RedisService,
    private readonly shared: ThrottlerStorage,
  ) {}

  async increment(key: string, ttl: number, limit: number, blockDuration: number, name: string): Promise<ThrottlerStorageRecord> {
    if (this.redis.usable()) {
      try {
        const record = await this.shared.increment(key, ttl, limit, blockDuration, name);
        this.redis.succeeded();
        return record;
      } catch (e) {
        this.redis.unavailable('rate_limit', e);
      }
    } else {
      this.redis.unavailable('rate_limit');
    }
    return this.local.increment(key, ttl, limit, blockDuration, name);
  }

  onApplicationShutdown(): void {
    this.local.onApplicationShutdown();
  }
}
