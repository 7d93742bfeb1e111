import { DEFAULT_APP_TYPES } from '../../../src/config/app-types';
import type { BackfillProgress } from '../../../src/modules/ingestion/sources/backfill';
import { IngestionScheduler } from '../../../src/modules/ingestion/ingestion.scheduler';
import { startOdooSim, type OdooSim } from '../../odoo-sim';
import { durableDatabase, TEST_ENV, waitFor, type RunningApp } from '../../support/test-app';
import { pull, tokenFor, type PullBody } from '../smart-sync/helpers';
import { allEvents, connectSim, eventsFor, odooUser, startIngestApp, systemPrefix, waitForEvents } from './ingest-support';

const SALES_MODELS = DEFAULT_APP_TYPES.sales_app;

async function progressOf(app: RunningApp, systemId: string): Promise<BackfillProgress> {
  const res = await fetch(`${app.url}/systems/${systemId}`, { headers: { 'X-Admin-Key': TEST_ENV.ADMIN_API_KEY } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { backfill: BackfillProgress }).backfill;
}

/**
 * A stock Odoo (no addon) holding years of records nobody touches after BridgeCore connects: the live
 * write_date poller starts at the newest change, so only the backfill brings the rest. The simulator's
 * default seed spreads write_dates over two years, as a real database's are.
 */
describe('Backfill from Odoo (integration)', () => {
  let sim: OdooSim;
  let app: RunningApp | undefined;
  const prefix = systemPrefix();
  // The first test restarts the instance on the same database.
  const database = durableDatabase();

  beforeAll(async () => {
    sim = await startOdooSim();
  });
  afterAll(async () => {
    await app?.close();
    await sim?.close();
    database.remove();
  });

  it('copies every existing record once, throttled and resumable, and a new device receives all of them equal to Odoo', async () => {
    // A tight throttle (7 records per run) so the copy is still running when this instance stops.
    app = await startIngestApp({ ...database.env, BACKFILL_RECORDS_PER_RUN: '7' }, prefix);
    const system = (await connectSim(app, sim, { tracked_models: SALES_MODELS, sources: { update_webhook: false } })).id;
    const odoo = odooUser(app, sim);
    const counts = await Promise.all(SALES_MODELS.map((m) => odoo.searchCount(m, [], { active_test: false })));
    const inOdoo = counts.reduce((a, b) => a + b, 0);
    expect(inOdoo).toBeGreaterThan(40);

    const midway = (await waitFor(async () => {
      const p = await progressOf(app as RunningApp, system);
      return p.records_copied >= 21 ? p : null;
    }, 20_000)) as BackfillProgress;
    const runs = (app as RunningApp).app.get(IngestionScheduler).cycles(system);
    expect(midway.status).toBe('running');
    expect(midway.records_total).toBe(inOdoo);
    // The throttle: never more than 7 records per completed run (plus the run in flight).
    expect(midway.records_copied).toBeLessThanOrEqual(7 * (runs + 1));
    expect(midway.models.map((m) => [m.model, m.records_total])).toEqual(
      SALES_MODELS.map((m, i) => [m, counts[i]]).sort((a, b) => (a[0] < b[0] ? -1 : 1)),
    );

    // A restart (another instance taking the tenant) resumes where the copy stood, it does not start over.
    await app.close();
    app = await startIngestApp({ ...database.env, BACKFILL_RECORDS_PER_RUN: '500' }, prefix);
    const done = (await waitFor(async () => {
      const p = await progressOf(app as RunningApp, system);
      return p.status === 'done' ? p : null;
    }, 30_000)) as BackfillProgress;
    expect(done.records_copied).toBe(inOdoo);
    const metrics = await (await fetch(`${app.url}/metrics`)).text();
    expect(metrics).toContain(`ingest_backfill_remaining{tenant="${system}"} 0`);

    // Each record entered the log exactly once as a create; most of them by the backfill, with their old write_date.
    const events = await allEvents(app, system);
    const creates = events.filter((e) => e.event === 'create');
    const keys = creates.map((e) => `${e.model}:${e.recordId}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.length).toBe(inOdoo);
    const backfilled = creates.filter((e) => e.source === 'backfill');
    expect(backfilled.length).toBeGreaterThan(inOdoo / 2);
    const yearAgo = Date.now() - 365 * 86_400_000;
    expect(backfilled.some((e) => e.timestamp.getTime() < yearAgo)).toBe(true);

    // A fresh device drains its snapshot: every record of its app type, with Odoo's current values.
    const token = await tokenFor(app, system, 2);
    const view = new Map<string, Record<string, unknown>>();
    await waitFor(async () => {
      const { status, body } = await pull(app as RunningApp, token, { user_id: 2, device_id: 'new-phone', app_type: 'sales_app', limit: 50 });
      expect(status).toBe(200);
      for (const e of (body as PullBody).events) {
        const key = `${e.model}:${e.record_id}`;
        if (e.event === 'unlink') view.delete(key);
        else view.set(key, { ...view.get(key), ...e.payload });
      }
      return !body.has_more;
    }, 30_000);
    expect(view.size).toBe(inOdoo);
    for (const model of SALES_MODELS) {
      const ids = await odoo.search(model, [], { context: { active_test: false } });
      const mine = [...view.entries()].filter(([k]) => k.startsWith(`${model}:`));
      expect(mine.map(([, v]) => v.id).sort((a, b) => Number(a) - Number(b))).toEqual(ids.sort((a, b) => a - b));
      const fields = Object.keys(mine[0][1]);
      const rows = await odoo.read<Record<string, unknown>>(model, ids, fields, { active_test: false });
      for (const row of rows) expect(view.get(`${model}:${row.id as number}`)).toEqual(row);
    }
  }, 90_000);

  it('tells a device that pulls during the copy that it runs, with progress, and the device ends equal to one that started after', async () => {
    await app?.close();
    app = await startIngestApp({ BACKFILL_RECORDS_PER_RUN: '7' }, systemPrefix());
    const running = app;
    const system = (await connectSim(running, sim, { tracked_models: SALES_MODELS, sources: { update_webhook: false } })).id;
    const token = await tokenFor(running, system, 2);
    type Copy = { status: string; records_copied: number; records_total: number } | null;
    type Seen = { copy: Copy; v1: Copy; after: string };
    const drain = async (deviceId: string, view: Map<string, Record<string, unknown>>, seen: Seen[]) => {
      const { status, body } = await pull(running, token, { user_id: 2, device_id: deviceId, app_type: 'sales_app', limit: 500 });
      expect(status).toBe(200);
      for (const e of (body as PullBody).events) {
        const key = `${e.model}:${e.record_id}`;
        if (e.event === 'unlink') view.delete(key);
        else view.set(key, { ...view.get(key), ...e.payload });
      }
      const v1 = await fetch(`${running.url}/api/v1/offline-sync/pull`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ device_id: `${deviceId}-v1`, app_type: 'sales_app', limit: 500 }),
      });
      expect(v1.status).toBe(200);
      const copy = body.backfill as Copy;
      // Read after both answers: a copy not done then was not done when they were given either.
      seen.push({ copy, v1: ((await v1.json()) as { backfill: Copy }).backfill, after: (await progressOf(running, system)).status });
      return copy === null && !body.has_more;
    };
    // A device that connects with the system pulls at once and keeps pulling, as an app polls.
    const early = new Map<string, Record<string, unknown>>();
    const pulls: Seen[] = [];
    await waitFor(() => drain('early', early, pulls), 60_000, 100);
    // While the copy had not finished, no answer (v2 or v1) said it had, and each said how far it was.
    const during = pulls.filter((p) => p.after !== 'done');
    expect(during.length).toBeGreaterThan(0);
    for (const { copy, v1 } of during) {
      for (const said of [copy, v1]) {
        expect(said).toEqual({ status: expect.stringMatching(/^(pending|running)$/), records_copied: expect.any(Number), records_total: expect.any(Number) });
        expect(said?.records_copied).toBeLessThanOrEqual(said?.records_total ?? 0);
      }
    }
    expect(during.some(({ copy }) => copy?.status === 'running' && copy.records_copied < copy.records_total)).toBe(true);
    expect(pulls[pulls.length - 1].v1).toBeNull();

    // A device that starts after the copy gets the same records with the same values.
    const late = new Map<string, Record<string, unknown>>();
    await waitFor(() => drain('late', late, []), 30_000);
    const odoo = odooUser(running, sim);
    const counts = await Promise.all(SALES_MODELS.map((m) => odoo.searchCount(m, [], { active_test: false })));
    expect(late.size).toBe(counts.reduce((a, b) => a + b, 0));
    expect([...early.keys()].sort()).toEqual([...late.keys()].sort());
    for (const [key, values] of late) expect(early.get(key)).toEqual(values);
  }, 90_000);

  it('leaves a change made right after connect to the live poller: logged once, as news, not copied as history', async () => {
    // A system's first ingestion run sweeps instead of polling, and the sweep comes after the backfill: the backfill
    // must not take what changes in those first moments for history (it would be logged unannounced, so a device's
    // socket would never hear of a new urgent order).
    await app?.close();
    app = await startIngestApp({}, systemPrefix());
    const system = (await connectSim(app, sim, { tracked_models: SALES_MODELS, sources: { update_webhook: false } })).id;
    const [partnerId] = await sim.env().search('res.partner', [], { limit: 1 });
    const orderId = await sim.env().create('sale.order', { partner_id: partnerId, user_id: 6 });
    const events = await waitForEvents(app, system, 'sale.order', [orderId], 1, 10_000);
    await waitFor(async () => (await progressOf(app as RunningApp, system)).status === 'done', 20_000);
    expect(events.map((e) => [e.event, e.source])).toEqual([['create', 'write_date']]);
    expect((await eventsFor(app, system, 'sale.order', [orderId])).length).toBe(1);
  }, 60_000);

  it('does not hold a live change behind a slow backfill: a run copies for one poll interval, then polls again', async () => {
    // A slow Odoo: each backfill page's read of full records takes 1.5 s (the orders' own read stays fast, and the
    // poller reads records only when they changed). A run's budget (2000 records) covers four such pages.
    const slow = ['sale.order.line', 'res.partner', 'product.template', 'product.product'];
    for (const model of slow) sim.faults.methodLatencyMs.set(`${model}.read`, 1500);
    try {
      await app?.close();
      app = await startIngestApp({}, systemPrefix());
      const system = (await connectSim(app, sim, { tracked_models: SALES_MODELS, sources: { update_webhook: false } })).id;
      // The orders' copy is done, so the run is now copying the slow models.
      await waitFor(async () => (await progressOf(app as RunningApp, system)).models.find((m) => m.model === 'sale.order')?.done === true, 20_000);
      const [partnerId] = await sim.env().search('res.partner', [], { limit: 1 });
      const created = Date.now();
      const orderId = await sim.env().create('sale.order', { partner_id: partnerId, user_id: 6 });
      await waitForEvents(app, system, 'sale.order', [orderId], 1, 20_000);
      // One page (1.5 s) and a poll, not the rest of the run's four slow pages (≥ 4.5 s).
      expect(Date.now() - created).toBeLessThan(4000);
    } finally {
      for (const model of slow) sim.faults.methodLatencyMs.delete(`${model}.read`);
    }
  }, 60_000);
});
