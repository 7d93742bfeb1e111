/**
 * Realtime scenario: N sockets on loopback (socket.io-client, websocket transport) in a child process, the
 * server in this one; E high-priority events per second appended to the event log for D seconds (the real
 * path: FeedWriter.append → pub/sub `critical_events` → gateway → sockets). Reports delivery latency
 * (append call → client receive, from a timestamp carried in the event payload), messages/s and the server
 * process's RSS.
 *
 * Standalone, after `nest build`: `node dist/test/bench/realtime.bench.js` (REALTIME_BENCH_SOCKETS / _RATE / _SECONDS /
 * _TENANTS to change).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import { FeedWriter } from '../../src/modules/feed/feed-writer';
import { PUB_SUB, type PubSub } from '../../src/modules/cache/cache.types';
import {
  CRITICAL_EVENTS_CHANNEL,
  SYNC_EVENTS_CHANNEL,
  toWireEvent,
  type CriticalEventMessage,
  type NewEvent,
  type SyncEventsMessage,
} from '../../src/modules/feed/event.types';
import { createContext, type BenchApp, type BenchContext } from './context';
import { printTable, type BenchTable } from './report';

export interface RealtimeBenchOptions {
  sockets: number;
  /** Sockets and events are spread round-robin over this many tenants; an event reaches its tenant's sockets. */
  tenants: number;
  /** 'append': FeedWriter.append (the real path); 'publish': the same pub/sub messages without the database. */
  path: 'append' | 'publish';
  eventsPerSecond: number;
  seconds: number;
}

export interface RealtimeBenchResult extends RealtimeBenchOptions {
  events: number;
  expectedMessages: number;
  receivedMessages: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencyMaxMs: number;
  /** How long the append (or publish) call itself took: the database's share of the latency. */
  appendP50Ms: number;
  appendP99Ms: number;
  messagesPerSecond: number;
  serverRssMb: number;
  serverRssPeakMb: number;
  /** CPU time over the run's wall time, in cores (1 = one core busy). */
  serverCpuCores: number;
  clientCpuCores: number;
  clientRssMb: number;
  /** The machine's 1-minute load average at the end: other processes compete for the same cores. */
  loadAverage: number;
  backend: string;
}

const DEFAULTS: RealtimeBenchOptions = { sockets: 1000, tenants: 1, path: 'append', eventsPerSecond: 100, seconds: 10 };

/** epoch ms with sub-ms precision, comparable across processes on one machine. */
const nowMs = (): number => performance.timeOrigin + performance.now();

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

// ---- client process -------------------------------------------------------------------------------------

type ToClients = { type: 'connect'; url: string; tokens: string[] } | { type: 'progress' } | { type: 'report' } | { type: 'close' };
type FromClients =
  | { type: 'connected'; count: number }
  | { type: 'progress'; received: number }
  | { type: 'report'; received: number; p50: number; p99: number; max: number; firstAt: number; lastAt: number; rssMb: number; cpuMs: number }
  | { type: 'error'; message: string };

function runClients(): void {
  const sockets: Socket[] = [];
  const latencies: number[] = [];
  let firstAt = 0;
  let lastAt = 0;
  let cpuStart = process.cpuUsage();
  const send = (m: FromClients): void => {
    process.send?.(m);
  };
  process.on('message', async (m: ToClients) => {
    if (m.type === 'connect') {
      try {
        for (let i = 0; i < m.tokens.length; i += 50) {
          await Promise.all(
            m.tokens.slice(i, i + 50).map(
              (token) =>
                new Promise<void>((resolve, reject) => {
                  const s = io(`${m.url}/ws`, { transports: ['websocket'], forceNew: true, reconnection: false, auth: { token } });
                  s.on('critical_event', (p: { event: { data: { sent_at: number } } }) => {
                    const at = nowMs();
                    latencies.push(at - p.event.data.sent_at);
                    if (firstAt === 0) firstAt = at;
                    lastAt = at;
                  });
                  s.once('connect', () => resolve());
                  s.once('connect_error', reject);
                  sockets.push(s);
                }),
            ),
          );
        }
        cpuStart = process.cpuUsage();
        send({ type: 'connected', count: sockets.length });
      } catch (e) {
        send({ type: 'error', message: (e as Error).message });
      }
    } else if (m.type === 'progress') {
      send({ type: 'progress', received: latencies.length });
    } else if (m.type === 'report') {
      const cpu = process.cpuUsage(cpuStart);
      const sorted = Float64Array.from(latencies).sort();
      send({
        type: 'report',
        received: latencies.length,
        p50: percentile(sorted, 50),
        p99: percentile(sorted, 99),
        max: sorted[sorted.length - 1] ?? Number.NaN,
        firstAt,
        lastAt,
        rssMb: process.memoryUsage().rss / 2 ** 20,
        cpuMs: (cpu.user + cpu.system) / 1000,
      });
    } else {
      for (const s of sockets) s.disconnect();
      process.exit(0);
    }
  });
}

// ---- server process -------------------------------------------------------------------------------------

function request<T extends FromClients['type']>(child: ChildProcess, message: ToClients, expect: T): Promise<Extract<FromClients, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: FromClients): void => {
      child.off('message', onMessage);
      if (m.type === 'error') reject(new Error(`bench clients: ${m.message}`));
      else if (m.type === expect) resolve(m as Extract<FromClients, { type: T }>);
      else reject(new Error(`bench clients: expected ${expect}, got ${m.type}`));
    };
    child.on('message', onMessage);
    child.send(message);
  });
}

function benchEvent(i: number): NewEvent {
  return {
    model: 'sale.order',
    recordId: i + 1,
    event: 'write',
    timestamp: new Date(),
    payload: { name: `S${i}`, state: 'sale', sent_at: nowMs() },
    changedFields: ['state'],
    priority: 'high',
    category: 'business',
    userId: 2,
    source: 'update_webhook',
    sourceEventId: null,
  };
}

export async function runRealtimeBench(bench: BenchApp, options: Partial<RealtimeBenchOptions> = {}): Promise<RealtimeBenchResult> {
  const opts = { ...DEFAULTS, ...options };
  const { app, url, config } = bench;
  const run = randomUUID();
  const tenantOf = (i: number): string => `bench-${run}-${i % opts.tenants}`;
  const log = app.get(FeedWriter);
  const pubsub = app.get<PubSub>(PUB_SUB);
  const appendMs: number[] = [];
  const send = async (i: number): Promise<void> => {
    const t0 = nowMs();
    const tenantId = tenantOf(i);
    if (opts.path === 'append') {
      await log.append(tenantId, [benchEvent(i)]);
    } else {
      const event = toWireEvent({ ...benchEvent(i), id: i + 1, tenantId });
      const critical: CriticalEventMessage = { tenant_id: tenantId, event };
      const sync: SyncEventsMessage = { tenant_id: tenantId, head_id: i + 1, models: [event.model] };
      await pubsub.publish(CRITICAL_EVENTS_CHANNEL, JSON.stringify(critical));
      await pubsub.publish(SYNC_EVENTS_CHANNEL, JSON.stringify(sync));
    }
    appendMs.push(nowMs() - t0);
  };
  const child = fork(__filename, ['--realtime-bench-clients'], { stdio: 'inherit' });
  try {
    // Every socket is a user of its own, known to the tenant's Odoo (its rights decide what the socket receives).
    const users = await bench.users(opts.sockets);
    const userTokens = await Promise.all(users.map((userId, i) => bench.token(tenantOf(i), userId)));
    const { count } = await request(child, { type: 'connect', url, tokens: userTokens }, 'connected');
    if (count !== opts.sockets) throw new Error(`only ${count} of ${opts.sockets} sockets connected`);

    const total = opts.eventsPerSecond * opts.seconds;
    const intervalMs = 1000 / opts.eventsPerSecond;
    let rssPeak = 0;
    const cpuStart = process.cpuUsage();
    const start = nowMs();
    const appends: Promise<unknown>[] = [];
    for (let i = 0; i < total; i++) {
      // Open loop: event i is due at start + i·interval whatever the previous appends cost.
      const wait = start + i * intervalMs - nowMs();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      appends.push(send(i));
      if (i % opts.eventsPerSecond === 0) rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
    }
    await Promise.all(appends);

    const socketsOf = (t: number): number => Math.floor(opts.sockets / opts.tenants) + (t < opts.sockets % opts.tenants ? 1 : 0);
    let expected = 0;
    for (let i = 0; i < total; i++) expected += socketsOf(i % opts.tenants);
    const deadline = Date.now() + 30_000;
    while ((await request(child, { type: 'progress' }, 'progress')).received < expected && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
    }
    const report = await request(child, { type: 'report' }, 'report');
    const rss = process.memoryUsage().rss;
    const cpu = process.cpuUsage(cpuStart);
    const wallMs = Math.max(1, report.lastAt - start);
    const round = (n: number): number => Math.round(n * 100) / 100;
    return {
      ...opts,
      events: total,
      expectedMessages: expected,
      receivedMessages: report.received,
      latencyP50Ms: round(report.p50),
      latencyP99Ms: round(report.p99),
      latencyMaxMs: round(report.max),
      appendP50Ms: round(percentile(Float64Array.from(appendMs).sort(), 50)),
      appendP99Ms: round(percentile(Float64Array.from(appendMs).sort(), 99)),
      messagesPerSecond: Math.round(report.received / Math.max(0.001, (report.lastAt - report.firstAt) / 1000)),
      serverRssMb: Math.round(rss / 2 ** 20),
      serverRssPeakMb: Math.round(Math.max(rss, rssPeak) / 2 ** 20),
      clientRssMb: Math.round(report.rssMb),
      serverCpuCores: round((cpu.user + cpu.system) / 1000 / wallMs),
      clientCpuCores: round(report.cpuMs / wallMs),
      loadAverage: round(loadavg()[0]),
      backend: `${config.database.url ? 'PostgreSQL' : 'PGlite'} + ${config.redisUrl ? 'Redis' : 'in-process'} pub/sub`,
    };
  } finally {
    child.send({ type: 'close' } satisfies ToClients);
  }
}

export function toTable(results: RealtimeBenchResult[]): BenchTable {
  const first = results[0];
  return {
    title: `Realtime: ${first.sockets} sockets, ${first.eventsPerSecond} critical events/s for ${first.seconds} s (${first.backend})`,
    columns: [
      'path',
      'tenants (sockets each)',
      'delivered',
      'latency p50 (ms)',
      'latency p99 (ms)',
      'latency max (ms)',
      'append p50 / p99 (ms)',
      'messages/s',
      'server RSS MB (end / peak)',
      'server CPU (cores)',
      'clients CPU (cores)',
      'load avg',
    ],
    rows: results.map((r) => [
      r.path,
      `${r.tenants} (${Math.round(r.sockets / r.tenants)})`,
      `${r.receivedMessages} / ${r.expectedMessages}`,
      r.latencyP50Ms,
      r.latencyP99Ms,
      r.latencyMaxMs,
      `${r.appendP50Ms} / ${r.appendP99Ms}`,
      r.messagesPerSecond,
      `${r.serverRssMb} / ${r.serverRssPeakMb}`,
      r.serverCpuCores,
      r.clientCpuCores,
      r.loadAverage,
    ]),
    notes: [
      'latency: append (or publish) called → critical_event received (timestamp in the payload); open loop, so a saturated run shows queueing.',
      'a critical_event goes to every socket of its tenant: with 1 tenant each event fans out to all sockets (events/s × sockets messages/s).',
      'clients (socket.io-client, websocket) run in a child process on the same machine and compete with the server for CPU.',
    ],
  };
}

/**
 * Entry point for the bench runner: the real path with the worst-case fan-out (one tenant) and with the load
 * over 10 tenants, then the one-tenant case through pub/sub alone (the gateway without the database).
 */
export async function run(ctx: BenchContext): Promise<BenchTable> {
  // The default sync nudge throttle stays on: it is what production runs with.
  const bench = await ctx.startApp({ LOG_LEVEL: 'silent' });
  const options = optionsFromEnv();
  const results: RealtimeBenchResult[] = [];
  const scenarios: Array<Pick<RealtimeBenchOptions, 'tenants' | 'path'>> = options.tenants
    ? [{ tenants: options.tenants, path: options.path ?? 'append' }]
    : [
        { tenants: 1, path: 'append' },
        { tenants: 10, path: 'append' },
        { tenants: 1, path: 'publish' },
      ];
  try {
    for (const scenario of scenarios) {
      ctx.log(`realtime: ${scenario.path}, ${scenario.tenants} tenant(s)`);
      results.push(await runRealtimeBench(bench, { ...options, ...scenario }));
    }
  } finally {
    await bench.close();
  }
  return toTable(results);
}

function optionsFromEnv(): Partial<RealtimeBenchOptions> {
  const n = (name: string): number | undefined => (process.env[name] ? Number(process.env[name]) : undefined);
  return {
    ...(n('REALTIME_BENCH_SOCKETS') && { sockets: n('REALTIME_BENCH_SOCKETS') }),
    ...(n('REALTIME_BENCH_RATE') && { eventsPerSecond: n('REALTIME_BENCH_RATE') }),
    ...(n('REALTIME_BENCH_SECONDS') && { seconds: n('REALTIME_BENCH_SECONDS') }),
    ...(n('REALTIME_BENCH_TENANTS') && { tenants: n('REALTIME_BENCH_TENANTS') }),
    ...(process.env.REALTIME_BENCH_PATH === 'publish' && { path: 'publish' as const }),
  };
}

if (process.argv.includes('--realtime-bench-clients')) {
  runClients();
} else if (require.main === module) {
  const ctx = createContext({ connections: 1, durationSec: 10, rounds: 1, only: ['realtime'] });
  run(ctx).then(
    (table) => {
      printTable(table);
      process.exit(0);
    },
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
