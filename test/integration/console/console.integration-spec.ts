import { io } from 'socket.io-client';
import { OdooJsonRpc } from '../../../scripts/demo/clients';
import { DEVICE_ID } from '../../../scripts/demo/story';
import { startConsoleDemo, type ConsoleDemo } from '../../support/console-demo';
import { TEST_ENV, waitFor } from '../../support/test-app';

const ADMIN = { 'x-admin-key': TEST_ENV.ADMIN_API_KEY };
const DEMO_USER = 6;

describe('Operator console (integration)', () => {
  let ctx: ConsoleDemo;
  let cookie: string;

  async function call(method: string, path: string, headers: Record<string, string> = {}, body?: unknown) {
    const res = await fetch(`${ctx.url}${path}`, {
      method,
      redirect: 'manual',
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let json: Record<string, unknown> = {};
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      // HTML page
    }
    return { status: res.status, text, body: json, headers: res.headers };
  }

  async function login(key: string) {
    return fetch(`${ctx.url}/console/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ admin_key: key }).toString(),
    });
  }

  beforeAll(async () => {
    ctx = await startConsoleDemo();
    const res = await login(TEST_ENV.ADMIN_API_KEY);
    expect(res.status).toBe(303);
    cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  }, 180_000);

  afterAll(async () => {
    await ctx?.demo.stop();
  });

  describe('logging in', () => {
    it('sets an HttpOnly, SameSite=Strict session cookie for the admin key and sends the browser to /console', async () => {
      const res = await login(TEST_ENV.ADMIN_API_KEY);
      expect(res.headers.get('location')).toBe('/console');
      expect(res.headers.get('set-cookie')).toMatch(/^bridgecore_console=[^;]+; Max-Age=28800; Path=\/; Expires=[^;]+; HttpOnly; SameSite=Strict$/);
    });

    it('refuses a wrong key with the form again, and sets no cookie', async () => {
      const res = await login('not-the-key');
      expect(res.status).toBe(401);
      expect(res.headers.get('set-cookie')).toBeNull();
      expect(await res.text()).toContain('That is not the admin key.');
    });

    it('shows the login form in place of a page to a browser without a session', async () => {
      const res = await call('GET', '/console/devices');
      expect(res.status).toBe(401);
      expect(res.text).toContain('<form method="post" action="/console/login">');
      const page = await call('GET', '/console/devices', { cookie });
      expect(page.status).toBe(200);
      expect(page.text).toContain('/console/assets/app.js');
    });

    it('refuses a forged or expired cookie', async () => {
      const [name, value] = cookie.split('=');
      const [expiry, nonce] = value.split('.');
      const forged = `${name}=${Number(expiry) + 3600}.${nonce}.${value.split('.')[2]}`;
      const res = await call('GET', `/api/v1/console/devices?system=${ctx.systemId}`, { cookie: forged });
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('CONSOLE_SESSION_INVALID');
    });

    it('needs the X-Console header for a change made with the cookie (cross-site forgery)', async () => {
      const body = { system: ctx.systemId, user_id: DEMO_USER, device_id: 'no-such-device' };
      const forged = await call('POST', '/api/v1/console/devices/reset', { cookie }, body);
      expect(forged.status).toBe(403);
      expect(forged.body.code).toBe('CONSOLE_HEADER_REQUIRED');
      const sent = await call('POST', '/api/v1/console/devices/reset', { cookie, 'x-console': '1' }, body);
      expect(sent.status).toBe(404);
      expect(sent.body).toMatchObject({ error: 'ConsoleDeviceNotFound', code: 'DEVICE_NOT_FOUND' });
    });
  });

  describe('a device token', () => {
    const routes: Array<[string, string]> = [
      ['GET', '/console'],
      ['GET', '/console/systems'],
      ['GET', '/console/devices'],
      ['GET', '/console/pushes'],
      ['GET', '/console/why'],
      ['GET', '/console/live'],
      ['GET', '/console/login'],
      ['POST', '/console/login'],
      ['GET', '/console/assets/app.js'],
      ['GET', '/console/vendor/preact.mjs'],
      ['GET', '/console/static/console.css'],
      ['GET', '/api/v1/console/systems'],
      ['GET', '/api/v1/console/devices?system=SYSTEM'],
      ['GET', '/api/v1/console/pushes?system=SYSTEM'],
      ['POST', '/api/v1/console/systems/resync'],
      ['POST', '/api/v1/console/devices/reset'],
      ['POST', '/api/v1/console/pushes/resolve'],
      ['GET', '/api/v1/console/why?system=SYSTEM&model=sale.order&record_id=1&device_id=demo-phone'],
    ];

    it.each(routes)('gets 403 on %s %s, even with an operator cookie beside it', async (method, path) => {
      const target = path.replace('SYSTEM', ctx.systemId);
      const headers = { authorization: `Bearer ${ctx.deviceToken}` };
      const alone = await call(method, target, headers);
      const withCookie = await call(method, target, { ...headers, cookie, 'x-console': '1' });
      expect([alone.status, alone.body.code]).toEqual([403, 'OPERATOR_ONLY']);
      expect([withCookie.status, withCookie.body.code]).toEqual([403, 'OPERATOR_ONLY']);
    });
  });

  describe('the live socket (/console-live)', () => {
    /** Connects and resolves with the connect error's message, or 'connected'; collects `event` messages. */
    function connect(options: { auth: Record<string, unknown>; extraHeaders?: Record<string, string> }, events: unknown[] = []) {
      const socket = io(`${ctx.url}/console-live`, { ...options, transports: ['websocket'], reconnection: false, forceNew: true });
      socket.on('event', (e: unknown) => events.push(e));
      const outcome = new Promise<string>((done) => {
        socket.on('connect', () => done('connected'));
        socket.on('connect_error', (e) => done(e.message));
      });
      return { socket, outcome };
    }

    it('refuses a device token, in the handshake or in a header, and a browser without a session', async () => {
      const attempts = [
        connect({ auth: { system: ctx.systemId, token: ctx.deviceToken } }),
        connect({ auth: { system: ctx.systemId }, extraHeaders: { authorization: `Bearer ${ctx.deviceToken}` } }),
        connect({ auth: { system: ctx.systemId } }),
      ];
      const outcomes = await Promise.all(attempts.map((a) => a.outcome));
      for (const a of attempts) a.socket.close();
      expect(outcomes).toEqual([
        'OPERATOR_ONLY: Operator credentials required (X-Admin-Key)',
        'OPERATOR_ONLY: Operator credentials required (X-Admin-Key)',
        expect.stringMatching(/^UNAUTHORIZED: Operator credentials required/),
      ]);
    });

    it("streams the tenant's events to an operator as they are logged", async () => {
      const events: Array<{ model: string; record_id: number; event: string }> = [];
      const live = connect({ auth: { system: ctx.systemId }, extraHeaders: { cookie } }, events);
      try {
        expect(await live.outcome).toBe('connected');
        const partnerId = ctx.demo.facts.conflict?.partnerId as number;
        await new OdooJsonRpc(ctx.demo.urls.odoo, 'demo', 'admin', 'admin').executeKw('res.partner', 'write', [[partnerId], { city: 'Brugge' }]);
        const deadline = Date.now() + 60_000;
        while (!events.some((e) => e.model === 'res.partner' && e.record_id === partnerId) && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 100));
        }
        expect(events).toContainEqual(expect.objectContaining({ model: 'res.partner', record_id: partnerId, event: 'write' }));
      } finally {
        live.socket.close();
      }
    });
  });

  describe('GET /api/v1/console/systems', () => {
    it("shows the demo's system: its Odoo, status, ingestion per model and first copy", async () => {
      const res = await call('GET', '/api/v1/console/systems', ADMIN);
      expect(res.status).toBe(200);
      const system = (res.body.systems as Array<Record<string, unknown>>).find((s) => s.id === ctx.systemId);
      expect(system).toMatchObject({ url: ctx.demo.urls.odoo, database: 'demo', status: 'connected', first_copy: null });
      expect((system?.ingestion as { status: string }).status).toBe('healthy');
      expect((system?.models as Array<{ model: string }>).map((m) => m.model)).toContain('sale.order');
      expect(system?.head).toBeGreaterThan(0);
      expect(system?.odoo_calls_per_minute).toEqual(expect.any(Number));
    });
  });

  describe('GET /api/v1/console/devices', () => {
    it("lists the demo rep's phone with its position against the head", async () => {
      const res = await call('GET', `/api/v1/console/devices?system=${ctx.systemId}&user_id=${DEMO_USER}`, { cookie });
      expect(res.status).toBe(200);
      const device = (res.body.devices as Array<Record<string, unknown>>).find((d) => d.device_id === DEVICE_ID);
      expect(device).toMatchObject({ user_id: DEMO_USER, app_type: 'sales_app', is_active: true });
      expect(device?.behind).toBe((res.body.head as number) - (device?.position as number));
      expect(device?.rights_fingerprint).toEqual(expect.any(String));
    });

    it('answers 404 for an unknown system and 400 for a bad limit or a forged cursor', async () => {
      const unknown = await call('GET', '/api/v1/console/devices?system=nope', ADMIN);
      expect([unknown.status, unknown.body.code]).toEqual([404, 'SYSTEM_NOT_FOUND']);
      const limit = await call('GET', `/api/v1/console/devices?system=${ctx.systemId}&limit=5000`, ADMIN);
      expect([limit.status, limit.body.code]).toEqual([400, 'VALIDATION_ERROR']);
      const cursor = await call('GET', `/api/v1/console/devices?system=${ctx.systemId}&cursor=e30`, ADMIN);
      expect([cursor.status, cursor.body.code]).toEqual([400, 'VALIDATION_ERROR']);
    });
  });

  describe('pushes', () => {
    it('lists the waiting conflict, then closes it keeping Odoo\'s values and says the operator resolved it', async () => {
      const waiting = await call('GET', `/api/v1/console/pushes?system=${ctx.systemId}&status=conflict`, ADMIN);
      expect(waiting.status).toBe(200);
      const conflict = (waiting.body.pushes as Array<Record<string, unknown>>).find((p) => p.local_id === ctx.conflictLocalId);
      expect(conflict).toMatchObject({ outcome: 'conflict', model: 'res.partner', resolved_by: null });
      expect((conflict?.conflict_info as { conflicting_fields: string[] }).conflicting_fields).toEqual(['phone']);

      const ref = { system: ctx.systemId, user_id: DEMO_USER, device_id: DEVICE_ID, local_id: ctx.conflictLocalId };
      const resolved = await call('POST', '/api/v1/console/pushes/resolve', { cookie, 'x-console': '1' }, ref);
      expect(resolved.body).toEqual({ success: true, status: 'success' });
      const again = await call('POST', '/api/v1/console/pushes/resolve', ADMIN, ref);
      expect(again.body).toMatchObject({ success: false, error_code: 'NOT_IN_CONFLICT' });

      const all = await call('GET', `/api/v1/console/pushes?system=${ctx.systemId}&device_id=${DEVICE_ID}`, ADMIN);
      const byLocalId = new Map((all.body.pushes as Array<Record<string, unknown>>).map((p) => [p.local_id, p]));
      expect(byLocalId.get(ctx.conflictLocalId)).toMatchObject({ outcome: 'success', resolved_by: 'operator' });
      expect(byLocalId.get('edit-partner-1')).toMatchObject({ outcome: 'success', resolved_by: 'device' });
      expect(byLocalId.get('order-1')).toMatchObject({ outcome: 'success', action: 'create', server_id: expect.any(Number) });
      // The offline batch's five changes came in one push request; the two edits each in their own.
      const batchOf = (localId: string) => byLocalId.get(localId)?.batch_id;
      expect(new Set(['customer-1', 'order-1', 'line-1', 'line-2', 'line-3'].map(batchOf)).size).toBe(1);
      expect(new Set([batchOf('order-1'), batchOf('edit-partner-1'), batchOf(ctx.conflictLocalId)]).size).toBe(3);
      expect(batchOf('order-1')).toEqual(expect.any(String));
    });

    it('pages newest first with a cursor, each change once', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Awaited<ReturnType<typeof call>> = await call(
          'GET',
          `/api/v1/console/pushes?system=${ctx.systemId}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
          ADMIN,
        );
        const pushes = page.body.pushes as Array<{ local_id: string; updated_at: string }>;
        expect(pushes.length).toBeLessThanOrEqual(2);
        seen.push(...pushes.map((p) => p.local_id));
        cursor = page.body.next_cursor as string | null;
      } while (cursor);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.sort()).toEqual(['console-phone-1', 'customer-1', 'edit-partner-1', 'line-1', 'line-2', 'line-3', 'order-1'].sort());
    });
  });

  describe('POST /api/v1/console/systems/resync', () => {
    const systemOf = async () => {
      const res = await call('GET', '/api/v1/console/systems', ADMIN);
      return (res.body.systems as Array<{ id: string; head: number; first_copy: { status: string } | null }>).find((s) => s.id === ctx.systemId);
    };

    /** Odoo calls of one method, from /metrics: a copy starts each model with a search_count. */
    const odooCalls = async (method: string) => {
      const text = await (await fetch(`${ctx.url}/metrics`)).text();
      return text
        .split('\n')
        .filter((l) => l.startsWith('odoo_rpc_duration_seconds_count{') && l.includes(`method="${method}"`))
        .reduce((n, l) => n + Number(l.split(' ').pop()), 0);
    };

    it('runs the first copy again: pending at once, each model counted and copied anew, then done', async () => {
      const before = await systemOf();
      expect(before?.first_copy).toBeNull();
      const counted = await odooCalls('search_count');
      const res = await call('POST', '/api/v1/console/systems/resync', { cookie, 'x-console': '1' }, { system: ctx.systemId });
      expect(res.status).toBe(200);
      expect((await systemOf())?.first_copy?.status).toBe('pending');
      await waitFor(async () => (await systemOf())?.first_copy === null, 60_000, 250);
      const copy = (await call('GET', `/systems/${ctx.systemId}`, ADMIN)).body.backfill as { status: string; records_copied: number; models: unknown[] };
      expect(copy.status).toBe('done');
      expect(copy.records_copied).toBeGreaterThan(0);
      expect((await odooCalls('search_count')) - counted).toBeGreaterThanOrEqual(copy.models.length);
    });

    it('answers 404 for an unknown system and 400 without one', async () => {
      const unknown = await call('POST', '/api/v1/console/systems/resync', ADMIN, { system: 'nope' });
      expect([unknown.status, unknown.body.code]).toEqual([404, 'SYSTEM_NOT_FOUND']);
      const missing = await call('POST', '/api/v1/console/systems/resync', ADMIN, {});
      expect([missing.status, missing.body.code]).toEqual([400, 'VALIDATION_ERROR']);
    });
  });
});
