import { startOdooSim, type OdooSim } from '../../odoo-sim';
import { waitFor, type RunningApp } from '../../support/test-app';
import { connectSim, odooUser, startIngestApp, waitForCycles, waitForEvents } from './ingest-support';

const MODELS = ['res.partner', 'sale.order', 'product.product', 'product.template', 'stock.picking', 'stock.move'];
/** A write_date scan on a loaded Odoo, or on a BridgeCore whose event loop is busy serving devices. */
const SLOW_SCAN_MS = 300;

/**
 * A run's write_date polls are a chain of round trips per model. On a busy instance every hop waits its turn on the
 * event loop, and ten models one after another held a change back for tens of seconds: the models are polled a few at
 * a time, which a real Odoo sees as a handful of concurrent requests, never a burst.
 */
describe('Ingestion polls on a slow Odoo (stock Odoo: write_date polling)', () => {
  let sim: OdooSim;
  let app: RunningApp;
  let tenant: string;

  beforeAll(async () => {
    sim = await startOdooSim();
    app = await startIngestApp();
    tenant = (await connectSim(app, sim, { tracked_models: MODELS, sources: { update_webhook: false } })).id;
    await waitForCycles(app, tenant);
  });

  afterAll(async () => {
    sim?.faults.reset();
    await app?.close();
    await sim?.close();
  });

  it('scans the models four at a time (never more), and logs their changes', async () => {
    for (const model of MODELS) sim.faults.methodLatencyMs.set(`${model}.search_read`, SLOW_SCAN_MS);
    sim.stats.reset();
    const odoo = odooUser(app, sim);
    const [partner, product] = await Promise.all([
      odoo.create('res.partner', { name: 'Polled in parallel' }),
      odoo.create('product.product', { name: 'Polled in parallel' }),
    ]);
    await waitForEvents(app, tenant, 'res.partner', [partner], 1, 30000);
    await waitForEvents(app, tenant, 'product.product', [product], 1, 30000);
    // One model after another, a slow scan is never in flight beside another one.
    await waitFor(() => sim.stats.maxInFlight >= 4, 15000);
    await new Promise((resolve) => setTimeout(resolve, 2 * SLOW_SCAN_MS));
    expect(sim.stats.maxInFlight).toBe(4);
    sim.faults.methodLatencyMs.clear();
  });
});
