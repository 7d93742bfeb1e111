import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { DB } from '../../src/database/database.module';
import type { Db } from '../../src/database/schema';
import { FeedWriter } from '../../src/modules/feed/feed-writer';
import type { NewEvent } from '../../src/modules/feed/event.types';
import { StateWriter } from '../../src/modules/devices/state-writer';
import { SALESPEOPLE, type BenchApp, type BenchContext, type Comparison } from './context';
import type { BodySource, HttpLoadJob } from './load';
import { ratio, round, type BenchTable, type LoadResult } from './report';
import { upToDateCosts } from './request-costs';
import { wideEvent } from './wide-records';

const EVENTS = 30_000;
const DEVICES = 50;
const PULL = '/api/v2/sync/pull';
/** A cold instance is measured within its first minute. */
const COLD_SECONDS = 60;

async function metric(app: BenchApp, name: string): Promise<number> {
  const text = await (await fetch(`${app.url}/metrics`)).text();
  const match = text.match(new RegExp(`^${name}\\{endpoint="pull"\\} (\\d+)`, 'm'));
  return match ? Number(match[1]) : 0;
}

async function sample(app: BenchApp, headers: Record<string, string>, body: string): Promise<{ bytes: number; events: number }> {
  const res = await fetch(`${app.url}${PULL}`, { method: 'POST', headers, body });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`pull failed with ${res.status}: ${text}`);
  return { bytes: Buffer.byteLength(text), events: (JSON.parse(text) as { events: unknown[] }).events.length };
}

/** Who a row pulls as: one user, or several in turn (request i as users[i mod n]). */
interface Puller {
  label: string;
  /** What the read policy applies to them. */
  rights: string;
  users: { headers: Record<string, string>; fields: { user_id: number } }[];
  /** Reference rows (no access rights at all) have no target. */
  reference: boolean;
}

interface Row {
  name: string;
  who: string;
  bytes: number;
  result: LoadResult;
  /** The B0 run this row is read against. */
  b0: LoadResult;
  /** Compared scenarios: every round and the target. */
  rounds?: Comparison['rounds'];
  minRatio?: number;
  /** Pages cut from the tail · pages read from the database, over the rounds. */
  reads?: string;
}

/**
 * The events of a tenant: res.partner and sale.order as ingestion logs them for sales_app, each order owned by one of
 * the salespeople in turn (so most of a salesperson's page is others' orders, as a field team's log is).
 */
async function seed(app: BenchApp, tenant: string, owners: number[]): Promise<number> {
  const log = app.app.get(FeedWriter);
  const event = (i: number): NewEvent => {
    if (i % 2 === 0) return wideEvent('res.partner', i);
    const e = wideEvent('sale.order', i);
    const owner = owners[Math.floor(i / 2) % owners.length];
    return { ...e, payload: { ...e.payload, user_id: [owner, `Salesperson ${owner}`] } };
  };
  for (let i = 0; i < EVENTS; i += 1000) {
    await log.append(tenant, Array.from({ length: Math.min(1000, EVENTS - i) }, (_, k) => event(i + k)));
  }
  return log.headId(tenant);
}

/**
 * Pull throughput and latency against B0 (minimal Nest endpoint) and B1 (bare node:http), same body sizes, on a tenant
 * connected to the simulator with Odoo 18's access model: as the admin (global multi-company rules) and as
 * SALESPEOPLE own-documents salespeople in turn; a tenant of the permissive simulator (no rule applies) as reference.
 */
export async function run(ctx: BenchContext): Promise<BenchTable[]> {
  const app = await ctx.startApp();
  try {
    const tenant = `bench-${randomUUID()}`;
    const reference = `bench-ref-${randomUUID()}`;
    const users = await app.withRights(tenant);
    const headersOf = async (t: string, userId: number) => ({ 'content-type': 'application/json', authorization: `Bearer ${await app.token(t, userId)}` });
    const all: Puller[] = [
      {
        label: 'admin',
        rights: "admin (uid 2): Odoo 18's global multi-company rules on both models",
        users: [{ headers: await headersOf(tenant, users.admin), fields: { user_id: users.admin } }],
        reference: false,
      },
      {
        label: `${SALESPEOPLE} salespeople`,
        rights: `${SALESPEOPLE} own-documents salespeople in turn: multi-company rules + 'Personal Orders' (user_id = own uid or empty); 1 order in ${SALESPEOPLE} is theirs`,
        users: await Promise.all(users.salespeople.map(async (uid) => ({ headers: await headersOf(tenant, uid), fields: { user_id: uid } }))),
        reference: false,
      },
      {
        label: 'reference: no rights',
        rights: 'REFERENCE ONLY: admin of a tenant of the permissive simulator (no record rule; pages are not filtered)',
        users: [{ headers: await headersOf(reference, 2), fields: { user_id: 2 } }],
        reference: true,
      },
    ];
    // BENCH_PULL_AS=admin,salespeople,reference (the default: all) runs the rows of some of them only.
    const as = (process.env.BENCH_PULL_AS ?? 'admin,salespeople,reference').split(',');
    const pullers = all.filter((p) => as.some((a) => p.label.includes(a)));
    ctx.log(`seeding ${EVENTS} events for ${tenant} and for ${reference} (${ctx.engines})`);
    const head = await seed(app, tenant, users.salespeople);
    const refHead = await seed(app, reference, users.salespeople);
    if (refHead !== head) throw new Error(`the two tenants' heads differ: ${head}, ${refHead}`);
    // PostgreSQL's autovacuum would analyze the freshly filled table within a minute; PGlite has no
    // autovacuum. Without statistics the planner reads every event after the cursor and sorts them.
    await sql`analyze events`.execute(app.app.get<Db>(DB));

    const tailEvents = app.config.pullTail.eventsPerTenant;
    const nearFrom = Math.max(0, head - tailEvents + 1);
    const nearTo = head - 101;
    const deepTo = nearFrom - 1;
    const rows: Row[] = [];
    const notes: string[] = [];
    const body = (p: Puller, i: number, extra: Record<string, unknown>) => JSON.stringify({ ...p.users[i % p.users.length].fields, ...extra });
    const job = (p: Puller, bodies: BodySource, url = app.url): Omit<HttpLoadJob, 'kind' | 'connections' | 'durationSec'> => ({
      url,
      method: 'POST',
      path: PULL,
      headers: p.users[0].headers,
      users: p.users,
      bodies,
    });
    const add = (p: Puller, name: string, bytes: number, c: Comparison, minRatio: number, reads?: string) => {
      const target = p.reference ? undefined : minRatio;
      rows.push({ name: `B0 minimal Nest endpoint (paired with ${name})`, who: '', bytes, result: c.median.b0, b0: c.median.b0 });
      rows.push({ name, who: p.label, bytes, result: c.median.result, b0: c.median.b0, rounds: c.rounds, minRatio: target, reads });
    };
    const counted = async (a: BenchApp, measure: () => Promise<Comparison>) => {
      const before = { tail: await metric(a, 'sync_tail_pages_total'), db: await metric(a, 'sync_cache_misses_total') };
      const c = await measure();
      const tail = (await metric(a, 'sync_tail_pages_total')) - before.tail;
      const db = (await metric(a, 'sync_cache_misses_total')) - before.db;
      return { c, reads: `${tail} · ${db} (${c.rounds.reduce((n, r) => n + r.result.requests, 0)} requests)` };
    };

    for (const [index, p] of pullers.entries()) {
      const t = p.reference ? reference : tenant;
      const n = Math.max(DEVICES, p.users.length);
      const device = (i: number, name: string, extra: Record<string, unknown> = {}) => body(p, i, { device_id: `${name}-${i}`, ...extra });
      // Acking the head puts the device at the end of the log; it then pulls acking it again (as the SDK does).
      const upToDate: string[] = [];
      for (let d = 0; d < n; d++) {
        upToDate.push(device(d, 'idle', { ack_token: String(head) }));
        await sample(app, p.users[d % p.users.length].headers, upToDate[d]);
      }
      const hit = Array.from({ length: n }, (_, d) => device(d, 'hit', { ack_token: String(head - 5000) }));
      await app.app.get(StateWriter).flush();
      const small = await sample(app, p.users[0].headers, upToDate[0]);
      const large = await sample(app, p.users[0].headers, hit[0]);
      if (small.events !== 0) throw new Error(`an up-to-date device got ${small.events} events`);
      const first = { headers: p.users[0].headers, body: upToDate[0] };
      const firstLarge = { headers: p.users[0].headers, body: hit[0] };

      ctx.log(`${p.label}: pull, no updates`);
      const noUpdates = await ctx.compare(app, small.bytes, first, () => job(p, { kind: 'cycle', bodies: upToDate }));
      if (index === 0) rows.push({ name: 'B1 bare node:http', who: '', bytes: small.bytes, result: await ctx.bare(small.bytes, first), b0: noUpdates.median.b0 });
      add(p, 'pull, no updates (up to date)', small.bytes, noUpdates, 0.9);

      ctx.log(`${p.label}: pull of a 100-event page, cache hit`);
      const cacheHit = await ctx.compare(app, large.bytes, firstLarge, () => job(p, { kind: 'cycle', bodies: hit }));
      if (index === 0) rows.push({ name: 'B1 bare node:http', who: '', bytes: large.bytes, result: await ctx.bare(large.bytes, firstLarge), b0: cacheHit.median.b0 });
      add(p, `pull 100 events → ${large.events} delivered, cache hit`, large.bytes, cacheHit, 0.9);

      // After a burst of changes every device asks for its own stretch near the head: pages cut from the tail.
      // Each round sweeps its own stretch of cursors, so no round finds pages an earlier one cached.
      ctx.log(`${p.label}: pull of 100 events, cache miss near the head`);
      const nearStretch = Math.floor((nearTo - nearFrom) / ctx.args.rounds);
      const near = await counted(app, () =>
        ctx.compare(app, large.bytes, firstLarge, (r) =>
          job(p, { kind: 'sweep', template: { device_id: `near-${index}` }, field: 'ack_token', from: nearFrom, to: nearTo, start: r * nearStretch, asString: true }),
        ),
      );
      add(p, 'pull 100 events, cache miss near the head (tail)', large.bytes, near.c, 0.5, near.reads);

      // A device catching up from further back than the tail: every page is read from the database.
      ctx.log(`${p.label}: pull of 100 events, cache miss further back`);
      const deepStretch = Math.floor(deepTo / ctx.args.rounds);
      const deep = await counted(app, () =>
        ctx.compare(app, large.bytes, firstLarge, (r) =>
          job(p, { kind: 'sweep', template: { device_id: `deep-${index}` }, field: 'ack_token', from: 0, to: deepTo, start: r * deepStretch, asString: true }),
        ),
      );
      add(p, 'pull 100 events, cache miss further back (database)', large.bytes, deep.c, 0.4, deep.reads);
      notes.push(`${p.label}: ${p.rights}; tenant ${t}; a cache-hit page delivers ${large.events} of its 100 events (${large.bytes} bytes).`);

      if (p.label.includes('salespeople')) {
        const cold = await coldInstance(ctx, app, (a) => job(p, { kind: 'sweep', template: { device_id: 'cold' }, field: 'ack_token', from: nearFrom, to: nearTo, asString: true }, a.url), large.bytes, firstLarge);
        if (cold) add(p, `pull 100 events near the head, cold instance (its first ${COLD_SECONDS} s)`, large.bytes, cold.c, 0.3, cold.reads);
        else notes.push('Cold instance: not measured on PGlite (in memory, one instance per database); run with DATABASE_URL.');
      }
    }

    ctx.log('costs inside an up-to-date pull');
    const costs = await upToDateCosts(app, tenant, JSON.stringify({ user_id: users.admin, device_id: 'idle-0', ack_token: String(head) }));
    const b0Micros = 1e6 / rows[0].b0.requestsPerSec;
    const table: BenchTable = {
      title: `Smart Sync pull vs baselines, rights on — ${ctx.args.connections} connections, ${ctx.args.durationSec} s per run, median of ${ctx.args.rounds} paired rounds, ${ctx.engines}`,
      columns: ['run', 'user · rights', 'body bytes', 'req/s', 'req/s ÷ B0', 'p50 ms', 'p99 ms', 'p99 ÷ B0', 'non-2xx', 'each round: ÷ B0, p99 ÷ B0 p99', 'pages: tail · database', 'target', 'met'],
      rows: rows.map((r) => {
        const failures = (r.rounds ?? [{ result: r.result }]).reduce((n, x) => n + x.result.non2xx + x.result.errors, 0);
        const target = r.minRatio === undefined ? (r.rounds ? 'reference' : '') : `≥ ${r.minRatio} × B0, p99 ≤ 2 × B0's, every round`;
        // Every round must meet the target, not only the median one.
        const met =
          r.minRatio === undefined
            ? ''
            : (r.rounds ?? []).every((x) => x.ratio >= (r.minRatio ?? 0) && x.result.p99Ms <= 2 * x.b0.p99Ms) && failures === 0
              ? 'yes'
              : 'NO';
        return [
          r.name,
          r.who,
          r.bytes,
          round(r.result.requestsPerSec),
          ratio(r.result.requestsPerSec, r.b0.requestsPerSec),
          round(r.result.p50Ms, 1),
          round(r.result.p99Ms, 1),
          ratio(r.result.p99Ms, r.b0.p99Ms),
          failures,
          r.rounds?.map((x) => `${x.ratio.toFixed(2)}×, ${ratio(x.result.p99Ms, x.b0.p99Ms)}`).join(' · ') ?? '',
          r.reads ?? '',
          target,
          met,
        ];
      }),
      notes: [
        `Event log: ${EVENTS} events per tenant (res.partner and sale.order with the default sales_app fields of recorded Odoo 18 records, ~0.9 KB each; each order owned by one of the ${SALESPEOPLE} salespeople in turn), analyzed after seeding; limit 100; tail of ${tailEvents} events (PULL_TAIL_EVENTS).`,
        ...notes,
        `No updates: ${DEVICES} devices (or one per salesperson) already at the head, pulling with the head as ack_token (a client that acks; the Flutter SDK sends none). Cache hit: every device acks the same token, so every request asks for the same page (filtered once per user).`,
        `Cache miss near the head: every request acks a different token among the last ${tailEvents} events (each round its own stretch). Further back: a different token among the ${deepTo} events before the tail. "pages" counts pages cut from the tail and pages read from the event log (the server also answers the ${ctx.args.connections} requests in flight when each run stops).`,
        `Cold instance: each round starts a second instance on the same PostgreSQL and Redis (empty tail and caches, as after a deploy), runs the near-the-head sweep on it right away for min(${ctx.args.durationSec}, ${COLD_SECONDS}) s, then its B0; closed after the round.`,
        "Load: autocannon in a child process on loopback; B0 = POST /bench/b0/:bytes (same app, bench-only endpoint), B1 = bare node:http in the server process; both answer a JSON body of the scenario's size.",
        `Rounds: each scenario runs ${ctx.args.rounds} times, each run next to its own B0 run (alternating which goes first); the row shows the round with the median ratio, and "each round" lists them all.`,
      ],
    };
    return [
      table,
      {
        title: 'Inside an up-to-date pull: in-process cost per request (µs, median of 5 × 5,000 calls), next to what one B0 request takes',
        columns: ['step', 'µs per request', 'share of one B0 request'],
        rows: [
          ['one B0 request at its measured req/s (all of the server, both cores)', round(b0Micros, 1), '100 %'],
          ...costs.map(([step, us]) => [step, us, `${round((100 * Number(us)) / b0Micros)} %`]),
        ],
        notes: ['B0 pays the logging middleware too; the validation pipe and the service are what the pull adds. Measured as the admin of the tenant with rights.'],
      },
    ];
  } finally {
    await app.close();
  }
}

/**
 * A cold instance in each round: a second instance on the same database and Redis, measured within its first
 * COLD_SECONDS, then its B0. Null on PGlite, whose in-memory database no second instance can open.
 */
async function coldInstance(
  ctx: BenchContext,
  app: BenchApp,
  scenario: (cold: BenchApp) => Omit<HttpLoadJob, 'kind' | 'connections' | 'durationSec'>,
  bytes: number,
  request: { headers: Record<string, string>; body: string },
): Promise<{ c: Comparison; reads: string } | null> {
  if (!app.config.database.url) return null;
  const durationSec = Math.min(ctx.args.durationSec, COLD_SECONDS);
  const rounds: Comparison['rounds'] = [];
  let tail = 0;
  let db = 0;
  for (let r = 0; r < ctx.args.rounds; r++) {
    ctx.log(`cold instance, round ${r + 1}`);
    const cold = await ctx.startApp({ REDIS_PREFIX: app.config.redisPrefix });
    try {
      // The apps of the bench share one metrics registry (the process's): counts are differences.
      tail -= await metric(cold, 'sync_tail_pages_total');
      db -= await metric(cold, 'sync_cache_misses_total');
      const result = await ctx.load({ ...scenario(cold), durationSec });
      const b0 = await ctx.load({
        url: cold.url,
        method: 'POST',
        path: `/bench/b0/${bytes}`,
        headers: { 'content-type': 'application/json', ...request.headers },
        bodies: { kind: 'cycle', bodies: [request.body] },
        durationSec,
      });
      tail += await metric(cold, 'sync_tail_pages_total');
      db += await metric(cold, 'sync_cache_misses_total');
      rounds.push({ b0, result, ratio: result.requestsPerSec / b0.requestsPerSec });
    } finally {
      await cold.close();
    }
  }
  const sorted = [...rounds].sort((a, b) => a.ratio - b.ratio);
  return { c: { rounds, median: sorted[Math.floor((sorted.length - 1) / 2)] }, reads: `${tail} · ${db} (${rounds.reduce((n, x) => n + x.result.requests, 0)} requests)` };
}
