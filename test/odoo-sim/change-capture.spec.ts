import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startOdooSim, type OdooSim } from './index';
import { executeKw, waitFor } from './spec-helpers';

type Row = Record<string, unknown>;

function webhookRows(sim: OdooSim, afterId: number): Row[] {
  return sim.peek('update.webhook', [['id', '>', afterId]], ['model', 'record_id', 'event', 'priority', 'category', 'user_id', 'timestamp', 'payload']).sort(
    (a, b) => Number(a.id) - Number(b.id),
  );
}

function maxWebhookId(sim: OdooSim): number {
  return Math.max(0, ...sim.peek('update.webhook', [], ['id']).map((r) => Number(r.id)));
}

describe('update.webhook (auto_webhook addon pull table)', () => {
  let sim: OdooSim;

  beforeAll(async () => {
    sim = await startOdooSim({ now: '2026-11-22 04:06:11.320', addon: {} });
  });

  afterAll(() => sim.close());

  it('records create, write and unlink of tracked models with the addon row shape', async () => {
    const start = maxWebhookId(sim);
    const created = await executeKw(sim.url, 'res.partner', 'create', [{ name: 'AW Partner A', email: 'aw-a@example.com', parent_id: 10 }]);
    const id = created.result as number;
    sim.clock.advance(5000);
    await executeKw(sim.url, 'res.partner', 'write', [[id], { email: 'aw-a3@example.com' }]);
    sim.clock.advance(5000);
    await executeKw(sim.url, 'res.partner', 'unlink', [[id]]);

    const rows = webhookRows(sim, start);
    expect(rows.map((r) => [r.model, r.record_id, r.event, r.priority, r.category, r.user_id])).toEqual([
      ['res.partner', id, 'create', 'medium', 'business', [2, 'Mitchell Admin']],
      ['res.partner', id, 'write', 'medium', 'business', [2, 'Mitchell Admin']],
      ['res.partner', id, 'unlink', 'medium', 'business', [2, 'Mitchell Admin']],
    ]);
    expect(rows[0].timestamp).toBe('2026-11-22 04:06:11');
    const createPayload = rows[0].payload as Row;
    expect(createPayload).toMatchObject({
      id,
      name: 'AW Partner A',
      email: 'aw-a@example.com',
      parent_id: { id: 10, name: 'Deco Addict' },
      country_id: { id: false, name: '' },
      category_id: [],
      write_date: '2026-11-22T04:06:11.320000',
      _metadata: { id, model: 'res.partner', rule_name: 'Partners - Create', display_name: 'Deco Addict, AW Partner A' },
    });
    expect(createPayload._changed_fields).toBeUndefined();
    expect((rows[1].payload as Row)._changed_fields).toEqual(['email']);
    expect((rows[1].payload as Row).email).toBe('aw-a3@example.com');
    expect((rows[2].payload as Row).email).toBe('aw-a3@example.com');
  });

  it('reads rows over RPC like the addon (jsonb key order, floats as floats)', async () => {
    const start = maxWebhookId(sim);
    await executeKw(sim.url, 'sale.order', 'write', [[1], { client_order_ref: 'AW-1c' }]);
    const json = await executeKw(sim.url, 'update.webhook', 'search_read', [[['id', '>', start]]], { fields: ['payload', 'priority'], order: 'id asc' });
    const [row] = json.result as Row[];
    expect(row.priority).toBe('high');
    const payload = row.payload as Row;
    const keys = Object.keys(payload);
    expect(keys.slice(0, 3)).toEqual(['id', 'name', 'note']);
    expect(payload.order_line).toEqual([
      { id: 1, name: 'S00001 - [FURN_7777] Office Chair (Deco Addict)' },
      { id: 2, name: 'S00001 - [FURN_8888] Office Lamp (Deco Addict)' },
    ]);
    expect(payload._changed_fields).toEqual(['client_order_ref']);
  });

  it('yields one event per record per call, and none for untracked models', async () => {
    const start = maxWebhookId(sim);
    sim.clock.advance(10_000);
    const created = await executeKw(sim.url, 'sale.order', 'create', [{ partner_id: 10, order_line: [[0, 0, { product_id: 1, product_uom_qty: 2 }]] }]);
    await executeKw(sim.url, 'res.country', 'create', [{ name: 'Atlantis' }]);
    const rows = webhookRows(sim, start).map((r) => [r.model, r.event]);
    expect(rows).toEqual([
      ['sale.order.line', 'create'],
      ['sale.order', 'create'],
    ]);
    expect(typeof created.result).toBe('number');
  });

  it('records nothing for a call that fails (same transaction)', async () => {
    const start = maxWebhookId(sim);
    await executeKw(sim.url, 'sale.order', 'create', [{ partner_id: 10, order_line: [[0, 0, { product_uom_qty: 1 }]] }]);
    expect(webhookRows(sim, start)).toEqual([]);
  });

  it('pull_events pages by id like the addon RPC', async () => {
    const json = await executeKw(sim.url, 'update.webhook', 'pull_events', [0, 2]);
    const result = json.result as { events: Row[]; last_id: number; has_more: boolean; count: number };
    expect(result.count).toBe(2);
    expect(result.has_more).toBe(true);
    expect(result.events.map((e) => e.id)).toEqual([1, 2]);
    expect(result.last_id).toBe(2);
    expect(Object.keys(result.events[0])).toEqual(['id', 'model', 'record_id', 'event', 'timestamp', 'payload', 'priority', 'category', 'user_id', 'user_name']);
  });

  it('holdWebhookRows makes a lower id visible after a higher one (out-of-order commit)', async () => {
    const start = maxWebhookId(sim);
    const hold = sim.holdWebhookRows();
    await sim.env().write('res.partner', 11, { phone: 'slow transaction' });
    await sim.env().write('res.partner', 15, { phone: 'fast transaction' });
    expect(hold.ids).toEqual([start + 1]);

    const cursorPull = async (lastId: number): Promise<number[]> =>
      ((await executeKw(sim.url, 'update.webhook', 'search_read', [[['id', '>', lastId]]], { fields: ['id'], order: 'id asc' })).result as Row[]).map((r) => Number(r.id));
    expect(await cursorPull(start)).toEqual([start + 2]);
    expect(await executeKw(sim.url, 'update.webhook', 'read', [[start + 1]], { fields: ['model'] })).toMatchObject({ result: [] });

    hold.release();
    expect(await cursorPull(start + 2)).toEqual([]);
    expect(await cursorPull(start)).toEqual([start + 1, start + 2]);
    expect(webhookRows(sim, start).map((r) => r.record_id)).toEqual([11, 15]);
  });

  it('the optional 3 s debounce drops (not delays) a second event for the same record', async () => {
    sim.addon.debounceMs = 3000;
    try {
      const start = maxWebhookId(sim);
      const id = await sim.env().create('res.partner', { name: 'AW Partner L' });
      sim.clock.advance(100);
      await sim.env().write('res.partner', id, { name: 'AW Partner L (renamed)' });
      sim.clock.advance(3500);
      await sim.env().write('res.partner', id, { email: 'l@example.com' });
      sim.clock.advance(100);
      await sim.env().unlink('res.partner', id);
      const rows = webhookRows(sim, start);
      expect(rows.map((r) => r.event)).toEqual(['create', 'write', 'unlink']);
      expect((rows[0].payload as Row).name).toBe('AW Partner L');
      expect((rows[1].payload as Row).name).toBe('AW Partner L (renamed)');
    } finally {
      sim.addon.debounceMs = 0;
    }
  });
});

interface Captured {
  headers: IncomingHttpHeaders;
  body: string;
  visibleToOthers: boolean;
  path: string;
}

describe('native automation webhooks (Send Webhook Notification)', () => {
  let sim: OdooSim;
  let listener: Server;
  let listenerUrl: string;
  const captured: Captured[] = [];

  beforeAll(async () => {
    sim = await startOdooSim({ now: '2026-11-22 03:58:41.751' });
    listener = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const parsed = JSON.parse(body) as { _model: string; _id: number };
        // Like the recorded /probe listener: ask Odoo, from outside the transaction, whether the record is visible.
        const visibleToOthers = sim.peek(parsed._model, [['id', '=', parsed._id]], ['id']).length === 1;
        captured.push({ headers: req.headers, body, visibleToOthers, path: req.url ?? '' });
        res.writeHead(req.url?.startsWith('/status/500') ? 500 : 200, { 'Content-Type': 'application/json' });
        res.end('{"ok": true}');
      });
    });
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    listenerUrl = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`;
  });

  afterEach(() => {
    sim.removeNativeWebhooks();
    captured.length = 0;
  });

  afterAll(async () => {
    await sim.close();
    await new Promise((resolve) => listener.close(resolve));
  });

  it('posts before commit with the recorded body shape', async () => {
    sim.addNativeWebhook({ url: `${listenerUrl}/native/partner`, model: 'res.partner', trigger: 'on_create_or_write', fields: ['name', 'email', 'parent_id', 'write_date'], actionId: 457 });
    const json = await executeKw(sim.url, 'res.partner', 'create', [{ name: 'WH Partner A', email: 'wh-a@example.com' }]);
    const id = json.result as number;
    expect(captured).toHaveLength(1);
    expect(captured[0].body).toBe(
      `{"_action": "Send Webhook Notification(#457)", "_id": ${id}, "_model": "res.partner", "email": "wh-a@example.com", "id": ${id}, "name": "WH Partner A", "parent_id": false, "write_date": "2026-11-22 03:58:41.751000"}`,
    );
    expect(captured[0].visibleToOthers).toBe(false);
    expect(captured[0].headers['content-type']).toBe('application/json');
    expect(captured[0].headers['user-agent']).toBe('python-requests/2.28.1');
    expect(sim.peek('res.partner', [['id', '=', id]], ['name'])).toEqual([{ id, name: 'WH Partner A' }]);
    expect(sim.nativeDeliveries.at(-1)).toMatchObject({ status: 200, committed: true });
  });

  it('sends many2one as bare ids, repeats identical bodies, and fires on write but not on unlink for save rules', async () => {
    sim.addNativeWebhook({ url: `${listenerUrl}/native/so`, model: 'sale.order', trigger: 'on_create_or_write', fields: ['partner_id', 'amount_total', 'state'], repeat: 3 });
    await executeKw(sim.url, 'sale.order', 'write', [[1], { client_order_ref: 'WH-1b' }]);
    expect(captured).toHaveLength(3);
    expect(new Set(captured.map((c) => c.body)).size).toBe(1);
    const body = JSON.parse(captured[0].body) as Row;
    expect(body).toMatchObject({ _id: 1, _model: 'sale.order', id: 1, partner_id: 10, state: 'draft' });
    expect(captured[0].body).toContain('"amount_total": 414.0');
    expect(captured[0].visibleToOthers).toBe(true);
  });

  it('on_unlink posts the old values while the record is still visible', async () => {
    const id = await sim.env().create('res.partner', { name: 'WH Partner B2', email: 'b2@example.com' });
    sim.addNativeWebhook({ url: `${listenerUrl}/native/unlink`, model: 'res.partner', trigger: 'on_unlink', fields: ['name'] });
    await executeKw(sim.url, 'res.partner', 'unlink', [[id]]);
    expect(captured).toHaveLength(1);
    expect(JSON.parse(captured[0].body)).toMatchObject({ _id: id, name: 'WH Partner B2' });
    expect(captured[0].visibleToOthers).toBe(true);
    expect(sim.peek('res.partner', [['id', '=', id]], ['id'])).toEqual([]);
  });

  it('posts for a change that then rolls back (phantom create)', async () => {
    sim.addNativeWebhook({ url: `${listenerUrl}/native/rollback`, model: 'res.partner', trigger: 'on_create', fields: ['name'] });
    sim.rollbackNext();
    const json = await executeKw(sim.url, 'res.partner', 'create', [{ name: 'ROLLBACK-PROBE 1' }]);
    expect((json.error as { data: { name: string; message: string } }).data).toMatchObject({
      name: 'odoo.exceptions.UserError',
      message: 'rollback probe: abort the transaction after the webhook was sent',
    });
    expect(captured).toHaveLength(1);
    const phantomId = (JSON.parse(captured[0].body) as { _id: number })._id;
    expect(sim.peek('res.partner', [['id', '=', phantomId]], ['id'])).toEqual([]);
    expect(sim.nativeDeliveries.at(-1)?.committed).toBe(false);
  });

  it('a failing listener does not fail the write', async () => {
    sim.addNativeWebhook({ url: `${listenerUrl}/status/500/x`, model: 'res.partner', trigger: 'on_write', fields: ['email'] });
    sim.addNativeWebhook({ url: 'http://127.0.0.1:9/down', model: 'res.partner', trigger: 'on_write', fields: ['email'] });
    const json = await executeKw(sim.url, 'res.partner', 'write', [[10], { email: 'deco@example.com' }]);
    expect(json.result).toBe(true);
    await waitFor(() => sim.nativeDeliveries.length >= 2);
    const [first, second] = sim.nativeDeliveries.slice(-2);
    expect(first.status).toBe(500);
    expect(second.error).toBeDefined();
    expect(sim.peek('res.partner', [['id', '=', 10]], ['email'])).toEqual([{ id: 10, email: 'deco@example.com' }]);
  });
});
