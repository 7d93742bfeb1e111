import { startOdooSim, type OdooSim } from './index';
import { executeKw, jsonRpc, postJson, rawRequest } from './spec-helpers';

describe('fault injection', () => {
  let sim: OdooSim;

  beforeAll(async () => {
    sim = await startOdooSim();
  });

  afterEach(() => sim.faults.reset());

  afterAll(() => sim.close());

  const version = (): Promise<Record<string, unknown>> => jsonRpc(sim.url, 'common', 'version', []);

  it('adds latency to every RPC', async () => {
    sim.faults.latencyMs = 120;
    const started = Date.now();
    await version();
    expect(Date.now() - started).toBeGreaterThanOrEqual(115);
  });

  it('adds per-method latency only to that method', async () => {
    // A second of latency: a loaded machine never makes the other call's wait look like it.
    sim.faults.setMethodLatency('res.partner.search_count', 1000);
    let started = Date.now();
    await executeKw(sim.url, 'res.partner', 'search_count', [[]]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(995);
    started = Date.now();
    await executeKw(sim.url, 'res.partner', 'search', [[]], { limit: 1 });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('counts the calls it serves at once while they wait out the latency', async () => {
    sim.faults.latencyMs = 100;
    sim.stats.reset();
    await Promise.all([version(), version(), version()]);
    expect(sim.stats.maxInFlight).toBe(3);
    await version();
    expect(sim.stats.inFlight).toBe(0);
    sim.stats.reset();
    await version();
    await version();
    expect(sim.stats.maxInFlight).toBe(1);
  });

  it("down 'refuse' drops connections; back up it answers again", async () => {
    sim.faults.setDown('refuse');
    await expect(version()).rejects.toThrow(/ECONNRESET|socket hang up/);
    sim.faults.setDown(false);
    expect((await version()).result).toMatchObject({ server_serie: '18.0' });
  });

  it("down '503' answers HTTP 503", async () => {
    sim.faults.setDown('503');
    const res = await rawRequest(sim.url, '/jsonrpc', { headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(503);
    expect(res.body).toContain('503 Service Unavailable');
  });

  it('failNext hits only matching calls, n times', async () => {
    sim.faults.failNext(2, '503', { model: 'res.partner' });
    const partner = (): Promise<number> =>
      rawRequest(sim.url, '/jsonrpc', {
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', method: 'call', id: 1, params: { service: 'object', method: 'execute_kw', args: ['demo', 2, 'admin', 'res.partner', 'search_count', [[]]] } }),
      }).then((r) => r.status);
    expect((await executeKw(sim.url, 'sale.order', 'search_count', [[]])).result).toBe(4);
    expect(await partner()).toBe(503);
    expect(await partner()).toBe(503);
    expect(await partner()).toBe(200);
  });

  it('failNext can inject Odoo-level errors', async () => {
    sim.faults.failNext(1, 'serialization-failure');
    const json = await executeKw(sim.url, 'res.partner', 'write', [[10], { phone: '1' }]);
    expect((json.error as { data: { name: string } }).data.name).toBe('psycopg2.errors.SerializationFailure');
    sim.faults.failNext(1, 'session-expired');
    const expired = await executeKw(sim.url, 'res.partner', 'search_count', [[]]);
    expect(expired.id).toBeNull();
    expect((expired.error as { code: number }).code).toBe(100);
  });

  it("failNext 'timeout' never answers", async () => {
    sim.faults.failNext(1, 'timeout');
    const hung = fetch(`${sim.url}/jsonrpc`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', method: 'call', params: { service: 'common', method: 'version', args: [] }, id: 1 }),
      signal: AbortSignal.timeout(150),
    });
    await expect(hung).rejects.toThrow(/abort|timeout/i);
    expect((await version()).result).toBeDefined();
  });

  it('expireSessions invalidates every web session (code 100)', async () => {
    const auth = await postJson(sim.url, '/web/session/authenticate', { jsonrpc: '2.0', method: 'call', params: { db: 'demo', login: 'admin', password: 'admin' }, id: 1 });
    const cookie = auth.cookies[0].split(';')[0];
    const call = (): Promise<Record<string, unknown>> =>
      postJson(sim.url, '/web/dataset/call_kw', { jsonrpc: '2.0', method: 'call', id: 2, params: { model: 'res.partner', method: 'search_count', args: [[]], kwargs: {} } }, { Cookie: cookie }).then((r) => r.json);
    expect(typeof (await call()).result).toBe('number');
    sim.faults.expireSessions();
    const expired = await call();
    expect(expired.error).toMatchObject({ code: 100, message: 'Odoo Session Expired', data: { name: 'odoo.http.SessionExpiredException' } });
  });

  it('forceAccessError makes matching execute_kw calls fail with AccessError', async () => {
    sim.faults.forceAccessError({ model: 'sale.order', method: 'write' });
    const denied = await executeKw(sim.url, 'sale.order', 'write', [[1], { note: 'x' }]);
    expect((denied.error as { data: { name: string } }).data.name).toBe('odoo.exceptions.AccessError');
    expect((await executeKw(sim.url, 'sale.order', 'read', [[1]], { fields: ['name'] })).result).toEqual([{ id: 1, name: 'S00001' }]);
    sim.faults.clearAccessErrors();
    expect((await executeKw(sim.url, 'sale.order', 'write', [[1], { note: 'x' }])).result).toBe(true);
  });

  it('counts RPCs per model and method, not direct env calls', async () => {
    sim.stats.reset();
    await version();
    await executeKw(sim.url, 'res.partner', 'search_read', [[]], { fields: ['name'], limit: 2 });
    await executeKw(sim.url, 'res.partner', 'search_read', [[]], { fields: ['name'], limit: 2 });
    await executeKw(sim.url, 'sale.order', 'read', [[1]], { fields: ['name'] });
    await sim.env().searchCount('res.partner');
    expect(sim.stats.calls).toBe(4);
    expect(sim.stats.count('res.partner')).toBe(2);
    expect(sim.stats.count('res.partner', 'search_read')).toBe(2);
    expect(sim.stats.count('sale.order', 'read')).toBe(1);
    expect(sim.stats.byMethod['common.version']).toBe(1);
  });

  it('a direct edit as another user is stamped with that user', async () => {
    await sim.env(6).write('res.partner', 11, { phone: '+32 2 555 01 01' });
    const json = await executeKw(sim.url, 'res.partner', 'read', [[11]], { fields: ['phone', 'write_uid'] });
    expect(json.result).toEqual([{ id: 11, phone: '+32 2 555 01 01', write_uid: [6, 'Marc Demo'] }]);
  });
});
