import { Inject, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { OnGatewayConnection, OnGatewayInit, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import type { DefaultEventsMap, Namespace, Socket } from 'socket.io';
import { ValidationFailed } from '../../common/errors';
import { PUB_SUB, type PubSub, type Unsubscribe } from '../cache/cache.types';
import { CRITICAL_EVENTS_CHANNEL, SYNC_EVENTS_CHANNEL } from '../feed/event.types';
import { EventLogRepository } from '../feed/event-log.repository';
import { parseCriticalMessage, parseSyncMessage } from '../realtime/realtime.routing';
import { connectError } from '../realtime/socket-auth';
import { OperatorGuard } from '../systems/operator.guard';
import { OperatorOnly } from '../systems/systems.errors';
import { SystemsService } from '../systems/systems.service';
import { ConsoleRepository } from './console.repository';

interface LiveData {
  system: string;
}
type LiveNamespace = Namespace<DefaultEventsMap, DefaultEventsMap, DefaultEventsMap, LiveData>;
type LiveSocket = Socket<DefaultEventsMap, DefaultEventsMap, DefaultEventsMap, LiveData>;

/** The events one read sends at most; a burst beyond it is summarised by the ids the page shows. */
const READ_LIMIT = 100;

const room = (tenantId: string): string => `console/${encodeURIComponent(tenantId)}`;

/**
 * The console's live view, namespace `/console-live` of the application's Socket.IO server: operators only (the
 * console cookie or X-Admin-Key, as OperatorGuard checks them; an app token is refused), one tenant per socket
 * (`auth: {system}`). Every instance follows the log's pub/sub channels and emits to its own sockets: `event` for
 * each logged event (read from the log after a `sync_events` nudge, only while an operator watches the tenant) and
 * `critical_event` for each critical one.
 */
@WebSocketGateway({ namespace: '/console-live', serveClient: false, maxHttpBufferSize: 1024 })
export class ConsoleLiveGateway implements OnGatewayInit<LiveNamespace>, OnGatewayConnection<LiveSocket>, OnModuleInit, OnModuleDestroy {
  @WebSocketServer() namespace!: LiveNamespace;
  private readonly logger = new Logger(ConsoleLiveGateway.name);
  private readonly unsubscribes: Unsubscribe[] = [];
  /** Per watched tenant: the last event id sent, and whether a read is running (another nudge waits for it). */
  private readonly tenants = new Map<string, { sent: number; reading: boolean; again: boolean }>();

  constructor(
    private readonly guard: OperatorGuard,
    private readonly systems: SystemsService,
    private readonly repository: ConsoleRepository,
    private readonly log: EventLogRepository,
    @Inject(PUB_SUB) private readonly pubsub: PubSub,
  ) {}

  async onModuleInit(): Promise<void> {
    this.unsubscribes.push(
      await this.pubsub.subscribe(SYNC_EVENTS_CHANNEL, (raw) => {
        const msg = parseSyncMessage(raw);
        if (msg && this.watched(msg.tenant_id)) this.follow(msg.tenant_id);
      }),
      await this.pubsub.subscribe(CRITICAL_EVENTS_CHANNEL, (raw) => {
        const msg = parseCriticalMessage(raw);
        if (!msg || !this.watched(msg.tenant_id)) return;
        const { id, model, record_id, event, timestamp, priority } = msg.event;
        this.namespace.local.to(room(msg.tenant_id)).emit('critical_event', { id, model, record_id, event, timestamp, priority });
      }),
    );
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all(this.unsubscribes.splice(0).map((unsubscribe) => unsubscribe()));
  }

  afterInit(nsp: LiveNamespace): void {
    nsp.use((socket, next) => {
      const { auth, headers } = socket.handshake;
      try {
        // An app's token in the handshake's auth (how apps open /ws) is refused like one in a header.
        if (typeof auth?.token === 'string' && auth.token !== '') throw new OperatorOnly();
        this.guard.check({ headers, method: 'GET' });
        if (typeof auth?.system !== 'string' || auth.system === '') {
          throw new ValidationFailed([{ field: 'system', errors: ['auth.system must name the system to watch'] }]);
        }
      } catch (e) {
        next(connectError(e));
        return;
      }
      const system = auth.system as string;
      this.systems.get(system).then(
        () => {
          socket.data.system = system;
          next();
        },
        (e: unknown) => next(connectError(e)),
      );
    });
  }

  async handleConnection(socket: LiveSocket): Promise<void> {
    const tenantId = socket.data.system;
    await socket.join(room(tenantId));
    if (!this.tenants.has(tenantId)) this.tenants.set(tenantId, { sent: await this.repository.head(tenantId), reading: false, again: false });
  }

  private watched(tenantId: string): boolean {
    if ((this.namespace.adapter.rooms.get(room(tenantId))?.size ?? 0) > 0) return true;
    this.tenants.delete(tenantId);
    return false;
  }

  /** Sends the tenant's events logged since the last ones sent; one read at a time per tenant. */
  private follow(tenantId: string): void {
    const state = this.tenants.get(tenantId);
    if (!state) return;
    if (state.reading) {
      state.again = true;
      return;
    }
    state.reading = true;
    this.log.readAfter(tenantId, state.sent, { models: '*', limit: READ_LIMIT }).then(
      (events) => {
        for (const e of events) {
          const shown = { id: e.id, model: e.model, record_id: e.recordId, event: e.event, timestamp: e.timestamp.toISOString(), priority: e.priority };
          this.namespace.local.to(room(tenantId)).emit('event', shown);
        }
        state.sent = events.at(-1)?.id ?? state.sent;
        state.reading = false;
        if (state.again || events.length === READ_LIMIT) {
          state.again = false;
          this.follow(tenantId);
        }
      },
      (e: unknown) => {
        state.reading = false;
        this.logger.warn(`Console live view could not read the log of ${tenantId}: ${(e as Error).message}`);
      },
    );
  }
}
