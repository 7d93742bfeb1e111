import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { DB } from '../../src/database/database.module';
import type { Db } from '../../src/database/schema';
import { FeedWriter } from '../../src/modules/feed/feed-writer';
import { StateWriter } from '../../src/modules/devices/state-writer';
import dataset from '../odoo-sim/fixtures/dataset/res.partner.json';
import { SALESPEOPLE, type BenchApp, type BenchContext, type Comparison } from './context';
import { ratio, round, type BenchTable } from './report';

/** Records of the drained model; BENCH_SNAPSHOT_RECORDS lowers it for a quick check of the scenario. */
const RECORDS = Number(process.env.BENCH_SNAPSHOT_RECORDS ?? 100_000);
const PAGE = 500;
const DEVICES = 50;
const PULL = '/api/v2/sync/pull';
const MODEL = 'res.partner';
const INSERT_BATCH = 500;
const RSS_SAMPLE_MS = 50;
/** Targets: a snapshot page is a keyset read of PAGE wide rows plus counts, like a cache-missed log page. */
const MIN_RATIO = 0.3;
/** p99 at most this many times B0's, in every round. */
const MAX_P99_RATIO = 2;
const MIN_RECORDS_PER_SEC = 600;
/** "Memory bounded": the drain may not grow the server by more than this, whatever the model's size. */
const MAX_RSS_GROWTH_MB = 150;

/** Partners as wide as a real Odoo 18's (91 stored fields, ~2.3 KB of JSON): the recorded dataset, cycled. */
function partner(i: number): Record<string, unknown> {
  const base = dataset.records[i % dataset.records.length] as Record<string, unknown>;
  return { ...base, id: i + 1, name: `${String(base.name)} ${i + 1}`, display_name: `${String(base.name)} ${i + 1}` };
}

/**
 * record_state is written straight into the table (multi-row inserts), not through an Odoo backfill or
 * the log's appends: the drain reads only record_state, and 100,000 appends or backfilled reads would
 * take most of the bench's time. One real append first, so the log has a head for the snapshot to start at.
 */
async function seed(app: BenchApp, tenant: string): Promise<void> {
  const [marker] = await app.app.get(FeedWriter).append(tenant, [
    {
      model: 'sale.order',
      recordId: 1,
      event: 'create',
      timestamp: new Date(),
      // The admin's order in the main company: readable under the multi-company rule.
      payload: { id: 1, name: 'S00001', company_id: [1, 'My Company (San Francisco)'], user_id: [2, 'Mitchell Admin'] },
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
  // Every third id a deleted record, which keeps its row and its last values (a tombstone), as a model whose
  // records come and go gathers them: RECORDS live records among RECORDS / 2 deleted ones.
  const rowsInAll = RECORDS + Math.floor(RECORDS / 2);
  for (let i = 0; i < rowsInAll; i += INSERT_BATCH) {
    const rows = Array.from({ length: Math.min(INSERT_BATCH, rowsInAll - i) }, (_, k) => ({
      tenant_id: tenant,
      model: MODEL,
      record_id: i + k + 1,
      data: JSON.stringify(partner(i + k)),
      last_event_id: marker.id,
      timestamp,
      priority: 'medium' as const,
      deleted: (i + k + 1) % 3 === 0,
    }));
    await db.insertInto('record_state').values(rows).execute();
  }
  await sql`analyze record_state`.execute(db);
}

async function pullOnce(app: BenchApp, headers: Record<string, string>, body: Record<string, unknown>) {
  const res = await fetch(`${app.url}${PULL}`, { method: 'POST', headers, body: JSON.stringify(body) });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`pull failed with ${res.status}: ${text.slice(0, 300)}`);
  const parsed = JSON.parse(text) as { events: unknown[]; has_more: boolean; snapshot: boolean; next_sync_token: string };
  return { bytes: Buffer.byteLength(text), events: parsed.events.length, hasMore: parsed.has_more, snapshot: parsed.snapshot, token: parsed.next_sync_token };
}

/**
 * (a) Snapshot pages of 500 wide records against B0 answering a body of the same size, in paired rounds.
 * (b) One new device draining a fresh snapshot of the whole model: records/s, and the server's RSS before
 * and at its peak (the app runs in this process; RSS is sampled every 50 ms during the drain).
 */
export async function run(ctx: BenchContext): Promise<BenchTable> {
  const app = await ctx.startApp();
  try {
    const tenant = `bench-snap-${randomUUID()}`;
    // A tenant connected to the simulator with Odoo 18's access model: the admin and own-documents salespeople.
    const users = await app.withRights(tenant);
    const headersOf = async (userId: number) => ({ 'content-type': 'application/json', authorization: `Bearer ${await app.token(tenant, userId)}` });
    const headers = await headersOf(users.admin);
    ctx.log(`seeding ${RECORDS} ${MODEL} records into record_state for ${tenant} (${ctx.engines})`);
    const seededAt = Date.now();
    await seed(app, tenant);
    const seedSec = (Date.now() - seededAt) / 1000;

    // (b) first, on a fresh server: one device drains the whole snapshot in pages of 500.
    ctx.log(`draining a ${RECORDS}-record snapshot with one device`);
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    let rssPeak = rssBefore;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), RSS_SAMPLE_MS);
    const started = Date.now();
    let drained = 0;
    let pages = 0;
    // The tokens the drain was given, each followed by a full snapshot page: what devices in the middle of a drain ack.
    const tokens: string[] = [];
    let page = await pullOnce(app, headers, { user_id: 2, device_id: 'drain', limit: PAGE });
    for (;;) {
      drained += page.events;
      pages++;
      if (!page.snapshot || !page.hasMore) break;
      if (drained + PAGE <= RECORDS + 1) tokens.push(page.token);
      page = await pullOnce(app, headers, { user_id: 2, device_id: 'drain', limit: PAGE, ack_token: page.token });
    }
    const drainSec = (Date.now() - started) / 1000;
    clearInterval(sampler);
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
    // The marker order is a record of the snapshot too.
    if (drained !== RECORDS + 1) throw new Error(`the drain delivered ${drained} records, expected ${RECORDS + 1}`);
    const perSec = drained / drainSec;
    const growthMb = (rssPeak - rssBefore) / 2 ** 20;

    // (a) Snapshot pages at keys spread over the model, so requests read different stretches of record_state.
    if (tokens.length === 0) throw new Error('the drain gave no token followed by a full page');
    // As many connections as the admission serves at once plus its queue: more would be answered 503 SYNC_BUSY at once,
    // and those quick refusals would count in req/s. B0 runs with the same count.
    const { concurrent, queue } = app.config.pullAdmission;
    const connections = concurrent > 0 ? concurrent + queue : ctx.args.connections;
    // Body i names user i mod n of the row's users (4 × DEVICES is a multiple of SALESPEOPLE), as the load sends it.
    const pagesAs = async (who: string, uids: number[]): Promise<(string | number)[][]> => {
      const as = await Promise.all(uids.map(async (uid) => ({ headers: await headersOf(uid), fields: { user_id: uid } })));
      const bodies = Array.from({ length: 4 * DEVICES }, (_, i) =>
        JSON.stringify({ user_id: uids[i % uids.length], device_id: `snap-${i % DEVICES}`, limit: PAGE, ack_token: tokens[(i * 7919) % tokens.length] }),
      );
      const sample = await pullOnce(app, as[0].headers, JSON.parse(bodies[0]) as Record<string, unknown>);
      if (!sample.snapshot || sample.events !== PAGE) throw new Error(`unexpected sample page: ${sample.events} records, snapshot ${sample.snapshot}`);
      await app.app.get(StateWriter).flush();
      ctx.log(`snapshot pages of ${PAGE} records (${sample.bytes} bytes) as ${who}, ${connections} connections`);
      const c: Comparison = await ctx.compare(app, sample.bytes, { body: bodies[0], headers: as[0].headers }, () => ({
        url: app.url,
        method: 'POST',
        path: PULL,
        headers: as[0].headers,
        users: as,
        bodies: { kind: 'cycle', bodies },
      }), connections);
      const { b0, result } = c.median;
      const failures = c.rounds.reduce((n, r) => n + r.result.non2xx + r.result.errors, 0);
      const met = c.rounds.every((r) => r.ratio >= MIN_RATIO && r.result.p99Ms <= MAX_P99_RATIO * r.b0.p99Ms) && failures === 0;
      return [
        [`B0 minimal Nest endpoint (paired with snapshot pages as ${who})`, '', sample.bytes, round(b0.requestsPerSec), '1.00×', round(b0.p50Ms, 1), round(b0.p99Ms, 1), '1.00×', 0, '', '', '', '', ''],
        [
          `snapshot page of ${PAGE} records`,
          who,
          sample.bytes,
          round(result.requestsPerSec),
          ratio(result.requestsPerSec, b0.requestsPerSec),
          round(result.p50Ms, 1),
          round(result.p99Ms, 1),
          ratio(result.p99Ms, b0.p99Ms),
          failures,
          c.rounds.map((x) => `${x.ratio.toFixed(2)}×, ${ratio(x.result.p99Ms, x.b0.p99Ms)}`).join(' · '),
          round(result.requestsPerSec * PAGE),
          '',
          `≥ ${MIN_RATIO} × B0, p99 ≤ ${MAX_P99_RATIO} × B0's, every round`,
          met ? 'yes' : 'NO',
        ],
      ];
    };
    const adminRows = await pagesAs('admin', [users.admin]);
    const salespeopleRows = await pagesAs(`${SALESPEOPLE} salespeople`, users.salespeople);

    return {
      title: `Snapshots — ${connections} connections, ${ctx.args.durationSec} s per run, median of ${ctx.args.rounds} paired rounds, ${ctx.engines}`,
      columns: ['run', 'user · rights', 'body bytes', 'req/s', 'req/s ÷ B0', 'p50 ms', 'p99 ms', 'p99 ÷ B0', 'non-2xx', 'each round: ÷ B0, p99 ÷ B0 p99', 'records/s', 'RSS before → peak MB', 'target', 'met'],
      rows: [
        ...adminRows,
        ...salespeopleRows,
        [
          `one device drains a ${RECORDS}-record snapshot`,
          'admin',
          '',
          '',
          '',
          '',
          '',
          '',
          0,
          `${pages} pages in ${round(drainSec, 1)} s`,
          round(perSec),
          `${round(rssBefore / 2 ** 20)} → ${round(rssPeak / 2 ** 20)}`,
          `≥ ${MIN_RECORDS_PER_SEC} records/s; memory bounded: peak ≤ before + ${MAX_RSS_GROWTH_MB} MB`,
          perSec >= MIN_RECORDS_PER_SEC && growthMb <= MAX_RSS_GROWTH_MB ? 'yes' : 'NO',
        ],
      ],
      notes: [
        `Data: ${RECORDS} ${MODEL} records as wide as a real Odoo 18's (the recorded demo dataset's 42 partners, 91 stored fields, cycled: ~2.3 KB of JSON each), among ${Math.floor(RECORDS / 2)} deleted ones (every third id a tombstone, its row kept with its last values, as a model whose records come and go gathers them), written straight into record_state in ${round(seedSec)} s (not through an Odoo backfill, which would dominate the run), then analyzed; one event in the log.`,
        `Drain: one device (v2 pull, limit ${PAGE}, acking each page's token) from a fresh snapshot to its end, over HTTP on loopback, client in the server's process. RSS is the process's, sampled every ${RSS_SAMPLE_MS} ms; "memory bounded" means a page holds at most ${PAGE} records whatever the model's size.`,
        `Pages: ${4 * DEVICES} request bodies cycled by ${DEVICES} devices, each acking a token the drain was given, at keys spread over the model (every request reads record_state; snapshot pages are not cached). Records/s of this row = req/s × ${PAGE}.`,
        concurrent > 0
          ? `Connections: ${connections}, what the snapshot admission serves at once plus its queue (SNAPSHOT_PAGES_CONCURRENT ${concurrent} + SNAPSHOT_PAGES_QUEUE ${queue}), B0 paired at the same count; more connections would be refused with 503 SYNC_BUSY. A row with any non-2xx answer is not met.`
          : `Connections: ${connections} (no snapshot admission: SNAPSHOT_PAGES_CONCURRENT=0), B0 paired at the same count. A row with any non-2xx answer is not met.`,
        `Rights: the tenant is connected to the simulator with Odoo 18's access model; admin = uid 2 (global multi-company rules), ${SALESPEOPLE} salespeople = own-documents users pulling in turn (res.partner is under the global company rule only, so every partner is theirs to read too).`,
        'Rounds: each run next to its own B0 run (POST /bench/b0/<body bytes>, same request body), alternating which goes first; the row shows the round with the median ratio.',
      ],
    };
  } finally {
    await app.close();
  }
}
