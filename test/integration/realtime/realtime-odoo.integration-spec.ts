import { randomUUID } from 'node:crypto';
import { startOdooSim, type OdooSim } from '../../odoo-sim';
import { startTestApp, waitFor, type RunningApp } from '../../support/test-app';
import { connectSystem } from '../../support/odoo-tenant';
import { RealtimeGateway } from '../../../src/modules/realtime/realtime.gateway';
import { client, connectUser, open, refusal, type TestClient } from './socket-helpers';

interface CriticalPayload {
  channel: string;
  priority: string;
  event: { id: number; event_type: string; model: string; record_id: number; data: Record<string, unknown> | null };
}

/** End to end: a change made in Odoo (the simulator) reaches a socket through ingestion and the event log. */
describe('Realtime from Odoo', () => {
  let sim: OdooSim;
  let running: RunningApp;
  let socket: TestClient | undefined;
  const systemId = `rt-${randomUUID()}`;

  beforeAll(async () => {
    sim = await startOdooSim();
    // The backfill copies the seed's history meanwhile, as on any newly connected system: the order created in the
    // first moments after connect must still arrive as news, not as history.
    running = await startTestApp({ INGEST: 'on', POLL_INTERVAL_MS: '100', POLL_MAX_INTERVAL_MS: '800', ODOO_RETRY_DELAYS_MS: 'none' });
    await connectSystem(running, sim, systemId);
  }, 30_000);
  afterAll(async () => {
    socket?.socket.disconnect();
    await running?.close();
    await sim?.close();
  });

  it('delivers critical_event and urgent_update for a high-priority sale order created in Odoo', async () => {
    socket = await connectUser(running.app, running.url, systemId, 6); // demo, uid 6
    const [partnerId] = await sim.env().search('res.partner', [], { limit: 1 });
    const orderId = await sim.env().create('sale.order', { partner_id: partnerId, user_id: 6 });

    const forOrder = (p: unknown) => {
      const e = (p as CriticalPayload).event;
      return e.model === 'sale.order' && e.record_id === orderId;
    };
    const critical = (await waitFor(() => socket?.of('critical_event').find(forOrder), 20_000)) as CriticalPayload;
    expect(critical).toMatchObject({ channel: 'critical_events', priority: 'high', event: { event_type: 'create' } });
    expect(critical.event.id).toBeGreaterThan(0);
    const urgent = await waitFor(() => socket?.of('urgent_update').find(forOrder), 5_000);
    expect(urgent).toMatchObject({ channel: 'urgent_updates', event: { id: critical.event.id } });
    await waitFor(() => socket?.of('sync_event').length, 5_000);
  }, 30_000);

  it('accepts an Odoo session (X-Session-Id + X-Tenant-Id) and refuses an unknown one', async () => {
    const res = await fetch(`${sim.url}/web/session/authenticate`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', method: 'call', params: { db: 'demo', login: 'demo', password: 'demo' } }),
    });
    const sessionId = /session_id=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
    expect(sessionId).toBeTruthy();

    const viaSession = await open(client(running.url, { extraHeaders: { 'X-Session-Id': sessionId as string, 'X-Tenant-Id': systemId } }));
    try {
      const rooms = running.app.get(RealtimeGateway).namespace.sockets.get(viaSession.socket.id as string)?.rooms;
      expect([...(rooms ?? [])]).toEqual(expect.arrayContaining([`/ws/${systemId}/6`, `/ws/${systemId}`]));
    } finally {
      viaSession.socket.disconnect();
    }
    const refused = await refusal(client(running.url, { extraHeaders: { 'X-Session-Id': 'not-a-session', 'X-Tenant-Id': systemId } }));
    expect(refused.data?.code).toBe('INVALID_SESSION');
  }, 30_000);
});
