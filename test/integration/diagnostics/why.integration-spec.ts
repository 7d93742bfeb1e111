import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startOdooSim, type OdooSim } from '../../odoo-sim';
import { TEST_ENV, waitFor, type RunningApp } from '../../support/test-app';
import { loginAs, startCapturingApp } from '../../support/odoo-tenant';
import { pull, tokenFor } from '../smart-sync/helpers';

/** Recorded from Odoo 18: the sale orders a 'Sales / User: Own Documents Only' user (demo, uid 6) cannot search. */
const VISIBILITY = JSON.parse(readFileSync(join(__dirname, '../../odoo-sim/fixtures/access/visibility.json'), 'utf8')) as {
  'sale.order': { hidden_from_demo: number[] };
};
const LINES = 'sale.order.line';

interface Why {
  answer: { on_device: string; reason: string; message: string };
  record: { logged: boolean; last_event: { id: number; event: string | null; timestamp: string } | null; deleted: boolean; fields: string[] };
  device: { user_id: number; device_id: string; position: number; pass: unknown; head: number; delivery: string; sent_in_pass: boolean | null };
  app_type: { name: string; models: string[]; syncs_model: boolean; device_models: string[] | null; fields: string[] };
  rights: {
    model_access: boolean;
    rules: { name: string; global: boolean; domain: string; evaluated_domain: unknown[]; verdict: string }[];
    rules_verdict: string;
    odoo_answer: string | null;
    verdict: string;
    decided_by: string;
    hidden_by: string[];
    masked_fields: string[];
  };
}

/**
 * The operator's "why is (or isn't) this record on this device": the demo user (Own Documents Only) against the
 * simulator's recorded orders, answered by the code the pulls run.
 */
describe('Why a record is or is not on a device (integration)', () => {
  let sim: OdooSim;
  let app: RunningApp;
  const systemId = `why-${randomUUID()}`;
  let demo: string;

  async function rpc(model: string, method: string, args: unknown[]): Promise<unknown> {
    const res = await fetch(`${sim.url}/jsonrpc`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', method: 'call', id: 1, params: { service: 'object', method: 'execute_kw', args: ['demo', 2, 'admin', model, method, args] } }),
    });
    return ((await res.json()) as { result?: unknown }).result;
  }

  async function why(query: Record<string, string | number>, headers: Record<string, string> = { 'X-Admin-Key': TEST_ENV.ADMIN_API_KEY }) {
    const params = new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]));
    const res = await fetch(`${app.url}/api/v1/console/why?${params}`, { headers });
    return { status: res.status, body: (await res.json()) as Why & Record<string, unknown> };
  }
  const ask = async (model: string, recordId: number, deviceId = 'phone') => {
    const { status, body } = await why({ system: systemId, model, record_id: recordId, device_id: deviceId });
    expect(status).toBe(200);
    return body;
  };

  /** Pulls the device to the head; the records it received, per model. */
  async function drain(deviceId: string, token = demo, userId = 6): Promise<Map<string, Set<number>>> {
    const held = new Map<string, Set<number>>();
    for (let page = 0; ; page++) {
      expect(page).toBeLessThan(200);
      const { status, body } = await pull(app, token, { user_id: userId, device_id: deviceId, limit: 500 });
      expect(status).toBe(200);
      for (const e of body.events) if (e.event !== 'unlink') held.set(e.model, (held.get(e.model) ?? new Set()).add(e.record_id));
      if (!body.has_more) return held;
    }
  }

  beforeAll(async () => {
    sim = await startOdooSim({ seed: 'recorded-orders' });
    // 'Personal Order Lines' through the order, as a customised rule often is: BridgeCore cannot evaluate
    // order_id.user_id on a line's stored values, so Odoo decides, asked as the user.
    const [ruleId] = (await rpc('ir.rule', 'search', [[['name', '=', 'Personal Order Lines']]])) as number[];
    expect(await rpc('ir.rule', 'write', [[ruleId], { domain_force: "['|',('order_id.user_id','=',user.id),('order_id.user_id','=',False)]" }])).toBe(true);
    // A module restricting a field to sales managers (Odoo's `groups=`), which the demo user is not.
    sim.setFieldGroups('sale.order', 'note', 'sales_team.group_sale_manager');
    app = await startCapturingApp(sim, systemId);
    // A real login: BridgeCore keeps the demo user's Odoo session, through which Odoo is asked as him.
    demo = await loginAs(app, systemId, 'demo');
    // Every order and line is logged (an administrator's snapshot holds them all) before the demo device pulls.
    const admin = await tokenFor(app, systemId, 2);
    const counts = [(await sim.env().search('sale.order', [])).length, (await sim.env().search(LINES, [])).length];
    await waitFor(async () => {
      const held = await drain(`probe-${randomUUID()}`, admin, 2);
      return held.get('sale.order')?.size === counts[0] && held.get(LINES)?.size === counts[1] ? true : undefined;
    }, 60_000);
    await drain('phone');
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await sim?.close();
  });

  it("names the rule that hides another salesperson's order from the demo user", async () => {
    const hidden = VISIBILITY['sale.order'].hidden_from_demo[0];
    const body = await ask('sale.order', hidden);
    expect(body.answer).toEqual({ on_device: 'no', reason: 'HIDDEN_BY_RULES', message: 'Hidden by record rule "Personal Orders"' });
    expect(body.rights.rules.map((r) => [r.name, r.global, r.verdict])).toEqual([
      ['Sales Order multi-company', true, 'visible'],
      ['Personal Orders', false, 'hidden'],
    ]);
    expect(body.rights.rules[1].domain).toBe("['|',('user_id','=',user.id),('user_id','=',False)]");
    expect(body.rights.rules[1].evaluated_domain).toEqual(['|', ['user_id', '=', 6], ['user_id', '=', false]]);
    expect(body.rights).toMatchObject({ model_access: true, rules_verdict: 'hidden', odoo_answer: null, verdict: 'hidden', decided_by: 'rules', hidden_by: ['Personal Orders'] });
    expect(body.record.logged).toBe(true);
    expect(body.device).toMatchObject({ user_id: 6, device_id: 'phone', delivery: 'delivered' });
    expect(body.app_type).toMatchObject({ name: 'sales_app', syncs_model: true });
    expect(body.rights.masked_fields).toEqual(['note']);
  });

  it('tells where a device draining its first snapshot stands: records the pass has sent, records still ahead', async () => {
    const { status, body: page } = await pull(app, demo, { user_id: 6, device_id: 'tablet', limit: 5 });
    expect(status).toBe(200);
    expect(page).toMatchObject({ snapshot: true, has_more: true });
    const sent = page.events[page.events.length - 1];
    const [mine] = await sim.env(6).search('sale.order', [['user_id', '=', 6]], { limit: 1 });

    const inPass = await ask(sent.model, sent.record_id, 'tablet');
    expect(inPass.device).toMatchObject({ delivery: 'snapshot_pass', sent_in_pass: true, pass: { kind: 'snapshot', after_model: sent.model, after_record_id: sent.record_id } });
    expect(inPass.answer).toMatchObject({ on_device: 'yes', reason: 'SENT_IN_PASS' });
    // Snapshots go model by model: the orders come after the first page's records.
    expect(sent.model < 'sale.order').toBe(true);
    const ahead = await ask('sale.order', mine, 'tablet');
    expect(ahead.device).toMatchObject({ delivery: 'snapshot_pass', sent_in_pass: false });
    expect(ahead.answer).toMatchObject({ on_device: 'not_yet', reason: 'PENDING_IN_PASS' });
  });

  it("says the demo user's own order is delivered, then pending after Odoo changes it, then delivered again", async () => {
    const [mine] = await sim.env(6).search('sale.order', [['user_id', '=', 6]], { limit: 1 });
    const before = await ask('sale.order', mine);
    expect(before.answer).toMatchObject({ on_device: 'yes', reason: 'DELIVERED' });
    expect(before.rights).toMatchObject({ verdict: 'visible', decided_by: 'rules', hidden_by: [] });
    expect(before.device.position).toBeGreaterThanOrEqual(before.record.last_event?.id ?? Infinity);

    await sim.env().write('sale.order', [mine], { client_order_ref: `WHY-${mine}` });
    const logged = before.record.last_event?.id ?? Infinity;
    const pending = (await waitFor(async () => {
      const body = await ask('sale.order', mine);
      return (body.record.last_event?.id ?? 0) > logged ? body : undefined;
    }, 20_000)) as Why;
    expect(pending.answer).toMatchObject({ on_device: 'not_yet', reason: 'PENDING' });
    expect(pending.device).toMatchObject({ delivery: 'pending', position: before.device.position });
    expect(pending.record.last_event).toMatchObject({ event: 'write' });

    await drain('phone');
    expect((await ask('sale.order', mine)).answer).toMatchObject({ on_device: 'yes', reason: 'DELIVERED' });
  }, 60_000);

  it("asks Odoo as the user when the rules cannot decide, and says it was Odoo's answer", async () => {
    const searchable = await sim.env(6).search(LINES, []);
    const othersLine = (await sim.env().search(LINES, [])).find((id) => !searchable.includes(id));
    const ownLine = searchable[0];
    expect([othersLine, ownLine].every((id) => typeof id === 'number')).toBe(true);

    const others = await ask(LINES, othersLine as number);
    expect(others.rights.rules.find((r) => r.name === 'Personal Order Lines')?.verdict).toBe('unknown');
    expect(others.rights).toMatchObject({ rules_verdict: 'unknown', odoo_answer: 'hidden', verdict: 'hidden', decided_by: 'odoo' });
    expect(others.answer).toMatchObject({ on_device: 'no', reason: 'HIDDEN_BY_ODOO' });

    const own = await ask(LINES, ownLine);
    expect(own.rights).toMatchObject({ rules_verdict: 'unknown', odoo_answer: 'visible', verdict: 'visible', decided_by: 'odoo' });
    expect(own.answer).toMatchObject({ on_device: 'yes', reason: 'DELIVERED' });
  });

  it("says so for a model the device's app type does not sync, and for a record no event was logged for", async () => {
    const picking = await ask('stock.picking', 1);
    expect(picking.answer).toEqual({ on_device: 'no', reason: 'MODEL_NOT_SYNCED', message: 'App type "sales_app" does not sync stock.picking' });
    expect(picking.app_type.syncs_model).toBe(false);
    expect(picking.app_type.models).not.toContain('stock.picking');

    const never = await ask('sale.order', 999_999);
    expect(never.answer).toMatchObject({ on_device: 'no', reason: 'NOT_LOGGED' });
    expect(never.record).toEqual({ logged: false, last_event: null, deleted: false, fields: [] });
    expect(never.device.delivery).toBe('no_event');
  });

  it('answers 404 with the error body for an unknown system or device, 400 for bad input or a device id users share', async () => {
    const noSystem = await why({ system: `nope-${randomUUID()}`, model: 'sale.order', record_id: 1, device_id: 'phone' });
    expect(noSystem.status).toBe(404);
    expect(noSystem.body).toMatchObject({ error: 'SystemNotFound', code: 'SYSTEM_NOT_FOUND', details: {} });
    const noDevice = await why({ system: systemId, model: 'sale.order', record_id: 1, device_id: 'no-such-device' });
    expect(noDevice).toMatchObject({ status: 404, body: { error: 'DeviceNotFound', code: 'DEVICE_NOT_FOUND', details: { device_id: 'no-such-device' } } });
    const otherUser = await why({ system: systemId, model: 'sale.order', record_id: 1, device_id: 'phone', user_id: 2 });
    expect(otherUser).toMatchObject({ status: 404, body: { code: 'DEVICE_NOT_FOUND', details: { device_id: 'phone', user_id: 2 } } });

    const bad = await why({ system: systemId, model: 'Sale Order!', record_id: 'abc', device_id: 'phone' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: 'ValidationFailed', code: 'VALIDATION_ERROR' });
    expect((bad.body.details as { fields: { field: string }[] }).fields.map((f) => f.field).sort()).toEqual(['model', 'record_id']);
    // Device ids are the apps' own: two users may share one, and then the user must be named.
    for (const [token, userId] of [[demo, 6], [await tokenFor(app, systemId, 2), 2]] as const) {
      expect((await pull(app, token, { user_id: userId, device_id: 'shared', limit: 1 })).status).toBe(200);
    }
    const shared = await why({ system: systemId, model: 'sale.order', record_id: 1, device_id: 'shared' });
    expect(shared).toMatchObject({ status: 400, body: { error: 'DeviceAmbiguous', code: 'DEVICE_AMBIGUOUS', details: { device_id: 'shared', user_ids: [2, 6] } } });
    const named = await why({ system: systemId, model: 'sale.order', record_id: 1, device_id: 'shared', user_id: 6 });
    expect(named.status).toBe(200);
    expect(named.body.device.user_id).toBe(6);

    const missing = await why({ system: systemId, model: 'sale.order', record_id: 1 });
    expect(missing.status).toBe(400);
    expect((missing.body.details as { fields: { field: string }[] }).fields.map((f) => f.field)).toEqual(['device_id']);
  });

  it('is for operators only: a device token gets 403, no credentials 401', async () => {
    const query = { system: systemId, model: 'sale.order', record_id: 1, device_id: 'phone' };
    const asDevice = await why(query, { Authorization: `Bearer ${demo}` });
    expect(asDevice).toMatchObject({ status: 403, body: { code: 'OPERATOR_ONLY' } });
    expect((await why(query, {})).status).toBe(401);
    expect((await why(query, { 'X-Admin-Key': 'wrong' })).body).toMatchObject({ code: 'INVALID_ADMIN_KEY' });
  });
});
