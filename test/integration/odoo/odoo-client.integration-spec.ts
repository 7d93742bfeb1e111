import { Histogram, Registry } from 'prom-client';
import { HttpOdooClientFactory } from '../../../src/modules/odoo/odoo-client.factory';
import { OdooCallRate } from '../../../src/modules/odoo/odoo-call-rate';
import type { OdooClient } from '../../../src/modules/odoo/odoo.client';
import {
  OdooAccessError,
  OdooConnectionError,
  OdooMissingError,
  OdooTimeoutError,
  OdooUserSessionExpired,
  OdooValidationError,
} from '../../../src/modules/odoo/odoo.errors';
import { startOdooSim, type OdooSim } from '../../odoo-sim';
import { testConfig } from '../../support/test-app';

/** The same suite over both transports, against the simulator over real HTTP. */
describe.each(['jsonrpc', 'xmlrpc'] as const)('Odoo client over %s', (protocol) => {
  let sim: OdooSim;
  let factory: HttpOdooClientFactory;
  let histogram: Histogram<string>;

  beforeAll(async () => {
    sim = await startOdooSim();
    const registry = new Registry();
    histogram = new Histogram({ name: 'odoo_rpc_duration_seconds', help: 'h', labelNames: ['method', 'model', 'outcome'], registers: [registry] });
    factory = new HttpOdooClientFactory(testConfig({ ODOO_TIMEOUT_MS: '400', ODOO_RETRY_DELAYS_MS: '10,20,40' }), histogram, new OdooCallRate());
  });

  afterAll(() => sim.close());

  afterEach(() => {
    sim.faults.reset();
    sim.stats.reset();
  });

  const admin = (): OdooClient => factory.create({ url: sim.url, database: 'demo', username: 'admin', password: 'admin', protocol });

  it('reads sale orders with many2one fields as [id, name]', async () => {
    const orders = await admin().searchRead<{ id: number; name: string; partner_id: [number, string] }>('sale.order', [], {
      fields: ['name', 'partner_id'],
      limit: 3,
      order: 'id',
    });
    expect(orders).toHaveLength(3);
    for (const order of orders) {
      expect(order.partner_id).toEqual([expect.any(Number), expect.any(String)]);
      expect(order.partner_id[1].length).toBeGreaterThan(0);
    }
  });

  it('creates, writes, unlinks, and reads a deleted id as []', async () => {
    const client = admin();
    const id = await client.create('res.partner', { name: `Client test ${protocol}`, email: 'c@example.com' });
    expect(Number.isInteger(id)).toBe(true);
    await expect(client.write('res.partner', [id], { name: 'Renamed' })).resolves.toBe(true);
    await expect(client.read('res.partner', [id], ['name'])).resolves.toEqual([{ id, name: 'Renamed' }]);
    await expect(client.unlink('res.partner', [id])).resolves.toBe(true);
    await expect(client.read('res.partner', [id], ['name'])).resolves.toEqual([]);
    await expect(client.searchCount('res.partner', [['id', '=', id]])).resolves.toBe(0);
  });

  it('maps a write on a missing id to OdooMissingError without retrying it', async () => {
    const error = await admin().write('res.partner', [99999999], { name: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OdooMissingError);
    expect((error as OdooMissingError).message).toContain('Record does not exist or has been deleted');
    expect((error as OdooMissingError).retryable).toBe(false);
    expect(sim.stats.count('res.partner', 'write')).toBe(1);
  });

  it("maps the demo user's AccessError", async () => {
    const demo = factory.create({ url: sim.url, database: 'demo', username: 'demo', password: 'demo', protocol });
    const error = await demo.create('ir.config_parameter', { key: 'k', value: 'v' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OdooAccessError);
    expect((error as OdooAccessError).message).toContain("You are not allowed to create 'System Parameter'");
  });

  it('maps an unknown model and an unknown field to OdooValidationError', async () => {
    const client = admin();
    const model = await client.searchRead('no.such.model', []).catch((e: unknown) => e);
    expect(model).toBeInstanceOf(OdooValidationError);
    expect((model as Error).message).toBe("Object no.such.model doesn't exist");
    const field = await client.searchRead('res.partner', [['nosuchfield', '=', 1]], { fields: ['name'] }).catch((e: unknown) => e);
    expect(field).toBeInstanceOf(OdooValidationError);
    expect((field as Error).message).toContain('nosuchfield');
    await expect(client.hasModel('no.such.model')).resolves.toBe(false);
    // A stock Odoo: the auto_webhook addon's model is not installed.
    await expect(client.hasModel('update.webhook')).resolves.toBe(false);
    await expect(client.hasModel('res.partner')).resolves.toBe(true);
  });

  it('authenticates once for many calls, also concurrent ones', async () => {
    const client = admin();
    await Promise.all([1, 2, 3, 4, 5].map(() => client.search('res.partner', [], { limit: 1 })));
    await client.version();
    await client.searchCount('product.product', []);
    expect(sim.stats.count('common', 'authenticate')).toBe(1);
    expect(sim.stats.count('res.partner', 'search')).toBe(5);
  });

  it.each(['session-expired', 'access-denied'] as const)('re-authenticates once after %s and completes the call', async (kind) => {
    const client = admin();
    await client.uid();
    sim.faults.failNext(1, kind, { service: 'object' });
    await expect(client.searchCount('res.partner', [])).resolves.toBeGreaterThan(0);
    expect(sim.stats.count('common', 'authenticate')).toBe(2);
  });

  it('retries a read while Odoo is down, then succeeds', async () => {
    const client = admin();
    await client.uid();
    sim.faults.failNext(1, 'refuse', { method: 'search_read' });
    sim.faults.failNext(1, '503', { method: 'search_read' });
    const rows = await client.searchRead('res.partner', [], { fields: ['name'], limit: 2 });
    expect(rows).toHaveLength(2);
    expect(sim.stats.count('res.partner', 'search_read')).toBe(1);
  });

  it('gives up with a retryable OdooConnectionError when Odoo stays down', async () => {
    const client = admin();
    await client.uid();
    sim.faults.setDown('503');
    const error = await client.search('res.partner', []).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OdooConnectionError);
    expect((error as OdooConnectionError).retryable).toBe(true);
    expect((error as OdooConnectionError).retryAfterSeconds).toBeGreaterThan(0);
  });

  it('times out a call that Odoo never answers', async () => {
    const client = factory.create({ url: sim.url, database: 'demo', username: 'admin', password: 'admin', protocol }, { retryDelaysMs: [] });
    await client.uid();
    sim.faults.failNext(1, 'timeout', { method: 'search_read' });
    const started = Date.now();
    const error = await client.searchRead('res.partner', []).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OdooTimeoutError);
    expect((error as OdooTimeoutError).retryable).toBe(true);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('records every call in odoo_rpc_duration_seconds', async () => {
    const before = (await histogram.get()).values.find(
      (v) => v.metricName === 'odoo_rpc_duration_seconds_count' && v.labels.method === 'search_count' && v.labels.outcome === 'success',
    )?.value ?? 0;
    await admin().searchCount('res.partner', []);
    const after = (await histogram.get()).values.find(
      (v) => v.metricName === 'odoo_rpc_duration_seconds_count' && v.labels.method === 'search_count' && v.labels.model === 'res.partner',
    )?.value;
    expect(after).toBe(before + 1);
  });

  describe('per-user checks', () => {
    it('opens a web session with a user\'s own credentials, null when refused', async () => {
      const target = { url: sim.url, database: 'demo', protocol };
      const session = await factory.openUserSession(target, 'demo', 'demo');
      expect(session).toEqual({ uid: 6, login: 'demo', name: 'Marc Demo', sessionId: expect.stringMatching(/^[A-Za-z0-9_-]{20,}$/) });
      await expect(factory.openUserSession(target, 'demo', 'wrong')).resolves.toBeNull();
    });

    it('acts as the session\'s user whatever the system protocol: Odoo records them and applies their rights', async () => {
      const target = { url: sim.url, database: 'demo', protocol };
      const session = await factory.openUserSession(target, 'demo', 'demo');
      const asDemo = factory.forUserSession(target, session?.sessionId as string);
      const id = await asDemo.create('res.partner', { name: 'Made by demo' });
      expect(sim.peek('res.partner', [['id', '=', id]], ['create_uid'])).toEqual([{ id, create_uid: [6, expect.any(String)] }]);
      // Odoo 18: a "Sales / User" may not create groups (fixtures/access: AccessError on res.groups create).
      await expect(asDemo.create('res.groups', { name: 'Sneaky' })).rejects.toBeInstanceOf(OdooAccessError);
      sim.faults.expireSessions();
      await expect(asDemo.searchCount('res.partner', [])).rejects.toBeInstanceOf(OdooUserSessionExpired);
    });

    it('validates an Odoo web session id, null for a bogus one', async () => {
      const response = await fetch(`${sim.url}/web/session/authenticate`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', method: 'call', params: { db: 'demo', login: 'demo', password: 'demo' }, id: 1 }),
      });
      const sessionId = /session_id=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1] as string;
      expect(sessionId).toBeDefined();
      await expect(factory.sessionInfo(sim.url, sessionId)).resolves.toMatchObject({ uid: 6, login: 'demo', database: 'demo' });
      await expect(factory.sessionInfo(sim.url, 'thisisnotavalidsessionid0123456789')).resolves.toBeNull();
      await expect(factory.sessionInfo(sim.url, 'bad; Path=/')).resolves.toBeNull();
    });
  });
});
