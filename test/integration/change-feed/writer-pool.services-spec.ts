import { sql } from 'kysely';
import { DB, WRITE_DB } from '../../../src/database/database.module';
import type { Db } from '../../../src/database/schema';
import { startOdooSim, type OdooSim } from '../../odoo-sim';
import { waitFor, type RunningApp } from '../../support/test-app';
import { connectSim, odooUser, startIngestApp, waitForCycles } from './ingest-support';

/** As many reads as the devices' pool has connections (20). */
const READS = 20;
const READ_SECONDS = 8;

/**
 * Under a burst of devices every read connection is busy and hundreds of queries wait for one (measured in the soak:
 * 1–3 s a query). Change capture is a chain of short queries: on those connections each waited its turn, and a run
 * took 30 s. It has connections of its own (WRITE_DB), so a change made in Odoo is logged while devices' reads queue.
 */
describe('Change capture while devices hold every read connection (PostgreSQL: a pool of connections)', () => {
  let sim: OdooSim;
  let app: RunningApp;
  let tenant: string;

  beforeAll(async () => {
    sim = await startOdooSim();
    app = await startIngestApp();
    tenant = (await connectSim(app, sim, { tracked_models: ['res.partner'], sources: { update_webhook: false } })).id;
    await waitForCycles(app, tenant);
  });

  afterAll(async () => {
    await app?.close();
    await sim?.close();
  });

  it('logs a partner written in Odoo before any of the reads holding them is done', async () => {
    const db = app.app.get<Db>(DB);
    let readDone = false;
    const reads = Promise.all(
      Array.from({ length: READS }, async () => {
        await sql`select pg_sleep(${READ_SECONDS})`.execute(db);
        readDone = true;
      }),
    );
    const partner = await odooUser(app, sim).create('res.partner', { name: 'Logged while devices read' });
    // Looked for on the writers' connections too: the test's own reads would wait on the devices'.
    const writer = app.app.get<Db>(WRITE_DB);
    await waitFor(
      async () =>
        (await writer
          .selectFrom('events')
          .select('id')
          .where('tenant_id', '=', tenant)
          .where('model', '=', 'res.partner')
          .where('record_id', '=', partner)
          .executeTakeFirst()) !== undefined,
      2 * READ_SECONDS * 1000,
    );
    // On the devices' connections it would have waited for a read to finish.
    expect(readDone).toBe(false);
    await reads;
  }, 40_000);
});
