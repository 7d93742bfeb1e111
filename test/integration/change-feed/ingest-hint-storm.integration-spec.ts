import { startOdooSim, type OdooSim } from '../../odoo-sim';
import { IngestStateRepository } from '../../../src/modules/ingestion/sources/ingest-state.repository';
import { IngestionScheduler } from '../../../src/modules/ingestion/ingestion.scheduler';
import type { RunningApp } from '../../support/test-app';
import { connectSim, eventsFor, odooUser, startIngestApp, waitForCycles, waitForEvents, type ConnectedSystem } from './ingest-support';

/**
 * Hints that never stop (a phone pushing every second, a chatty webhook) against an Odoo slow to answer the read-backs
 * they cause, as a real server under load is: the tenant is always busy confirming them. Its write_date poll must still
 * get its turn, or every other change made in Odoo waits until the hints stop.
 */
describe('A steady stream of hints does not hold back the write_date poll', () => {
  let sim: OdooSim;
  let app: RunningApp;
  let system: ConnectedSystem;

  beforeAll(async () => {
    sim = await startOdooSim();
    app = await startIngestApp();
    system = await connectSim(app, sim, { tracked_models: ['res.partner', 'sale.order'], sources: { update_webhook: false } });
    await waitForCycles(app, system.id);
  });

  afterAll(async () => {
    await app?.close();
    await sim?.close();
  });

  it('logs an order changed in Odoo while partner hints keep the tenant busy without a pause', async () => {
    const admin = odooUser(app, sim);
    const [partner] = await admin.search('res.partner', [], { limit: 1 });
    const [order] = await admin.search('sale.order', [], { limit: 1 });
    // Every confirmation reads the hinted partner back: slow on a busy Odoo.
    sim.faults.methodLatencyMs.set('res.partner.read', 800);
    const scheduler = app.app.get(IngestionScheduler);
    const hints = app.app.get(IngestStateRepository);
    let storming = true;
    const storm = (async () => {
      while (storming) {
        await hints.addHints(system.id, [{ model: 'res.partner', recordId: partner, priority: null, category: null }], new Date());
        scheduler.nudge(system.id);
        await new Promise((r) => setTimeout(r, 200));
      }
    })();
    try {
      await new Promise((r) => setTimeout(r, 1500));
      const before = (await eventsFor(app, system.id, 'sale.order', [order])).length;
      await admin.write('sale.order', [order], { client_order_ref: 'changed during the storm' });
      const events = await waitForEvents(app, system.id, 'sale.order', [order], before + 1, 10_000);
      expect(events.at(-1)?.payload?.client_order_ref).toBe('changed during the storm');
    } finally {
      storming = false;
      await storm;
      sim.faults.methodLatencyMs.clear();
    }
  });
});
