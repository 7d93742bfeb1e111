import { randomUUID } from 'node:crypto';
import { FeedWriter } from '../../src/modules/change-feed/feed-writer';
import { startOdooSim, ADMIN_UID } from '../odoo-sim';
import type { BenchContext } from './context';
import { round, type BenchTable } from './report';

/**
 * Odoo load as the number of devices grows. Each simulated device pulls once at a random moment of
 * every period (the phones' 30 s timer) while someone keeps editing records in the simulator, and
 * ingestion copies the changes into the event log. Odoo calls are counted by the simulator. The
 * seed design, where every pull queried Odoo, would cost ~2 calls per pull.
 *
 * ODOO_BENCH_PERIOD_SEC (30) and ODOO_BENCH_SECONDS (60) shorten the run; figures are per minute.
 */
export async function run(ctx: BenchContext): Promise<BenchTable> {
  const periodSec = Number(process.env.ODOO_BENCH_PERIOD_SEC ?? 30);
  const seconds = Number(process.env.ODOO_BENCH_SECONDS ?? 60);
  const deviceCounts = [100, 1000];
  const sim = await startOdooSim();
  const app = await ctx.startApp({
    ODOO_URL: sim.url,
    ODOO_DB: sim.db,
    ODOO_USERNAME: 'admin',
    ODOO_PASSWORD: 'admin',
    INGEST: 'on',
  });
  const editor = setInterval(() => {
    // One business change every 2 s: what the devices should receive.
    void sim
      .env(ADMIN_UID)
      .searchRead('res.partner', [], { fields: ['id'], limit: 20 })
      .then((rows) => {
        const row = rows[Math.floor(Math.random() * rows.length)];
        if (row) return sim.env(ADMIN_UID).write('res.partner', Number(row.id), { phone: `+212 6${Date.now() % 1e8}` });
      })
      .catch(() => undefined);
  }, 2000);
  try {
    const tenant = 'default';
    const log = app.app.get(FeedWriter);
    // Let the initial import settle so both windows measure steady state.
    ctx.log('waiting for the initial ingestion to settle');
    let last = -1;
    for (let i = 0; i < 30; i++) {
      const head = await log.headId(tenant);
      if (head === last && head > 0) break;
      last = head;
      await new Promise((r) => setTimeout(r, 2000));
    }
    const rows: (string | number)[][] = [];
    const problems: string[] = [];
    // New devices every run: a device's first pull starts at the oldest retained event, whatever earlier runs left.
    const run = randomUUID().slice(0, 8);
    for (const devices of deviceCounts) {
      ctx.log(`${devices} devices for ${seconds} s (period ${periodSec} s)`);
      const callsBefore = sim.stats.calls;
      const headBefore = await log.headId(tenant);
      const started = Date.now();
      const result = await ctx.devices({
        url: app.url,
        path: '/api/v2/sync/pull',
        headers: { authorization: `Bearer ${app.token(tenant, ADMIN_UID)}` },
        devices,
        periodMs: periodSec * 1000,
        durationMs: seconds * 1000,
        template: { user_id: ADMIN_UID, app_type: 'sales_app' },
        devicePrefix: `odoo-bench-${run}-${devices}-`,
      });
      const minutes = (Date.now() - started) / 60_000;
      const calls = sim.stats.calls - callsBefore;
      const pulls = result.pulls;
      const bad = Object.entries(result.statuses).filter(([s]) => /^\d+$/.test(s) && s !== '200');
      if (bad.length || result.failures) {
        problems.push(`${devices} devices: ${result.failures} requests failed, outcomes ${JSON.stringify(result.statuses)}`);
      }
      rows.push([
        devices,
        pulls,
        round(pulls / minutes),
        result.failures + bad.reduce((a, [, n]) => a + n, 0),
        (await log.headId(tenant)) - headBefore,
        result.eventsReceived,
        calls,
        round(calls / minutes, 1),
        round((2 * pulls) / minutes),
      ]);
    }
    return {
      title: `Odoo load vs number of devices — ${seconds} s per row, each device pulls once per ${periodSec} s, ${ctx.engines}`,
      columns: ['devices', 'pulls', 'pulls/min', 'failed pulls', 'events ingested', 'events delivered', 'Odoo calls', 'Odoo calls/min', 'seed design calls/min (2 per pull)'],
      rows,
      notes: [
        'Odoo = the bundled simulator (test/odoo-sim) counting every RPC it serves; ingestion on (default poll interval), one res.partner edit every 2 s.',
        'Pulls are served from the event log and cache: Odoo calls come from ingestion only and do not grow with the number of devices.',
        "Events delivered include each new device's first page (up to 100 of the tenant's retained events, so more on a database that earlier runs filled).",
        ...problems,
      ],
    };
  } finally {
    clearInterval(editor);
    await app.close();
    await sim.close();
  }
}
