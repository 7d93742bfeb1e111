import { startOdooSim, type OdooSim } from '../../odoo-sim';
import type { RunningApp } from '../../support/test-app';
import { connectSim, eventsFor, moreCycles, odooUser, startIngestApp, waitForCycles, waitForEvents } from './ingest-support';

/**
 * An Odoo with the auto_webhook addon: its update.webhook rows are polled, and the write_date sweep
 * (every 300 ms here) runs beside it for the tracked model sale.order. res.partner is not tracked, so
 * partner events can only come from update.webhook rows.
 */
describe('Ingestion from the auto_webhook addon (update.webhook poller)', () => {
  let sim: OdooSim;
  let app: RunningApp;
  let tenant: string;

  beforeAll(async () => {
    sim = await startOdooSim({ addon: {} });
    app = await startIngestApp({ RECONCILE_INTERVAL_MS: '300' });
    tenant = (await connectSim(app, sim, { tracked_models: ['sale.order'] })).id;
    await waitForCycles(app, tenant);
  });

  afterAll(async () => {
    await app?.close();
    await sim?.close();
  });

  it('logs a partner created and then renamed over JSON-RPC exactly once each, in order, with payload and priority', async () => {
    const odoo = odooUser(app, sim);
    const id = await odoo.create('res.partner', { name: 'UW Partner', email: 'uw@example.com' });
    await odoo.write('res.partner', [id], { name: 'UW Partner renamed' });

    const events = await waitForEvents(app, tenant, 'res.partner', [id], 2);
    expect(events.map((e) => [e.event, e.source, e.priority, e.payload?.name])).toEqual([
      ['create', 'update_webhook', 'medium', 'UW Partner'],
      ['write', 'update_webhook', 'medium', 'UW Partner renamed'],
    ]);
    expect(events[0].id).toBeLessThan(events[1].id);
    expect(events[0].payload?.email).toBe('uw@example.com');
    expect(events[0].payload).not.toHaveProperty('_metadata');
    expect(events[1].changedFields).toEqual(['name']);
    expect(events[0].userId).toBe(2);
    await moreCycles(app, tenant);
    expect(await eventsFor(app, tenant, 'res.partner', [id])).toHaveLength(2);
  });

  it('logs a sale order once with its high priority, although the sweep also reads it back', async () => {
    const odoo = odooUser(app, sim);
    const [partner] = await odoo.search('res.partner', [], { limit: 1 });
    const id = await odoo.create('sale.order', { partner_id: partner });
    const [event] = await waitForEvents(app, tenant, 'sale.order', [id]);
    // Under load the sweep may read it back before the poller sees the row: either way once, high.
    expect(event).toMatchObject({ event: 'create', priority: 'high', source: expect.stringMatching(/^(update_webhook|write_date)$/), recordId: id });
    await moreCycles(app, tenant, 8);
    expect(await eventsFor(app, tenant, 'sale.order', [id])).toHaveLength(1);
  });

  it("gives a product variant's event its name and lst_price, which a real Odoo 18 does not store on product.product", async () => {
    const odoo = odooUser(app, sim);
    const [variant] = await odoo.search('product.product', [['sale_ok', '=', true]], { limit: 1 });
    await odoo.write('product.product', [variant], { default_code: 'UW-VARIANT' });
    const [odooValues] = await odoo.read<{ name: string; lst_price: number }>('product.product', [variant], ['name', 'lst_price']);
    const events = await waitForEvents(app, tenant, 'product.product', [variant], 1);
    const last = events[events.length - 1];
    expect(last.source).toBe('update_webhook');
    expect(last.payload).toMatchObject({ default_code: 'UW-VARIANT', name: odooValues.name, lst_price: odooValues.lst_price });
    // Cut to the fields the app types carry: no image or mail-thread noise.
    expect(Object.keys(last.payload ?? {}).filter((k) => /^(image_|message_)/.test(k))).toEqual([]);
  });

  it('still delivers rows that commit out of id order, each exactly once', async () => {
    const odoo = odooUser(app, sim);
    const hold = sim.holdWebhookRows(1);
    const late = await odoo.create('res.partner', { name: 'UW long transaction' });
    const early = await odoo.create('res.partner', { name: 'UW committed first' });
    expect(hold.ids).toHaveLength(1);

    // The later id is read while the earlier one is still invisible: the poller moves past it…
    await waitForEvents(app, tenant, 'res.partner', [early]);
    await moreCycles(app, tenant);
    expect(await eventsFor(app, tenant, 'res.partner', [late])).toEqual([]);

    // …and still picks it up when it finally commits.
    hold.release();
    const [lateEvent] = await waitForEvents(app, tenant, 'res.partner', [late]);
    expect(lateEvent).toMatchObject({ event: 'create', source: 'update_webhook', sourceEventId: String(hold.ids[0]) });
    expect(lateEvent.payload?.name).toBe('UW long transaction');
    await moreCycles(app, tenant);
    expect(await eventsFor(app, tenant, 'res.partner', [late, early])).toHaveLength(2);
  });

  it('delivers a change the addon dropped (3 s debounce) through the write_date sweep', async () => {
    const odoo = odooUser(app, sim);
    const [partner] = await odoo.search('res.partner', [], { limit: 1 });
    sim.addon.debounceMs = 3000;
    try {
      const id = await odoo.create('sale.order', { partner_id: partner, client_order_ref: 'first' });
      // Logged before the write, so the sweep cannot read 'second' as the create (a race under load).
      await waitForEvents(app, tenant, 'sale.order', [id], 1);
      await odoo.write('sale.order', [id], { client_order_ref: 'second' });
      expect(sim.peek('update.webhook', [['model', '=', 'sale.order'], ['record_id', '=', id]])).toHaveLength(1);

      const events = await waitForEvents(app, tenant, 'sale.order', [id], 2);
      expect(events.map((e) => [e.event, e.source])).toEqual([
        ['create', expect.stringMatching(/^(update_webhook|write_date)$/)],
        ['write', 'write_date'],
      ]);
      expect(events[1].payload?.client_order_ref).toBe('second');
      expect(events[1].changedFields).toEqual(['client_order_ref']);
      await moreCycles(app, tenant, 8);
      expect(await eventsFor(app, tenant, 'sale.order', [id])).toHaveLength(2);
    } finally {
      sim.addon.debounceMs = 0;
    }
  });
});
