import { randomUUID } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { register } from 'prom-client';
import { PUB_SUB, type PubSub } from '../../../src/modules/cache/cache.types';
import { FeedWriter } from '../../../src/modules/feed/feed-writer';
import { RealtimeGateway } from '../../../src/modules/realtime/realtime.gateway';
import { TokenService } from '../../../src/modules/tokens/token.service';
import { connectTenant } from '../../support/connected-tenant';
import { startTestApp, TEST_ENV, waitFor, type RunningApp } from '../../support/test-app';
import { accessToken, client, connectUser, event, open, refusal, type TestClient } from './socket-helpers';

describe('Realtime gateway /ws', () => {
  let running: RunningApp;
  let log: FeedWriter;
  const clients: TestClient[] = [];
  const track = (c: TestClient): TestClient => {
    clients.push(c);
    return c;
  };
  const connect = async (tenantId: string, userId: number): Promise<TestClient> =>
    track(await connectUser(running.app, running.url, tenantId, userId));
  const namespace = () => running.app.get(RealtimeGateway).namespace;
  const connectionsGauge = async (): Promise<number> => {
    const metric = await register.getSingleMetric('realtime_connections')?.get();
    return metric?.values[0]?.value ?? 0;
  };

  beforeAll(async () => {
    running = await startTestApp({ REALTIME_SYNC_NUDGE_INTERVAL_MS: '0' });
    log = running.app.get(FeedWriter);
  });
  afterEach(() => {
    for (const c of clients.splice(0)) c.socket.disconnect();
  });
  afterAll(async () => running.close());

  describe('handshake', () => {
    it('refuses a connection without credentials with an UNAUTHORIZED connect_error', async () => {
      const err = await refusal(track(client(running.url)));
      expect(err.message).toMatch(/^UNAUTHORIZED: Missing credentials/);
      expect(err.data?.code).toBe('UNAUTHORIZED');
    });

    it('refuses a forged, a refresh and an expired token', async () => {
      const tokens = running.app.get(TokenService);
      const refresh = tokens.signRefresh({ tenantId: 't', userId: 6, login: 'demo' }, randomUUID());
      const expired = new JwtService().sign(
        { sub: '6', tenant_id: 't', login: 'demo', type: 'access', exp: Math.floor(Date.now() / 1000) - 10 },
        { secret: TEST_ENV.JWT_ACCESS_SECRET, algorithm: 'HS256' },
      );
      const forged = new JwtService().sign(
        { sub: '6', tenant_id: 't', login: 'demo', type: 'access' },
        { secret: 'not-the-secret-0123456789', algorithm: 'HS256' },
      );
      const codes = [];
      for (const token of [forged, refresh, expired]) {
        codes.push((await refusal(track(client(running.url, { auth: { token } })))).data?.code);
      }
      expect(codes).toEqual(['INVALID_TOKEN', 'INVALID_TOKEN', 'TOKEN_EXPIRED']);
      expect(namespace().sockets.size).toBe(0);
    });

    it('accepts auth.token and an Authorization header, joining only its user and tenant rooms', async () => {
      const tenant = randomUUID();
      const viaAuth = await connect(tenant, 6);
      const viaHeader = track(
        await open(client(running.url, { extraHeaders: { Authorization: `Bearer ${await accessToken(running.app, tenant, 7)}` } })),
      );
      const rooms = (c: TestClient) => [...(namespace().sockets.get(c.socket.id as string)?.rooms ?? [])].sort();
      expect(rooms(viaAuth)).toEqual([viaAuth.socket.id, `/ws/${tenant}`, `/ws/${tenant}/6`].sort());
      expect(rooms(viaHeader)).toEqual([viaHeader.socket.id, `/ws/${tenant}`, `/ws/${tenant}/7`].sort());
    });
  });

  describe('delivery', () => {
    it('delivers an appended high-priority event to its tenant as critical_event, urgent_update to the assignee, and a sync_event', async () => {
      const tenant = randomUUID();
      const other = randomUUID();
      const assignee = await connect(tenant, 6);
      const colleague = await connect(tenant, 7);
      const stranger = await connect(other, 6);

      const [stored] = await log.append(tenant, [
        event({ model: 'sale.order', recordId: 41, payload: { name: 'S00041', user_id: [6, 'Marc Demo'] }, changedFields: ['name'] }),
      ]);

      await waitFor(() => assignee.of('critical_event').length === 1 && assignee.of('urgent_update').length === 1);
      expect(assignee.of('critical_event')[0]).toEqual({
        channel: 'critical_events',
        priority: 'high',
        event: {
          id: stored.id,
          event_type: 'create',
          model: 'sale.order',
          record_id: 41,
          data: { name: 'S00041', user_id: [6, 'Marc Demo'] },
          timestamp: stored.timestamp.toISOString(),
          changed_fields: ['name'],
          category: 'business',
          user_id: 2,
        },
      });
      expect(assignee.of('urgent_update')[0]).toMatchObject({ channel: 'urgent_updates', event: { id: stored.id } });
      await waitFor(() => assignee.of('sync_event').length === 1 && colleague.of('sync_event').length === 1);
      expect(assignee.of('sync_event')[0]).toEqual({
        channel: 'sync_events',
        event: { head_id: stored.id, models: ['sale.order'] },
        action: 'trigger_sync',
      });
      await waitFor(() => colleague.of('critical_event').length === 1);
      expect(colleague.of('urgent_update')).toEqual([]);

      // The other tenant's socket sees nothing, even for its own events published after ours.
      await log.append(other, [event({ priority: 'high' })]);
      // Two pub/sub messages: wait for both before checking that nothing else came.
      await waitFor(() => stranger.of('critical_event').length === 1 && stranger.of('sync_event').length === 1);
      expect(stranger.received.map((r) => r.event).sort()).toEqual(['critical_event', 'sync_event']);
      expect(colleague.of('critical_event')).toHaveLength(1);
    });

    it('sends sync_event but no critical_event for a medium-priority append', async () => {
      const tenant = randomUUID();
      const c = await connect(tenant, 6);
      await log.append(tenant, [event({ priority: 'medium', payload: { user_id: 6 } })]);
      await waitFor(() => c.of('sync_event').length === 1);
      // A marker high-priority event arrives after any critical_event the first append could have caused.
      await log.append(tenant, [event({ priority: 'high', recordId: 999 })]);
      await waitFor(() => c.of('critical_event').length === 1);
      expect(c.of('critical_event')).toMatchObject([{ event: { record_id: 999 } }]);
    });

    it('ignores join/subscribe messages for another room', async () => {
      const tenant = randomUUID();
      const victim = await connect(tenant, 6);
      const attacker = await connect(randomUUID(), 6);
      for (const name of ['join', 'subscribe', 'joinRoom']) {
        attacker.socket.emit(name, `/ws/${tenant}/6`);
        attacker.socket.emit(name, { room: `/ws/${tenant}` });
      }
      await log.append(tenant, [event({ payload: { user_id: 6 } })]);
      await waitFor(() => victim.of('urgent_update').length === 1);
      // Rooms are checked server-side: the messages above changed nothing.
      const rooms = [...(namespace().sockets.get(attacker.socket.id as string)?.rooms ?? [])];
      expect(rooms.some((r) => r.includes(tenant))).toBe(false);
      expect(attacker.received).toEqual([]);
    });

    it('drops a malformed pub/sub message and keeps delivering', async () => {
      const tenant = randomUUID();
      const c = await connect(tenant, 6);
      const pubsub = running.app.get<PubSub>(PUB_SUB);
      await pubsub.publish('critical_events', '{not json');
      await pubsub.publish('critical_events', JSON.stringify({ tenant_id: tenant, event: { id: 'x' } }));
      await log.append(tenant, [event()]);
      await waitFor(() => c.of('critical_event').length === 1);
      expect(c.of('critical_event')).toHaveLength(1);
    });
  });

  describe('connection lifecycle', () => {
    it('leaks nothing over 200 connect/disconnect cycles', async () => {
      const tenant = randomUUID();
      await waitFor(() => namespace().sockets.size === 0); // earlier tests' sockets are gone
      for (let batch = 0; batch < 10; batch++) {
        const sockets = await Promise.all(Array.from({ length: 20 }, (_, i) => connectUser(running.app, running.url, tenant, i + 1)));
        if (batch === 0) expect(await connectionsGauge()).toBe(20);
        sockets.forEach((c) => c.socket.disconnect());
      }
      // The engine drops its client only once the transport has closed, after the namespace socket: wait for it too.
      await waitFor(
        async () => namespace().sockets.size === 0 && namespace().server.engine.clientsCount === 0 && (await connectionsGauge()) === 0,
      );
      expect(namespace().adapter.rooms.size).toBe(0);
      expect(namespace().server.engine.clientsCount).toBe(0);
      const text = await (await fetch(`${running.url}/metrics`)).text();
      expect(text).toMatch(/^realtime_connections 0$/m);
    }, 30_000);

    it('rejoins its rooms after a dropped connection and receives each event once', async () => {
      const tenant = randomUUID();
      const c = track(client(running.url, { auth: { token: await accessToken(running.app, tenant, 6) }, reconnection: true, reconnectionDelay: 50 }));
      await open(c);
      const firstId = c.socket.id as string;
      namespace().sockets.get(firstId)?.conn.close(); // the network drops
      await waitFor(() => c.socket.connected && c.socket.id !== firstId);
      expect(namespace().sockets.size).toBe(1);
      expect(namespace().adapter.rooms.get(`/ws/${tenant}/6`)?.size).toBe(1);
      await log.append(tenant, [event()]);
      await waitFor(() => c.of('critical_event').length === 1);
      await log.append(tenant, [event({ recordId: 777 })]);
      await waitFor(() => c.of('critical_event').length === 2);
      expect(c.of('critical_event')).toHaveLength(2);
    });

    it('disconnects a socket when its access token expires', async () => {
      const tenant = randomUUID();
      await connectTenant(running.app, tenant);
      const shortLived = new JwtService().sign(
        { sub: '6', tenant_id: tenant, login: 'demo', type: 'access' },
        { secret: TEST_ENV.JWT_ACCESS_SECRET, algorithm: 'HS256', expiresIn: 2 },
      );
      const c = track(await open(client(running.url, { auth: { token: shortLived } })));
      await waitFor(() => c.socket.disconnected, 5000);
      expect(c.of('token_expired')).toEqual([{ code: 'TOKEN_EXPIRED', message: expect.stringContaining('expired') }]);
    });
  });
});

describe('Realtime gateway shutdown', () => {
  it('closes the sockets when the app closes', async () => {
    const running = await startTestApp();
    const c = await connectUser(running.app, running.url, randomUUID(), 6);
    const reason = new Promise<string>((resolve) => c.socket.once('disconnect', resolve));
    await running.close();
    expect(await reason).toBe('transport close');
  }, 20_000);
});
