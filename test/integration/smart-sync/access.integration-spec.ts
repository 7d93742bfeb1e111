import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startOdooSim, type OdooSim } from '../../odoo-sim';
import { waitFor, type RunningApp } from '../../support/test-app';
import { startCapturingApp } from '../../support/odoo-tenant';
import { connectUser, type TestClient } from '../realtime/socket-helpers';
import { pull, tokenFor, type PullBody } from './helpers';

/** Recorded from Odoo 18: the sale orders a 'Sales / User: Own Documents Only' user (demo, uid 6) cannot search. */
const VISIBILITY = JSON.parse(readFileSync(join(__dirname, '../../odoo-sim/fixtures/access/visibility.json'), 'utf8')) as {
  'sale.order': { hidden_from_demo: number[] };
};

interface V1Event {
  record_id: number;
  action: string;
}

interface Critical {
  event: { model: string; record_id: number };
}

/**
 * Odoo's access rights decide what each user reads: the simulator enforces Odoo 18's model access and record
 * rules (seed 'recorded-orders': the recorded orders and salespeople), and BridgeCore must deliver the same.
 */
describe('Reads follow Odoo access rights (integration)', () => {
  let sim: OdooSim;
  let app: RunningApp;
  let demoSocket: TestClient | undefined;
  let adminSocket: TestClient | undefined;
  const systemId = `acl-${randomUUID()}`;
  let demo: string;
  let admin: string;

  async function drain(token: string, userId: number, deviceId: string): Promise<PullBody['events']> {
    const all: PullBody['events'] = [];
    for (;;) {
      const { status, body } = await pull(app, token, { user_id: userId, device_id: deviceId, limit: 500, models_filter: ['sale.order'] });
      expect(status).toBe(200);
      all.push(...body.events);
      if (!body.has_more) return all;
    }
  }
  const orderIds = (events: PullBody['events']): number[] =>
    [...new Set(events.filter((e) => e.model === 'sale.order' && e.event !== 'unlink').map((e) => e.record_id))].sort((a, b) => a - b);

  async function v1Pull(token: string, body: Record<string, unknown>): Promise<{ events: V1Event[]; has_more: boolean }> {
    const res = await fetch(`${app.url}/api/v1/offline-sync/pull`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as { events: V1Event[]; has_more: boolean };
  }
  async function checkUpdates(token: string, since: string): Promise<{ summary: { model: string; count: number }[] }> {
    const res = await fetch(`${app.url}/api/v1/check-updates?since=${encodeURIComponent(since)}`, { headers: { Authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    return (await res.json()) as { summary: { model: string; count: number }[] };
  }

  beforeAll(async () => {
    sim = await startOdooSim({ seed: 'recorded-orders' });
    app = await startCapturingApp(sim, systemId);
    demo = await tokenFor(app, systemId, 6);
    admin = await tokenFor(app, systemId, 2);
    const all = (await sim.env().search('sale.order', [])).length;
    // Ingestion has logged every order once the administrator's snapshot holds them all.
    await waitFor(async () => orderIds(await drain(admin, 2, `probe-${randomUUID()}`)).length === all || undefined, 30_000);
  }, 60_000);
  afterAll(async () => {
    demoSocket?.socket.disconnect();
    adminSocket?.socket.disconnect();
    await app?.close();
    await sim?.close();
  });

  it('the demo user pulls exactly the orders Odoo lets him search, the administrator all', async () => {
    const searchable = (await sim.env(6).search('sale.order', [])).sort((a, b) => a - b);
    const snapshot = await drain(demo, 6, 'phone');
    const pulled = orderIds(snapshot);
    expect(pulled).toEqual(searchable);
    for (const hidden of VISIBILITY['sale.order'].hidden_from_demo) expect(pulled).not.toContain(hidden);
    const all = await drain(admin, 2, 'desk');
    expect(orderIds(all).length).toBe((await sim.env().search('sale.order', [])).length);
    // Demo's snapshot records, filtered from the administrator's, are the records as stored.
    const stored = new Map(all.map((e) => [e.record_id, e]));
    for (const e of snapshot) expect(e).toEqual(stored.get(e.record_id));
  }, 30_000);

  it('an order reassigned from demo to the administrator reaches the demo device as a removal', async () => {
    await drain(demo, 6, 'tablet');
    const [mine] = await sim.env(6).search('sale.order', [['user_id', '=', 6]], { limit: 1 });
    await sim.env().write('sale.order', [mine], { user_id: 2 });
    // Under load, the order's own first logging (a create with the values from before the write) may reach the
    // device before the write does: what counts is that the device ends without the order.
    const received: Awaited<ReturnType<typeof drain>> = [];
    await waitFor(async () => {
      received.push(...(await drain(demo, 6, 'tablet')));
      return received.some((e) => e.record_id === mine && e.event === 'unlink') || undefined;
    }, 20_000);
    const forOrder = received.filter((e) => e.model === 'sale.order' && e.record_id === mine);
    expect(forOrder.at(-1)?.event).toBe('unlink');
    expect(forOrder.at(-1)).not.toHaveProperty('payload');
    expect(forOrder.filter((e) => e.event === 'write')).toEqual([]);
  }, 30_000);

  it("pages near the head, cut from the in-process tail, give demo his orders' writes exactly as logged, page after page, and the administrator all of them", async () => {
    // Where the log is now: the end of a drained snapshot.
    let start = '';
    for (;;) {
      const { body } = await pull(app, admin, { user_id: 2, device_id: `start-${randomUUID()}`, limit: 500, models_filter: ['sale.order'], ack_token: start || undefined });
      start = body.next_sync_token;
      if (!body.has_more) break;
    }
    const mine = (await sim.env(6).search('sale.order', [['user_id', '=', 6]], { limit: 3 })).sort((a, b) => a - b);
    const others = VISIBILITY['sale.order'].hidden_from_demo.slice(0, 3);
    for (const id of [...others, ...mine]) await sim.env().write('sale.order', [id], { client_order_ref: `TAIL-${id}` });
    const stretch = async (token: string, userId: number, models = ['sale.order']) => {
      const { status, body } = await pull(app, token, { user_id: userId, device_id: `tail-${randomUUID()}`, limit: 500, models_filter: models, ack_token: start });
      expect(status).toBe(200);
      return body.events.filter((e) => e.model === 'sale.order' && e.event === 'write' && String(e.payload?.client_order_ref).startsWith('TAIL-'));
    };
    await waitFor(async () => (await stretch(admin, 2)).length === 6 || undefined, 20_000);
    // Pages cut from the tail, and pages read from the database: only the first may grow over these pulls.
    const pages = async () => {
      const text = await (await fetch(`${app.url}/metrics`)).text();
      const count = (name: string) => Number(new RegExp(`${name}\\{endpoint="pull"\\} (\\d+)`).exec(text)?.[1] ?? 0);
      return { tail: count('sync_tail_pages_total'), database: count('sync_cache_misses_total') };
    };
    const before = await pages();
    const demoFirst = await stretch(demo, 6);
    const adminAfter = await stretch(admin, 2);
    // Another page of the same stretch (its partners too): filtered again, from the events parsed for the first.
    const demoAgain = await stretch(demo, 6, ['sale.order', 'res.partner']);
    const after = await pages();
    expect(after.tail).toBeGreaterThan(before.tail);
    expect(after.database).toBe(before.database);
    expect(adminAfter.map((e) => e.record_id).sort((a, b) => a - b)).toEqual([...others, ...mine].sort((a, b) => a - b));
    // The events one user is filtered from are shared with the next: what demo receives is what was logged.
    const logged = new Map(adminAfter.map((e) => [e.id, e]));
    for (const got of [demoFirst, demoAgain]) {
      expect(got.map((e) => e.record_id).sort((a, b) => a - b)).toEqual(mine);
      for (const e of got) expect(e).toEqual(logged.get(e.id));
    }
  }, 30_000);

  it('an Offline Sync v1 pull as demo returns exactly the orders Odoo lets him search', async () => {
    const searchable = (await sim.env(6).search('sale.order', [])).sort((a, b) => a - b);
    const pulled: V1Event[] = [];
    for (let page = 0; ; page++) {
      expect(page).toBeLessThan(50);
      const body = await v1Pull(demo, { device_id: 'v1-phone', app_type: 'sales_app', models_filter: ['sale.order'], limit: 500 });
      pulled.push(...body.events);
      if (!body.has_more) break;
    }
    // v1 replays the log: the device ends up holding what was created or written and not removed since.
    const held = new Set<number>();
    for (const e of pulled) {
      if (e.action === 'unlink') held.delete(e.record_id);
      else held.add(e.record_id);
    }
    const ids = [...held].sort((a, b) => a - b);
    expect(ids).toEqual(searchable);
    for (const hidden of VISIBILITY['sale.order'].hidden_from_demo) expect(ids).not.toContain(hidden);
    // The administrator's device pulls more orders from the same log: the demo user's page was filtered, not short.
    const adminBody = await v1Pull(admin, { device_id: 'v1-desk', app_type: 'sales_app', models_filter: ['sale.order'], limit: 500 });
    expect(new Set(adminBody.events.map((e) => e.record_id)).size).toBeGreaterThan(new Set(ids).size);
  }, 30_000);

  it("check-updates as demo does not count the administrator's orders", async () => {
    const probe = `cu-${randomUUID()}`;
    await drain(admin, 2, probe);
    const since = new Date(Date.now() - 1).toISOString();
    const [partnerId] = await sim.env().search('res.partner', [], { limit: 1 });
    const adminOrder = await sim.env().create('sale.order', { partner_id: partnerId, user_id: 2 });
    const demoOrder = await sim.env().create('sale.order', { partner_id: partnerId, user_id: 6 });
    const logged = await waitFor(async () => {
      const got = await drain(admin, 2, probe);
      const ids = new Set(got.map((e) => e.record_id));
      return ids.has(adminOrder) && ids.has(demoOrder) ? got : undefined;
    }, 20_000);
    const eventsOf = (id: number) => (logged ?? []).filter((e) => e.record_id === id).length;
    const orders = async (token: string) => (await checkUpdates(token, since)).summary.find((s) => s.model === 'sale.order')?.count;
    expect(await orders(admin)).toBe(eventsOf(adminOrder) + eventsOf(demoOrder));
    expect(await orders(demo)).toBe(eventsOf(demoOrder));
  }, 30_000);

  it("the SDK's check-updates as demo counts what his pulls deliver, not the administrator's orders", async () => {
    const pending = async (token: string, deviceId: string) => {
      const res = await fetch(`${app.url}/api/v1/webhooks/check-updates?device_id=${deviceId}&app_type=sales_app`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(200);
      return ((await res.json()) as { pending_events: number }).pending_events;
    };
    const drainAll = async (token: string, userId: number, deviceId: string) => {
      const all: PullBody['events'] = [];
      for (;;) {
        const { body } = await pull(app, token, { user_id: userId, device_id: deviceId, limit: 500, app_type: 'sales_app' });
        all.push(...body.events);
        if (!body.has_more) return all;
      }
    };
    // A new device: the records of the snapshot each user would receive.
    const demoDevice = `sdk-${randomUUID()}`;
    const adminDevice = `sdk-${randomUUID()}`;
    const demoPending = await pending(demo, demoDevice);
    const adminPending = await pending(admin, adminDevice);
    expect(demoPending).toBe((await drainAll(demo, 6, demoDevice)).length);
    expect(adminPending).toBe((await drainAll(admin, 2, adminDevice)).length);
    expect(demoPending).toBeLessThan(adminPending);
    // An up-to-date device: only the events of the demo user's new order count for him.
    await waitFor(async () => ((await pending(demo, demoDevice)) === 0 ? true : (await drainAll(demo, 6, demoDevice), undefined)), 10_000);
    const [partnerId] = await sim.env().search('res.partner', [], { limit: 1 });
    const adminOrder = await sim.env().create('sale.order', { partner_id: partnerId, user_id: 2 });
    const demoOrder = await sim.env().create('sale.order', { partner_id: partnerId, user_id: 6 });
    const logged = await waitFor(async () => {
      const got = await drainAll(admin, 2, adminDevice);
      return got.some((e) => e.record_id === adminOrder) && got.some((e) => e.record_id === demoOrder) ? got : undefined;
    }, 20_000);
    const eventsOf = (id: number) => (logged ?? []).filter((e) => e.model === 'sale.order' && e.record_id === id).length;
    expect(eventsOf(adminOrder)).toBeGreaterThan(0);
    const demoNow = await pending(demo, demoDevice);
    const delivered = await drainAll(demo, 6, demoDevice);
    expect(demoNow).toBe(delivered.length);
    expect(delivered.filter((e) => e.model === 'sale.order').map((e) => e.record_id)).toEqual(Array(eventsOf(demoOrder)).fill(demoOrder));
  }, 40_000);

  it("an administrator's critical event never reaches the demo user's socket", async () => {
    demoSocket = await connectUser(app.app, app.url, systemId, 6);
    adminSocket = await connectUser(app.app, app.url, systemId, 2);
    const [partnerId] = await sim.env().search('res.partner', [], { limit: 1 });
    const adminOrder = await sim.env().create('sale.order', { partner_id: partnerId, user_id: 2 });
    const demoOrder = await sim.env().create('sale.order', { partner_id: partnerId, user_id: 6 });
    const about = (id: number) => (p: unknown) => (p as Critical).event.model === 'sale.order' && (p as Critical).event.record_id === id;
    // Both events were published before the later one reached demo, and the administrator got both.
    await waitFor(() => demoSocket?.of('critical_event').find(about(demoOrder)), 20_000);
    await waitFor(() => adminSocket?.of('critical_event').find(about(adminOrder)), 5_000);
    await waitFor(() => adminSocket?.of('critical_event').find(about(demoOrder)), 5_000);
    expect(demoSocket.of('critical_event').filter(about(adminOrder))).toEqual([]);
  }, 30_000);
});
