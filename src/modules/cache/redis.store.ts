import type Redis from 'ioredis';
import type { KeyValueStore, PubSub, Unsubscribe } from './cache.types';

/** Every key is `prefix + key` (REDIS_PREFIX). */
export class RedisStore implements KeyValueStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async get(key: string): Promise<string | null> {
    return this.redis.get(this.prefix + key);
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    await this.redis.set(this.prefix + key, value, 'EX', Math.max(1, Math.ceil(ttlSeconds)));
  }

  async del(key: string): Promise<void> {
    await this.redis.del(this.prefix + key);
  }

  async delByPrefix(prefix: string): Promise<number> {
    // SCAN, never KEYS: it does not block Redis on a large keyspace.
    let cursor = '0';
    let removed = 0;
    const pattern = `${this.prefix}${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) removed += await this.redis.unlink(...keys);
    } while (cursor !== '0');
    return removed;
  }

  async incr(key: string, ttlSeconds?: number): Promise<number> {
    if (ttlSeconds === undefined) return this.redis.incr(this.prefix + key);
    const results = await this.redis
      .multi()
      .incr(this.prefix + key)
      .expire(this.prefix + key, Math.max(1, Math.ceil(ttlSeconds)))
      .exec();
    const [error, value] = results?.[0] ?? [new Error('Redis MULTI was discarded'), null];
    if (error) throw error;
    return Number(value);
  }
}

/** Every channel is `prefix + channel` (REDIS_PREFIX). */
export class RedisPubSub implements PubSub {
  private readonly handlers = new Map<string, Set<(message: string) => void>>();

  constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    private readonly prefix: string,
  ) {
    subscriber.on('message', (channel: string, message: string) => {
      for (const handler of this.handlers.get(channel) ?? []) handler(message);
    });
  }

  async publish(channel: string, message: string): Promise<void> {
    await this.publisher.publish(this.prefix + channel, message);
  }

  async subscribe(channel: string, handler: (message: string) => void): Promise<Unsubscribe> {
    const key = this.prefix + channel;
    let set = this.handlers.get(key);
    if (!set) {
      set = new Set();
      this.handlers.set(key, set);
      await this.subscriber.subscribe(key);
    }
    set.add(handler);
    return async () => {
      const current = this.handlers.get(key);
      if (!current?.delete(handler) || current.size > 0) return;
      this.handlers.delete(key);
      await this.subscriber.unsubscribe(key);
    };
  }
}
