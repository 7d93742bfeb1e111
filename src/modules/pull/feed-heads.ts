import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { PUB_SUB, type PubSub, type Unsubscribe } from '../cache/cache.types';
import { FeedWriter } from '../feed/feed-writer';
import { SYNC_EVENTS_CHANNEL, type SyncEventsMessage } from '../feed/event.types';

/** How long a head read from the shared cache is reused before it is read again. */
const MEMO_MS = 200;

/**
 * Each tenant's feed head, remembered in-process for a moment and raised as soon as an append is
 * announced on `sync_events`: a busy instance asks the shared cache at most ~5 times a second per
 * tenant instead of once per pull. A remembered head is never ahead of the log (every id up to it is
 * committed), only possibly behind by up to MEMO_MS when an announcement is lost, which delays a
 * pull's view of new events by as much and never skips one. This instance's own appends count at once:
 * their announcement arrives after the append returned (in-process pub/sub on the next turn of the
 * event loop, Redis later still), and a pull meanwhile would not see an event the instance just logged.
 */
@Injectable()
export class FeedHeads implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(FeedHeads.name);
  private readonly heads = new Map<string, { id: number; readAt: number }>();
  private unsubscribe?: Unsubscribe;

  constructor(
    private readonly events: FeedWriter,
    @Inject(PUB_SUB) private readonly pubsub: PubSub,
  ) {}

  async onModuleInit(): Promise<void> {
    this.unsubscribe = await this.pubsub.subscribe(SYNC_EVENTS_CHANNEL, (message) => this.announced(message));
  }

  async onModuleDestroy(): Promise<void> {
    await this.unsubscribe?.();
  }

  /** The head, possibly up to MEMO_MS old. */
  async current(tenantId: string): Promise<number> {
    const memo = this.heads.get(tenantId);
    if (memo && Date.now() - memo.readAt < MEMO_MS) return Math.max(memo.id, this.events.ownHead(tenantId));
    return this.latest(tenantId);
  }

  /** The head as the shared cache (or database) has it now. */
  async latest(tenantId: string): Promise<number> {
    const id = Math.max(await this.events.headId(tenantId), this.events.ownHead(tenantId));
    const memo = this.heads.get(tenantId);
    this.heads.set(tenantId, { id: Math.max(id, memo?.id ?? 0), readAt: Date.now() });
    return Math.max(id, memo?.id ?? 0);
  }

  private announced(raw: string): void {
    try {
      const message = JSON.parse(raw) as SyncEventsMessage;
      const memo = this.heads.get(message.tenant_id);
      if (memo && message.head_id > memo.id) memo.id = message.head_id;
    } catch (e) {
      this.logger.warn(`ignored a malformed sync_events message: ${(e as Error).message}`);
    }
  }
}
