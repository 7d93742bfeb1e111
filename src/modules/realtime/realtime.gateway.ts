import { Logger } from '@nestjs/common';
import {
  OnGatewayConnection,
  OnGatewayDisconnect,
  OnGatewayInit,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import { createAdapter } from '@socket.io/redis-adapter';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { Counter, Gauge } from 'prom-client';
import type { DefaultEventsMap, Namespace, Socket } from 'socket.io';
import { AuthGuard } from '../auth/auth.guard';
import type { AuthUser } from '../auth/auth.types';
import { RedisService } from '../cache/redis.service';
import { METRICS } from '../metrics/metrics';
import { tenantRoom, userRoom } from './realtime.rooms';
import type { Delivery } from './realtime.types';
import { accessTokenExpiry, connectError, handshakeHeaders } from './socket-auth';

export interface SocketData {
  user: AuthUser;
  /** Epoch ms when the handshake's access token expires (JWT auth only). */
  expiresAt?: number;
}

export type RealtimeNamespace = Namespace<DefaultEventsMap, DefaultEventsMap, DefaultEventsMap, SocketData>;
type RealtimeSocket = Socket<DefaultEventsMap, DefaultEventsMap, DefaultEventsMap, SocketData>;

/** setTimeout's ceiling (~24.8 days); longer token lifetimes are re-armed in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Socket.IO namespace `/ws`. A handshake without a valid access token (or Odoo session) is refused by the
 * namespace middleware, so the client gets `connect_error`. An accepted socket joins its user's room and its
 * tenant's room and nothing else: there are no client → server handlers, so no message can join another room.
 */
@WebSocketGateway({ namespace: '/ws', serveClient: false, maxHttpBufferSize: 16 * 1024 })
export class RealtimeGateway implements OnGatewayInit<RealtimeNamespace>, OnGatewayConnection<RealtimeSocket>, OnGatewayDisconnect<RealtimeSocket> {
  @WebSocketServer() namespace!: RealtimeNamespace;
  private readonly logger = new Logger(RealtimeGateway.name);

  constructor(
    private readonly auth: AuthGuard,
    private readonly redis: RedisService,
    @InjectMetric(METRICS.realtimeConnections) private readonly connections: Gauge<string>,
    @InjectMetric(METRICS.realtimeMessages) private readonly messages: Counter<string>,
  ) {}

  afterInit(nsp: RealtimeNamespace): void {
    if (this.redis.enabled) {
      // Room-wide emits from any instance (emitToRoom, disconnectRoom) reach the sockets of every instance.
      nsp.server.adapter(createAdapter(this.redis.publisher(), this.redis.duplicate(), { key: `${this.redis.prefix}socket.io` }));
    }
    nsp.use((socket, next) => {
      const headers = handshakeHeaders(socket.handshake);
      this.auth.authenticate(headers, socket.handshake.address).then(
        (user) => {
          socket.data.user = user;
          socket.data.expiresAt = accessTokenExpiry(headers);
          next();
        },
        (e: unknown) => {
          const err = connectError(e);
          if (err.data.code === 'INTERNAL_ERROR') this.logger.error(`Socket authentication failed: ${String(e)}`);
          next(err);
        },
      );
    });
  }

  handleConnection(socket: RealtimeSocket): void {
    const { user, expiresAt } = socket.data;
    void socket.join([userRoom(user.tenantId, user.userId), tenantRoom(user.tenantId)]);
    this.connections.inc();
    if (expiresAt !== undefined) this.disconnectAt(socket, expiresAt);
  }

  handleDisconnect(): void {
    this.connections.dec();
  }

  /** Emits to the sockets of a room connected to THIS instance; returns how many received it. */
  emitLocal(delivery: Delivery): number {
    const size = this.namespace.adapter.rooms.get(delivery.room)?.size ?? 0;
    if (size === 0) return 0;
    this.namespace.local.to(delivery.room).emit(delivery.event, delivery.payload);
    this.messages.inc({ event: delivery.event }, size);
    return size;
  }

  /** The users of a tenant with a socket connected to THIS instance. */
  localUsers(tenantId: string): number[] {
    const prefix = `${tenantRoom(tenantId)}/`;
    const users: number[] = [];
    for (const [room, sockets] of this.namespace.adapter.rooms) {
      if (sockets.size > 0 && room.startsWith(prefix)) users.push(Number(room.slice(prefix.length)));
    }
    return users.filter((id) => Number.isSafeInteger(id));
  }

  /** Emits to a room on every instance (through the Redis adapter when configured). */
  emitToRoom(room: string, event: string, payload: unknown): void {
    this.namespace.to(room).emit(event, payload);
  }

  /** Disconnects a room's sockets on every instance. */
  disconnectRoom(room: string): void {
    this.namespace.in(room).disconnectSockets(true);
  }

  private disconnectAt(socket: RealtimeSocket, expiresAt: number): void {
    let timer: NodeJS.Timeout | undefined;
    const check = (): void => {
      const left = expiresAt - Date.now();
      if (left > 0) {
        timer = setTimeout(check, Math.min(left, MAX_TIMER_MS));
        timer.unref();
        return;
      }
      // The client must reconnect with a fresh access token; tell it why before closing.
      socket.emit('token_expired', { code: 'TOKEN_EXPIRED', message: 'Access token expired: reconnect with a new one' });
      socket.disconnect(true);
    };
    check();
    socket.once('disconnect', () => clearTimeout(timer));
  }
}
