import { randomUUID } from 'node:crypto';
import { ADMIN, DEMO, REAL_ODOO_DB, REAL_ODOO_URL, call as odoo } from '../../scripts/real-odoo/odoo-rpc';
import { startTestApp, TEST_ENV, waitFor, waitForFirstCapture, type RunningApp } from '../support/test-app';
import { TcpProxy } from './tcp-proxy';

/**
 * What a user of BridgeCore sees when BridgeCore is connected to a real Odoo (REAL_ODOO_URL, db REAL_ODOO_DB):
 * `npm run test:real-odoo`. Odoo is reached through a TCP proxy the crash scenario cuts. Every record the suite
 * works on is its own (names carry a unique tag); only the users admin (2) and demo (6) are Odoo's demo data.
 */

const TAG = `rsuite-${Date.now().toString(36)}`;
const SYSTEM = `real-${randomUUID()}`;

interface Json {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

describe(`BridgeCore against the real Odoo at ${REAL_ODOO_URL}`, () => {
  let app: RunningApp;
  let proxy: TcpProxy;
  const tokens: Record<string, string> = {};
  const ids: Record<string, number> = {};

  async function api(method: string, path: string, body?: unknown, token?: string): Promise<Json> {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (token) headers.Authorization = `Bearer ${token}`;
    if (path.startsWith('/systems')) headers['X-Admin-Key'] = TEST_ENV.ADMIN_API_KEY;
    const res = await fetch(`${app.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {}, headers: res.headers };
  }

  async function login(username: string, password: string): Promise<Json> {
    return api('POST', '/api/v1/auth/login', { username, password, system_id: SYSTEM });
  }

  interface Event {
    model: string;
    record_id: number;
    event: string;
    payload?: Record<string, unknown>;
  }

  /** Every event a new device of `user` drains for `models`, page after page, acking each. */
  async function drain(user: string, uid: number, models: string[], appType?: string): Promise<Event[]> {
    const device = `dev-${randomUUID()}`;
    const events: Event[] = [];
    let ack: unknown;
    for (let page = 0; page < 200; page++) {
      const res = await api('POST', '/api/v2/sync/pull', { user_id: uid, device_id: device, limit: 500, models_filter: models, ...(appType ? { app_type: appType } : {}), ...(ack ? { ack_token: ack } : {}) }, tokens[user]);
      expect(res.status).toBe(200);
      events.push(...(res.body.events as Event[]));
      ack = res.body.next_sync_token;
      if (!res.body.has_more) return events;
    }
    throw new Error('pull never ended (200 pages)');
  }

  /** The record ids of `model` a user's new device ends up holding (created or updated, not deleted since). */
  function holding(events: Event[], model: string): Set<number> {
    const held = new Set<number>();
    for (const e of events.filter((x) => x.model === model)) {
      if (e.event === 'unlink') held.delete(e.record_id);
      else held.add(e.record_id);
    }
    return held;
  }

  async function push(user: string, changes: unknown[], device = `push-${randomUUID()}`): Promise<Json> {
    return api('POST', '/api/v1/offline-sync/push', { device_id: device, changes }, tokens[user]);
  }

  const adminOdoo = <T>(model: string, method: string, args: unknown[], kwargs?: Record<string, unknown>): Promise<T> =>
    odoo<T>(ADMIN, model, method, args, kwargs);

  beforeAll(async () => {
    const up = await fetch(`${REAL_ODOO_URL}/web/login`).catch(() => undefined);
    if (!up || up.status !== 200) throw new Error(`no Odoo answers at REAL_ODOO_URL=${REAL_ODOO_URL}: start one (../shared/real-odoo/README.md)`);
    proxy = new TcpProxy(new URL(REAL_ODOO_URL));
    await proxy.start();

    ids.customer = await adminOdoo<number>('res.partner', 'create', [{ name: `${TAG} customer`, is_company: true }]);
    ids.product = await adminOdoo<number>('product.product', 'create', [{ name: `${TAG} product`, list_price: 10 }]);
    ids.doomed = await adminOdoo<number>('res.partner', 'create', [{ name: `${TAG} doomed` }]);
    ids.demoOrder = await odoo<number>(DEMO, 'sale.order', 'create', [{ partner_id: ids.customer, client_order_ref: TAG }]);
    ids.adminOrder = await adminOdoo<number>('sale.order', 'create', [{ partner_id: ids.customer, client_order_ref: TAG, user_id: ADMIN.uid }]);

    app = await startTestApp({
      INGEST: 'on',
      POLL_INTERVAL_MS: '500',
      POLL_MAX_INTERVAL_MS: '2000',
      // A warehouse app that carries the stock valuation, which Odoo refuses a salesperson.
      APP_TYPES_JSON: JSON.stringify({
        sales_app: ['sale.order', 'sale.order.line', 'res.partner', 'product.product'],
        warehouse_app: { models: ['stock.quant'], fields: { 'stock.quant': ['product_id', 'location_id', 'quantity', 'value'] } },
      }),
    });
    const connect = await api('POST', `/systems/${SYSTEM}/connect`, {
      url: proxy.url,
      database: REAL_ODOO_DB,
      username: 'admin',
      password: 'admin',
      system_type: 'odoo',
      options: { tracked_models: ['res.partner', 'sale.order', 'sale.order.line', 'stock.quant', 'product.product'] },
    });
    expect(connect.status).toBe(200);
    await waitForFirstCapture(app, SYSTEM, 120_000);
    for (const [user, password] of [['admin', 'admin'], ['demo', 'demo']]) {
      const res = await login(user, password);
      expect(res.status).toBe(200);
      tokens[user] = res.body.access_token as string;
    }
  }, 240_000);

  afterAll(async () => {
    await app?.close();
    await proxy?.close();
  });

  it('logs a user in with his Odoo password and refuses a wrong one with SPEC §5 body', async () => {
    const ok = await login('demo', 'demo');
    expect(ok.status).toBe(200);
    expect((ok.body.user as { odoo_user_id: number }).odoo_user_id).toBe(DEMO.uid);
    const wrong = await login('demo', 'not-the-password');
    expect(wrong.status).toBe(401);
    expect(Object.keys(wrong.body).sort()).toEqual(['code', 'details', 'error', 'message']);
  });

  it("a salesperson's device holds his own order and not another salesperson's; admin's holds both", async () => {
    const demoOrders: Set<number> = await waitFor(async () => {
      const held = holding(await drain('demo', DEMO.uid, ['sale.order']), 'sale.order');
      return held.has(ids.demoOrder) ? held : undefined;
    }, 60_000).then((held) => held ?? new Set<number>());
    expect(demoOrders.has(ids.adminOrder)).toBe(false);
    const adminOrders = holding(await drain('admin', ADMIN.uid, ['sale.order']), 'sale.order');
    expect([adminOrders.has(ids.demoOrder), adminOrders.has(ids.adminOrder)]).toEqual([true, true]);
    // Exactly what Odoo itself lets demo search.
    const odooSees = await odoo<number[]>(DEMO, 'sale.order', 'search', [[['client_order_ref', '=', TAG]]]);
    expect([...demoOrders].filter((id) => [ids.demoOrder, ids.adminOrder].includes(id))).toEqual(odooSees);
  });

  it('a field Odoo refuses a user (stock.quant.value for a salesperson) never reaches his device', async () => {
    const demoFields = await odoo<Record<string, unknown>>(DEMO, 'stock.quant', 'fields_get', [], { attributes: ['type'] });
    const adminFields = await adminOdoo<Record<string, unknown>>('stock.quant', 'fields_get', [], { attributes: ['type'] });
    const refused = Object.keys(adminFields).filter((f) => !(f in demoFields));
    expect(refused).toContain('value');
    // The app carries the field: an administrator's device receives it.
    const adminEvents = await drain('admin', ADMIN.uid, ['stock.quant'], 'warehouse_app');
    expect(adminEvents.some((e) => e.payload && 'value' in e.payload)).toBe(true);
    const events = await drain('demo', DEMO.uid, ['stock.quant'], 'warehouse_app');
    expect(events.length).toBeGreaterThan(0);
    const delivered = new Set(events.flatMap((e) => Object.keys(e.payload ?? {})));
    expect(refused.filter((f) => delivered.has(f))).toEqual([]);
  });

  it('a record deleted in Odoo is deleted on the devices', async () => {
    await waitFor(async () => holding(await drain('admin', ADMIN.uid, ['res.partner']), 'res.partner').has(ids.doomed), 60_000);
    await adminOdoo('res.partner', 'unlink', [[ids.doomed]]);
    await waitFor(async () => !holding(await drain('admin', ADMIN.uid, ['res.partner']), 'res.partner').has(ids.doomed), 120_000);
  });

  it("a rights change in Odoo changes what the user's device holds", async () => {
    const rep = `${TAG}-rep`;
    const groupId = async (xmlid: string): Promise<number> => {
      const [module, name] = xmlid.split('.');
      const [row] = await adminOdoo<Array<{ res_id: number }>>('ir.model.data', 'search_read', [[['module', '=', module], ['name', '=', name]]], { fields: ['res_id'] });
      return row.res_id;
    };
    const own = await groupId('sales_team.group_sale_salesman');
    const all = await groupId('sales_team.group_sale_salesman_all_leads');
    const uid = await adminOdoo<number>('res.users', 'create', [{ name: `${TAG} rep`, login: rep, password: `${rep}-pw`, groups_id: [[6, 0, [own]]] }]);
    const res = await login(rep, `${rep}-pw`);
    expect(res.status).toBe(200);
    tokens.rep = res.body.access_token as string;
    const theirs = async (): Promise<boolean[]> => {
      const held = holding(await drain('rep', uid, ['sale.order']), 'sale.order');
      return [held.has(ids.demoOrder), held.has(ids.adminOrder)];
    };
    expect(await theirs()).toEqual([false, false]);
    await adminOdoo('res.users', 'write', [[uid], { groups_id: [[4, all]] }]);
    await waitFor(async () => (await theirs()).every(Boolean), 120_000);
  });

  it('a pushed partner, order and two lines all land in Odoo, once each, whatever the retries', async () => {
    const changes = [
      { local_id: 'line-a', action: 'create', model: 'sale.order.line', data: { order_id: { $local: 'order' }, product_id: ids.product, product_uom_qty: 2 } },
      { local_id: 'line-b', action: 'create', model: 'sale.order.line', data: { order_id: { $local: 'order' }, product_id: ids.product, product_uom_qty: 3 } },
      { local_id: 'order', action: 'create', model: 'sale.order', data: { partner_id: { $local: 'cust' }, client_order_ref: `${TAG}-push` } },
      { local_id: 'cust', action: 'create', model: 'res.partner', data: { name: `${TAG} pushed customer` } },
    ];
    const device = `push-${randomUUID()}`;
    const answer = await waitFor(async () => {
      const res = await push('demo', changes, device);
      return res.status === 200 && res.body.succeeded === changes.length ? res : undefined;
    }, 60_000);
    const orderId = (answer?.body.id_mapping as Record<string, number>).order;
    const lines = await adminOdoo<Array<{ product_uom_qty: number }>>('sale.order.line', 'search_read', [[['order_id', '=', orderId]]], { fields: ['product_uom_qty'], order: 'id' });
    expect(lines.map((l) => l.product_uom_qty).sort()).toEqual([2, 3]);
    expect(await adminOdoo<number>('res.partner', 'search_count', [[['name', '=', `${TAG} pushed customer`]]])).toBe(1);
  });

  it('a push cut off from Odoo half-way loses nothing and duplicates nothing once the device re-sends it', async () => {
    const name = `${TAG} crash`;
    const changes = Array.from({ length: 40 }, (_, i) => ({ local_id: `p${i}`, action: 'create', model: 'res.partner', data: { name: `${name} ${i}` } }));
    const device = `crash-${randomUUID()}`;
    const before = proxy.requests;
    const first = push('demo', changes, device);
    // Cut Odoo off once the push is under way (some calls sent), as a crash of Odoo or of the network would.
    await waitFor(() => proxy.requests >= before + 10, 60_000, 2);
    proxy.cut();
    const cut = await first;
    proxy.restore();
    // The cut landed mid-push: the device was not told that everything succeeded.
    expect(cut.status === 200 && cut.body.succeeded === changes.length).toBe(false);
    await waitFor(async () => {
      const res = await push('demo', changes, device);
      return res.status === 200 && res.body.succeeded === changes.length;
    }, 120_000, 500);
    const created = await adminOdoo<Array<{ name: string }>>('res.partner', 'search_read', [[['name', 'like', name]]], { fields: ['name'] });
    expect(created.map((p) => p.name).sort()).toEqual(changes.map((c) => c.data.name).sort());
  });

  it('call_kw runs as the user: his own reads work, a write of his own groups is refused and changes nothing', async () => {
    const read = await api('POST', '/api/v1/odoo/call_kw', { model: 'sale.order', method: 'search_read', args: [[['client_order_ref', '=', TAG]]], kwargs: { fields: ['id'] } }, tokens.demo);
    expect(read.status).toBe(200);
    const found = (read.body.result ?? read.body.data ?? read.body) as Array<{ id: number }>;
    expect(found.map((r) => r.id)).toEqual([ids.demoOrder]);
    const groupsBefore = await adminOdoo<Array<{ groups_id: number[] }>>('res.users', 'read', [[DEMO.uid], ['groups_id']]);
    const escalate = await api('POST', '/api/v1/odoo/call_kw', { model: 'res.users', method: 'write', args: [[DEMO.uid], { groups_id: [[4, 4]] }], kwargs: {} }, tokens.demo);
    expect(escalate.status).toBeGreaterThanOrEqual(400);
    expect(escalate.status).toBeLessThan(500);
    const nested = await api('POST', '/api/v1/odoo/call_kw', { model: 'res.partner', method: 'write', args: [[ids.customer], { user_ids: [[1, DEMO.uid, { groups_id: [[4, 4]] }]] }], kwargs: {} }, tokens.demo);
    expect(nested.status).toBeGreaterThanOrEqual(400);
    expect(nested.status).toBeLessThan(500);
    expect(await adminOdoo('res.users', 'read', [[DEMO.uid], ['groups_id']])).toEqual(groupsBefore);
  });
});

