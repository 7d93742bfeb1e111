import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { startOdooSim, type OdooSim } from '../../odoo-sim';
import { startTestApp, TEST_ENV, type RunningApp } from '../../support/test-app';
import type { ApiBody } from './api-body';
import { captureLogs } from './capture-logs';

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  body: ApiBody;
}

const SERVICE_PASSWORD = `Svc-Pass-${randomUUID()}`;
const USER_PASSWORD = `Rep-Pass-${randomUUID()}`;
const USER_LOGIN = `rep-${randomUUID().slice(0, 8)}@example.com`;

describe('Authentication (integration)', () => {
  let sim: OdooSim;
  let running: RunningApp;
  let logs: ReturnType<typeof captureLogs>;
  let repUid: number;
  const systemId = `auth-${randomUUID().slice(0, 8)}`;
  const responses: string[] = [];

  async function call(method: string, path: string, options: { body?: unknown; headers?: Record<string, string> } = {}): Promise<Answer> {
    const response = await fetch(`${running.url}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', ...options.headers },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    responses.push(text);
    return { status: response.status, headers: response.headers, text, body: (text ? JSON.parse(text) : {}) as ApiBody };
  }

  const login = (password = USER_PASSWORD) =>
    call('POST', '/api/v1/auth/login', { body: { username: USER_LOGIN, password, system_id: systemId } });
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    sim = await startOdooSim();
    await sim.env().write('res.users', 2, { password: SERVICE_PASSWORD });
    repUid = await sim.env().create('res.users', { login: USER_LOGIN, name: 'Field Rep', password: USER_PASSWORD });
    logs = captureLogs();
    running = await startTestApp({ LOG_LEVEL: 'info', ODOO_RETRY_DELAYS_MS: '10,20', ODOO_SESSION_CACHE_SECONDS: '30' });
    const connected = await call('POST', `/systems/${systemId}/connect`, {
      headers: { 'X-Admin-Key': TEST_ENV.ADMIN_API_KEY },
      body: { url: sim.url, database: 'demo', username: 'admin', password: SERVICE_PASSWORD, system_type: 'odoo', name: 'Auth test' },
    });
    expect(connected.status).toBe(200);
  });

  afterAll(async () => {
    await running?.close();
    logs?.restore();
    await sim?.close();
  });

  afterEach(() => sim.faults.reset());

  describe('login', () => {
    it('answers tokens, the user and the tenant; the access token works on /me', async () => {
      const res = await login();
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        token_type: 'bearer',
        expires_in: 3600,
        user: { id: repUid, name: 'Field Rep', login: USER_LOGIN, odoo_user_id: repUid },
        tenant: { id: systemId, name: 'Auth test', odoo_database: 'demo' },
      });
      expect(res.body.access_token).toEqual(expect.any(String));
      expect(res.body.refresh_token).toEqual(expect.any(String));
      const me = await call('POST', '/api/v1/auth/me', { headers: bearer(res.body.access_token) });
      expect(me.status).toBe(200);
      expect(me.body).toEqual({
        user: { id: repUid, name: 'Field Rep', login: USER_LOGIN, odoo_user_id: repUid },
        tenant: { id: systemId, name: 'Auth test', odoo_database: 'demo' },
      });
    });

    it('accepts the Flutter SDK tenant login with email', async () => {
      const res = await call('POST', '/api/v1/auth/tenant/login', { body: { email: USER_LOGIN, password: USER_PASSWORD, system_id: systemId } });
      expect(res.status).toBe(200);
      // The SDK's dialect: the user id is a string (test/integration/clients has its whole contract).
      expect(res.body.user.id).toBe(String(repUid));
      const me = await call('POST', '/api/v1/auth/tenant/me', { headers: bearer(res.body.access_token) });
      expect(me.body.tenant.id).toBe(systemId);
    });

    it('refuses a wrong password with 401 INVALID_CREDENTIALS and a clear message', async () => {
      const res = await login('not-the-password');
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ error: 'InvalidCredentials', message: 'Invalid username or password', code: 'INVALID_CREDENTIALS', details: {} });
    });

    it('answers 503 with Retry-After when Odoo is down', async () => {
      sim.faults.setDown('refuse');
      const res = await login();
      expect(res.status).toBe(503);
      expect(res.body.code).toBe('ODOO_UNAVAILABLE');
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    });

    it('answers 404 for an unknown system and 400 for a bad body', async () => {
      const unknown = await call('POST', '/api/v1/auth/login', { body: { username: 'x', password: 'y', system_id: 'no-such-system' } });
      expect(unknown.status).toBe(404);
      expect(unknown.body.code).toBe('SYSTEM_NOT_FOUND');
      const bad = await call('POST', '/api/v1/auth/login', { body: { username: 'x', extra: 1 } });
      expect(bad.status).toBe(400);
      expect(bad.body.details.fields.map((f) => f.field).sort()).toEqual(['extra', 'password']);
    });
  });

  describe('refresh', () => {
    it('rotates: the new pair works, the used refresh token is dead and its reuse ends the session', async () => {
      const first = (await login()).body;
      const second = await call('POST', '/api/v1/auth/refresh', { headers: bearer(first.refresh_token) });
      expect(second.status).toBe(200);
      expect(second.body.refresh_token).not.toBe(first.refresh_token);
      expect(second.body.user.id).toBe(repUid);
      expect((await call('POST', '/api/v1/auth/me', { headers: bearer(second.body.access_token) })).status).toBe(200);

      const reuse = await call('POST', '/api/v1/auth/refresh', { headers: bearer(first.refresh_token) });
      expect(reuse.status).toBe(401);
      expect(reuse.body.code).toBe('REFRESH_TOKEN_REUSED');
      // The whole family is revoked: the token issued by the legitimate rotation is dead too.
      const after = await call('POST', '/api/v1/auth/tenant/refresh', { body: { refresh_token: second.body.refresh_token } });
      expect(after.status).toBe(401);
    });

    it('lets exactly one of two concurrent refreshes with the same token win', async () => {
      const { refresh_token } = (await login()).body;
      const results = await Promise.all([1, 2].map(() => call('POST', '/api/v1/auth/refresh', { headers: bearer(refresh_token) })));
      expect(results.map((r) => r.status).sort()).toEqual([200, 401]);
    });

    it('logout revokes the refresh token', async () => {
      const { refresh_token } = (await login()).body;
      const out = await call('POST', '/api/v1/auth/logout', { headers: bearer(refresh_token) });
      expect(out.status).toBe(200);
      expect(out.body).toEqual({ success: true, message: 'Logged out' });
      const res = await call('POST', '/api/v1/auth/refresh', { headers: bearer(refresh_token) });
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('TOKEN_REVOKED');
    });
  });

  describe('logout with an access token', () => {
    it.each(['/api/v1/auth/logout', '/api/v1/auth/tenant/logout'])(
      '%s ends the session of an SDK login: its refresh token fails afterwards',
      async (path) => {
        const sdk = await call('POST', '/api/v1/auth/tenant/login', { body: { email: USER_LOGIN, password: USER_PASSWORD, system_id: systemId } });
        expect(sdk.status).toBe(200);
        const out = await call('POST', path, { headers: bearer(sdk.body.access_token), body: {} });
        expect({ status: out.status, body: out.body }).toEqual({ status: 200, body: { success: true, message: 'Logged out' } });
        const refreshed = await call('POST', '/api/v1/auth/tenant/refresh', { headers: bearer(sdk.body.refresh_token), body: {} });
        expect({ status: refreshed.status, code: refreshed.body.code }).toEqual({ status: 401, code: 'TOKEN_REVOKED' });
      },
    );

    it('ends the session of a BridgeCore login on /api/v1/auth/logout too', async () => {
      const tokens = (await login()).body;
      expect((await call('POST', '/api/v1/auth/logout', { headers: bearer(tokens.access_token) })).status).toBe(200);
      const refreshed = await call('POST', '/api/v1/auth/refresh', { headers: bearer(tokens.refresh_token) });
      expect({ status: refreshed.status, code: refreshed.body.code }).toEqual({ status: 401, code: 'TOKEN_REVOKED' });
    });
  });

  describe('token checks', () => {
    const jwt = new JwtService();
    const claims = () => ({ sub: String(repUid), tenant_id: systemId, login: USER_LOGIN, type: 'access' });
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const me = (token: string) => call('POST', '/api/v1/auth/me', { headers: bearer(token) });

    it('refuses an access token used as a refresh token, and a refresh token used as an access token', async () => {
      const tokens = (await login()).body;
      const asRefresh = await call('POST', '/api/v1/auth/refresh', { headers: bearer(tokens.access_token) });
      expect(asRefresh.status).toBe(401);
      expect(asRefresh.body.code).toBe('INVALID_TOKEN');
      const asAccess = await me(tokens.refresh_token);
      expect(asAccess.status).toBe(401);
      expect(asAccess.body.code).toBe('INVALID_TOKEN');
    });

    it('refuses an unsigned alg:none token', async () => {
      const none = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims(), exp: Math.floor(Date.now() / 1000) + 600 })}.`;
      const res = await me(none);
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('INVALID_TOKEN');
    });

    it('refuses an expired token with TOKEN_EXPIRED', async () => {
      const expired = jwt.sign({ ...claims(), exp: Math.floor(Date.now() / 1000) - 60 }, { secret: TEST_ENV.JWT_ACCESS_SECRET, algorithm: 'HS256' });
      const res = await me(expired);
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('TOKEN_EXPIRED');
    });

    it('refuses a correctly signed access or refresh token without exp: it would never expire', async () => {
      const endless = jwt.sign(claims(), { secret: TEST_ENV.JWT_ACCESS_SECRET, algorithm: 'HS256' });
      const res = await me(endless);
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 401, code: 'INVALID_TOKEN' });
      const refresh = jwt.sign({ ...claims(), type: 'refresh', jti: randomUUID() }, { secret: TEST_ENV.JWT_REFRESH_SECRET, algorithm: 'HS256' });
      const refreshed = await call('POST', '/api/v1/auth/refresh', { headers: bearer(refresh) });
      expect({ status: refreshed.status, code: refreshed.body.code }).toEqual({ status: 401, code: 'INVALID_TOKEN' });
    });

    it('refuses a correctly signed token naming a tenant that does not exist with 401', async () => {
      const stranger = jwt.sign({ ...claims(), tenant_id: 'no-such-tenant' }, { secret: TEST_ENV.JWT_ACCESS_SECRET, algorithm: 'HS256', expiresIn: 600 });
      const res = await me(stranger);
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 401, code: 'UNKNOWN_TENANT' });
      // The tenant's own tokens still work.
      expect((await me((await login()).body.access_token)).status).toBe(200);
    });

    it('refuses a token signed with a foreign secret', async () => {
      const foreign = jwt.sign(claims(), { secret: 'someone-elses-secret-0123456789', algorithm: 'HS256', expiresIn: 600 });
      const res = await me(foreign);
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('INVALID_TOKEN');
    });

    it('refuses a request without credentials', async () => {
      const res = await call('POST', '/api/v1/auth/me');
      expect(res.status).toBe(401);
    });
  });

  describe('X-Session-Id', () => {
    async function odooSession(login: string, password: string): Promise<string> {
      const response = await fetch(`${sim.url}/web/session/authenticate`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', method: 'call', params: { db: 'demo', login, password }, id: 1 }),
      });
      return /session_id=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1] as string;
    }

    it('accepts a valid Odoo session for its tenant and caches the answer', async () => {
      const session = await odooSession(USER_LOGIN, USER_PASSWORD);
      const headers = { 'X-Session-Id': session, 'X-Tenant-Id': systemId };
      const before = sim.stats.count('web', 'get_session_info');
      const first = await call('POST', '/api/v1/auth/me', { headers });
      expect(first.status).toBe(200);
      expect(first.body.user).toEqual({ id: repUid, name: 'Field Rep', login: USER_LOGIN, odoo_user_id: repUid });
      const second = await call('POST', '/api/v1/auth/me', { headers });
      expect(second.status).toBe(200);
      expect(sim.stats.count('web', 'get_session_info') - before).toBe(1);
    });

    it('refuses a bogus session with 401, and caches that answer too', async () => {
      const headers = { 'X-Session-Id': `bogus-session-${randomUUID()}`, 'X-Tenant-Id': systemId };
      const before = sim.stats.count('web', 'get_session_info');
      for (let i = 0; i < 2; i++) {
        const res = await call('POST', '/api/v1/auth/me', { headers });
        expect(res.status).toBe(401);
        expect(res.body.code).toBe('INVALID_SESSION');
      }
      expect(sim.stats.count('web', 'get_session_info') - before).toBe(1);
    });

    it('refuses a session for an unknown tenant', async () => {
      const res = await call('POST', '/api/v1/auth/me', { headers: { 'X-Session-Id': 'whatever-0123456789', 'X-Tenant-Id': 'no-such-tenant' } });
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('UNKNOWN_TENANT');
    });
  });

  describe('secrets', () => {
    it('never puts a password or a token in a log line, and never a password in a response', async () => {
      const tokens = (await login()).body;
      await login('wrong-password-attempt');
      await call('POST', '/api/v1/auth/refresh', { headers: bearer(tokens.refresh_token) });
      await call('GET', `/systems/${systemId}`, { headers: { 'X-Admin-Key': TEST_ENV.ADMIN_API_KEY } });
      const logged = logs.text();
      expect(logged).toContain('"statusCode"');
      for (const secret of [USER_PASSWORD, SERVICE_PASSWORD, 'wrong-password-attempt', tokens.access_token, tokens.refresh_token, TEST_ENV.ADMIN_API_KEY]) {
        expect(logged).not.toContain(secret);
      }
      for (const secret of [USER_PASSWORD, SERVICE_PASSWORD]) {
        expect(responses.some((r) => r.includes(secret))).toBe(false);
      }
    });
  });
});
