import { startOdooSim, type OdooSim } from './index';
import {
  envelope,
  errorShape,
  executeKw,
  jsonRpc,
  postJson,
  rawRequest,
  type EnvelopeFixture,
  type RawResponse,
} from './spec-helpers';

/** Sends a recorded request as recorded (optionally with a patched body or cookie). */
async function replay(sim: OdooSim, fixture: EnvelopeFixture, patch?: { body?: unknown; cookie?: string }): Promise<RawResponse> {
  const headers: Record<string, string> = { ...fixture.request.headers };
  if (patch?.cookie !== undefined) headers.Cookie = patch.cookie;
  const body =
    fixture.request.body_raw ?? (fixture.request.body === undefined ? undefined : JSON.stringify(patch?.body ?? fixture.request.body));
  return rawRequest(sim.url, fixture.request.path, { method: fixture.request.method, headers, body });
}

const headerNames = (fixture: EnvelopeFixture): string[] => fixture.headers.map(([name]) => name);

describe('JSON-RPC over HTTP', () => {
  let sim: OdooSim;

  beforeAll(async () => {
    sim = await startOdooSim();
  });

  afterAll(() => sim.close());

  describe('byte-identical answers to recorded requests', () => {
    it.each([
      'jsonrpc common.version',
      'jsonrpc common.login ok (admin/admin)',
      'jsonrpc common.login wrong password',
      'jsonrpc common.authenticate ok (admin/admin)',
      'jsonrpc common.authenticate wrong password',
      'jsonrpc common.login ok (demo/demo)',
      'jsonrpc common.login unknown login',
      'jsonrpc db.list',
      'execute_kw search_read positional domain + kwargs fields',
      'execute_kw search_read domain as kwarg, no positional args',
      'execute_kw read with a bare int id (not a list)',
      'execute_kw search_read with fields given positionally',
    ])('%s', async (name) => {
      const fixture = envelope(name);
      const res = await replay(sim, fixture);
      expect(res.status).toBe(fixture.status);
      expect(res.headerNames).toEqual(headerNames(fixture));
      expect(res.body).toBe(fixture.response_raw);
      expect(res.headers['content-length']).toBe(fixture.headers.find(([n]) => n === 'Content-Length')?.[1]);
    });
  });

  describe('error envelopes match the recordings', () => {
    it.each([
      'jsonrpc common.login unknown database',
      'jsonrpc common.<unknown method>',
      'jsonrpc <unknown service>',
      'execute_kw unknown model',
      'execute_kw unknown field in domain',
      'execute_kw unknown field in write',
      'execute_kw unknown field in read fields list',
      'execute_kw write on missing id (MissingError)',
      'execute_kw create res.partner without name (ValidationError)',
      'execute_kw demo user (uid 6) create ir.config_parameter (AccessError)',
      'execute_kw wrong password (AccessDenied)',
      'execute_kw non-existent uid',
      'execute_kw unknown method',
      'execute_kw private method',
    ])('%s', async (name) => {
      const fixture = envelope(name);
      const res = await replay(sim, fixture);
      expect(res.status).toBe(200);
      expect(res.headerNames).toEqual(headerNames(fixture));
      const json = JSON.parse(res.body) as Record<string, unknown>;
      expect(json.id).toBe(fixture.response?.id);
      expect(errorShape(json)).toEqual(errorShape(fixture.response as Record<string, unknown>));
    });
  });

  it('a method returning None answers without a result key (action_lock / action_unlock)', async () => {
    for (const name of ['execute_kw method returning None (sale.order.action_lock)', 'execute_kw method returning None (sale.order.action_unlock)']) {
      const fixture = envelope(name);
      const body = fixture.request.body as { params: { args: unknown[] } };
      const args = [...body.params.args];
      args[5] = [[1]];
      const res = await replay(sim, fixture, { body: { ...body, params: { ...body.params, args } } });
      expect(res.headerNames).toEqual(headerNames(fixture));
      expect(fixture.response).toEqual({ jsonrpc: '2.0', id: fixture.response?.id });
      expect(res.body).toBe(`{"jsonrpc": "2.0", "id": ${String(fixture.response?.id)}}`);
    }
    expect((await sim.env().read('sale.order', 1, ['locked']))[0].locked).toBe(false);
  });

  it('search_read on sale.order returns many2one as [id, name] and x2many as ids', async () => {
    const json = await executeKw(sim.url, 'sale.order', 'search_read', [[['name', '=', 'S00003']]], {
      fields: ['name', 'partner_id', 'order_line', 'state', 'amount_total', 'date_order', 'note'],
    });
    const [order] = json.result as Array<Record<string, unknown>>;
    expect(order.partner_id).toEqual([11, 'Gemini Furniture']);
    expect(order.state).toBe('sale');
    expect(order.order_line).toEqual([expect.any(Number), expect.any(Number)]);
    expect(order.note).toBe(false);
    expect(order.date_order).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(Object.keys(order)).toEqual(['id', 'name', 'partner_id', 'order_line', 'state', 'amount_total', 'date_order', 'note']);
  });

  describe('HTTP-level errors', () => {
    it.each(['/jsonrpc with a non-JSON body', '/jsonrpc common.version with Content-Type text/plain', 'GET /jsonrpc'])(
      '%s',
      async (name) => {
        const fixture = envelope(name);
        const res = await replay(sim, fixture);
        expect(res.status).toBe(400);
        expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
        expect(res.body).toBe(fixture.response_raw);
        expect(res.headerNames).toEqual(headerNames(fixture));
      },
    );
  });

  describe('web sessions', () => {
    it('authenticate sets the recorded cookie, which then works for call_kw and get_session_info', async () => {
      const fixture = envelope('/web/session/authenticate ok (admin/admin)');
      const auth = await replay(sim, fixture);
      expect(auth.headerNames).toEqual(headerNames(fixture));
      expect(auth.cookies).toHaveLength(1);
      const cookie = auth.cookies[0];
      expect(cookie).toMatch(/^session_id=[A-Za-z0-9_-]{84}; Expires=\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT; Max-Age=604800; HttpOnly; Path=\/$/);
      const result = (JSON.parse(auth.body) as { result: Record<string, unknown> }).result;
      expect(result).toMatchObject({ uid: 2, is_admin: true, db: 'demo', username: 'admin', name: 'Mitchell Admin', partner_id: 3 });
      const sessionId = cookie.split(';')[0];

      const info = await replay(sim, envelope('/web/session/get_session_info with valid session cookie'), { cookie: sessionId });
      expect(info.cookies[0].split(';')[0]).toBe(sessionId);
      expect((JSON.parse(info.body) as { result: { uid: number } }).result.uid).toBe(2);

      const callFixture = envelope('/web/dataset/call_kw/res.partner/search_read with session cookie');
      const call = await replay(sim, callFixture, { cookie: sessionId });
      expect(call.headerNames).toEqual(headerNames(callFixture));
      const strip = (rows: unknown): unknown =>
        (rows as Array<Record<string, unknown>>).map((row) => ({ ...row, write_date: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/) }));
      const got = JSON.parse(call.body) as { id: number; result: unknown };
      expect(got.id).toBe(16);
      expect(got.result).toEqual(strip(callFixture.response?.result));

      const destroyFixture = envelope('/web/session/destroy with session cookie');
      const destroyed = await replay(sim, destroyFixture, { cookie: sessionId });
      expect(destroyed.body).toBe('{"jsonrpc": "2.0", "id": 36}');
      expect(destroyed.headerNames).toEqual(headerNames(destroyFixture));
      expect(destroyed.cookies[0]).toMatch(/^cids=; Expires=.* GMT; Max-Age=0; Path=\/$/);
      expect(destroyed.cookies[1]).not.toContain(sessionId);

      const afterFixture = envelope('/web/dataset/call_kw after /web/session/destroy (same cookie)');
      const after = await replay(sim, afterFixture, { cookie: sessionId });
      expect(after.headerNames).toEqual(headerNames(afterFixture));
      expect(errorShape(JSON.parse(after.body) as Record<string, unknown>)).toEqual(errorShape(afterFixture.response ?? {}));
      expect((JSON.parse(after.body) as { id: unknown }).id).toBeNull();
    });

    it.each([
      '/web/session/get_session_info without cookie',
      '/web/dataset/call_kw/res.partner/search_read without cookie (session expired)',
      '/web/dataset/call_kw/res.partner/search_read with unknown session_id cookie',
    ])('%s answers code 100 with id null', async (name) => {
      const fixture = envelope(name);
      const res = await replay(sim, fixture);
      const json = JSON.parse(res.body) as Record<string, unknown>;
      expect(json.id).toBeNull();
      expect(errorShape(json)).toEqual(errorShape(fixture.response ?? {}));
      expect(res.headerNames).toEqual(headerNames(fixture));
    });

    it('wrong web password is AccessDenied without a cookie', async () => {
      const fixture = envelope('/web/session/authenticate wrong password');
      const res = await replay(sim, fixture);
      expect(res.cookies).toEqual([]);
      expect(errorShape(JSON.parse(res.body) as Record<string, unknown>)).toEqual(errorShape(fixture.response ?? {}));
    });
  });

  describe('access rights', () => {
    const demo = { uid: 6, password: 'demo' };

    it('demo reads and writes business records', async () => {
      const read = await executeKw(sim.url, 'res.partner', 'read', [[10]], { fields: ['name'] }, demo);
      expect(read.result).toEqual([{ id: 10, name: 'Deco Addict' }]);
      const write = await executeKw(sim.url, 'res.partner', 'write', [[10], { phone: '+1 555 0100' }], undefined, demo);
      expect(write.result).toBe(true);
      const [row] = sim.peek('res.partner', [['id', '=', 10]], ['phone', 'write_uid']);
      expect(row).toEqual({ id: 10, phone: '+1 555 0100', write_uid: [6, 'Marc Demo'] });
    });

    it('demo cannot create users', async () => {
      const json = await executeKw(sim.url, 'res.users', 'create', [{ name: 'X', login: 'x' }], undefined, demo);
      const data = (json.error as { data: { name: string; message: string } }).data;
      expect(data.name).toBe('odoo.exceptions.AccessError');
      expect(data.message).toBe(
        "You are not allowed to create 'User' (res.users) records.\n\nThis operation is allowed for the following groups:\n\t- Administration/Access Rights\n\nContact your administrator to request access if necessary.",
      );
    });

    it('admin can create users who can then log in', async () => {
      const created = await executeKw(sim.url, 'res.users', 'create', [{ name: 'Field Rep', login: 'rep', password: 'rep-pass' }]);
      expect(typeof created.result).toBe('number');
      expect((await jsonRpc(sim.url, 'common', 'login', ['demo', 'rep', 'rep-pass'])).result).toBe(created.result);
    });
  });

  describe('login cooldown', () => {
    it('refuses even the right web password after 10 failures for 60 s, while /jsonrpc logins still work', async () => {
      const local = await startOdooSim({ seed: 'minimal' });
      try {
        const web = (password: string): Promise<RawResponse & { json: Record<string, unknown> }> =>
          postJson(local.url, '/web/session/authenticate', { jsonrpc: '2.0', method: 'call', params: { db: 'demo', login: 'admin', password }, id: 1 });
        for (let i = 0; i < 10; i++) {
          expect((await jsonRpc(local.url, 'common', 'login', ['demo', 'admin', 'wrong-password'])).result).toBe(false);
        }
        expect((await web('admin')).cookies).toHaveLength(1);
        for (let i = 0; i < 10; i++) {
          const failed = await web('wrong-password');
          expect((failed.json.error as { data: { message: string } }).data.message).toBe('Access Denied');
        }
        const refused = await web('admin');
        const fixture = envelope('cooldown: /web/session/authenticate CORRECT password after 10 web failures from the same IP');
        expect(errorShape(refused.json)).toEqual(errorShape(fixture.response ?? {}));
        expect((await jsonRpc(local.url, 'common', 'login', ['demo', 'admin', 'admin'])).result).toBe(2);
        local.clock.advance(61_000);
        expect((await web('admin')).cookies).toHaveLength(1);
      } finally {
        await local.close();
      }
    });
  });
});
