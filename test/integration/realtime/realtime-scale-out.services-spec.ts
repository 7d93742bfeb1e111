import { randomUUID } from 'node:crypto';
import { FeedWriter } from '../../../src/modules/feed/feed-writer';
import { RealtimeService } from '../../../src/modules/realtime/realtime.service';
import { startTestApp, waitFor, type RunningApp } from '../../support/test-app';
import { connectUser, event, type TestClient } from './socket-helpers';

// Two instances share PostgreSQL and Redis; in-process pub/sub cannot span two apps.
describe('Realtime across two instances (Redis pub/sub + Socket.IO Redis adapter)', () => {
  let a: RunningApp;
  let b: RunningApp;
  const clients: TestClient[] = [];
  const connect = async (on: RunningApp, tenantId: string, userId: number): Promise<TestClient> => {
    const c = await connectUser(on.app, on.url, tenantId, userId);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    [a, b] = await Promise.all([startTestApp(), startTestApp()]);
  }, 30_000);
  afterEach(() => {
    for (const c of clients.splice(0)) c.socket.disconnect();
  });
  afterAll(async () => Promise.all([a?.close(), b?.close()]));

  it('delivers an event appended through B to a socket on A, exactly once, and nothing to another tenant', async () => {
    const tenant = randomUUID();
    const onA = await connect(a, tenant, 6);
    const onB = await connect(b, tenant, 7);
    const strangerOnA = await connect(a, randomUUID(), 6);
    const strangerOnB = await connect(b, randomUUID(), 7);
    const log = b.app.get(FeedWriter);

    const [first] = await log.append(tenant, [event({ recordId: 1, payload: { user_id: [6, 'Marc Demo'] } })]);
    await waitFor(() => onA.of('critical_event').length >= 1 && onA.of('urgent_update').length >= 1);
    expect(onA.of('critical_event')[0]).toMatchObject({ channel: 'critical_events', event: { id: first.id, record_id: 1 } });

    // If both instances relayed through the adapter, each socket would get one copy per instance.
    for (let i = 2; i <= 10; i++) await log.append(tenant, [event({ recordId: i })]);
    await waitFor(() => onA.of('critical_event').length >= 10 && onB.of('critical_event').length >= 10);
    const marker = 11;
    await log.append(tenant, [event({ recordId: marker })]);
    const hasMarker = (c: TestClient) => c.of('critical_event').some((p) => (p as { event: { record_id: number } }).event.record_id === marker);
    await waitFor(() => hasMarker(onA) && hasMarker(onB));
    const recordIds = (c: TestClient) => c.of('critical_event').map((p) => (p as { event: { record_id: number } }).event.record_id);
    expect(recordIds(onA)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(recordIds(onB)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(onA.of('urgent_update')).toHaveLength(1);
    expect(onB.of('urgent_update')).toHaveLength(0);

    expect(strangerOnA.received).toEqual([]);
    expect(strangerOnB.received).toEqual([]);
  });

  it('reaches a user on A from B through the adapter: emitToUser and disconnectUser', async () => {
    const tenant = randomUUID();
    const onA = await connect(a, tenant, 6);
    const sameIdOtherTenant = await connect(a, randomUUID(), 6);
    const realtimeOnB = b.app.get(RealtimeService);

    realtimeOnB.emitToUser(tenant, 6, 'notice', { text: 'hello from B' });
    await waitFor(() => onA.of('notice').length === 1);
    expect(onA.of('notice')).toEqual([{ text: 'hello from B' }]);

    const reason = new Promise<string>((resolve) => onA.socket.once('disconnect', resolve));
    realtimeOnB.disconnectUser(tenant, 6);
    expect(await reason).toBe('io server disconnect');
    expect(sameIdOtherTenant.socket.connected).toBe(true);
    expect(sameIdOtherTenant.received).toEqual([]);
  });
});
