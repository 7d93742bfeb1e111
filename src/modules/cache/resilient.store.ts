import type { KeyValueStore, PubSub, Unsubscribe } from './cache.types';
import { InMemoryStore, InProcessPubSub } from './in-memory.store';
import type { RedisService } from './redis.service';

/** ioredis's error for a command sent without an answer within its commandTimeout. */
const COMMAND_TIMED_OUT = 'Command timed out';

/**
 * Redis while it answers, an in-process store while it does not: a Redis outage costs cache hits,
 * never a request. Every key this instance wrote or deleted during the outage may have gone stale in
 * Redis (a cursor or feed head that moved on meanwhile), so once Redis is back those keys are
 * deleted there and the next read goes to the database.
 */
export class ResilientStore implements KeyValueStore {
  private local = new InMemoryStore();
  private readonly touchedKeys = new Set<string>();
  private readonly touchedPrefixes = new Set<string>();

  constructor(
    private readonly redis: RedisService,
    private readonly shared: KeyValueStore,
  ) {
    redis.onRecovery(() => this.dropStale());
  }

  async get(key: string): Promise<string | null> {
    return this.run(
      () => this.shared.get(key),
      () => this.local.get(key),
    );
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    return this.run(
      () => this.shared.set(key, value, ttlSeconds),
      () => this.touch(key, this.local.set(key, value, ttlSeconds)),
    );
  }

  async del(key: string): Promise<void> {
    return this.run(
      () => this.shared.del(key),
      () => this.touch(key, this.local.del(key)),
    );
  }

  async delByPrefix(prefix: string): Promise<number> {
    return this.run(
      () => this.shared.delByPrefix(prefix),
      () => {
        this.touchedPrefixes.add(prefix);
        return this.local.delByPrefix(prefix);
      },
    );
  }

  async incr(key: string, ttlSeconds?: number): Promise<number> {
    return this.run(
      () => this.shared.incr(key, ttlSeconds),
      () => this.touch(key, this.local.incr(key, ttlSeconds)),
    );
  }

  close(): void {
    this.local.close();
  }

  private async run<T>(shared: () => Promise<T>, local: () => Promise<T>): Promise<T> {
    if (!this.redis.usable()) {
      this.redis.unavailable('cache');
      return local();
    }
    try {
      const result = await shared();
      this.redis.succeeded();
      return result;
    } catch (e) {
      this.redis.unavailable('cache', e);
      return local();
    }
  }

  private touch<T>(key: string, result: Promise<T>): Promise<T> {
    this.touchedKeys.add(key);
    return result;
  }

  private async dropStale(): Promise<void> {
    const keys = [...this.touchedKeys];
    const prefixes = [...this.touchedPrefixes];
    this.touchedKeys.clear();
    this.touchedPrefixes.clear();
    this.local.close();
    this.local = new InMemoryStore();
    for (const key of keys) await this.shared.del(key);
    for (const prefix of prefixes) await this.shared.delByPrefix(prefix);
  }
}

/**
 * Redis pub/sub while it answers; during an outage a message is delivered to this instance's own
 * subscribers (its sockets still get critical events), and other instances miss it: the events are
 * in the log, so their devices still get them on the next pull.
 */
export class ResilientPubSub implements PubSub {
  private readonly local = new InProcessPubSub();

  constructor(
    private readonly redis: RedisService,
    private readonly shared: PubSub,
  ) {}

  async publish(channel: string, message: string): Promise<void> {
    if (this.redis.usable()) {
      try {
        await this.shared.publish(channel, message);
        this.redis.succeeded();
        return;
      } catch (e) {
        this.redis.unavailable('pubsub', e);
        // A PUBLISH that timed out was sent: Redis may still deliver it, to this instance's subscribers too, and a
        // local copy would reach them twice. Other failures never left the connection. The event is in the log either way.
        if (e instanceof Error && e.message === COMMAND_TIMED_OUT) return;
      }
    } else {
      this.redis.unavailable('pubsub');
    }
    await this.local.publish(channel, message);
  }

  async subscribe(channel: string, handler: (message: string) => void): Promise<Unsubscribe> {
    const [shared, local] = await Promise.all([this.shared.subscribe(channel, handler), this.local.subscribe(channel, handler)]);
    return async () => {
      await Promise.all([shared(), local()]);
    };
  }
}
