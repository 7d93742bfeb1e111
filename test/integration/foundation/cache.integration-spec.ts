import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import type { KeyValueStore, PubSub } from '../../../src/modules/cache/cache.types';
import { InMemoryStore, InProcessPubSub } from '../../../src/modules/cache/in-memory.store';
import { RedisPubSub, RedisStore } from '../../../src/modules/cache/redis.store';
import { testRedisUrl, waitFor } from '../../support/test-app';

interface Backend {
  name: string;
  open: (now: () => number) => Promise<{ store: KeyValueStore; pubsub: PubSub; close: () => Promise<void> }>;
  /** Redis expires keys by its own clock; the in-memory store follows the injected one. */
  fakeClock: boolean;
}

const backends: Backend[] = [
  {
    name: 'in-process',
    fakeClock: true,
    open: async (now) => {
      const store = new InMemoryStore(now);
      return { store, pubsub: new InProcessPubSub(), close: async () => store.close() };
    },
  },
];
const redisUrl = testRedisUrl();
if (redisUrl) {
  backends.push({
    name: 'Redis',
    fakeClock: false,
    open: async () => {
      const client = new Redis(redisUrl);
      const subscriber = client.duplicate();
      return {
        store: new RedisStore(client, 'bc:'),
        pubsub: new RedisPubSub(client, subscriber, 'bc:'),
        close: async () => {
          await subscriber.quit();
          await client.quit();
        },
      };
    },
  });
}

/** One behaviour, two backends: the in-process stand-ins must do what Redis does. */
describe.each(backends)('cache and pub/sub on $name', ({ open, fakeClock }) => {
  let store: KeyValueStore;
  let pubsub: PubSub;
  let close: () => Promise<void>;
  let clock = Date.now();
  const ns = `test:${randomUUID()}:`;

  beforeAll(async () => {
    ({ store, pubsub, close } = await open(() => clock));
  });
  afterAll(async () => close());

  it('gets what was set and null for a missing key', async () => {
    await store.set(`${ns}a`, 'alpha', 60);
    expect(await store.get(`${ns}a`)).toBe('alpha');
    expect(await store.get(`${ns}missing`)).toBeNull();
  });

  it('expires a key after its TTL', async () => {
    await store.set(`${ns}ttl`, 'short', 1);
    expect(await store.get(`${ns}ttl`)).toBe('short');
    if (fakeClock) clock += 1500;
    await waitFor(async () => (await store.get(`${ns}ttl`)) === null, 3000, 100);
    expect(await store.get(`${ns}ttl`)).toBeNull();
  });

  it('deletes one key, and every key under a prefix but no other', async () => {
    await store.set(`${ns}p:1`, '1', 60);
    await store.set(`${ns}p:2`, '2', 60);
    await store.set(`${ns}q:1`, '3', 60);
    await store.del(`${ns}q:1`);
    expect(await store.get(`${ns}q:1`)).toBeNull();
    await store.set(`${ns}q:1`, '3', 60);
    expect(await store.delByPrefix(`${ns}p:`)).toBe(2);
    expect(await store.get(`${ns}p:1`)).toBeNull();
    expect(await store.get(`${ns}p:2`)).toBeNull();
    expect(await store.get(`${ns}q:1`)).toBe('3');
  });

  it('increments a counter atomically under concurrency', async () => {
    const results = await Promise.all(Array.from({ length: 50 }, () => store.incr(`${ns}counter`)));
    expect(results.sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });

  it('forgets a counter given a TTL that long after its last increment, and keeps one without', async () => {
    expect([await store.incr(`${ns}failures`, 1), await store.incr(`${ns}failures`, 1)]).toEqual([1, 2]);
    await store.incr(`${ns}kept`);
    if (fakeClock) clock += 1500;
    await waitFor(async () => (await store.get(`${ns}failures`)) === null, 3000, 100);
    expect([await store.get(`${ns}failures`), await store.get(`${ns}kept`)]).toEqual([null, '1']);
    expect(await store.incr(`${ns}failures`, 1)).toBe(1);
  });

  it('delivers a published message to every subscriber of the channel, and none after unsubscribe', async () => {
    const channel = `${ns}chan`;
    const first: string[] = [];
    const second: string[] = [];
    const other: string[] = [];
    const unsubFirst = await pubsub.subscribe(channel, (m) => first.push(m));
    const unsubSecond = await pubsub.subscribe(channel, (m) => second.push(m));
    const unsubOther = await pubsub.subscribe(`${ns}other`, (m) => other.push(m));
    await pubsub.publish(channel, 'hello');
    await waitFor(() => first.length === 1 && second.length === 1, 3000);
    await unsubFirst();
    await pubsub.publish(channel, 'again');
    await waitFor(() => second.length === 2, 3000);
    expect(first).toEqual(['hello']);
    expect(second).toEqual(['hello', 'again']);
    expect(other).toEqual([]);
    await unsubSecond();
    await unsubOther();
  });
});
