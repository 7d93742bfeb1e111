/**
 * First-sync storm (issue #29 item 7): STORM_DEVICES (200) new devices arrive at once on one instance and each drains
 * its snapshot, while up-to-date devices keep polling and offline pushes keep coming. Reported as ratios to the same
 * instance at rest, measured in the same run: time to the last device synced, up-to-date pull and push p99, peak RSS.
 *
 * The tenant is connected to the simulator (its own process, soak-odoo.ts) with its access rights: the devices pull
 * as admin and as own-documents salespeople, round-robin. Its records are as wide as a real Odoo 18's
 * (STORM_PARTNERS res.partner from the recorded dataset, STORM_ORDERS sale.order shaped as the simulator reads them,
 * owned by the salespeople), written straight into record_state as the snapshot bench does.
 */
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { extname, join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { sql } from 'kysely';
import { DB } from '../../src/database/database.module';
import type { Db } from '../../src/database/schema';
import { FeedWriter } from '../../src/modules/feed/feed-writer';
import dataset from '../odoo-sim/fixtures/dataset/res.partner.json';
import type { BenchApp, BenchContext } from './context';
import { round, type BenchTable } from './report';
import { startSoakOdoo } from './soak.bench';
import type { FromStorm, StormJob, StormResult } from './storm-load';

const env = (name: string, fallback: number): number => Number(process.env[name] ?? fallback);
const INSERT_BATCH = 500;
const RSS_SAMPLE_MS = 100;
const STEADY_PERIOD_MS = 1000;
const WARM_UP_MS = 5000;
/** Seeded ids start here, above the simulator's own records (which the pushes write to). */
const FIRST_ID = 1_000_000;

async function odooCall(url: string, db: string, model: string, method: string, args: unknown[], kwargs: Record<string, unknown>) {
  const res = await fetch(`${url}/jsonrpc`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', method: 'call', params: { service: 'object', method: 'execute_kw', args: [db, 2, 'admin', model, method, args, kwargs] } }),
  });
  const body = (await res.json()) as { result?: unknown; error?: unknown };
  if (body.error) throw new Error(`Odoo ${model}.${method}: ${JSON.stringify(body.error).slice(0, 300)}`);
  return body.result;
}

/** One event in the log (the snapshot's position), then the records straight into record_state. */
async function seed(app: BenchApp, tenant: string, orderTemplate: Record<string, unknown>, salespeople: number[], partners: number, orders: number) {
  const [marker] = await app.app.get(FeedWriter).append(tenant, [
    {
      model: 'res.partner',
      recordId: FIRST_ID - 1,
      event: 'create',
      timestamp: new Date(),
      payload: { id: FIRST_ID - 1, name: 'Storm marker' },
      changedFields: null,
      priority: 'medium',
      category: 'business',
      userId: 2,
      source: 'write_date',
      sourceEventId: null,
    },
  ]);
  const db = app.app.get<Db>(DB);
  const timestamp = new Date(Date.UTC(2025, 0, 1));
  const row = (model: string, id: number, data: Record<string, unknown>) => ({
    tenant_id: tenant,
    model,
    record_id: id,
    data: JSON.stringify(data),
    last_event_id: marker.id,
    timestamp,
    priority: 'medium' as const,
    deleted: false,
  });
  const partner = (i: number) => {
    const base = dataset.records[i % dataset.records.length] as Record<string, unknown>;
    return row('res.partner', FIRST_ID + i, { ...base, id: FIRST_ID + i, name: `${String(base.name)} ${i}`, display_name: `${String(base.name)} ${i}` });
  };
  const order = (i: number) => {
    const owner = salespeople[i % salespeople.length];
    return row('sale.order', FIRST_ID + i, { ...orderTemplate, id: FIRST_ID + i, name: `S${String(FIRST_ID + i)}`, user_id: [owner, `Salesperson ${owner}`] });
  };
  for (const [count, make] of [
    [partners, partner],
    [orders, order],
  ] as const) {
    for (let i = 0; i < count; i += INSERT_BATCH) {
      await db
        .insertInto('record_state')
        .values(Array.from({ length: Math.min(INSERT_BATCH, count - i) }, (_, k) => make(i + k)))
        .execute();
    }
  }
  await sql`analyze record_state`.execute(db);
  return marker.id;
}

function runStorm(job: StormJob, onStorm: () => void): Promise<StormResult> {
  const child = fork(join(__dirname, `storm-load${extname(__filename)}`), [], { execArgv: process.execArgv, stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`storm load generator exited with code ${code}`)));
    child.on('message', (m: FromStorm) => {
      if (m.type === 'storm') onStorm();
      else if (m.type === 'done') resolve(m.result);
      else reject(new Error(`storm load generator: ${m.message}`));
    });
    child.send(job);
  });
}

export async function run(ctx: BenchContext): Promise<BenchTable> {
  const devices = env('STORM_DEVICES', 200);
  const partners = env('STORM_PARTNERS', 2000);
  const orders = env('STORM_ORDERS', 500);
  const steady = env('STORM_STEADY_DEVICES', 18);
  const pushesPerSec = env('STORM_PUSHES_PER_SEC', 2);
  const restSec = env('STORM_REST_SECONDS', 20);

  const odoo = await startSoakOdoo();
  const tenant = `storm-${randomUUID().slice(0, 8)}`;
  const app = await ctx.startApp({
    ODOO_SYSTEM_ID: tenant,
    ODOO_URL: odoo.ready.url,
    ODOO_DB: odoo.ready.db,
    ODOO_USERNAME: 'admin',
    ODOO_PASSWORD: 'admin',
    JWT_ACCESS_TTL_SECONDS: '86400',
  });
  try {
    const [template] = (await odooCall(odoo.ready.url, odoo.ready.db, 'sale.order', 'search_read', [[]], { limit: 1 })) as Record<string, unknown>[];
    const salespeople = odoo.ready.users.filter((u) => u !== 2);
    ctx.log(`storm: seeding ${partners} res.partner and ${orders} sale.order into record_state for ${tenant} (${ctx.engines})`);
    const head = await seed(app, tenant, template, salespeople, partners, orders);
    const users = await Promise.all(odoo.ready.users.map(async (userId) => ({ userId, token: await app.token(tenant, userId) })));
    const job: StormJob = {
      url: app.url,
      appType: 'sales_app',
      users,
      head,
      devices,
      steady,
      steadyPeriodMs: STEADY_PERIOD_MS,
      warmUpMs: WARM_UP_MS,
      restMs: restSec * 1000,
      push: { token: await app.login(tenant, 'admin', 'admin'), perSec: pushesPerSec, partners: odoo.ready.partners.slice(0, 50) },
      devicePrefix: `storm-${randomUUID().slice(0, 8)}-`,
      deadlineMs: env('STORM_DEADLINE_SECONDS', 600) * 1000,
    };
    global.gc?.();
    // RSS and event-loop delay of the server (this process), per phase.
    const peak = { rest: 0, storm: 0 };
    let phase: 'rest' | 'storm' = 'rest';
    const sampler = setInterval(() => (peak[phase] = Math.max(peak[phase], process.memoryUsage().rss)), RSS_SAMPLE_MS);
    const eld = monitorEventLoopDelay({ resolution: 10 });
    eld.enable();
    let eldRest = Number.NaN;
    ctx.log(`storm: ${restSec} s at rest (${steady} up-to-date devices, ${pushesPerSec} push/s), then ${devices} new devices at once`);
    const result = await runStorm(job, () => {
      eldRest = eld.percentile(99) / 1e6;
      eld.reset();
      phase = 'storm';
    }).finally(() => clearInterval(sampler));
    const eldStorm = eld.percentile(99) / 1e6;
    eld.disable();
    return toTable(result, { devices, partners, orders, steady, pushesPerSec, salespeople: salespeople.length, engines: ctx.engines, peak, eldRest, eldStorm, config: app.config });
  } finally {
    await app.close();
    await odoo.stop();
  }
}

interface StormSetup {
  devices: number;
  partners: number;
  orders: number;
  steady: number;
  pushesPerSec: number;
  salespeople: number;
  engines: string;
  peak: { rest: number; storm: number };
  eldRest: number;
  eldStorm: number;
  config: BenchApp['config'];
}

function toTable(r: StormResult, s: StormSetup): BenchTable {
  const mb = (bytes: number) => bytes / 2 ** 20;
  const x = (a: number, b: number) => (b > 0 && Number.isFinite(a) ? `${(a / b).toFixed(2)}×` : '—');
  const retry = r.retryAfterSec.length ? `${Math.min(...r.retryAfterSec)}–${Math.max(...r.retryAfterSec)} s` : '—';
  return {
    title: `First-sync storm — ${s.devices} new devices at once, ${s.partners + s.orders} records, ${s.engines}`,
    columns: ['figure', 'at rest', 'during the storm', 'storm ÷ rest'],
    rows: [
      ['time to the last device synced (s)', '', round(r.lastDeviceSec, 1), ''],
      ['devices that drained their snapshot', '', `${r.devicesDone} / ${s.devices}`, ''],
      ['snapshot pages answered · 503 (Retry-After)', '', `${r.pages} · ${r.busy} (${retry})`, ''],
      ['snapshot page p50 · p99 (ms)', '', `${round(r.pageP50Ms)} · ${round(r.pageP99Ms)}`, ''],
      ['up-to-date pulls', r.rest.pulls, r.storm.pulls, ''],
      ['up-to-date pull p50 (ms)', round(r.rest.pullP50Ms, 1), round(r.storm.pullP50Ms, 1), x(r.storm.pullP50Ms, r.rest.pullP50Ms)],
      ['up-to-date pull p99 (ms)', round(r.rest.pullP99Ms, 1), round(r.storm.pullP99Ms, 1), x(r.storm.pullP99Ms, r.rest.pullP99Ms)],
      ['pushes', r.rest.pushes, r.storm.pushes, ''],
      ['push p50 (ms)', round(r.rest.pushP50Ms), round(r.storm.pushP50Ms), x(r.storm.pushP50Ms, r.rest.pushP50Ms)],
      ['push p99 (ms)', round(r.rest.pushP99Ms), round(r.storm.pushP99Ms), x(r.storm.pushP99Ms, r.rest.pushP99Ms)],
      ['failed up-to-date pulls and pushes · snapshot pulls failed · connection errors retried', r.rest.failures, `${r.storm.failures} · ${r.drainFailures} · ${r.connectionErrors}`, ''],
      ['peak RSS (MB)', round(mb(s.peak.rest)), round(mb(s.peak.storm)), x(s.peak.storm, s.peak.rest)],
      ['event-loop delay p99 (ms)', round(s.eldRest, 1), round(s.eldStorm, 1), x(s.eldStorm, s.eldRest)],
    ],
    notes: [
      `Tenant connected to the Odoo simulator (its own process) with its access rights; devices pull as admin and ${s.salespeople} own-documents salespeople, round-robin; app type sales_app, default limit. Records: ${s.partners} res.partner as wide as a real Odoo 18's (the recorded dataset, cycled) and ${s.orders} sale.order as the simulator reads them, owned by the salespeople, written straight into record_state.`,
      `At rest: after a ${WARM_UP_MS / 1000} s warm-up, ${round(r.rest.seconds)} s of ${s.steady} up-to-date devices each pulling once a second (acking each token) and ${s.pushesPerSec} offline push/s (a partner write through Odoo). Storm: the same, plus ${s.devices} new devices at once, each draining its snapshot (acking each page's token while has_more; a 503 waits its Retry-After); ${r.records} records delivered in all.`,
      `Admission: ${s.config.pullAdmission.concurrent > 0 ? `${s.config.pullAdmission.concurrent} snapshot pages at a time, ${s.config.pullAdmission.queue} waiting` : "none (SNAPSHOT_PAGES_CONCURRENT=0)"}.`,
      `RSS and event-loop delay are the server's (this process; the load runs in a child), RSS sampled every ${RSS_SAMPLE_MS} ms. The machine is shared: compare the ratios.`,
      ...(r.problem ? [`Last failure: ${r.problem}`] : []),
    ],
  };
}
