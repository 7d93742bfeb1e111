import type { PubSub } from './cache.types';
import type { RedisService } from './redis.service';
import { ResilientPubSub } from './resilient.store';

/** Redis as ResilientPubSub sees it: usable, and recording what it was told. */
function redisService(): RedisService & { failures: unknown[] } {
  const failures: unknown[] = [];
  return {
    failures,
    usable: () => true,
    succeeded: () => undefined,
    unavailable: (_use: string, error?: unknown) => failures.push(error),
  } as unknown as RedisService & { failures: unknown[] };
}

/** A shared pub/sub whose PUBLISH fails with `error` (subscribing works). */
function failingShared(error: Error): PubSub {
  return {
    publish: () => Promise.reject(error),
    subscribe: () => Promise.resolve(async () => undefined),
  };
}

async function delivered(pubsub: ResilientPubSub): Promise<string[]> {
  const got: string[] = [];
  await pubsub.subscribe('critical_events', (m) => got.push(m));
  await pubsub.publish('critical_events', 'm1');
  await new Promise((r) => setImmediate(r));
  await new Promise((r) => setTimeout(r, 10));
  return got;
}

describe('ResilientPubSub when a PUBLISH fails', () => {
  it('delivers to its own subscribers when the command never left (a closed connection: Redis outage)', async () => {
    const redis = redisService();
    expect(await delivered(new ResilientPubSub(redis, failingShared(new Error('Connection is closed.'))))).toEqual(['m1']);
    expect(redis.failures).toHaveLength(1);
  });

  it('does not deliver a local copy of a PUBLISH that timed out: Redis may still deliver it (a saturated instance would send it twice)', async () => {
    const redis = redisService();
    expect(await delivered(new ResilientPubSub(redis, failingShared(new Error('Command timed out'))))).toEqual([]);
    expect(redis.failures).toHaveLength(1);
  });
});
