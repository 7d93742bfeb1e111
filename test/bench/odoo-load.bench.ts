import { randomUUID } from 'node:crypto';
import { FeedWriter } from '../../src/modules/feed/feed-writer';
import { startOdooSim, ADMIN_UID, DEMO_UID } from '../odoo-sim';
import type { BenchContext } from './context';
import { round, type BenchTable } from './report';

/**
 * Odoo load as the number of devices grows. Each simulated device pulls once at a random moment of
 * every period (the phones' 30 s timer) while someone keeps editing records in the simulator, and
 * ingestion copies the changes into the event log. Odoo calls are counted by the simulator. The
 * seed design, where every pull queried Odoo, would cost ~2 calls per pull.
 *
 * The devices belong to 50 salespeople with Odoo 18's 'Sales / User: Own Documents Only' rights (demo's groups),
 * each owning a share of the orders the editor changes: every pull is filtered by the user's access rights, whose
 * access model BridgeCore reads with the service user (counted apart: ir.*, res.groups, res.users calls).
 *
 * ODOO_BENCH_PERIOD_SEC (30) and ODOO_BENCH_SECONDS (60) shorten the run; figures are per minute.
 */
const SALESPEOPLE = 50;
/** The models BridgeCore reads to know the tenant's access rights (see ReadPolicyService). */
const ACCESS_MODELS = ['ir.model.access', 'ir.rule', 'res.groups', 'res.users', 'ir.model'];

export async function run(ctx: BenchContext): Promise<BenchTable> {
  const periodSec = Number(process.env.ODOO_BENCH_PERIOD_SEC ?? 30);
  const seconds = Number(process.env.ODOO_BENCH_SECONDS ?? 60);
  const deviceCounts = [100, 1000];
  const sim = await startOdooSim();
  const admin = sim.env(ADMIN_UID);
  const [demo] = await admin.read('res.users', [DEMO_UID], ['groups_id', 'company_ids']);
  const salespeople: number[] = [];
  for (let i = 0; i < SALESPEOPLE; i++) {
    salespeople.push(
      await admin.create('res.users', {
        name: `Salesperson ${i}`,
        login: `sales${i}@bench.example`,
        groups_id: [[6, 0, demo.groups_id as number[]]],
        company_ids: [[6, 0, demo.company_ids as number[]]],
      }),
    );
  }
  const [customer] = await admin.search('res.partner', [], { limit: 1 });
  const orders: number[] = [];
  for (let i = 0; i < 2 * SALESPEOPLE; i++) {
    orders.push(await admin.create('sale.order', { partner_id: customer, user_id: salespeople[i % SALESPEOPLE] }));
  }
  const app = await ctx.startApp({
    ODOO_URL: sim.url,
    ODOO_DB: sim.db,
    ODOO_USERNAME: 'admin',
    ODOO_PASSWORD: 'admin',
    INGEST: 'on',
  });
  let edits = 0;
  const editor = setInterval(() => {
    // One business change every 2 s, alternately a contact and a salesperson's order: what the devices receive.
    const order = edits++ % 2 === 1;
    void admin
      .searchRead(order ? 'sale.order' : 'res.partner', order ? [['id', 'in', orders]] : [], { fields: ['id'], limit: 20 })
      .then((rows) => {
        const row = rows[Math.floor(Math.random() * rows.length)];
        if (!row) return;
        const values = order ? { client_order_ref: `REF-${Date.now() % 1e8}` } : { phone: `+212 6${Date.now() % 1e8}` };
        return admin.write(order ? 'sale.order' : 'res.partner', Number(row.id), values);
      })
      .catch(() => undefined);
  }, 2000);
  const accessCalls = (): number => ACCESS_MODELS.reduce((sum, model) => sum + sim.stats.count(model), 0);
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
      const accessBefore = accessCalls();
      const headBefore = await log.headId(tenant);
      const started = Date.now();
      const result = await ctx.devices({
        url: app.url,
        path: '/api/v2/sync/pull',
        headers: {},
        users: await Promise.all(
          salespeople.map(async (uid) => ({ headers: { authorization: `Bearer ${await app.token(tenant, uid)}` }, template: { user_id: uid } })),
        ),
        devices,
        periodMs: periodSec * 1000,
        durationMs: seconds * 1000,
        template: { app_type: 'sales_app' },
        devicePrefix: `odoo-bench-${run}-${devices}-`,
      });
      const minutes = (Date.now() - started) / 60_000;
      const calls = sim.stats.calls - callsBefore;
      const access = accessCalls() - accessBefore;
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
        round(access / minutes, 1),
        round((2 * pulls) / minutes),
      ]);
    }
    return {
      title: `Odoo load vs number of devices — ${seconds} s per row, each device pulls once per ${periodSec} s, ${ctx.engines}`,
      columns: ['devices', 'pulls', 'pulls/min', 'failed pulls', 'events ingested', 'events delivered', 'Odoo calls', 'Odoo calls/min', 'of which access model/min', 'seed design calls/min (2 per pull)'],
      rows,
      notes: [
        'Odoo = the bundled simulator (test/odoo-sim) counting every RPC it serves; ingestion on (default poll interval), one res.partner edit every 2 s.',
        `Devices pull as ${SALESPEOPLE} own-documents salespeople (device i as salesperson i mod ${SALESPEOPLE}), each delivered only the events of records Odoo lets them read.`,
        'Pulls are served from the event log and cache: Odoo calls come from ingestion and the access model (read per tenant every 60 s), not from the number of devices or users.',
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
