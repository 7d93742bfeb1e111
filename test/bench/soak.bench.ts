/**
 * Soak: the server under a steady, realistic load for a long time, sampled every 10 s, to show that memory, event-loop
 * delay, pull latency and errors stay flat (issue #18). Three processes, so the figures are the server's alone:
 * - Odoo: the simulator in its own process (soak-odoo.ts), changing SOAK_CHANGES_PER_SEC (50) records a second;
 * - BridgeCore: this process, ingestion on, connected to it as a tenant of its own;
 * - load: a child process (load.ts, kind 'soak'): SOAK_DEVICES (1000) devices pulling every 30 s at random phases
 *   (a third up to date, a third catching up, a third up to date until installed again: SOAK_FIRST_SYNCS_PER_MIN (10)
 *   first syncs a minute), one offline push a second (its creates deleted again), SOAK_SOCKETS (50) sockets; every
 *   request retried on 503/504 as the Flutter SDK does.
 *
 * SOAK_SECONDS (120) sets the length; SOAK_PLOT=<file.svg> also writes a plot and a CSV of the windows. The 30-minute
 * run: `SOAK_SECONDS=1800 SOAK_PLOT=docs/soak-30min.svg npm run bench -- --only soak`.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { extname, join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { EventLogRepository } from '../../src/modules/feed/event-log.repository';
import { FeedWriter } from '../../src/modules/feed/feed-writer';
import type { BenchContext } from './context';
import { startSoakInChild, type SoakWindow } from './load';
import { round, type BenchTable } from './report';
import type { FromSoakOdoo, ToSoakOdoo } from './soak-odoo';

const WINDOW_MS = 10_000;
const PERIOD_MS = 30_000;
/** How far behind a catching-up device starts each period: a minute of the run's changes. */
const CATCH_UP_SECONDS = 60;
const catchUpEvents = (changesPerSec: number): number => CATCH_UP_SECONDS * changesPerSec;

/** Two device periods: every device has pulled, caches and tails are filled, the JIT has settled. */
const WARM_UP_SEC = 60;
/** "Flat within noise", in numbers: after the warm-up, the last third of the windows against the first third. */
export const TARGETS = { rssGrowth: 0.1, pullP99Ratio: 1.5, eldP99Ratio: 1.5, errors: 0, ingestLagSec: 10 };

/** One 10 s window: what the server process measured, what the load saw, and Odoo's side. */
export interface SoakSample {
  atSec: number;
  rssMb: number;
  heapMb: number;
  eldP99Ms: number;
  load: SoakWindow;
  odooChanges: number;
  odooFailed: number;
  head: number;
  /**
   * Now minus the newest Odoo write_date the poller has logged so far (whole seconds, so up to 1 s more): how far
   * ingestion is behind Odoo. Pushes' own events and deletes (stamped when seen) do not count.
   */
  ingestLagSec: number;
  /** CPU the window took (cores: CPU seconds per second) in the server, the load generator and Odoo's process. */
  cpu: { server: number; load: number; odoo: number };
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const median = (xs: number[]): number => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  return s.length ? (s[Math.floor((s.length - 1) / 2)] + s[Math.ceil((s.length - 1) / 2)]) / 2 : Number.NaN;
};
const errorsOf = (w: SoakWindow): number => w.non2xx + w.errors + w.pushesFailed;
const passesOf = (w: SoakWindow): number => w.snapshotPasses.upToDate + w.snapshotPasses.catchingUp + w.snapshotPasses.reinstalled;

interface SoakOdoo {
  ready: Extract<FromSoakOdoo, { type: 'ready' }>;
  start(changesPerSec: number): void;
  stats(): Promise<Extract<FromSoakOdoo, { type: 'stats' }>>;
  stop(): Promise<void>;
}

export function startSoakOdoo(): Promise<SoakOdoo> {
  const child: ChildProcess = fork(join(__dirname, `soak-odoo${extname(__filename)}`), [], { execArgv: process.execArgv, stdio: 'inherit' });
  const next = <T extends FromSoakOdoo['type']>(type: T): Promise<Extract<FromSoakOdoo, { type: T }>> =>
    new Promise((resolve, reject) => {
      const onExit = (code: number | null): void => reject(new Error(`soak Odoo exited with code ${code}`));
      child.once('exit', onExit);
      const onMessage = (m: FromSoakOdoo): void => {
        if (m.type !== type) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(m as Extract<FromSoakOdoo, { type: T }>);
      };
      child.on('message', onMessage);
    });
  const send = (m: ToSoakOdoo): void => void child.send(m);
  return next('ready').then((ready) => ({
    ready,
    start: (changesPerSec) => send({ type: 'start', changesPerSec }),
    stats: () => {
      const answer = next('stats');
      send({ type: 'stats' });
      return answer;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        send({ type: 'stop' });
      }),
  }));
}

export async function run(ctx: BenchContext): Promise<BenchTable> {
  const env = (name: string, fallback: number): number => Number(process.env[name] ?? fallback);
  const seconds = env('SOAK_SECONDS', 120);
  const devices = env('SOAK_DEVICES', 1000);
  const changesPerSec = env('SOAK_CHANGES_PER_SEC', 50);
  const socketCount = env('SOAK_SOCKETS', 50);
  const pushesPerSec = env('SOAK_PUSHES_PER_SEC', 1);
  const firstSyncsPerMin = env('SOAK_FIRST_SYNCS_PER_MIN', 10);
  const plot = process.env.SOAK_PLOT;

  const odoo = await startSoakOdoo();
  // A tenant of its own: a log, device states and ingestion progress left by earlier runs on the database do not count.
  const tenant = `soak-${randomUUID().slice(0, 8)}`;
  const app = await ctx.startApp({
    ODOO_SYSTEM_ID: tenant,
    INGEST_SYSTEMS: tenant,
    ODOO_URL: odoo.ready.url,
    ODOO_DB: odoo.ready.db,
    ODOO_USERNAME: 'admin',
    ODOO_PASSWORD: 'admin',
    INGEST: 'on',
    // Tokens outlast the run, however far an overloaded run stretches its windows (a 30-minute run took 63): a socket
    // closed at token expiry would count as dropped.
    JWT_ACCESS_TTL_SECONDS: String(Math.max(86_400, 4 * seconds)),
  });
  try {
    const feed = app.app.get(FeedWriter);
    const log = app.app.get(EventLogRepository);
    ctx.log('soak: waiting for the backfill of the simulator to settle');
    let last = -1;
    for (let i = 0; i < 60; i++) {
      const head = await feed.headId(tenant);
      if (head === last && head > 0) break;
      last = head;
      await pause(2000);
    }
    const users = await Promise.all(odoo.ready.users.map(async (userId) => ({ userId, token: await app.token(tenant, userId) })));
    const load = await startSoakInChild({
      kind: 'soak',
      url: app.url,
      devices,
      periodMs: PERIOD_MS,
      appType: 'sales_app',
      users,
      head: await feed.headId(tenant),
      catchUpEvents: catchUpEvents(changesPerSec),
      firstSyncsPerMin,
      devicePrefix: `soak-${randomUUID().slice(0, 8)}-`,
      push: { token: await app.login(tenant, 'admin', 'admin'), perSec: pushesPerSec, partners: odoo.ready.partners.slice(0, 50) },
      socketTokens: Array.from({ length: socketCount }, (_, i) => users[i % users.length].token),
    });
    ctx.log(`soak: ${seconds} s, ${devices} devices (${firstSyncsPerMin} first syncs/min), ${changesPerSec} Odoo changes/s, ${socketCount} sockets, ${pushesPerSec} push/s`);
    odoo.start(changesPerSec);

    const eld = monitorEventLoopDelay({ resolution: 10 });
    eld.enable();
    const samples: SoakSample[] = [];
    let readFrom = await feed.headId(tenant);
    let newestOdooChange = 0;
    const started = Date.now();
    let odooBefore = await odoo.stats();
    let loadCpuBefore = 0;
    let serverCpuBefore = process.cpuUsage();
    let windowStart = Date.now();
    for (let w = 1; w * WINDOW_MS <= seconds * 1000; w++) {
      await pause(Math.max(0, started + w * WINDOW_MS - Date.now()));
      const window = await load.window();
      const eldP99Ms = eld.percentile(99) / 1e6;
      eld.reset();
      const memory = process.memoryUsage();
      const stats = await odoo.stats();
      const serverCpu = process.cpuUsage(serverCpuBefore);
      const windowMicros = (Date.now() - windowStart) * 1000;
      const cores = (micros: number): number => micros / windowMicros;
      const cpu = {
        server: cores(serverCpu.user + serverCpu.system),
        load: cores(window.cpuMicros - loadCpuBefore),
        odoo: cores(stats.cpuMicros - odooBefore.cpuMicros),
      };
      serverCpuBefore = process.cpuUsage();
      loadCpuBefore = window.cpuMicros;
      windowStart = Date.now();
      const head = await feed.headId(tenant);
      for (let page = await log.readAfter(tenant, readFrom, { models: '*', limit: 5000 }); page.length; ) {
        for (const e of page) {
          if (e.source === 'write_date' && e.event !== 'unlink') newestOdooChange = Math.max(newestOdooChange, e.timestamp.getTime());
        }
        readFrom = page[page.length - 1].id;
        page = page.length === 5000 ? await log.readAfter(tenant, readFrom, { models: '*', limit: 5000 }) : [];
      }
      samples.push({
        atSec: Math.round((Date.now() - started) / 1000),
        rssMb: memory.rss / 2 ** 20,
        heapMb: memory.heapUsed / 2 ** 20,
        eldP99Ms,
        load: window,
        odooChanges: stats.changes - odooBefore.changes,
        odooFailed: stats.failed - odooBefore.failed,
        head,
        ingestLagSec: newestOdooChange ? (Date.now() - newestOdooChange) / 1000 : Number.NaN,
        cpu,
      });
      odooBefore = stats;
      const s = samples[samples.length - 1];
      ctx.log(
        `soak ${s.atSec} s: RSS ${round(s.rssMb)} MB, ELD p99 ${round(s.eldP99Ms, 1)} ms, ${window.pulls} pulls p99 ${round(window.p99Ms)} ms, ` +
          `${window.deferred} deferred, ${errorsOf(window)} errors${window.problem ? ` (${window.problem})` : ''}, ` +
          `${window.snapshotPages} snapshot pages, passes started ${window.snapshotPasses.upToDate} · ${window.snapshotPasses.catchingUp} · ${window.snapshotPasses.reinstalled} (up to date · catching up · reinstalled)`,
      );
    }
    eld.disable();
    // Requests still under way when the run ends belong to it: their failures count in the last window.
    const rest = await load.stop();
    const lastWindow = samples[samples.length - 1]?.load;
    if (lastWindow) {
      lastWindow.non2xx += rest.non2xx;
      lastWindow.errors += rest.errors;
      lastWindow.pushesFailed += rest.pushesFailed;
      lastWindow.deferred += rest.deferred;
      lastWindow.snapshotPages += rest.snapshotPages;
      for (const kind of ['upToDate', 'catchingUp', 'reinstalled'] as const) lastWindow.snapshotPasses[kind] += rest.snapshotPasses[kind];
      lastWindow.problem = rest.problem ?? lastWindow.problem;
    }
    if (plot) writePlot(plot, samples);
    return toTable(samples, { seconds, devices, firstSyncsPerMin, changesPerSec, socketCount, pushesPerSec, users: users.length, engines: ctx.engines, plot });
  } finally {
    await app.close();
    await odoo.stop();
  }
}

interface SoakSetup {
  seconds: number;
  devices: number;
  firstSyncsPerMin: number;
  changesPerSec: number;
  socketCount: number;
  pushesPerSec: number;
  users: number;
  engines: string;
  plot?: string;
}

/** After the warm-up, the last third of the windows against the first third, each figure with its target. */
export function verdict(samples: SoakSample[]): { cells: Record<string, string>; met: boolean; lines: string[] } {
  const warm = samples.filter((s) => s.atSec > WARM_UP_SEC);
  const steady = warm.length >= 3 ? warm : samples;
  const third = Math.max(1, Math.floor(steady.length / 3));
  const first = steady.slice(0, third);
  const lastThird = steady.slice(steady.length - third);
  const rssFirst = mean(first.map((s) => s.rssMb));
  const rssLast = mean(lastThird.map((s) => s.rssMb));
  const growth = (rssLast - rssFirst) / rssFirst;
  const p99Ratio = median(lastThird.map((s) => s.load.p99Ms)) / median(first.map((s) => s.load.p99Ms));
  const eldRatio = median(lastThird.map((s) => s.eldP99Ms)) / median(first.map((s) => s.eldP99Ms));
  const errors = samples.reduce((sum, s) => sum + errorsOf(s.load), 0);
  const socketsLost = samples.length ? samples[0].load.socketsOpen - samples[samples.length - 1].load.socketsOpen : 0;
  const yes = (ok: boolean): string => (ok ? 'yes' : 'NO');
  const rssOk = growth < TARGETS.rssGrowth;
  const p99Ok = p99Ratio <= TARGETS.pullP99Ratio;
  const eldOk = eldRatio <= TARGETS.eldP99Ratio;
  const errorsOk = errors === TARGETS.errors;
  const lagFirst = median(first.map((s) => s.ingestLagSec));
  const lagLast = median(lastThird.map((s) => s.ingestLagSec));
  const lagOk = lagLast <= TARGETS.ingestLagSec;
  const lines = [
    `Compared: windows ${first[0].atSec}–${first[first.length - 1].atSec} s against ${lastThird[0].atSec}–${lastThird[lastThird.length - 1].atSec} s` +
      (steady === warm ? ` (after a ${WARM_UP_SEC} s warm-up).` : ' (run too short to leave out a warm-up).'),
    `RSS: mean ${round(rssFirst)} MB in the first third, ${round(rssLast)} MB in the last: ${rssLast >= rssFirst ? '+' : ''}${round(rssLast - rssFirst)} MB (${round(growth * 100, 1)} %); target < ${TARGETS.rssGrowth * 100} %: ${yes(rssOk)}`,
    `pull p99 (median of the windows): last third ÷ first third = ${round(p99Ratio, 2)}×; target ≤ ${TARGETS.pullP99Ratio}×: ${yes(p99Ok)}`,
    `event-loop delay p99 (median of the windows): last third ÷ first third = ${round(eldRatio, 2)}×; target ≤ ${TARGETS.eldP99Ratio}×: ${yes(eldOk)}`,
    `errors (non-2xx pulls, failed requests, failed pushes, dropped sockets) over the run: ${errors}; target ${TARGETS.errors}: ${yes(errorsOk)}` +
      (socketsLost > 0 ? ` (${socketsLost} sockets no longer open at the end)` : ''),
    `ingest lag (median of the windows): ${round(lagFirst, 1)} s in the first third, ${round(lagLast, 1)} s in the last; target ≤ ${TARGETS.ingestLagSec} s in the last: ${yes(lagOk)}`,
  ];
  return {
    cells: {
      rss: `${round(growth * 100, 1)} % (< ${TARGETS.rssGrowth * 100} %: ${yes(rssOk)})`,
      p99: `${round(p99Ratio, 2)}× (≤ ${TARGETS.pullP99Ratio}×: ${yes(p99Ok)})`,
      eld: `${round(eldRatio, 2)}× (≤ ${TARGETS.eldP99Ratio}×: ${yes(eldOk)})`,
      errors: `${errors} (= 0: ${yes(errorsOk)})`,
      lag: `${round(lagLast, 1)} (≤ ${TARGETS.ingestLagSec}: ${yes(lagOk)})`,
    },
    met: rssOk && p99Ok && eldOk && errorsOk && lagOk,
    lines,
  };
}

function toTable(samples: SoakSample[], setup: SoakSetup): BenchTable {
  const v = verdict(samples);
  const sum = (f: (s: SoakSample) => number): number => samples.reduce((a, s) => a + f(s), 0);
  const problems = [...new Set(samples.map((s) => s.load.problem).filter((p): p is string => p !== null))].slice(0, 5);
  return {
    title: `Soak — ${setup.seconds} s, ${setup.devices} devices pulling every ${PERIOD_MS / 1000} s, ${setup.changesPerSec} Odoo changes/s, ${setup.pushesPerSec} push/s, ${setup.socketCount} sockets, ${setup.engines}`,
    columns: ['time s', 'RSS MB', 'heap MB', 'ELD p99 ms', 'pulls', 'pull p50 ms', 'pull p99 ms', 'errors', 'deferred (503/504, then served)', 'snapshot passes · pages', 'pushes ok', 'socket events', 'Odoo changes', 'log head', 'ingest lag s', 'CPU cores: server · load · Odoo'],
    rows: [
      ...samples.map((s) => [
        s.atSec,
        round(s.rssMb),
        round(s.heapMb),
        round(s.eldP99Ms, 1),
        s.load.pulls,
        round(s.load.p50Ms),
        round(s.load.p99Ms),
        errorsOf(s.load),
        s.load.deferred,
        `${passesOf(s.load)} · ${s.load.snapshotPages}`,
        s.load.pushesOk,
        s.load.socketEvents,
        s.odooChanges,
        s.head,
        round(s.ingestLagSec, 1),
        [s.cpu.server, s.cpu.load, s.cpu.odoo].map((c) => c.toFixed(2)).join(' · '),
      ]),
      [
        `last vs first third: ${v.met ? 'flat' : 'NOT flat'}`,
        v.cells.rss,
        '',
        v.cells.eld,
        sum((s) => s.load.pulls),
        '',
        v.cells.p99,
        v.cells.errors,
        sum((s) => s.load.deferred),
        `${sum((s) => passesOf(s.load))} · ${sum((s) => s.load.snapshotPages)}`,
        sum((s) => s.load.pushesOk),
        sum((s) => s.load.socketEvents),
        sum((s) => s.odooChanges),
        '',
        v.cells.lag,
        '',
      ],
    ],
    notes: [
      ...v.lines,
      `Devices: a third up to date (ack where they got to, drain while has_more), a third catching up (ack ${catchUpEvents(setup.changesPerSec)} events, a minute of changes, behind where they got to every period, then drain), a third up to date too until their turn to be installed again comes (a fresh device id: a first sync, a snapshot drained page by page), ${setup.firstSyncsPerMin} such turns a minute (SOAK_FIRST_SYNCS_PER_MIN); app type sales_app, default limit; as admin and ${setup.users - 1} own-documents salespeople, round-robin. A burst of first syncs is the storm bench's subject (--only storm).`,
      'Retries as the Flutter SDK: a 503 or 504 is sent again after 2, 4, 6 s (POST included, Retry-After ignored); one served by a retry counts as deferred, one still refused after three retries as an error. Pull latency is of the answered pages (200); pulls count every request answered, refusals included.',
      `Snapshot passes started over the run (a snapshot page answered to an ack of no snapshot, or with more records left than the acked page): ${(['upToDate', 'catchingUp', 'reinstalled'] as const).map((k) => sum((s) => s.load.snapshotPasses[k])).join(' · ')} by up-to-date · catching-up · reinstalled devices (expected: 0 · 0 · one per first sync).`,
      'Odoo = the simulator in its own process, editing in-process (writes to contacts and orders, one change in ten a create or a delete of an earlier create); the server (this process) ingests with the default intervals. Pushes: res.partner updates, one in ten a create and one in ten a delete of a partner pushed earlier (the tenant keeps its size), admin login token. Sockets count critical_event (sale.order is high priority).',
      'Per window (10 s): RSS, heap used and event-loop delay p99 (monitorEventLoopDelay, reset per window) of the server process; pulls = pull requests (every page, every attempt), latency of the answered pages measured by the load process; CPU = CPU seconds per second of the server process, the load generator and the Odoo simulator (the rest of the machine went to PostgreSQL, Redis and the system); ingest lag = now − the newest Odoo write_date the poller has logged (whole seconds; pushes\' own events and deletes left out).',
      `Load average at the end: ${loadavg()[0].toFixed(1)} on ${cpus().length} CPUs (the load generator, Odoo, PostgreSQL and Redis share them).`,
      ...(setup.plot ? [`Plot: ${setup.plot}; every window as CSV: ${csvPath(setup.plot)}.`] : []),
      ...problems.map((p) => `problem seen: ${p}`),
    ],
  };
}

const csvPath = (svg: string): string => svg.replace(/\.svg$/i, '') + '.csv';

/** A self-contained SVG (three panels over time: RSS, pull p99, ELD p99) and the windows as CSV beside it. */
export function writePlot(path: string, samples: SoakSample[]): void {
  const header = 'time_s,rss_mb,heap_mb,eld_p99_ms,pulls,device_syncs,pull_p50_ms,pull_p99_ms,errors,pushes_ok,pushes_failed,socket_events,sockets_open,odoo_changes,log_head,ingest_lag_s,cpu_server,cpu_load,cpu_odoo,deferred,snapshot_passes,snapshot_pages';
  const csv = samples.map((s) =>
    [
      s.atSec,
      s.rssMb.toFixed(1),
      s.heapMb.toFixed(1),
      s.eldP99Ms.toFixed(2),
      s.load.pulls,
      s.load.sessions,
      s.load.p50Ms.toFixed(1),
      s.load.p99Ms.toFixed(1),
      errorsOf(s.load),
      s.load.pushesOk,
      s.load.pushesFailed,
      s.load.socketEvents,
      s.load.socketsOpen,
      s.odooChanges,
      s.head,
      s.ingestLagSec.toFixed(1),
      s.cpu.server.toFixed(2),
      s.cpu.load.toFixed(2),
      s.cpu.odoo.toFixed(2),
      s.load.deferred,
      passesOf(s.load),
      s.load.snapshotPages,
    ].join(','),
  );
  writeFileSync(csvPath(path), `${header}\n${csv.join('\n')}\n`);
  writeFileSync(path, svg(samples));
}

function svg(samples: SoakSample[]): string {
  const panels: { title: string; value: (s: SoakSample) => number; color: string }[] = [
    { title: 'server RSS (MB)', value: (s) => s.rssMb, color: '#1f77b4' },
    { title: 'pull latency p99 (ms)', value: (s) => s.load.p99Ms, color: '#d62728' },
    { title: 'event-loop delay p99 (ms)', value: (s) => s.eldP99Ms, color: '#2ca02c' },
  ];
  const width = 720;
  const panelHeight = 160;
  const left = 60;
  const right = 20;
  const top = 28;
  const bottom = 24;
  const maxT = Math.max(1, ...samples.map((s) => s.atSec));
  const x = (t: number): number => left + (t / maxT) * (width - left - right);
  const parts: string[] = [];
  panels.forEach((panel, i) => {
    const y0 = i * panelHeight;
    const values = samples.map(panel.value).filter(Number.isFinite);
    // The axis starts at 0 so a flat line looks flat, not like noise blown up to the full height.
    const maxV = Math.max(1, ...values) * 1.1;
    const y = (v: number): number => y0 + top + (1 - v / maxV) * (panelHeight - top - bottom);
    const points = samples
      .filter((s) => Number.isFinite(panel.value(s)))
      .map((s) => `${x(s.atSec).toFixed(1)},${y(panel.value(s)).toFixed(1)}`)
      .join(' ');
    const axisY = y0 + panelHeight - bottom;
    parts.push(
      `<text x="${left}" y="${y0 + 18}" font-weight="bold">${panel.title}</text>`,
      `<line x1="${left}" y1="${y0 + top}" x2="${left}" y2="${axisY}" stroke="#888"/>`,
      `<line x1="${left}" y1="${axisY}" x2="${width - right}" y2="${axisY}" stroke="#888"/>`,
      `<text x="${left - 6}" y="${y0 + top + 4}" text-anchor="end">${round(maxV)}</text>`,
      `<text x="${left - 6}" y="${axisY + 4}" text-anchor="end">0</text>`,
      `<text x="${width - right}" y="${axisY + 16}" text-anchor="end">${maxT} s</text>`,
      `<text x="${left}" y="${axisY + 16}">0 s</text>`,
      `<polyline fill="none" stroke="${panel.color}" stroke-width="1.5" points="${points}"/>`,
    );
  });
  const height = panels.length * panelHeight;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    ...parts,
    '</svg>',
    '',
  ].join('\n');
}
