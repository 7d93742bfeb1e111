import { startOdooSim, type OdooSim } from '../../odoo-sim';
import { waitFor, type RunningApp } from '../../support/test-app';
import { connectSim, odooUser, startIngestApp, waitForCycles, waitForEvents } from './ingest-support';

/** What a delete-check `search` costs on a loaded Odoo (and on a loaded BridgeCore waiting for it). */
const SLOW_SEARCH_MS = 4000;

/**
 * The sweep (the deeper write_date re-read and the delete check of every live id) runs model by model. On a real
 * Odoo under load each of its calls takes seconds, and ten tracked models made a pass take tens of seconds: the
 * live polls must go on between the models, not wait for the whole pass.
 */
describe('Ingestion sweep on a slow Odoo (stock Odoo: deletes are only found by the sweep)', () => {
  let sim: OdooSim;
  let app: RunningApp;
  let tenant: string;

  beforeAll(async () => {
    sim = await startOdooSim();
    app = await startIngestApp({ RECONCILE_INTERVAL_MS: '300' });
    tenant = (
      await connectSim(app, sim, { tracked_models: ['res.partner', 'sale.order', 'product.product'], sources: { update_webhook: false } })
    ).id;
    await waitForCycles(app, tenant);
  });

  afterAll(async () => {
    sim?.faults.reset();
    await app?.close();
    await sim?.close();
  });

  it('logs a partner written while one model is being swept before the next model is swept, not after the pass', async () => {
    const odoo = odooUser(app, sim);
    // The delete check asks Odoo only about records the log holds: give both slow models one.
    const [customer] = await odoo.search('res.partner', [], { limit: 1 });
    const order = await odoo.create('sale.order', { partner_id: customer });
    const product = await odoo.create('product.product', { name: 'Swept product' });
    await waitForEvents(app, tenant, 'sale.order', [order], 1);
    await waitForEvents(app, tenant, 'product.product', [product], 1);

    sim.faults.methodLatencyMs.set('sale.order.search', SLOW_SEARCH_MS);
    sim.faults.methodLatencyMs.set('product.product.search', SLOW_SEARCH_MS);
    const orderChecks = sim.stats.count('sale.order', 'search');
    await waitFor(() => sim.stats.count('sale.order', 'search') > orderChecks, 15000);
    // sale.order's delete check is now in flight.
    const written = Date.now();
    const partner = await odoo.create('res.partner', { name: 'Written during a sweep' });
    await waitForEvents(app, tenant, 'res.partner', [partner], 1, 30000);
    const waited = Date.now() - written;

    // Sliced: the rest of sale.order's check, then the next run's live poll (≈ 4 s). As one pass: sale.order's check
    // and then product.product's (≈ 8 s) before any poll.
    expect(waited).toBeLessThan(SLOW_SEARCH_MS + 2500);
    sim.faults.methodLatencyMs.clear();
  });
});
