import { Module } from '@nestjs/common';
import { CACHE_STORE, PUB_SUB } from './cache.types';
import { InMemoryStore, InProcessPubSub } from './in-memory.store';
import { RedisService } from './redis.service';
import { RedisPubSub, RedisStore } from './redis.store';
import { ResilientPubSub, ResilientStore } from './resilient.store';

/**
 * Cache, pub/sub and the Redis connection owner: Redis when REDIS_URL is set (falling back to
 * in-process state while it is down), in-process otherwise.
 */
@Module({
  providers: [
    RedisService,
    {
      provide: CACHE_STORE,
      inject: [RedisService],
      useFactory: (redis: RedisService) =>
        redis.enabled ? new ResilientStore(redis, new RedisStore(redis.client, redis.prefix)) : new InMemoryStore(),
    },
    {
      provide: PUB_SUB,
      inject: [RedisService],
      useFactory: (redis: RedisService) =>
        redis.enabled
          ? new ResilientPubSub(redis, new RedisPubSub(redis.client, redis.duplicate(), redis.prefix))
          : new InProcessPubSub(),
    },
  ],
  exports: [RedisService, CACHE_STORE, PUB_SUB],
})
export class CacheModule {}
