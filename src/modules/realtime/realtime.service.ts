import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '../../config/app.config';
import { APP_CONFIG } from '../../config/config.module';
import { ReadPolicyService } from '../access/read-policy.service';
import { PUB_SUB, type PubSub, type Unsubscribe } from '../cache/cache.types';
import { CRITICAL_EVENTS_CHANNEL, SYNC_EVENTS_CHANNEL, type CriticalEventMessage, type WireEvent } from '../feed/event.types';
import { RealtimeGateway } from './realtime.gateway';
import { userRoom } from './realtime.rooms';
import { criticalDeliveries, parseCriticalMessage, parseSyncMessage, syncDelivery } from './realtime.routing';
import { SyncNudgeCoalescer } from './sync-nudge-coalescer';

/**
 * Feeds the `/ws` gateway from the event log's pub/sub channels.
 *
 * Exactly once per socket across instances: every instance subscribes to `critical_events` and `sync_events`
 * (Redis pub/sub delivers each message to every instance) and emits only to the sockets connected to ITSELF
 * (`namespace.local`). Relaying through the Socket.IO Redis adapter as well would deliver one copy per
 * instance. The adapter carries the room-wide operations below, which start on one instance and must reach
 * sockets everywhere.
 */
@Injectable()
export class RealtimeService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(RealtimeService.name);
  private readonly unsubscribes: Unsubscribe[] = [];
  private readonly nudges: SyncNudgeCoalescer;

  constructor(
    @Inject(PUB_SUB) private readonly pubsub: PubSub,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly gateway: RealtimeGateway,
    private readonly policies: ReadPolicyService,
  ) {
    this.nudges = new SyncNudgeCoalescer(config.realtime.syncNudgeIntervalMs, (tenantId, nudge) =>
      this.gateway.emitLocal(syncDelivery(tenantId, nudge)),
    );
  }

  async onModuleInit(): Promise<void> {
    this.unsubscribes.push(
      await this.pubsub.subscribe(CRITICAL_EVENTS_CHANNEL, (raw) => this.guard(CRITICAL_EVENTS_CHANNEL, () => this.onCritical(raw))),
      await this.pubsub.subscribe(SYNC_EVENTS_CHANNEL, (raw) => this.guard(SYNC_EVENTS_CHANNEL, () => this.onSync(raw))),
    );
  }

  async onModuleDestroy(): Promise<void> {
    this.nudges.close();
    await Promise.all(this.unsubscribes.splice(0).map((unsubscribe) => unsubscribe()));
  }

  /** Sends an event to every socket of one user, on every instance. */
  emitToUser(tenantId: string, userId: number, event: string, payload: unknown): void {
    this.gateway.emitToRoom(userRoom(tenantId, userId), event, payload);
  }

  /** Closes every socket of one user, on every instance (e.g. after logout or a revoked session). */
  disconnectUser(tenantId: string, userId: number): void {
    this.gateway.disconnectRoom(userRoom(tenantId, userId));
  }

  private onCritical(raw: string): void {
    const msg = parseCriticalMessage(raw);
    if (!msg) return this.logger.warn(`Ignored a malformed ${CRITICAL_EVENTS_CHANNEL} message`);
    const users = this.gateway.localUsers(msg.tenant_id);
    if (users.length === 0) return;
    void this.readers(msg, users).then(
      (readers) => {
        for (const { userId, event } of readers) {
          for (const delivery of criticalDeliveries({ ...msg, event }, [userId])) this.gateway.emitLocal(delivery);
        }
      },
      (e: unknown) => this.logger.error(`Could not decide who may read event ${msg.event.id}: ${(e as Error).message}`),
    );
  }

  /**
   * The users who may read the event's record, decided by the read policy every read path applies, each with the
   * event as that user may see it (without the fields the user may not read).
   */
  private async readers(msg: CriticalEventMessage, users: number[]): Promise<{ userId: number; event: WireEvent }[]> {
    const { event } = msg;
    const delivered = {
      id: event.id,
      model: event.model,
      record_id: event.record_id,
      event: event.event,
      timestamp: event.timestamp,
      priority: event.priority,
      payload: event.payload,
      changed_fields: event.changed_fields,
    };
    const readers: { userId: number; event: WireEvent }[] = [];
    for (const userId of users) {
      const policy = await this.policies.policy(msg.tenant_id, userId);
      const [readable] = await policy.readable([delivered]);
      // A removal (the record left the user's view) is for the next pull, not a critical alert.
      if (!readable || readable.event !== event.event) continue;
      const masked = readable === delivered ? event : { ...event, payload: readable.payload ?? null, changed_fields: readable.changed_fields ? [...readable.changed_fields] : null };
      readers.push({ userId, event: masked });
    }
    return readers;
  }

  private onSync(raw: string): void {
    const msg = parseSyncMessage(raw);
    if (!msg) return this.logger.warn(`Ignored a malformed ${SYNC_EVENTS_CHANNEL} message`);
    this.nudges.push(msg.tenant_id, { head_id: msg.head_id, models: msg.models });
  }

  /** A subscriber must never throw: it runs inside the pub/sub client's dispatch loop, beside other handlers. */
  private guard(channel: string, handle: () => void): void {
    try {
      handle();
    } catch (e) {
      this.logger.error(`Handling a ${channel} message failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}
