import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { DB } from '../../../src/database/database.module';
import type { Db } from '../../../src/database/schema';
import { AccessCatalogueLoader, FIELD_GROUPS_RELOAD_MS } from '../../../src/modules/access/catalogue.loader';
import { DEMO_UID, startOdooSim, type OdooSim } from '../../odoo-sim';
import { executeKw } from '../../odoo-sim/spec-helpers';
import { waitFor, type RunningApp } from '../../support/test-app';
import { loginAs, startCapturingApp } from '../../support/odoo-tenant';
import { connectUser, type TestClient } from '../realtime/socket-helpers';
import { pull, tokenFor, type PullBody } from './helpers';

interface Critical {
  event: { model: string; record_id: number; data: Record<string, unknown> | null };
}
interface V1Body {
  events: { record_id: number; action: string; data: Record<string, unknown> | null }[];
  data: Record<string, Record<string, unknown>[]>;
  has_more: boolean;
}

/**
 * Odoo's field-level rights (`groups=` on a field, in its definition; Odoo 18's ir.model.fields.groups is empty):
 * each user receives only the fields Odoo lets him read. The simulator holds Odoo 18's groups as recorded
 * (stock.quant.value is for "Inventory / Administrator", which the recorded demo user is not); a module changing a
 * field's groups is sim.setFieldGroups.
 */
describe('Reads carry only the fields Odoo lets each user read (integration)', () => {
  let sim: OdooSim;
  let app: RunningApp;
  const systemId = `fields-${randomUUID()}`;
  let demo: string;
  let admin: string;
  const sockets: TestClient[] = [];
  // Field groups are re-read from Odoo every FIELD_GROUPS_RELOAD_MS (the rest of the access model more often): tests
  // move BridgeCore's clock past it
  // (the process clock jumps forward; Odoo's changes are not announced to BridgeCore in any other way).
  const realNow = Date.now.bind(Date);
  let clockOffset = 0;
  // The first read after the interval reloads the access model behind the request; wait until the reload is in.
  const passReloadInterval = async (): Promise<void> => {
    const scope = app.app.get(AccessCatalogueLoader);
    const before = (await scope.rights(systemId, DEMO_UID)).key;
    clockOffset += FIELD_GROUPS_RELOAD_MS + 1_000;
    await waitFor(async () => (await scope.rights(systemId, DEMO_UID)).key !== before, 10_000);
  };

  async function drain(token: string, userId: number, deviceId: string, models: string[]): Promise<PullBody['events']> {
    const all: PullBody['events'] = [];
    for (let page = 0; ; page++) {
      expect(page).toBeLessThan(50);
      const { status, body } = await pull(app, token, { user_id: userId, device_id: deviceId, limit: 500, models_filter: models });
      expect(status).toBe(200);
      all.push(...body.events);
      if (!body.has_more) return all;
    }
  }
  /** The record's latest values as a device holds them after applying the events. */
  const latest = (events: PullBody['events'], model: string, id: number): Record<string, unknown> | undefined =>
    events.filter((e) => e.model === model && e.record_id === id && e.event !== 'unlink').reduce<Record<string, unknown> | undefined>(
      (held, e) => ({ ...held, ...e.payload }),
      undefined,
    );
  async function v1Pull(token: string, body: Record<string, unknown>): Promise<V1Body> {
    const res = await fetch(`${app.url}/api/v1/offline-sync/pull`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as V1Body;
  }
  async function groupId(fullName: string): Promise<number> {
    const [id] = (await executeKw(sim.url, 'res.groups', 'search', [[['full_name', '=', fullName]]])).result as number[];
    return id;
  }
  let quantIds: number[];

  beforeAll(async () => {
    jest.spyOn(Date, 'now').mockImplementation(() => realNow() + clockOffset);
    sim = await startOdooSim({ seed: 'recorded-orders' });
    app = await startCapturingApp(sim, systemId, {
      APP_TYPES_JSON: JSON.stringify({
        sales_app: {
          models: ['sale.order', 'sale.order.line', 'res.partner', 'product.product', 'stock.quant'],
          fields: { 'stock.quant': ['product_id', 'location_id', 'company_id', 'quantity', 'value'] },
        },
      }),
    });
    demo = await tokenFor(app, systemId, DEMO_UID);
    admin = await tokenFor(app, systemId, 2);
    quantIds = await sim.env().search('stock.quant', [['quantity', '>', 0]]);
    expect(quantIds.length).toBeGreaterThan(0);
    const orders = (await sim.env().search('sale.order', [])).length;
    await waitFor(async () => {
      const got = await drain(admin, 2, `probe-${randomUUID()}`, ['stock.quant', 'sale.order']);
      const quants = new Set(got.filter((e) => e.model === 'stock.quant').map((e) => e.record_id));
      const seen = new Set(got.filter((e) => e.model === 'sale.order').map((e) => e.record_id));
      return (quantIds.every((id) => quants.has(id)) && seen.size === orders) || undefined;
    }, 30_000);
  }, 60_000);
  afterAll(async () => {
    for (const s of sockets) s.socket.disconnect();
    await app?.close();
    await sim?.close();
    jest.restoreAllMocks();
  });

  it('the demo user ("Inventory / User") pulls stock quants without value (Odoo 18: Inventory / Administrator only), the administrator with it', async () => {
    const forDemo = await drain(demo, DEMO_UID, 'phone', ['stock.quant']);
    const forAdmin = await drain(admin, 2, 'desk', ['stock.quant']);
    const quant = quantIds[0];
    expect(latest(forAdmin, 'stock.quant', quant)).toMatchObject({ quantity: expect.any(Number), value: expect.any(Number) });
    expect(latest(forDemo, 'stock.quant', quant)).toMatchObject({ quantity: expect.any(Number) });
    expect(forDemo.filter((e) => e.payload && 'value' in e.payload)).toEqual([]);
    // Odoo agrees: demo's own read of the quants leaves value out.
    const odoo = (await executeKw(sim.url, 'stock.quant', 'search_read', [[['id', '=', quant]]], undefined, { uid: DEMO_UID, password: 'demo' })).result as object[];
    expect(odoo[0]).not.toHaveProperty('value');

    // Offline Sync v1 (snapshot pages, events and the SDK's data map) leaves it out too.
    const v1 = await v1Pull(demo, { device_id: 'v1-phone', models_filter: ['stock.quant'], limit: 1000 });
    expect(v1.events.length).toBeGreaterThan(0);
    expect(v1.events.filter((e) => e.data && 'value' in e.data)).toEqual([]);
    expect((v1.data['stock.quant'] ?? []).filter((r) => 'value' in r)).toEqual([]);
    const v1Admin = await v1Pull(admin, { device_id: 'v1-desk', models_filter: ['stock.quant'], limit: 1000 });
    expect(v1Admin.events.some((e) => e.data && 'value' in e.data)).toBe(true);
  }, 30_000);

  it('a module restricting sale.order.client_order_ref to Sales / Administrator hides it from demo (pull and socket) after the reload interval', async () => {
    await drain(demo, DEMO_UID, 'tablet', ['sale.order']);
    await drain(admin, 2, 'office', ['sale.order']);
    sim.setFieldGroups('sale.order', 'client_order_ref', 'sales_team.group_sale_manager');
    await passReloadInterval();

    const demoSocket = await connectUser(app.app, app.url, systemId, DEMO_UID);
    const adminSocket = await connectUser(app.app, app.url, systemId, 2);
    sockets.push(demoSocket, adminSocket);
    const order = await sim.env().create('sale.order', { partner_id: 10, user_id: DEMO_UID, client_order_ref: 'PO-4711' });
    const about = (p: unknown) => (p as Critical).event.model === 'sale.order' && (p as Critical).event.record_id === order;
    const toAdmin = (await waitFor(() => adminSocket.of('critical_event').find(about), 20_000)) as Critical;
    const toDemo = (await waitFor(() => demoSocket.of('critical_event').find(about), 5_000)) as Critical;
    expect(toAdmin.event.data).toMatchObject({ client_order_ref: 'PO-4711' });
    expect(toDemo.event.data).toMatchObject({ name: expect.any(String) });
    expect(toDemo.event.data).not.toHaveProperty('client_order_ref');

    const demoEvents = await drain(demo, DEMO_UID, 'tablet', ['sale.order']);
    const adminEvents = await drain(admin, 2, 'office', ['sale.order']);
    expect(latest(adminEvents, 'sale.order', order)).toMatchObject({ client_order_ref: 'PO-4711' });
    expect(latest(demoEvents, 'sale.order', order)).toBeDefined();
    expect(latest(demoEvents, 'sale.order', order)).not.toHaveProperty('client_order_ref');

    // A write that changed only the hidden field brings demo nothing new; the administrator gets the change.
    // The log's times come from the database's clock: PostgreSQL's is not moved by the test's clock jump, embedded
    // PGlite's is (it reads the process clock), so the database says when "now" is.
    const { rows } = await sql<{ now: Date }>`select now() as now`.execute(app.app.get<Db>(DB));
    const since = new Date(rows[0].now).toISOString();
    await sim.env().write('sale.order', [order], { client_order_ref: 'PO-4712' });
    await waitFor(async () => {
      const got = await drain(admin, 2, 'office', ['sale.order']);
      return got.some((e) => e.record_id === order && e.payload?.client_order_ref === 'PO-4712') || undefined;
    }, 20_000);
    expect((await drain(demo, DEMO_UID, 'tablet', ['sale.order'])).filter((e) => e.record_id === order)).toEqual([]);
    // check-updates counts what the pulls deliver.
    const orderUpdates = async (token: string): Promise<number | undefined> => {
      const res = await fetch(`${app.url}/api/v1/check-updates?since=${encodeURIComponent(since)}`, { headers: { Authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      return ((await res.json()) as { summary: { model: string; count: number }[] }).summary.find((s) => s.model === 'sale.order')?.count;
    };
    expect(await orderUpdates(admin)).toBe(1);
    expect(await orderUpdates(demo)).toBeUndefined();
  }, 40_000);

  it('an admin adding demo to Inventory / Administrator (res.users groups_id over the API) makes value appear after the reload interval', async () => {
    const before = await drain(demo, DEMO_UID, `before-${randomUUID()}`, ['stock.quant']);
    expect(latest(before, 'stock.quant', quantIds[0])).not.toHaveProperty('value');
    const res = await executeKw(sim.url, 'res.users', 'write', [[DEMO_UID], { groups_id: [[4, await groupId('Inventory / Administrator')]] }]);
    expect(res.result).toBe(true);
    // Until the access model is read again, BridgeCore still applies the groups it read.
    expect(latest(await drain(demo, DEMO_UID, `stale-${randomUUID()}`, ['stock.quant']), 'stock.quant', quantIds[0])).not.toHaveProperty('value');
    await passReloadInterval();
    const after = await drain(demo, DEMO_UID, `after-${randomUUID()}`, ['stock.quant']);
    expect(latest(after, 'stock.quant', quantIds[0])).toMatchObject({ value: expect.any(Number) });
  }, 30_000);

  it('a push or call_kw writing a field demo may not write is refused by Odoo: ODOO_ACCESS_DENIED, not retryable, nothing changed', async () => {
    sim.setFieldGroups('res.partner', 'credit_limit', 'sales_team.group_sale_manager');
    const access = await loginAs(app, systemId, 'demo');
    const [partner] = await sim.env().search('res.partner', [['is_company', '=', true]], { limit: 1 });
    const before = sim.peek('res.partner', [['id', '=', partner]], ['credit_limit', 'phone']);
    const res = await fetch(`${app.url}/api/v1/offline-sync/push`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${access}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        device_id: 'pusher',
        changes: [
          { local_id: 'limit', action: 'update', model: 'res.partner', record_id: partner, data: { credit_limit: 99999, phone: '+1 555 0100' } },
          { local_id: 'phone', action: 'update', model: 'res.partner', record_id: partner, data: { mobile: '+1 555 0199' } },
        ],
      }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { results: { local_id: string; status: string; error_code?: string; retryable?: boolean }[] };
    expect(body.results.find((r) => r.local_id === 'limit')).toMatchObject({ status: 'error', error_code: 'ODOO_ACCESS_DENIED', retryable: false });
    expect(body.results.find((r) => r.local_id === 'phone')).toMatchObject({ status: 'success' });
    expect(sim.peek('res.partner', [['id', '=', partner]], ['credit_limit', 'phone'])).toEqual(before);

    const call = await fetch(`${app.url}/api/v1/odoo/call_kw`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${access}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ model: 'res.partner', method: 'write', args: [[partner], { credit_limit: 1 }], kwargs: {} }),
    });
    expect(call.status).toBe(403);
    expect(await call.json()).toMatchObject({ code: 'ODOO_ACCESS_DENIED', details: { odoo_exception: 'odoo.exceptions.AccessError' } });
    expect(sim.peek('res.partner', [['id', '=', partner]], ['credit_limit', 'phone'])).toEqual(before);
  }, 30_000);
});
