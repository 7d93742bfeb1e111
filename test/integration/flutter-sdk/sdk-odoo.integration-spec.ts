import { randomUUID } from 'node:crypto';
import { startOdooSim, type OdooSim } from '../../odoo-sim';
import { startTestApp, type RunningApp } from '../../support/test-app';
import { sdkTypeErrors, type DartType } from './sdk-reads';

type Json = Record<string, unknown>;

/**
 * The Flutter SDK's `me` and the dedicated routes of its OdooService (bridgecore-flutter.md §2, §5C), sent exactly as
 * it sends them, each field it reads checked with the Dart type it casts to.
 */
describe('Flutter SDK me and Odoo routes (integration)', () => {
  let sim: OdooSim;
  let app: RunningApp;
  const tokens: Record<'admin' | 'demo', string> = { admin: '', demo: '' };

  async function sdk(path: string, body: Json, as: 'admin' | 'demo' = 'admin', headers: Record<string, string> = {}): Promise<{ status: number; body: Json }> {
    const res = await fetch(`${app.url}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...(tokens[as] ? { Authorization: `Bearer ${tokens[as]}` } : {}), ...headers },
      body: JSON.stringify(body),
    });
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    return { status: res.status, body: (await res.json()) as Json };
  }

  /** A 200 whose fields the SDK reads carry their Dart types. */
  async function expectReads(path: string, body: Json, reads: Record<string, DartType>, as: 'admin' | 'demo' = 'admin'): Promise<Json> {
    const answer = await sdk(path, body, as);
    expect({ status: answer.status, typeErrors: sdkTypeErrors(reads, answer.body) }).toEqual({ status: 200, typeErrors: [] });
    return answer.body;
  }

  beforeAll(async () => {
    sim = await startOdooSim();
    app = await startTestApp({
      ODOO_URL: sim.url,
      ODOO_DB: 'demo',
      ODOO_USERNAME: 'admin',
      ODOO_PASSWORD: 'admin',
      ODOO_SYSTEM_ID: `sdko-${randomUUID().slice(0, 8)}`,
      ODOO_RETRY_DELAYS_MS: 'none',
    });
    for (const as of ['admin', 'demo'] as const) {
      const login = await sdk('/api/v1/auth/tenant/login', { email: as, password: as });
      expect(login.status).toBe(200);
      tokens[as] = login.body.access_token as string;
    }
  });

  afterAll(async () => {
    await app?.close();
    await sim?.close();
  });

  it('me: the Odoo groups as external ids, and is_admin for a member of base.group_system only', async () => {
    const reads: Record<string, DartType> = { user: 'Map', tenant: 'Map', groups: 'List<String>', company_ids: 'any', is_admin: 'bool', is_internal_user: 'bool' };
    const admin = await expectReads('/api/v1/auth/tenant/me', {}, reads);
    expect(admin.groups).toEqual(expect.arrayContaining(['base.group_system', 'base.group_user', 'sales_team.group_sale_manager']));
    expect(admin).toMatchObject({ is_admin: true, is_internal_user: true, user: expect.objectContaining({ role: 'admin' }) });
    const demo = await expectReads('/api/v1/auth/tenant/me', {}, reads, 'demo');
    expect(demo.groups).toEqual(expect.arrayContaining(['base.group_user', 'sales_team.group_sale_salesman']));
    expect(demo.groups).not.toContain('base.group_system');
    expect(demo).toMatchObject({ is_admin: false, is_internal_user: true, user: expect.objectContaining({ role: 'user' }) });
  });

  /** POST /api/v1/odoo/<route> with the SDK's body; `result` must carry the type the SDK casts it to. */
  const odoo = async (route: string, body: Json, result: DartType, as: 'admin' | 'demo' = 'admin'): Promise<unknown> =>
    (await expectReads(`/api/v1/odoo/${route}`, body, { result }, as)).result;
  const partner = (id: number, fields: string[]) => sim.env().read('res.partner', id, fields).then((rows) => rows[0]);

  it('form helpers: onchange and default_get in the SDK shapes, answered by Odoo 18 onchange/default_get', async () => {
    const defaults = await odoo('default_get', { model: 'res.partner', fields: ['name', 'type', 'active', 'color'] }, 'Map');
    expect(defaults).toEqual({ type: 'contact', active: true, color: 0 });
    // The SDK's spec is the old one (field → "1"): it names the fields to answer.
    const changed = (await odoo('onchange', { model: 'res.partner', ids: [], values: { name: 'Café Atlas' }, field: 'name', spec: { name: '1', display_name: '' } }, 'Map')) as Json;
    expect(changed).toEqual({ value: { display_name: 'Café Atlas' } });
    expect(sdkTypeErrors({ value: 'Map' }, changed)).toEqual([]);
  });

  it('reads: web_search_read, web_read, read_group, name_search, exists, check_access_rights', async () => {
    const id = await sim.env().create('res.partner', { name: 'SDK Route Partner', phone: '+212 600 000 010', color: 6 });
    const found = await odoo('web_search_read', { model: 'res.partner', domain: [['name', '=', 'SDK Route Partner']], fields: ['name', 'phone'], limit: 80, offset: 0 }, 'List<Map>');
    expect(found).toEqual([{ id, name: 'SDK Route Partner', phone: '+212 600 000 010' }]);
    expect(await odoo('web_read', { model: 'res.partner', ids: [id], fields: ['phone'] }, 'List<Map>')).toEqual([{ id, phone: '+212 600 000 010' }]);
    const groups = await odoo('read_group', { model: 'res.partner', domain: [['id', '=', id]], fields: ['color:sum'], groupby: ['is_company'], lazy: true }, 'List<Map>');
    expect(groups).toEqual([expect.objectContaining({ is_company: false, is_company_count: 1, color: 6 })]);
    expect(await odoo('name_search', { model: 'res.partner', name: 'SDK Route Partner', domain: [], limit: 10 }, 'any')).toEqual([[id, 'SDK Route Partner']]);
    expect(await odoo('exists', { model: 'res.partner', ids: [id, 999999] }, 'any')).toEqual([id]);
    expect(await odoo('check_access_rights', { model: 'res.partner', operation: 'write', raise_exception: false }, 'bool', 'demo')).toBe(true);
  });

  it('writes: web_save, batch_create/write/unlink, batch_execute, copy, name_create, under the write policy', async () => {
    const [a, b] = (await odoo('batch_create', { model: 'res.partner', values_list: [{ name: 'Batch A' }, { name: 'Batch B' }] }, 'any')) as number[];
    expect([a, b].every(Number.isInteger)).toBe(true);
    expect(await odoo('batch_write', { model: 'res.partner', updates: [{ id: a, values: { phone: '+1 111' } }, { id: b, values: { phone: '+1 222' } }] }, 'bool')).toBe(true);
    expect([(await partner(a, ['phone'])).phone, (await partner(b, ['phone'])).phone]).toEqual(['+1 111', '+1 222']);
    // web_save: {id, values…}; id 0 is a new record.
    expect(await odoo('web_save', { model: 'res.partner', records: [{ id: a, color: 9 }, { id: 0, name: 'Saved New' }] }, 'bool')).toBe(true);
    expect((await partner(a, ['color'])).color).toBe(9);
    expect(await sim.env().searchCount('res.partner', [['name', '=', 'Saved New']])).toBe(1);
    const copyId = await odoo('copy', { model: 'res.partner', id: a }, 'int');
    expect((await partner(copyId as number, ['name', 'phone'])).name).toBe('Batch A (copy)');
    const created = (await odoo('name_create', { model: 'res.partner', name: 'Quick One' }, 'any')) as [number, string];
    expect(created).toEqual([expect.any(Number), 'Quick One']);
    const ran = await odoo('batch_execute', { operations: [{ method: 'search_count', model: 'res.partner', domain: [['name', 'like', 'Batch ']] }, { method: 'read', model: 'res.partner', args: [[b]], fields: ['phone'] }] }, 'any');
    expect(ran).toEqual([3, [{ id: b, phone: '+1 222' }]]);
    expect(await odoo('batch_unlink', { model: 'res.partner', ids: [b] }, 'bool')).toBe(true);
    expect(await sim.env().searchCount('res.partner', [['id', '=', b]])).toBe(0);

    // The write policy of call_kw: an app type that may not write partners changes nothing, a security model is out of bounds.
    const refused = await sdk('/api/v1/odoo/web_save', { model: 'res.partner', records: [{ id: a, color: 1 }] }, 'admin', { 'X-App-Type': 'warehouse_app' });
    expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 403, code: 'MODEL_NOT_WRITABLE' });
    expect((await partner(a, ['color'])).color).toBe(9);
    const security = await sdk('/api/v1/odoo/web_read', { model: 'res.users', ids: [2], fields: ['login'] });
    expect({ status: security.status, code: security.body.code }).toEqual({ status: 403, code: 'METHOD_NOT_ALLOWED' });
    const operations = [{ method: 'write', model: 'res.partner', args: [[a], { color: 2 }] }, { method: '_private', model: 'res.partner' }];
    const bad = await sdk('/api/v1/odoo/batch_execute', { operations });
    expect({ status: bad.status, code: bad.body.code }).toEqual({ status: 403, code: 'METHOD_NOT_ALLOWED' });
    expect((await partner(a, ['color'])).color).toBe(9);
  });

  it('methods Odoo 18 no longer has (name_get, fields_view_get, load_views) are answered as Odoo answers: 400 ODOO_METHOD_NOT_FOUND', async () => {
    const calls: [string, Json][] = [
      ['name_get', { model: 'res.partner', ids: [3] }],
      ['fields_view_get', { model: 'res.partner', view_id: null, view_type: 'form', toolbar: false, submenu: false }],
      ['load_views', { model: 'res.partner', views: [[false, 'form']], options: { load_action: false, load_filters: false } }],
    ];
    for (const [route, body] of calls) {
      const answer = await sdk(`/api/v1/odoo/${route}`, body);
      expect({ route, status: answer.status, code: answer.body.code, message: answer.body.message }).toEqual({
        route,
        status: 400,
        code: 'ODOO_METHOD_NOT_FOUND',
        message: `The method 'res.partner.${route}' does not exist`,
      });
    }
  });
});
