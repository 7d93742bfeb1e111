import { Module } from '@nestjs/common';
import { CACHE_STORE, PUB_SUB } from './cache.types';
import { InMemoryStore, InProcessPubSub } from './in-memory.store';
import { RedisService } from './redis.service';
import { RedisPubSub, RedisStore } from './redis.store';

/** Cache, pub/sub and the Redis connection owner: Redis when REDIS_URL is set, in-process otherwise. */
@Module({
  providers: [
    RedisService,
    {
      provide: CACHE_STORE,
      inject: [RedisService],
      useFactory: (redis: RedisService) => (redis.enabled ? new RedisStore(redis.client, redis.prefix) : new InMemoryStore()),
    },
    {
      provide: PUB_SUB,
      inject: [RedisService],
      useFactory: (redis: RedisService) =>
        redis.enabled ? new RedisPubSub(redis.client, redis.duplicate(), redis.prefix) : new InProcessPubSub(),
    },
  ],
  exports: [RedisService, CACHE_STORE, PUB_SUB],
})
export class CacheModule {}
