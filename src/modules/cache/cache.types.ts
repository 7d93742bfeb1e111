/** Key/value cache with TTL. Values are strings; callers serialize. */
export interface KeyValueStore {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  del(key: string): Promise<void>;
  /** Deletes every key starting with prefix; returns how many were removed. */
  delByPrefix(prefix: string): Promise<number>;
  /**
   * Atomically increments a counter (created at 0), returning the new value. With ttlSeconds the counter is
   * forgotten that long after this increment (each increment extends it).
   */
  incr(key: string, ttlSeconds?: number): Promise<number>;
}

export type Unsubscribe = () => Promise<void>;

/** Fire-and-forget messages to every subscriber of a channel, on every instance when Redis backs it. */
export interface PubSub {
  publish(channel: string, message: string): Promise<void>;
  subscribe(channel: string, handler: (message: string) => void): Promise<Unsubscribe>;
}

export const CACHE_STORE = Symbol('CACHE_STORE');
export const PUB_SUB = Symbol('PUB_SUB');
