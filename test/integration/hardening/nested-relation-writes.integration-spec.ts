import { randomUUID } from 'node:crypto';
import { DEMO_UID, startOdooSim, type OdooSim } from '../../odoo-sim';
import { startTestApp, TEST_ENV, type RunningApp } from '../../support/test-app';

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

interface PushResult {
  local_id: string;
  status: string;
  error_code?: string;
  error?: string;
  retryable?: boolean;
}

/** Sales / Administrator in the recorded Odoo 18 (fixtures/access/res.groups.json). */
const SALES_ADMINISTRATOR = 23;

/**
 * Security models (res.users, res.groups, ir.*) are never writable through BridgeCore, not even as values nested in
 * a write of another model: a relation command (`[0, 0, vals]` create, `[1, id, vals]` update…) changes the
 * relation's model, so it meets the same policy and the same refusal as a direct write of that model. The
 * administrator is the caller here: Odoo itself would let him change anyone's groups.
 */
describe('Relation commands nested in a write (integration)', () => {
  let sim: OdooSim;
  let running: RunningApp;
  let admin: string;
  let demoPartner: number;
  const systemId = `nested-${randomUUID().slice(0, 8)}`;

  async function call(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    const response = await fetch(`${running.url}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }
  const callKw = (model: string, method: string, args: unknown[]) =>
    call('/api/v1/odoo/call_kw', { model, method, args, kwargs: {} }, { Authorization: `Bearer ${admin}` });
  async function push(changes: unknown[]): Promise<PushResult[]> {
    const res = await call('/api/v1/offline-sync/push', { device_id: `desk-${randomUUID()}`, changes }, { Authorization: `Bearer ${admin}` });
    expect(res.status).toBe(200);
    return res.body.results as PushResult[];
  }
  const demoGroups = () => sim.peek('res.users', [['id', '=', DEMO_UID]], ['groups_id'])[0].groups_id as number[];
  const users = () => sim.peek('res.users', [], ['login']).length;

  beforeAll(async () => {
    sim = await startOdooSim({ seed: 'recorded-orders' });
    running = await startTestApp({ ODOO_RETRY_DELAYS_MS: 'none' });
    const connected = await call(
      `/systems/${systemId}/connect`,
      { url: sim.url, database: 'demo', username: 'admin', password: 'admin', system_type: 'odoo' },
      { 'X-Admin-Key': TEST_ENV.ADMIN_API_KEY },
    );
    expect(connected.status).toBe(200);
    const login = await call('/api/v1/auth/login', { username: 'admin', password: 'admin', system_id: systemId });
    expect(login.status).toBe(200);
    admin = login.body.access_token as string;
    demoPartner = (sim.peek('res.users', [['id', '=', DEMO_UID]], ['partner_id'])[0].partner_id as [number, string])[0];
    expect(demoGroups()).not.toContain(SALES_ADMINISTRATOR);
  });

  afterAll(async () => {
    await running?.close();
    await sim?.close();
  });

  it('call_kw: a partner write updating its user\'s groups is refused as a direct res.users write is, and changes nothing', async () => {
    const direct = await callKw('res.users', 'write', [[DEMO_UID], { groups_id: [[4, SALES_ADMINISTRATOR]] }]);
    expect(direct.status).toBe(403);

    const nested = await callKw('res.partner', 'write', [[demoPartner], { user_ids: [[1, DEMO_UID, { groups_id: [[4, SALES_ADMINISTRATOR]] }]] }]);
    expect(nested.status).toBe(403);
    expect(nested.body).toEqual(direct.body);
    expect(nested.body).toMatchObject({ code: 'METHOD_NOT_ALLOWED', details: { model: 'res.users', method: 'write' } });
    expect(demoGroups()).not.toContain(SALES_ADMINISTRATOR);
  });

  it('call_kw: a partner created with a new user ([0, 0, vals]), or linking one ([4, id] on a one2many), is refused; nothing is created', async () => {
    const before = users();
    const created = await callKw('res.partner', 'create', [{ name: 'Nested Rep', user_ids: [[0, 0, { name: 'Nested Rep', login: 'nested-rep' }]] }]);
    expect(created.status).toBe(403);
    expect(created.body).toMatchObject({ code: 'METHOD_NOT_ALLOWED', details: { model: 'res.users', method: 'create' } });
    const linked = await callKw('res.partner', 'write', [[demoPartner], { user_ids: [[4, 2]] }]);
    expect(linked.status).toBe(403);
    expect(users()).toBe(before);
    expect(sim.peek('res.partner', [['name', '=', 'Nested Rep']])).toEqual([]);
  });

  it('call_kw: an order created with its lines ([0, 0, vals] on a model the app may write) goes through', async () => {
    const [product] = sim.peek('product.product', [], ['id']);
    const res = await callKw('sale.order', 'create', [{ partner_id: demoPartner, order_line: [[0, 0, { product_id: product.id, product_uom_qty: 2 }]] }]);
    expect(res.status).toBe(200);
    const orderId = res.body.result as number;
    expect(sim.peek('sale.order.line', [['order_id', '=', orderId]], ['product_uom_qty'])).toEqual([{ id: expect.any(Number), product_uom_qty: 2 }]);
  });

  it('push: the same nested write gets the error of a direct res.users push, not retryable, and changes nothing', async () => {
    const [direct, nested] = await push([
      { local_id: 'direct', action: 'update', model: 'res.users', record_id: DEMO_UID, data: { groups_id: [[4, SALES_ADMINISTRATOR]] } },
      {
        local_id: 'nested',
        action: 'update',
        model: 'res.partner',
        record_id: demoPartner,
        data: { user_ids: [[1, DEMO_UID, { groups_id: [[4, SALES_ADMINISTRATOR]] }]] },
      },
    ]);
    expect(direct).toMatchObject({ status: 'error', error_code: 'ODOO_ACCESS_DENIED', retryable: false });
    expect(nested).toMatchObject({ status: 'error', error_code: 'ODOO_ACCESS_DENIED', retryable: false, error: direct.error });
    const [createdUser] = await push([
      { local_id: 'rep', action: 'create', model: 'res.partner', data: { name: 'Pushed Rep', user_ids: [[0, 0, { name: 'Pushed Rep', login: 'pushed-rep' }]] } },
    ]);
    expect(createdUser).toMatchObject({ status: 'error', error_code: 'ODOO_ACCESS_DENIED', retryable: false, error: direct.error });
    expect(demoGroups()).not.toContain(SALES_ADMINISTRATOR);
    expect(sim.peek('res.users', [['login', '=', 'pushed-rep']])).toEqual([]);
  });
});
