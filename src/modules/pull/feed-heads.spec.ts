import { InProcessPubSub } from '../cache/in-memory.store';
import type { FeedWriter } from '../feed/feed-writer';
import { SYNC_EVENTS_CHANNEL } from '../feed/event.types';
import { FeedHeads } from './feed-heads';

describe(FeedHeads.name, () => {
  let head: number;
  let own: number;
  let reads: number;
  let pubsub: InProcessPubSub;
  let heads: FeedHeads;

  beforeEach(async () => {
    head = 5;
    own = 0;
    reads = 0;
    pubsub = new InProcessPubSub();
    const events = { headId: async () => (reads++, head), ownHead: () => own } as unknown as FeedWriter;
    heads = new FeedHeads(events, pubsub);
    await heads.onModuleInit();
  });
  afterEach(() => heads.onModuleDestroy());

  describe('current', () => {
    it('reads the head once and reuses it for a moment', async () => {
      expect(await heads.current('t')).toBe(5);
      head = 6;
      expect(await heads.current('t')).toBe(5);
      expect(reads).toBe(1);
    });

    it('is raised by an append announcement without another read', async () => {
      await heads.current('t');
      await pubsub.publish(SYNC_EVENTS_CHANNEL, JSON.stringify({ tenant_id: 't', head_id: 9, models: [] }));
      await new Promise((r) => setImmediate(r));
      expect(await heads.current('t')).toBe(9);
      expect(reads).toBe(1);
    });

    it("counts this instance's own append at once, before its announcement arrives", async () => {
      await heads.current('t');
      own = 8;
      expect(await heads.current('t')).toBe(8);
      expect(reads).toBe(1);
    });

    it('ignores announcements of other tenants and malformed ones', async () => {
      await heads.current('t');
      await pubsub.publish(SYNC_EVENTS_CHANNEL, JSON.stringify({ tenant_id: 'other', head_id: 99, models: [] }));
      await pubsub.publish(SYNC_EVENTS_CHANNEL, 'not json');
      await new Promise((r) => setImmediate(r));
      expect(await heads.current('t')).toBe(5);
    });
  });

  describe('latest', () => {
    it('always reads and never moves the remembered head back', async () => {
      await pubsub.publish(SYNC_EVENTS_CHANNEL, JSON.stringify({ tenant_id: 't', head_id: 9, models: [] }));
      await heads.current('t');
      await pubsub.publish(SYNC_EVENTS_CHANNEL, JSON.stringify({ tenant_id: 't', head_id: 9, models: [] }));
      await new Promise((r) => setImmediate(r));
      head = 7;
      expect(await heads.latest('t')).toBe(9);
      expect(reads).toBe(2);
    });
  });
});
