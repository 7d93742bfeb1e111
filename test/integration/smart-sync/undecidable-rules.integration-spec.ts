import { randomUUID } from 'node:crypto';
import { IngestionScheduler } from '../../../src/modules/ingestion/ingestion.scheduler';
import { startOdooSim, type OdooSim } from '../../odoo-sim';
import { waitFor, type RunningApp } from '../../support/test-app';
import { loginAs, startCapturingApp } from '../../support/odoo-tenant';
import { pull, tokenFor, type PullBody } from './helpers';

const LINES = 'sale.order.line';

/**
 * A record rule BridgeCore cannot evaluate on stored values (a dotted path into another record) is decided by Odoo
 * itself, asked as the user through the user's own Odoo session, once per user and record version.
 */
describe('Rules the stored values cannot decide are asked of Odoo as the user (integration)', () => {
  let sim: OdooSim;
  let app: RunningApp;
  const systemId = `undecidable-${randomUUID()}`;
  let demo: string;

  async function rpc(model: string, method: string, args: unknown[]): Promise<unknown> {
    const res = await fetch(`${sim.url}/jsonrpc`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', method: 'call', id: 1, params: { service: 'object', method: 'execute_kw', args: ['demo', 2, 'admin', model, method, args] } }),
    });
    return ((await res.json()) as { result?: unknown }).result;
  }

  async function lines(token: string, userId: number, deviceId: string): Promise<number[]> {
    const held = new Set<number>();
    for (let page = 0; ; page++) {
      expect(page).toBeLessThan(100);
      const { status, body } = await pull(app, token, { user_id: userId, device_id: deviceId, limit: 200, models_filter: [LINES] });
      expect(status).toBe(200);
      for (const e of (body as PullBody).events) {
        if (e.event === 'unlink') held.delete(e.record_id);
        else held.add(e.record_id);
      }
      if (!body.has_more) return [...held].sort((a, b) => a - b);
    }
  }

  beforeAll(async () => {
    sim = await startOdooSim({ seed: 'recorded-orders' });
    // The administrator writes 'Personal Order Lines' through the order, as a customised rule often does: Odoo
    // evaluates order_id.user_id by a join, BridgeCore has only the line's own stored values.
    const [ruleId] = (await rpc('ir.rule', 'search', [[['name', '=', 'Personal Order Lines']]])) as number[];
    expect(await rpc('ir.rule', 'write', [[ruleId], { domain_force: "['|',('order_id.user_id','=',user.id),('order_id.user_id','=',False)]" }])).toBe(true);

    app = await startCapturingApp(sim, systemId);
    // A real login: BridgeCore keeps the demo user's Odoo session.
    demo = await loginAs(app, systemId, 'demo');
    const admin = await tokenFor(app, systemId, 2);
    const all = (await sim.env().search(LINES, [])).length;
    await waitFor(async () => ((await lines(admin, 2, `probe-${randomUUID()}`)).length === all ? true : undefined), 30_000);
    // Nothing else talks to Odoo from here: the calls counted below are the pulls'.
    await app.app.get(IngestionScheduler).onModuleDestroy();
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await sim?.close();
  });

  it('without a live Odoo session of the user, the undecidable lines stay hidden', async () => {
    // A token whose login kept no Odoo session (issued before logins kept them). First: Odoo's answers for this
    // user, once given, serve every device of the user, whatever its token.
    const sessionless = await tokenFor(app, systemId, 6);
    const before = sim.stats.calls;
    expect(await lines(sessionless, 6, 'old-app')).toEqual([]);
    expect(sim.stats.calls).toBe(before);
  }, 30_000);

  it('the demo user pulls exactly the order lines Odoo lets him search; a second device costs no Odoo call', async () => {
    const searchable = (await sim.env(6).search(LINES, [])).sort((a, b) => a - b);
    const all = await sim.env().search(LINES, []);
    expect(searchable.length).toBeGreaterThan(0);
    expect(searchable.length).toBeLessThan(all.length);

    const before = sim.stats.count(LINES, 'search');
    expect(await lines(demo, 6, 'phone')).toEqual(searchable);
    const asked = sim.stats.count(LINES, 'search') - before;
    expect(asked).toBeGreaterThan(0);

    expect(await lines(demo, 6, 'tablet')).toEqual(searchable);
    expect(sim.stats.count(LINES, 'search') - before).toBe(asked);
  }, 30_000);
});
