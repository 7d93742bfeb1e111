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

  /** A device of `user`: it pulls page after page, acking each, and holds what the events leave it. */
  class Device {
    readonly id = `dev-${randomUUID()}`;
    readonly held = new Map<string, Set<number>>();
    readonly payloads: Array<Record<string, unknown>> = [];
    private ack: unknown;

    constructor(
      private readonly user: string,
      private readonly uid: number,
      private readonly models: string[],
      private readonly appType?: string,
    ) {}

    holds(model: string, id: number): boolean {
      return this.held.get(model)?.has(id) ?? false;
    }

    /** Pulls until nothing is left; answers how many events and snapshot pages it took. */
    async sync(): Promise<{ events: number; snapshotPages: number }> {
      let events = 0;
      let snapshotPages = 0;
      for (let page = 0; page < 200; page++) {
        const res = await api(
          'POST',
          '/api/v2/sync/pull',
          { user_id: this.uid, device_id: this.id, limit: 500, models_filter: this.models, ...(this.appType ? { app_type: this.appType } : {}), ...(this.ack ? { ack_token: this.ack } : {}) },
          tokens[this.user],
        );
        expect(res.status).toBe(200);
        if (res.body.reset_required) this.held.clear();
        for (const e of res.body.events as Event[]) {
          const held = this.held.get(e.model) ?? new Set<number>();
          this.held.set(e.model, held);
          if (e.event === 'unlink') held.delete(e.record_id);
          else held.add(e.record_id);
          if (e.payload) this.payloads.push(e.payload);
        }
        events += (res.body.events as Event[]).length;
        if (res.body.snapshot) snapshotPages++;
        this.ack = res.body.next_sync_token;
        if (!res.body.has_more) return { events, snapshotPages };
      }
      throw new Error('pull never ended (200 pages)');
    }
  }

  /** What a new device of `user` holds of `model` once it has pulled everything. */
  async function newDevice(user: string, uid: number, model: string): Promise<Set<number>> {
    const device = new Device(user, uid, [model]);
    await device.sync();
    return device.held.get(model) ?? new Set<number>();
  }

  async function push(user: string, changes: unknown[], device = `push-${randomUUID()}`): Promise<Json> {
    return api('POST', '/api/v1/offline-sync/push', { device_id: device, changes }, tokens[user]);
  }

  /**
   * Re-sends a push as a phone does until every change is settled (or the deadline passes); the last answer is
   * asserted on, so a failure shows what the device was told.
   */
  async function pushUntilSettled(user: string, changes: unknown[], device: string, timeoutMs: number): Promise<Json> {
    let last: Json | undefined;
    await waitFor(async () => {
      last = await push(user, changes, device);
      return last.status === 200 && last.body.succeeded === changes.length;
    }, timeoutMs, 500).catch(() => undefined);
    expect({ status: last?.status, succeeded: last?.body.succeeded, results: last?.body.results }).toMatchObject({ status: 200, succeeded: changes.length });
    return last as Json;
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
      const held = await newDevice('demo', DEMO.uid, 'sale.order');
      return held.has(ids.demoOrder) ? held : undefined;
    }, 60_000).then((held) => held ?? new Set<number>());
    expect(demoOrders.has(ids.adminOrder)).toBe(false);
    const adminOrders = await newDevice('admin', ADMIN.uid, 'sale.order');
    expect([adminOrders.has(ids.demoOrder), adminOrders.has(ids.adminOrder)]).toEqual([true, true]);
    // Exactly what Odoo itself lets demo search.
    const odooSees = await odoo<number[]>(DEMO, 'sale.order', 'search', [[['client_order_ref', '=', TAG]]]);
    expect([...demoOrders].filter((id) => [ids.demoOrder, ids.adminOrder].includes(id))).toEqual(odooSees);
  });

  it("the operator's why names the rule that hides another salesperson's order from the demo device, and finds the own order delivered", async () => {
    const device = new Device('demo', DEMO.uid, ['sale.order']);
    await waitFor(async () => {
      await device.sync();
      return device.holds('sale.order', ids.demoOrder) || undefined;
    }, 60_000);
    const why = async (recordId: number) => {
      const query = new URLSearchParams({ system: SYSTEM, model: 'sale.order', record_id: String(recordId), device_id: device.id });
      const res = await fetch(`${app.url}/api/v1/console/why?${query}`, { headers: { 'X-Admin-Key': TEST_ENV.ADMIN_API_KEY } });
      expect(res.status).toBe(200);
      return (await res.json()) as { answer: Record<string, string>; rights: { rules: { name: string; verdict: string }[]; decided_by: string } };
    };
    const hidden = await why(ids.adminOrder);
    expect(hidden.answer).toEqual({ on_device: 'no', reason: 'HIDDEN_BY_RULES', message: 'Hidden by record rule "Personal Orders"' });
    expect(hidden.rights.rules.map((r) => [r.name, r.verdict])).toEqual([
      ['Sales Order multi-company', 'visible'],
      ['Personal Orders', 'hidden'],
    ]);
    expect(hidden.rights.decided_by).toBe('rules');
    expect((await why(ids.demoOrder)).answer).toMatchObject({ on_device: 'yes', reason: 'DELIVERED' });
  });

  it('a field Odoo refuses a user (stock.quant.value for a salesperson) never reaches his device', async () => {
    const demoFields = await odoo<Record<string, unknown>>(DEMO, 'stock.quant', 'fields_get', [], { attributes: ['type'] });
    const adminFields = await adminOdoo<Record<string, unknown>>('stock.quant', 'fields_get', [], { attributes: ['type'] });
    const refused = Object.keys(adminFields).filter((f) => !(f in demoFields));
    expect(refused).toContain('value');
    // The app carries the field: an administrator's device receives it.
    const adminDevice = new Device('admin', ADMIN.uid, ['stock.quant'], 'warehouse_app');
    await adminDevice.sync();
    expect(adminDevice.payloads.some((p) => 'value' in p)).toBe(true);
    const demoDevice = new Device('demo', DEMO.uid, ['stock.quant'], 'warehouse_app');
    await demoDevice.sync();
    expect(demoDevice.payloads.length).toBeGreaterThan(0);
    const delivered = new Set(demoDevice.payloads.flatMap((p) => Object.keys(p)));
    expect(refused.filter((f) => delivered.has(f))).toEqual([]);
  });

  it('a record deleted in Odoo is deleted on the devices', async () => {
    const device = new Device('admin', ADMIN.uid, ['res.partner']);
    await waitFor(async () => (await device.sync()) && device.holds('res.partner', ids.doomed), 60_000);
    await adminOdoo('res.partner', 'unlink', [[ids.doomed]]);
    await waitFor(async () => (await device.sync()) && !device.holds('res.partner', ids.doomed), 120_000);
    // A device that starts now never receives it.
    expect((await newDevice('admin', ADMIN.uid, 'res.partner')).has(ids.doomed)).toBe(false);
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
    const device = new Device('rep', uid, ['sale.order']);
    await device.sync();
    expect([device.holds('sale.order', ids.demoOrder), device.holds('sale.order', ids.adminOrder)]).toEqual([false, false]);
    await adminOdoo('res.users', 'write', [[uid], { groups_id: [[4, all]] }]);
    // The same device, pulling on: the re-scope brings the orders the new group opens.
    await waitFor(async () => (await device.sync()) && device.holds('sale.order', ids.demoOrder) && device.holds('sale.order', ids.adminOrder), 120_000);
    // The re-scope pass ended: acking its last page continues with the log and never replays the pass.
    expect((await device.sync()).snapshotPages).toBe(0);
    expect((await device.sync()).snapshotPages).toBe(0);
  });

  it('a pushed partner, order and two lines all land in Odoo, once each, whatever the retries', async () => {
    const changes = [
      { local_id: 'line-a', action: 'create', model: 'sale.order.line', data: { order_id: { $local: 'order' }, product_id: ids.product, product_uom_qty: 2 } },
      { local_id: 'line-b', action: 'create', model: 'sale.order.line', data: { order_id: { $local: 'order' }, product_id: ids.product, product_uom_qty: 3 } },
      { local_id: 'order', action: 'create', model: 'sale.order', data: { partner_id: { $local: 'cust' }, client_order_ref: `${TAG}-push` } },
      { local_id: 'cust', action: 'create', model: 'res.partner', data: { name: `${TAG} pushed customer` } },
    ];
    const answer = await pushUntilSettled('demo', changes, `push-${randomUUID()}`, 60_000);
    const orderId = (answer.body.id_mapping as Record<string, number>).order;
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
    await pushUntilSettled('demo', changes, device, 120_000);
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

  it("the Flutter SDK's me and dedicated Odoo routes answer as the SDK casts them, the ones Odoo 18 dropped a 400", async () => {
    const me = await api('POST', '/api/v1/auth/tenant/me', {}, tokens.admin);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ is_admin: true, groups: expect.arrayContaining(['base.group_system', 'sales_team.group_sale_manager']) });
    const demoMe = await api('POST', '/api/v1/auth/tenant/me', {}, tokens.demo);
    expect(demoMe.body).toMatchObject({ is_admin: false, groups: expect.arrayContaining(['base.group_user', 'sales_team.group_sale_salesman']) });

    const route = async (name: string, body: Record<string, unknown>): Promise<unknown> => {
      const res = await api('POST', `/api/v1/odoo/${name}`, body, tokens.demo);
      expect({ name, status: res.status }).toEqual({ name, status: 200 });
      return res.body.result;
    };
    const views = (await route('get_views', { model: 'res.partner', views: [[false, 'form'], [false, 'list']], options: { load_filters: false } })) as { views: Record<string, { arch: string }>; models: object };
    expect(typeof views.views.form.arch).toBe('string');
    expect(typeof ((await route('get_view', { model: 'res.partner', view_type: 'form' })) as { arch: string }).arch).toBe('string');
    expect(await route('default_get', { model: 'sale.order', fields: ['state', 'company_id'] })).toMatchObject({ state: 'draft', company_id: expect.any(Number) });
    const changed = (await route('onchange', { model: 'sale.order', ids: [], values: { partner_id: ids.customer }, field: 'partner_id', spec: { partner_id: '1', partner_invoice_id: '' } })) as { value: object };
    expect(changed.value).toMatchObject({ partner_invoice_id: ids.customer });
    expect(await route('name_search', { model: 'res.partner', name: `${TAG} customer`, domain: [], limit: 5 })).toEqual([[ids.customer, `${TAG} customer`]]);
    expect(await route('read_group', { model: 'sale.order', domain: [['client_order_ref', '=', TAG]], fields: ['amount_total:sum'], groupby: ['state'], lazy: true })).toEqual([expect.objectContaining({ state: 'draft', state_count: 1 })]);
    const copy = await route('copy', { model: 'res.partner', id: ids.customer });
    expect(Number.isInteger(copy)).toBe(true);
    const dropped: [string, Record<string, unknown>][] = [
      ['name_get', { model: 'res.partner', ids: [ids.customer] }],
      ['fields_view_get', { model: 'res.partner', view_type: 'form', toolbar: false, submenu: false }],
    ];
    for (const [name, body] of dropped) {
      const res = await api('POST', `/api/v1/odoo/${name}`, body, tokens.demo);
      expect({ name, status: res.status, code: res.body.code }).toEqual({ name, status: 400, code: 'ODOO_METHOD_NOT_FOUND' });
    }
  });
});
