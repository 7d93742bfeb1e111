import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { startOdooSim, type OdooSim } from '../../odoo-sim';
import { startTestApp, TEST_ENV, type RunningApp } from '../../support/test-app';

/**
 * The auth calls of the public Flutter SDK (bridgecore_flutter 3.1.x, `lib/src/auth/auth_service.dart`) replayed
 * exactly as it sends them: login with `email`, `me` and `logout` as POST with `{}`, refresh with the refresh token as
 * Bearer and an empty body, and — what the SDK really does — the FIRST refresh token kept for every refresh (it
 * ignores `refresh_token` in refresh answers). Every field the SDK casts is checked with the JSON type it casts to:
 * a string where Dart does `as String`, an integer where it does `as int` (3600.0 would fail there).
 */

type Json = Record<string, unknown>;

const USER_PASSWORD = `Rep-Pass-${randomUUID()}`;
const USER_LOGIN = `rep-${randomUUID().slice(0, 8)}@example.com`;

const isString = (v: unknown) => typeof v === 'string';
const isInt = (v: unknown) => Number.isInteger(v);
const isIso = (v: unknown) => typeof v === 'string' && !Number.isNaN(Date.parse(v)) && /^\d{4}-\d{2}-\d{2}T/.test(v);

function claimsOf(jwt: string): Json {
  return JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString()) as Json;
}

describe('Flutter SDK auth contract (integration)', () => {
  let sim: OdooSim;
  let running: RunningApp;
  let repUid: number;
  const systemId = `sdk-${randomUUID().slice(0, 8)}`;

  /** The SDK's main client: JSON in, JSON object out; Accept on every request. */
  async function sdkCall(path: string, body: Json, token?: string): Promise<{ status: number; body: Json }> {
    const response = await fetch(`${running.url}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    return { status: response.status, body: (await response.json()) as Json };
  }

  /** The SDK's separate refresh client: no Accept header, body `{}`, the refresh token as Bearer. */
  async function sdkRefresh(refreshToken: string): Promise<{ status: number; body: Json }> {
    const response = await fetch(`${running.url}/api/v1/auth/tenant/refresh`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${refreshToken}` },
      body: '{}',
    });
    return { status: response.status, body: (await response.json()) as Json };
  }

  beforeAll(async () => {
    sim = await startOdooSim();
    const servicePassword = `Svc-${randomUUID()}`;
    await sim.env().write('res.users', 2, { password: servicePassword });
    repUid = await sim.env().create('res.users', { login: USER_LOGIN, name: 'Field Rep', email: USER_LOGIN, password: USER_PASSWORD });
    // The SDK never names a tenant: like a deployment serving one Odoo, the system comes from ODOO_URL, which is also
    // the login's choice when the test database holds other tests' systems.
    running = await startTestApp({
      ODOO_URL: sim.url,
      ODOO_DB: 'demo',
      ODOO_USERNAME: 'admin',
      ODOO_PASSWORD: servicePassword,
      ODOO_SYSTEM_ID: systemId,
      ODOO_RETRY_DELAYS_MS: 'none',
    });
  });

  afterAll(async () => {
    await running?.close();
    await sim?.close();
  });

  it('login (with odoo_fields_check) → me → refresh ×10 with the first refresh token → logout with the access token → refresh refused', async () => {
    // login: {email, password, odoo_fields_check}; the SDK sends no tenant, so the only system is chosen.
    const login = await sdkCall('/api/v1/auth/tenant/login', {
      email: USER_LOGIN,
      password: USER_PASSWORD,
      odoo_fields_check: { model: 'res.users', list_fields: ['name', 'email', 'x_no_such_field'] },
    });
    expect(login.status).toBe(200);
    const body = login.body as {
      access_token: unknown;
      refresh_token: unknown;
      expires_in: unknown;
      token_type: unknown;
      user: Json;
      tenant: Json;
      odoo_fields_data: Json;
    };
    expect([body.access_token, body.refresh_token].every(isString)).toBe(true);
    expect(isInt(body.expires_in)).toBe(true);
    expect(body.expires_in).toBe(3600);
    expect(body.token_type).toBe('bearer');
    expect(body.user).toEqual({ id: String(repUid), email: USER_LOGIN, full_name: 'Field Rep', role: 'user', odoo_user_id: repUid });
    expect(isInt(body.user.odoo_user_id)).toBe(true);
    expect(body.tenant).toEqual({ id: systemId, name: systemId, slug: systemId, status: 'active', odoo_database: 'demo', odoo_version: expect.any(String) });
    expect(body.odoo_fields_data).toEqual({
      success: true,
      model_exists: true,
      fields_exist: false,
      model_name: 'res.users',
      missing_fields: ['x_no_such_field'],
      data: { name: 'Field Rep', email: USER_LOGIN },
    });

    // The SDK's validateAndCleanup logs out an access token without user_type 'tenant' and a tenant_id.
    const access = body.access_token as string;
    const firstRefresh = body.refresh_token as string;
    expect(claimsOf(access)).toMatchObject({ user_type: 'tenant', tenant_id: systemId, sub: String(repUid), sid: expect.any(String) });

    // me: POST {} with the access token.
    const me = await sdkCall('/api/v1/auth/tenant/me', {}, access);
    expect(me.status).toBe(200);
    const meBody = me.body as { user: Json; tenant: Json } & Json;
    expect(meBody.user).toEqual({
      id: String(repUid),
      email: USER_LOGIN,
      full_name: 'Field Rep',
      role: 'user',
      odoo_user_id: repUid,
      created_at: expect.any(String),
    });
    expect(isIso(meBody.user.created_at)).toBe(true);
    expect(meBody.tenant).toEqual({
      id: systemId,
      name: systemId,
      slug: systemId,
      status: 'active',
      odoo_url: sim.url,
      odoo_database: 'demo',
      odoo_version: expect.any(String),
    });
    expect(isInt(meBody.partner_id)).toBe(true);
    expect(isInt(meBody.current_company_id)).toBe(true);
    expect(meBody.company_ids).toEqual([1]);
    expect(Array.isArray(meBody.groups) && (meBody.groups as unknown[]).every(isString)).toBe(true);
    expect(meBody.is_admin).toBe(false);
    expect(meBody.is_internal_user).toBe(true);
    expect(meBody).not.toHaveProperty('odoo_fields_data');

    // me with a fields check: the values of the user's own record.
    const meChecked = await sdkCall('/api/v1/auth/tenant/me', { odoo_fields_check: { model: 'res.users', list_fields: ['login'] } }, access);
    expect(meChecked.body.odoo_fields_data).toEqual({ login: USER_LOGIN });

    // refresh ×10, always with the first refresh token, as the SDK does (it ignores refresh_token in the answer).
    let latestAccess = access;
    for (let i = 0; i < 10; i++) {
      const refreshed = await sdkRefresh(firstRefresh);
      expect({ i, status: refreshed.status, code: refreshed.body.code }).toEqual({ i, status: 200, code: undefined });
      expect(isString(refreshed.body.access_token)).toBe(true);
      expect(isInt(refreshed.body.expires_in)).toBe(true);
      latestAccess = refreshed.body.access_token as string;
      expect(claimsOf(latestAccess)).toMatchObject({ user_type: 'tenant', tenant_id: systemId, sid: claimsOf(access).sid });
    }
    expect((await sdkCall('/api/v1/auth/tenant/me', {}, latestAccess)).status).toBe(200);

    // logout: POST {} with the ACCESS token; the refresh token is not sent, yet it must die.
    const logout = await sdkCall('/api/v1/auth/tenant/logout', {}, latestAccess);
    expect(logout.status).toBe(200);
    expect(logout.body).toEqual({ success: true, message: 'Logged out' });

    const after = await sdkRefresh(firstRefresh);
    expect(after.status).toBe(401);
    expect(after.body).toEqual({ error: 'TokenRevoked', message: 'This refresh token was revoked. Log in again.', code: 'TOKEN_REVOKED', details: {} });
  });

  it('answers a fields check on a model Odoo does not have, without failing the login', async () => {
    const login = await sdkCall('/api/v1/auth/tenant/login', {
      email: USER_LOGIN,
      password: USER_PASSWORD,
      odoo_fields_check: { model: 'x_no.such.model', list_fields: ['name'] },
    });
    expect(login.status).toBe(200);
    expect(login.body.odoo_fields_data).toEqual({
      success: false,
      model_exists: false,
      fields_exist: false,
      model_name: 'x_no.such.model',
      missing_fields: [],
      error: 'Model x_no.such.model does not exist',
    });
  });

  it('refuses a malformed fields check with 400 and the field errors', async () => {
    const login = await sdkCall('/api/v1/auth/tenant/login', {
      email: USER_LOGIN,
      password: USER_PASSWORD,
      odoo_fields_check: { model: 'res.users', list_fields: 'name' },
    });
    expect(login.status).toBe(400);
    expect(login.body.code).toBe('VALIDATION_ERROR');
    expect((login.body.details as { fields: Array<{ field: string }> }).fields.map((f) => f.field)).toEqual(['odoo_fields_check.list_fields']);
  });

  it('lets concurrent refreshes with the same SDK refresh token all succeed (two requests racing the proactive refresh)', async () => {
    const login = await sdkCall('/api/v1/auth/tenant/login', { email: USER_LOGIN, password: USER_PASSWORD });
    const results = await Promise.all([1, 2, 3].map(() => sdkRefresh(login.body.refresh_token as string)));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
  });

  it('answers 400 SESSION_NOT_NAMED to a logout whose access token names no session, and revokes nothing', async () => {
    const login = await sdkCall('/api/v1/auth/tenant/login', { email: USER_LOGIN, password: USER_PASSWORD });
    // An access token signed before tokens named their session: the same claims without sid.
    const { sid: _sid, iat: _iat, exp: _exp, ...claims } = claimsOf(login.body.access_token as string);
    const unnamed = new JwtService().sign(claims, { secret: TEST_ENV.JWT_ACCESS_SECRET, algorithm: 'HS256', expiresIn: 600 });
    const logout = await sdkCall('/api/v1/auth/tenant/logout', {}, unnamed);
    expect(logout.status).toBe(400);
    expect(logout.body.code).toBe('SESSION_NOT_NAMED');
    expect((await sdkRefresh(login.body.refresh_token as string)).status).toBe(200);
  });

  it("keeps BridgeCore's own refresh single use: its refresh tokens rotate and a reused one ends the session", async () => {
    const own = await sdkCall('/api/v1/auth/login', { username: USER_LOGIN, password: USER_PASSWORD });
    expect(own.status).toBe(200);
    expect(own.body.user).toMatchObject({ id: repUid });
    const first = own.body.refresh_token as string;
    const rotated = await sdkCall('/api/v1/auth/refresh', {}, first);
    expect(rotated.status).toBe(200);
    expect(rotated.body.refresh_token).not.toBe(first);
    const reused = await sdkCall('/api/v1/auth/refresh', {}, first);
    expect(reused.status).toBe(401);
    expect(reused.body.code).toBe('REFRESH_TOKEN_REUSED');
  });

  it('answers 403, not 401, when the tenant is disconnected, so the SDK keeps its tokens', async () => {
    const login = await sdkCall('/api/v1/auth/tenant/login', { email: USER_LOGIN, password: USER_PASSWORD });
    const disconnected = await fetch(`${running.url}/systems/${systemId}/disconnect`, { method: 'POST', headers: { 'X-Admin-Key': TEST_ENV.ADMIN_API_KEY } });
    expect(disconnected.status).toBe(200);
    // The last test of the file: the system stays disconnected.
    const me = await sdkCall('/api/v1/auth/tenant/me', {}, login.body.access_token as string);
    expect(me.status).toBe(403);
    expect(me.body.code).toBe('TENANT_DISCONNECTED');
    // The SDK turns a 403 whose message says "suspend" into TenantSuspendedException.
    expect(String(me.body.message)).toMatch(/suspend/i);
  });
});
