import { randomUUID } from 'node:crypto';
import { DB } from '../../../src/database/database.module';
import type { Db } from '../../../src/database/schema';
import { TokenService } from '../../../src/modules/tokens/token.service';
import { SystemNotConnected } from '../../../src/modules/systems/systems.errors';
import { SystemsService } from '../../../src/modules/systems/systems.service';
import type { ApiBody } from '../auth/api-body';
import { startOdooSim, type OdooSim } from '../../odoo-sim';
import { startTestApp, TEST_ENV, type RunningApp } from '../../support/test-app';

const ADMIN = { 'X-Admin-Key': TEST_ENV.ADMIN_API_KEY };
const SERVICE_PASSWORD = `Svc-${randomUUID()}`;

describe('Connected systems (integration)', () => {
  let sim: OdooSim;
  let running: RunningApp;
  const envSystemId = `env-${randomUUID().slice(0, 8)}`;

  async function call(method: string, path: string, options: { body?: unknown; headers?: Record<string, string> } = {}) {
    const response = await fetch(`${running.url}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', ...options.headers },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    return { status: response.status, text, body: (text ? JSON.parse(text) : {}) as ApiBody, headers: response.headers };
  }

  const connectBody = (extra: Record<string, unknown> = {}) => ({
    url: sim.url,
    database: 'demo',
    username: 'admin',
    password: SERVICE_PASSWORD,
    system_type: 'odoo',
    ...extra,
  });

  beforeAll(async () => {
    sim = await startOdooSim();
    await sim.env().write('res.users', 2, { password: SERVICE_PASSWORD });
    running = await startTestApp({
      ODOO_URL: sim.url,
      ODOO_DB: 'demo',
      ODOO_USERNAME: 'admin',
      ODOO_PASSWORD: SERVICE_PASSWORD,
      ODOO_SYSTEM_ID: envSystemId,
      ODOO_RETRY_DELAYS_MS: 'none',
    });
  });

  afterAll(async () => {
    await running?.close();
    await sim?.close();
  });

  afterEach(() => sim.faults.reset());

  describe('operator access', () => {
    it('answers 401 without credentials and with a wrong admin key', async () => {
      const none = await call('GET', '/systems');
      expect(none.status).toBe(401);
      const wrong = await call('GET', '/systems', { headers: { 'X-Admin-Key': 'not-the-admin-key' } });
      expect(wrong.status).toBe(401);
      expect(wrong.body.code).toBe('INVALID_ADMIN_KEY');
    });

    it("answers 403 to an app user's token", async () => {
      const token = running.app.get(TokenService).signAccess({ tenantId: envSystemId, userId: 6, login: 'demo' });
      const res = await call('POST', `/systems/${envSystemId}/disconnect`, { headers: { Authorization: `Bearer ${token}` } });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('OPERATOR_ONLY');
      expect((await running.app.get(SystemsService).get(envSystemId)).isConnected).toBe(true);
    });

    it('answers 200 with the admin key', async () => {
      const res = await call('GET', '/systems', { headers: ADMIN });
      expect(res.status).toBe(200);
      expect(res.body.count).toBe(res.body.systems.length);
    });
  });

  describe('the env-configured system', () => {
    it('is registered at start with its Odoo version and a working client', async () => {
      const systems = running.app.get(SystemsService);
      const record = await systems.get(envSystemId);
      expect(record).toMatchObject({ id: envSystemId, url: sim.url, database: 'demo', username: 'admin', protocol: 'jsonrpc', isConnected: true });
      expect(record.odooVersion).toBe('18.0-20250506');
      expect((await systems.list()).map((s) => s.id)).toContain(envSystemId);
      const client = await systems.clientFor(envSystemId);
      expect(await systems.clientFor(envSystemId)).toBe(client);
      await expect(client.searchCount('res.partner', [])).resolves.toBeGreaterThan(0);
    });
  });

  describe('connect, get, list, disconnect', () => {
    it('connects, stores the password encrypted and never returns it or the webhook secrets', async () => {
      const id = `sys-${randomUUID().slice(0, 8)}`;
      const hmac = `hmac-${randomUUID()}`;
      const apiKey = `key-${randomUUID()}`;
      const res = await call('POST', `/systems/${id}/connect`, {
        headers: ADMIN,
        body: connectBody({
          name: 'Acme',
          protocol: 'xmlrpc',
          webhook_secret: hmac,
          webhook_api_key: apiKey,
          options: { tracked_models: ['sale.order'], model_priorities: { 'sale.order': 'high' }, default_app_type: 'sales_app', sources: { update_webhook: 'auto' } },
        }),
      });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ success: true, is_connected: true, system_id: id, odoo_version: '18.0-20250506', webhook_url_token: expect.any(String) });
      expect(res.body.webhook_url_token.length).toBeGreaterThanOrEqual(40);

      const row = await running.app.get<Db>(DB).selectFrom('systems').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      expect(row.password_enc).not.toContain(SERVICE_PASSWORD);
      expect(row.webhook_secrets_enc).not.toContain(hmac);
      expect(row.webhook_secrets_enc).not.toContain(res.body.webhook_url_token);

      const got = await call('GET', `/systems/${id}`, { headers: ADMIN });
      expect(got.status).toBe(200);
      expect(got.body).toMatchObject({
        id,
        name: 'Acme',
        url: sim.url,
        protocol: 'xmlrpc',
        is_connected: true,
        webhook_url_token: res.body.webhook_url_token,
        webhook_secret_configured: true,
        webhook_api_key_configured: true,
        options: { tracked_models: ['sale.order'], model_priorities: { 'sale.order': 'high' }, default_app_type: 'sales_app' },
      });
      const listed = await call('GET', '/systems', { headers: ADMIN });
      for (const text of [got.text, listed.text, res.text]) {
        for (const secret of [SERVICE_PASSWORD, hmac, apiKey]) expect(text).not.toContain(secret);
      }

      const systems = running.app.get(SystemsService);
      await expect(systems.webhookSecrets(id)).resolves.toEqual({ hmacSecret: hmac, apiKey, urlToken: res.body.webhook_url_token });
      const record = await systems.get(id);
      expect(JSON.stringify(record)).not.toContain(SERVICE_PASSWORD);
      await expect((await systems.clientFor(id)).searchCount('sale.order', [])).resolves.toBeGreaterThan(0);
    });

    it('disconnects: gone from list(), no client; reconnecting keeps the webhook URL token', async () => {
      const id = `sys-${randomUUID().slice(0, 8)}`;
      const first = await call('POST', `/systems/${id}/connect`, { headers: ADMIN, body: connectBody() });
      const systems = running.app.get(SystemsService);
      await systems.clientFor(id);

      const off = await call('POST', `/systems/${id}/disconnect`, { headers: ADMIN });
      expect(off.status).toBe(200);
      expect(off.body).toEqual({ success: true, system_id: id, is_connected: false });
      expect((await systems.list()).map((s) => s.id)).not.toContain(id);
      expect((await systems.get(id)).isConnected).toBe(false);
      await expect(systems.clientFor(id)).rejects.toBeInstanceOf(SystemNotConnected);

      const again = await call('POST', `/systems/${id}/connect`, { headers: ADMIN, body: connectBody() });
      expect(again.status).toBe(200);
      expect(again.body.webhook_url_token).toBe(first.body.webhook_url_token);
      expect((await systems.get(id)).isConnected).toBe(true);
    });

    it('answers 404 SYSTEM_NOT_FOUND for an unknown system', async () => {
      for (const [method, path] of [['GET', '/systems/nope-x'], ['POST', '/systems/nope-x/disconnect']]) {
        const res = await call(method, path, { headers: ADMIN });
        expect(res.status).toBe(404);
        expect(res.body.code).toBe('SYSTEM_NOT_FOUND');
      }
    });
  });

  describe('connect refusals', () => {
    const id = () => `bad-${randomUUID().slice(0, 8)}`;

    it('refuses credentials Odoo rejects with 400 and stores nothing', async () => {
      const systemId = id();
      const res = await call('POST', `/systems/${systemId}/connect`, { headers: ADMIN, body: connectBody({ password: 'wrong' }) });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('ODOO_CREDENTIALS_REJECTED');
      expect((await call('GET', `/systems/${systemId}`, { headers: ADMIN })).status).toBe(404);
    });

    it('answers 503 with Retry-After when Odoo is unreachable', async () => {
      sim.faults.setDown('503');
      const res = await call('POST', `/systems/${id()}/connect`, { headers: ADMIN, body: connectBody() });
      expect(res.status).toBe(503);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    });

    it.each([
      ['a non-http URL', { url: 'ftp://odoo.example.com' }, 'url'],
      ['a URL with credentials', { url: 'http://user:pw@odoo.example.com' }, 'url'],
      ['an unknown system type', { system_type: 'sap' }, 'system_type'],
      ['an unknown priority', { options: { model_priorities: { 'sale.order': 'urgent' } } }, 'options.model_priorities.sale.order'],
      ['an unknown default app type', { options: { default_app_type: 'nope_app' } }, 'options.default_app_type'],
      ['an unknown field', { colour: 'blue' }, 'colour'],
    ])('refuses %s with 400', async (_what, extra, field) => {
      const res = await call('POST', `/systems/${id()}/connect`, { headers: ADMIN, body: connectBody(extra) });
      expect(res.status).toBe(400);
      expect(res.body.details.fields.map((f) => f.field)).toContain(field);
    });

    it('refuses an invalid system id', async () => {
      const res = await call('POST', '/systems/-bad%20id/connect', { headers: ADMIN, body: connectBody() });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('INVALID_SYSTEM');
    });
  });

  describe('an env-configured Odoo that is down at start', () => {
    it('still boots and registers the system', async () => {
      const downId = `down-${randomUUID().slice(0, 8)}`;
      const app = await startTestApp({
        ODOO_URL: 'http://127.0.0.1:9',
        ODOO_DB: 'demo',
        ODOO_USERNAME: 'admin',
        ODOO_PASSWORD: 'whatever',
        ODOO_SYSTEM_ID: downId,
      });
      try {
        const record = await app.app.get(SystemsService).get(downId);
        expect(record).toMatchObject({ id: downId, url: 'http://127.0.0.1:9', isConnected: true, odooVersion: null });
      } finally {
        await app.close();
      }
    });
  });
});
