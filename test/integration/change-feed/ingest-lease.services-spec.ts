import { IngestionScheduler } from '../../../src/modules/ingestion/ingestion.scheduler';
import { startOdooSim, type OdooSim } from '../../odoo-sim';
import { waitFor, type RunningApp } from '../../support/test-app';
import { connectSim, eventsFor, moreCycles, odooUser, startIngestApp, systemPrefix, waitForEvents } from './ingest-support';

/** Two instances can only share a tenant through a shared PostgreSQL (PGlite is one process's database). */
describe('Ingestion lease: one instance ingests a tenant at a time', () => {
  let sim: OdooSim;
  const apps: RunningApp[] = [];
  let tenant: string;

  beforeAll(async () => {
    sim = await startOdooSim();
    const prefix = systemPrefix();
    apps.push(await startIngestApp({}, prefix), await startIngestApp({}, prefix));
    tenant = (await connectSim(apps[0], sim, { tracked_models: ['res.partner'] })).id;
  });

  afterAll(async () => {
    for (const app of apps) await app.close().catch(() => undefined);
    await sim?.close();
  });

  const scheduler = (app: RunningApp) => app.app.get(IngestionScheduler);

  it('lets exactly one of two instances ingest, and the other take over when it stops', async () => {
    await waitFor(() => apps.some((app) => scheduler(app).cycles(tenant) >= 2));
    const holder = apps.find((app) => scheduler(app).activeTenants().includes(tenant)) as RunningApp;
    const other = apps.find((app) => app !== holder) as RunningApp;
    expect(holder).toBeDefined();

    const odoo = odooUser(holder, sim);
    const first = await odoo.create('res.partner', { name: 'Lease one' });
    await waitForEvents(holder, tenant, 'res.partner', [first]);
    await moreCycles(holder, tenant, 5);
    expect(await eventsFor(holder, tenant, 'res.partner', [first])).toHaveLength(1);
    expect(scheduler(other).cycles(tenant)).toBe(0);
    expect(scheduler(other).activeTenants()).not.toContain(tenant);

    // Closing the holder ends its lock session: the other instance wins the lock on its next tick.
    await holder.close();
    const second = await odoo.create('res.partner', { name: 'Lease two' });
    await waitForEvents(other, tenant, 'res.partner', [second]);
    await moreCycles(other, tenant, 5);
    expect(scheduler(other).activeTenants()).toContain(tenant);
    expect(await eventsFor(other, tenant, 'res.partner', [first, second])).toHaveLength(2);
  });
});
