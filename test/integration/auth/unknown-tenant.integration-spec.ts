import { randomUUID } from 'node:crypto';
import { TokenService } from '../../../src/modules/tokens/token.service';
import { connectTenant } from '../../support/connected-tenant';
import { startTestApp, TEST_ENV, type RunningApp } from '../../support/test-app';
import { client, refusal } from '../realtime/socket-helpers';

/**
 * A tenant exists by its connected Odoo system, whose access rights decide every read. A correctly signed token
 * naming any other tenant has no rights to apply: it is refused everywhere, never served as an unrestricted user.
 */
describe('Tokens of a tenant without a connected system (integration)', () => {
  let app: RunningApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => app?.close());

  const sign = (tenantId: string): string => app.app.get(TokenService).signAccess({ tenantId, userId: 2, login: 'admin' });

  async function answers(token: string): Promise<Record<string, { status: number; code: unknown }>> {
    const routes: [string, string, unknown?][] = [
      ['POST', '/api/v2/sync/pull', { user_id: 2, device_id: 'phone' }],
      ['GET', '/api/v2/sync/state?user_id=2&device_id=phone'],
      ['POST', '/api/v1/offline-sync/pull', { device_id: 'phone' }],
      ['POST', '/api/v1/offline-sync/push', { device_id: 'phone', changes: [] }],
      ['GET', '/api/v1/check-updates?since=2020-01-01T00:00:00Z'],
      ['POST', '/api/v1/odoo/call_kw', { model: 'res.partner', method: 'search_read', args: [[]], kwargs: {} }],
    ];
    const out: Record<string, { status: number; code: unknown }> = {};
    for (const [method, path, body] of routes) {
      const res = await fetch(`${app.url}${path}`, {
        method,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const json = (await res.json()) as Record<string, unknown>;
      out[`${method} ${path.split('?')[0]}`] = { status: res.status, code: json.code };
    }
    return out;
  }

  it('answers 401 UNKNOWN_TENANT with the error body on every authenticated route', async () => {
    const tenantId = `nobody-${randomUUID()}`;
    const got = await answers(sign(tenantId));
    for (const answer of Object.values(got)) expect(answer).toEqual({ status: 401, code: 'UNKNOWN_TENANT' });
    expect(Object.keys(got)).toHaveLength(6);
    const res = await fetch(`${app.url}/api/v2/sync/pull`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${sign(tenantId)}` },
      body: JSON.stringify({ user_id: 2, device_id: 'phone' }),
    });
    expect(await res.json()).toEqual({ error: 'Unauthorized', message: `Unknown tenant "${tenantId}"`, code: 'UNKNOWN_TENANT', details: {} });
  });

  it('refuses the socket handshake with UNKNOWN_TENANT', async () => {
    const c = client(app.url, { auth: { token: sign(`nobody-${randomUUID()}`) } });
    const err = await refusal(c);
    c.socket.disconnect();
    expect(err.data?.code).toBe('UNKNOWN_TENANT');
    expect(err.message).toMatch(/^UNAUTHORIZED: Unknown tenant/);
  });

  it('serves the tenant once its system is connected, and answers 403 TENANT_DISCONNECTED once it is disconnected', async () => {
    const tenantId = `later-${randomUUID()}`;
    const token = sign(tenantId);
    expect((await answers(token))['POST /api/v2/sync/pull']).toEqual({ status: 401, code: 'UNKNOWN_TENANT' });
    await connectTenant(app.app, tenantId);
    expect((await answers(token))['POST /api/v2/sync/pull']).toEqual({ status: 200, code: undefined });
    const off = await fetch(`${app.url}/systems/${tenantId}/disconnect`, { method: 'POST', headers: { 'X-Admin-Key': TEST_ENV.ADMIN_API_KEY } });
    expect(off.status).toBe(200);
    expect((await answers(token))['POST /api/v2/sync/pull']).toEqual({ status: 403, code: 'TENANT_DISCONNECTED' });
  });
});
