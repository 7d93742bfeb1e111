import { startOdooSim, type OdooSim } from '../../odoo-sim';
import type { RunningApp } from '../../support/test-app';
import { connectSim, eventsFor, moreCycles, odooUser, startIngestApp, waitForCycles, waitForEvents } from './ingest-support';
import { waitFor } from '../../support/test-app';

/** An Odoo without the addon (e.g. Odoo Online): only write_date tells what changed. */
describe('Ingestion by write_date (no addon)', () => {
  let sim: OdooSim;
  let app: RunningApp;
  let tenant: string;

  beforeAll(async () => {
    sim = await startOdooSim();
    app = await startIngestApp({ RECONCILE_INTERVAL_MS: '300' });
    tenant = (await connectSim(app, sim, { tracked_models: ['res.partner', 'sale.order', 'product.product'], sources: { update_webhook: false } })).id;
    await waitForCycles(app, tenant);
  });

  afterAll(async () => {
    sim?.clock.unfreeze();
    await app?.close();
    await sim?.close();
  });

  const eventsOf = (model: string, ids: number[], atLeast: number) => waitForEvents(app, tenant, model, ids, atLeast);

  it('logs a create, a write and a sale order with payload, priority and the writing user', async () => {
    const odoo = odooUser(app, sim);
    const id = await odoo.create('res.partner', { name: 'WD Partner', email: 'wd@example.com' });
    await eventsOf('res.partner', [id], 1);
    await odoo.write('res.partner', [id], { email: 'wd2@example.com' });
    const events = await eventsOf('res.partner', [id], 2);
    expect(events.map((e) => [e.event, e.source, e.priority, e.payload?.email])).toEqual([
      ['create', 'write_date', 'medium', 'wd@example.com'],
      ['write', 'write_date', 'medium', 'wd2@example.com'],
    ]);
    expect(events[1].changedFields).toEqual(['email']);
    expect(events[1].userId).toBe(2);

    const [partner] = await odoo.search('res.partner', [], { limit: 1 });
    const order = await odoo.create('sale.order', { partner_id: partner });
    const [orderEvent] = await eventsOf('sale.order', [order], 1);
    expect(orderEvent).toMatchObject({ event: 'create', priority: 'high', source: 'write_date' });
  });

  it("carries a partner's customer_rank and supplier_rank and a variant's name and lst_price (no field cap)", async () => {
    const odoo = odooUser(app, sim);
    const partner = await odoo.create('res.partner', { name: 'WD Ranked', customer_rank: 3, supplier_rank: 4 });
    const [variant] = await odoo.search('product.product', [], { limit: 1 });
    await odoo.write('product.product', [variant], { default_code: 'WD-VARIANT' });
    const [odooVariant] = await odoo.read<{ name: string; lst_price: number }>('product.product', [variant], ['name', 'lst_price']);
    const [partnerEvent] = await eventsOf('res.partner', [partner], 1);
    expect(partnerEvent.payload).toMatchObject({ customer_rank: 3, supplier_rank: 4 });
    // The variant's write is the event carrying the new code (its history may also arrive, from the backfill).
    const written = await waitFor(async () =>
      (await eventsOf('product.product', [variant], 1)).find((e) => (e.payload as { default_code?: string } | null)?.default_code === 'WD-VARIANT'),
    );
    expect(written?.payload).toMatchObject({
      default_code: 'WD-VARIANT',
      name: odooVariant.name,
      lst_price: odooVariant.lst_price,
    });
  });

  it('delivers 500 records written in one second, later writes in that same second, archives and deletes, each exactly once', async () => {
    const odoo = odooUser(app, sim);
    sim.clock.set(Date.now());
    // 500 creates sharing one write_date second, over several calls like concurrent users would.
    const ids: number[] = [];
    for (let batch = 0; batch < 10; batch++) {
      const vals = Array.from({ length: 50 }, (_, i) => ({ name: `Same-second ${batch * 50 + i}` }));
      ids.push(...(await odoo.executeKw<number[]>('res.partner', 'create', [vals])));
    }
    const created = await eventsOf('res.partner', ids, 500);
    expect(created.every((e) => e.event === 'create')).toBe(true);

    // The clock has not moved: these land in a second that was already read (indexes 3, 28, 53…,
    // apart from the archived and deleted ones below, whose later change would supersede them).
    const rewritten = ids.filter((_, i) => i % 25 === 3);
    for (const id of rewritten) await odoo.write('res.partner', [id], { email: `late-${id}@example.com` });
    const added = await odoo.executeKw<number[]>('res.partner', 'create', [[{ name: 'Same-second late 1' }, { name: 'Same-second late 2' }]]);
    sim.clock.unfreeze();

    const archived = ids.slice(104, 109);
    await odoo.write('res.partner', archived, { active: false });
    const deleted = ids.slice(205, 220);
    await odoo.unlink('res.partner', deleted);

    const all = [...ids, ...added];
    const expected = 500 + rewritten.length + added.length + archived.length + deleted.length;
    await eventsOf('res.partner', all, expected);
    await moreCycles(app, tenant, 5);
    const events = await eventsFor(app, tenant, 'res.partner', all);
    expect(events.length).toBe(expected);

    const count = (id: number, type: string) => events.filter((e) => e.recordId === id && e.event === type).length;
    for (const id of all) expect(count(id, 'create')).toBe(1);
    for (const id of rewritten) {
      expect(count(id, 'write')).toBe(1);
      expect(events.find((e) => e.recordId === id && e.event === 'write')?.payload?.email).toBe(`late-${id}@example.com`);
    }
    for (const id of archived) {
      const archive = events.filter((e) => e.recordId === id && e.event === 'write');
      expect(archive).toHaveLength(1);
      expect(archive[0].payload?.active).toBe(false);
    }
    for (const id of deleted) {
      expect(count(id, 'unlink')).toBe(1);
      const unlink = events.find((e) => e.recordId === id && e.event === 'unlink');
      expect(unlink?.id).toBeGreaterThan(events.find((e) => e.recordId === id && e.event === 'create')?.id ?? Infinity);
    }
    // Sequence order follows Odoo's order: every record's create precedes its later events.
    const ordered = events.map((e) => e.id);
    expect([...ordered].sort((a, b) => a - b)).toEqual(ordered);
  });
});
