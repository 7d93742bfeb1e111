import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { RedisPubSub, RedisStore } from '../../../src/modules/cache/redis.store';
import { servicesUrls, waitFor } from '../../support/test-app';

const { redisUrl } = servicesUrls();

/** Two deployments (databases) sharing one Redis under different REDIS_PREFIX values. */
describe('REDIS_PREFIX on Redis', () => {
  const clients: Redis[] = [];
  const connect = (): Redis => {
    const client = new Redis(redisUrl);
    clients.push(client);
    return client;
  };
  afterAll(async () => Promise.all(clients.map((c) => c.quit())));

  it('keeps the keys and messages of one prefix out of sight of another', async () => {
    const run = randomUUID();
    const [a, b] = [`bc-a-${run}:`, `bc-b-${run}:`];
    const raw = connect();
    const storeA = new RedisStore(raw, a);
    const storeB = new RedisStore(raw, b);
    const pubsubA = new RedisPubSub(raw, connect(), a);
    const pubsubB = new RedisPubSub(raw, connect(), b);

    await storeA.set('feed:head:default', '215', 60);
    expect(await storeB.get('feed:head:default')).toBeNull();
    expect(await raw.get(`${a}feed:head:default`)).toBe('215');
    await storeB.set('feed:head:default', '78', 60);
    expect(await storeA.get('feed:head:default')).toBe('215');

    const seenA: string[] = [];
    const seenB: string[] = [];
    const unsubA = await pubsubA.subscribe('sync_events', (m) => seenA.push(m));
    const unsubB = await pubsubB.subscribe('sync_events', (m) => seenB.push(m));
    await pubsubB.publish('sync_events', 'from b');
    await pubsubA.publish('sync_events', 'from a');
    await waitFor(() => seenA.length === 1 && seenB.length === 1, 3000);
    expect(seenA).toEqual(['from a']);
    expect(seenB).toEqual(['from b']);
    await unsubA();
    await unsubB();
  });
});
