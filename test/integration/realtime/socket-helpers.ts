import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import type { NewEvent } from '../../../src/modules/feed/event.types';
import { accessTokenOf } from '../../support/connected-tenant';

/** A socket.io-client on `/ws` that records what it receives. */
export interface TestClient {
  socket: Socket;
  received: Array<{ event: string; payload: unknown }>;
  of(event: string): unknown[];
}

export function client(baseUrl: string, options: Partial<ManagerOptions & SocketOptions> = {}): TestClient {
  const socket = io(`${baseUrl}/ws`, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    autoConnect: false,
    ...options,
  });
  const received: TestClient['received'] = [];
  socket.onAny((event: string, payload: unknown) => received.push({ event, payload }));
  return { socket, received, of: (event) => received.filter((r) => r.event === event).map((r) => r.payload) };
}

/** Connects, resolving on `connect` and rejecting with the `connect_error`. */
export function open(c: TestClient): Promise<TestClient> {
  return new Promise((resolve, reject) => {
    c.socket.once('connect', () => resolve(c));
    c.socket.once('connect_error', (e) => reject(e));
    c.socket.connect();
  });
}

/** The error a refused handshake reports. */
export function refusal(c: TestClient): Promise<Error & { data?: { code: string; message: string } }> {
  return new Promise((resolve, reject) => {
    c.socket.once('connect', () => reject(new Error('connected, expected a refusal')));
    c.socket.once('connect_error', (e) => resolve(e));
    c.socket.connect();
  });
}

/** An access token of a user of the tenant, connected to an Odoo first when it is not (see connectTenant). */
export function accessToken(app: INestApplication, tenantId: string, userId: number): Promise<string> {
  return accessTokenOf(app, tenantId, userId);
}

export async function connectUser(app: INestApplication, url: string, tenantId: string, userId: number): Promise<TestClient> {
  return open(client(url, { auth: { token: await accessToken(app, tenantId, userId) } }));
}

export function event(over: Partial<NewEvent> = {}): NewEvent {
  return {
    model: 'sale.order',
    recordId: Math.floor(Math.random() * 1e6) + 1,
    event: 'create',
    timestamp: new Date(),
    payload: { name: `S${randomUUID().slice(0, 6)}`, user_id: false },
    changedFields: null,
    priority: 'high',
    category: 'business',
    userId: 2,
    source: 'update_webhook',
    sourceEventId: null,
    ...over,
  };
}
