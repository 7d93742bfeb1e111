import { randomUUID } from 'node:crypto';
import { RECORDED_ORDERS } from '../../odoo-sim/access-seed';
import { DEMO_UID, startOdooSim, type OdooSim } from '../../odoo-sim';
import { startTestApp, TEST_ENV, type RunningApp } from '../../support/test-app';

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

interface PushResult {
  local_id: string;
  status: string;
  server_id: number | null;
  error_code?: string;
  retryable?: boolean;
}

const visibleToDemo = RECORDED_ORDERS.orders.map((o) => o.id).filter((id) => !RECORDED_ORDERS.hidden_from_demo.includes(id));
const hiddenId = RECORDED_ORDERS.hidden_from_demo[0];

/**
 * BridgeCore acts in Odoo as the user. The simulator runs the recorded Odoo 18 demo database's access model
 * (`seed: 'recorded-orders'`): demo is "Sales / User: Own Documents Only", sees 17 of the 29 orders, and Odoo
 * refuses him other users' res.users rows and the orders of other salespeople (fixtures/access/).
 */
describe('Acting as the user in Odoo (integration)', () => {
  let sim: OdooSim;
  let running: RunningApp;
  const systemId = `act-${randomUUID().slice(0, 8)}`;

  async function call(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    const response = await fetch(`${running.url}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  async function login(username = 'demo', password = 'demo'): Promise<{ access: string; refresh: string }> {
    const res = await call('/api/v1/auth/login', { username, password, system_id: systemId });
    expect(res.status).toBe(200);
    return { access: res.body.access_token as string, refresh: res.body.refresh_token as string };
  }

  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const push = (token: string, changes: unknown[], deviceId = `phone-${randomUUID()}`) =>
    call('/api/v1/offline-sync/push', { device_id: deviceId, changes }, bearer(token));
  const resultOf = (body: Record<string, unknown>, localId: string) =>
    (body.results as PushResult[]).find((r) => r.local_id === localId) as PushResult;

  beforeAll(async () => {
    sim = await startOdooSim({ seed: 'recorded-orders' });
    running = await startTestApp({ ODOO_RETRY_DELAYS_MS: 'none' });
    const connected = await call(
      `/systems/${systemId}/connect`,
      { url: sim.url, database: 'demo', username: 'admin', password: 'admin', system_type: 'odoo' },
      { 'X-Admin-Key': TEST_ENV.ADMIN_API_KEY },
    );
    expect(connected.status).toBe(200);
  });

  afterAll(async () => {
    await running?.close();
    await sim?.close();
  });

  describe('pushes', () => {
    it("creates demo's records as demo: Odoo records him as create_uid, so he finds his orders", async () => {
      const { access } = await login();
      const res = await push(access, [
        { local_id: 'cust', action: 'create', model: 'res.partner', data: { name: 'Demo Customer' } },
        { local_id: 'order', action: 'create', model: 'sale.order', data: { partner_id: { $local: 'cust' } } },
      ]);
      expect(res.status).toBe(200);
      const orderId = resultOf(res.body, 'order').server_id as number;
      const customerId = resultOf(res.body, 'cust').server_id as number;
      expect(sim.peek('sale.order', [['id', '=', orderId]], ['create_uid', 'user_id'])).toEqual([
        { id: orderId, create_uid: [DEMO_UID, expect.any(String)], user_id: [DEMO_UID, expect.any(String)] },
      ]);
      expect(sim.peek('res.partner', [['id', '=', customerId]], ['create_uid'])).toEqual([{ id: customerId, create_uid: [DEMO_UID, expect.any(String)] }]);
    });

    it("refuses another user's res.users row and an order demo may not read, changes nothing, and runs the rest", async () => {
      const { access } = await login();
      const adminBefore = sim.peek('res.users', [['id', '=', 2]], ['signature']);
      const res = await push(access, [
        // Odoo itself lets demo write only his own res.users row; through sync no res.users row is writable.
        { local_id: 'sig', action: 'update', model: 'res.users', record_id: 2, data: { signature: 'hijacked' } },
        // Odoo 18 answers this write with the recorded AccessError (rule "Personal Orders").
        { local_id: 'hidden', action: 'update', model: 'sale.order', record_id: hiddenId, data: { client_order_ref: 'X' } },
        { local_id: 'fine', action: 'update', model: 'sale.order', record_id: visibleToDemo[0], data: { client_order_ref: 'mine' } },
      ]);
      expect(res.status).toBe(200);
      expect(resultOf(res.body, 'sig')).toMatchObject({ status: 'error', error_code: 'ODOO_ACCESS_DENIED', retryable: false, server_id: null });
      expect(resultOf(res.body, 'hidden')).toMatchObject({ status: 'error', error_code: 'ODOO_ACCESS_DENIED', retryable: false, server_id: null });
      expect(resultOf(res.body, 'fine')).toMatchObject({ status: 'success', server_id: visibleToDemo[0] });
      expect(sim.peek('res.users', [['id', '=', 2]], ['signature'])).toEqual(adminBefore);
      expect(sim.peek('sale.order', [['id', '=', hiddenId]], ['client_order_ref'])).toEqual([{ id: hiddenId, client_order_ref: false }]);
      expect(sim.peek('sale.order', [['id', '=', visibleToDemo[0]]], ['client_order_ref', 'write_uid'])).toEqual([
        { id: visibleToDemo[0], client_order_ref: 'mine', write_uid: [DEMO_UID, expect.any(String)] },
      ]);
    });

    it('answers 401 ODOO_SESSION_EXPIRED once Odoo forgot the session, changes nothing, and ends the login session', async () => {
      const { access, refresh } = await login();
      sim.faults.expireSessions();
      const res = await push(access, [{ local_id: 'late', action: 'create', model: 'res.partner', data: { name: 'After expiry' } }]);
      expect(res).toEqual({
        status: 401,
        body: { error: 'OdooUserSessionExpired', message: 'Your Odoo session has expired: log in again', code: 'ODOO_SESSION_EXPIRED', details: {} },
      });
      expect(sim.peek('res.partner', [['name', '=', 'After expiry']], ['id'])).toEqual([]);
      // The Flutter SDK answers a 401 by refreshing: the refresh fails, so the app asks the user to log in.
      const refreshed = await call('/api/v1/auth/refresh', {}, bearer(refresh));
      expect(refreshed).toMatchObject({ status: 401, body: { code: 'TOKEN_REVOKED' } });
      // A new login opens a new Odoo session and the same change goes through.
      const again = await login();
      const retried = await push(again.access, [{ local_id: 'late', action: 'create', model: 'res.partner', data: { name: 'After expiry' } }]);
      expect(resultOf(retried.body, 'late')).toMatchObject({ status: 'success' });
    });
  });

  describe('Odoo operations (/api/v1/odoo)', () => {
    let access: string;
    beforeAll(async () => {
      access = (await login()).access;
    });

    it('call_kw search_read as demo returns exactly the orders Odoo lets demo search', async () => {
      const res = await call(
        '/api/v1/odoo/call_kw',
        { model: 'sale.order', method: 'search_read', args: [], kwargs: { domain: [], fields: ['name'], limit: 80, offset: 0 } },
        bearer(access),
      );
      expect(res.status).toBe(200);
      const ids = (res.body.result as Array<{ id: number }>).map((r) => r.id).sort((a, b) => a - b);
      // Odoo's own answer to demo (his orders created by the tests above included), and the recorded visibility.
      expect(ids).toEqual(await sim.env(DEMO_UID).search('sale.order', [], { order: 'id' }));
      expect(ids).toEqual(expect.arrayContaining(visibleToDemo));
      expect(ids.filter((id) => RECORDED_ORDERS.hidden_from_demo.includes(id))).toEqual([]);
    });

    it('maps the AccessError of a rule-hidden record to 403 ODOO_ACCESS_DENIED (a 401 would make the SDK log out)', async () => {
      const res = await call('/api/v1/odoo/call_kw', { model: 'sale.order', method: 'read', args: [[hiddenId]], kwargs: { fields: ['name'] } }, bearer(access));
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ error: 'OdooAccessError', code: 'ODOO_ACCESS_DENIED', details: { odoo_exception: 'odoo.exceptions.AccessError' } });
    });

    it('call_method action_confirm confirms demo\'s own order as demo', async () => {
      const created = await call('/api/v1/odoo/call_kw', { model: 'sale.order', method: 'create', args: [{ partner_id: 10 }], kwargs: {} }, bearer(access));
      expect(created.status).toBe(200);
      const orderId = created.body.result as number;
      const res = await call('/api/v1/odoo/call_method', { model: 'sale.order', method: 'action_confirm', ids: [orderId], context: { lang: 'en_US' } }, bearer(access));
      expect(res.status).toBe(200);
      expect(Object.keys(res.body)).toEqual(['result']);
      expect(sim.peek('sale.order', [['id', '=', orderId]], ['state', 'create_uid', 'write_uid'])).toEqual([
        { id: orderId, state: 'sale', create_uid: [DEMO_UID, expect.any(String)], write_uid: [DEMO_UID, expect.any(String)] },
      ]);
    });

    it('refuses private methods, security models and writes outside the app type, changing nothing', async () => {
      const privateCall = await call('/api/v1/odoo/call_method', { model: 'sale.order', method: '_action_confirm', ids: [visibleToDemo[0]] }, bearer(access));
      expect(privateCall).toMatchObject({ status: 403, body: { code: 'METHOD_NOT_ALLOWED', details: { model: 'sale.order', method: '_action_confirm' } } });
      const users = await call('/api/v1/odoo/call_kw', { model: 'res.users', method: 'write', args: [[6], { signature: 'x' }], kwargs: {} }, bearer(access));
      expect(users).toMatchObject({ status: 403, body: { code: 'METHOD_NOT_ALLOWED' } });
      const picking = await call('/api/v1/odoo/call_kw', { model: 'stock.location', method: 'create', args: [{ name: 'Van 7' }], kwargs: {} }, bearer(access));
      expect(picking).toMatchObject({ status: 403, body: { code: 'MODEL_NOT_WRITABLE', details: { model: 'stock.location', app_type: 'sales_app' } } });
      expect(sim.peek('stock.location', [['name', '=', 'Van 7']], ['id'])).toEqual([]);
      const bad = await call('/api/v1/odoo/call_kw', { model: 'sale.order; drop', method: 'read', args: 'x' }, bearer(access));
      expect(bad.status).toBe(400);
      expect(bad.body).toMatchObject({ code: 'VALIDATION_ERROR' });
    });

    it('acts as an X-Session-Id user through the session they sent', async () => {
      const odoo = await fetch(`${sim.url}/web/session/authenticate`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', method: 'call', params: { db: 'demo', login: 'demo', password: 'demo' }, id: 1 }),
      });
      const sessionId = /session_id=([^;]+)/.exec(odoo.headers.get('set-cookie') ?? '')?.[1] as string;
      const res = await call(
        '/api/v1/odoo/call_kw',
        { model: 'sale.order', method: 'search_count', args: [[]], kwargs: {} },
        { 'X-Session-Id': sessionId, 'X-Tenant-Id': systemId },
      );
      expect(res).toEqual({ status: 200, body: { result: await sim.env(DEMO_UID).searchCount('sale.order', []) } });
    });

    it('after logout the access token can no longer act in Odoo, and Odoo forgot the session', async () => {
      const session = await login();
      const before = await call('/api/v1/odoo/call_kw', { model: 'sale.order', method: 'search_count', args: [[]], kwargs: {} }, bearer(session.access));
      expect(before.body).toEqual({ result: await sim.env(DEMO_UID).searchCount('sale.order', []) });
      const out = await call('/api/v1/auth/logout', {}, bearer(session.refresh));
      expect(out.status).toBeLessThan(300);
      const after = await call('/api/v1/odoo/call_kw', { model: 'sale.order', method: 'search_count', args: [[]], kwargs: {} }, bearer(session.access));
      expect(after).toMatchObject({ status: 401, body: { code: 'ODOO_SESSION_EXPIRED' } });
      expect(sim.stats.byMethod['web.destroy']).toBe(1);
    });
  });
});
