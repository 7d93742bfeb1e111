import { randomUUID } from 'node:crypto';
import { EventLogRepository } from '../../src/modules/feed/event-log.repository';
import { FeedWriter } from '../../src/modules/feed/feed-writer';
import { ADMIN_UID, startOdooSim } from '../odoo-sim';
import type { BenchContext } from './context';
import { round, type BenchTable } from './report';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * What one tenant costs Odoo when nothing happens, and when one model changes every second, with the
 * default intervals on a stock Odoo (the simulator, no addon: the write_date poller and the sweep over
 * every tracked model). Busy also measures change-to-log latency: from Odoo's `write` answering to the
 * event being in the log, i.e. returned by the next pull.
 *
 * IDLE_BENCH_SECONDS (60) sets each window; the idle window starts after as long a warm-up, so idle
 * models have backed off as they would after a quiet minute.
 */
export async function run(ctx: BenchContext): Promise<BenchTable> {
  const seconds = Number(process.env.IDLE_BENCH_SECONDS ?? 60);
  const sim = await startOdooSim();
  const tenant = `idle-bench-${randomUUID().slice(0, 8)}`;
  const app = await ctx.startApp({
    ODOO_URL: sim.url,
    ODOO_DB: sim.db,
    ODOO_USERNAME: 'admin',
    ODOO_PASSWORD: 'admin',
    ODOO_SYSTEM_ID: tenant,
    INGEST: 'on',
    INGEST_SYSTEMS: tenant,
  });
  const feed = app.app.get(FeedWriter);
  const log = app.app.get(EventLogRepository);
  try {
    ctx.log('waiting for the first ingestion run');
    while ((await feed.headId(tenant)) === 0) await pause(500);
    ctx.log(`warm-up: ${seconds} s idle`);
    await pause(seconds * 1000);

    ctx.log(`idle: ${seconds} s`);
    const idleBefore = { ...snapshot(sim.stats) };
    let started = Date.now();
    await pause(seconds * 1000);
    const idleMinutes = (Date.now() - started) / 60_000;
    const idle = diff(idleBefore, sim.stats);

    ctx.log(`busy: one res.partner write a second for ${seconds} s`);
    const partners = await sim.env(ADMIN_UID).searchRead('res.partner', [], { fields: ['id'], limit: 20 });
    const written = new Map<string, number>();
    const latencies: number[] = [];
    let cursor = await feed.headId(tenant);
    const busyBefore = { ...snapshot(sim.stats) };
    started = Date.now();
    let stop = false;
    const watcher = (async () => {
      while (!stop || written.size > 0) {
        for (const e of await log.readAfter(tenant, cursor, { models: ['res.partner'], limit: 500 })) {
          cursor = e.id;
          const phone = String(e.payload?.phone ?? '');
          const at = written.get(phone);
          if (at !== undefined) {
            latencies.push(Date.now() - at);
            written.delete(phone);
          }
        }
        if (stop && Date.now() - started > (seconds + 120) * 1000) break;
        await pause(20);
      }
    })();
    for (let i = 0; i < seconds; i++) {
      const partner = partners[i % partners.length];
      const phone = `+212 6${String(Date.now()).slice(-8)}${i}`;
      await sim.env(ADMIN_UID).write('res.partner', Number(partner.id), { phone });
      written.set(phone, Date.now());
      await pause(Math.max(0, started + (i + 1) * 1000 - Date.now()));
    }
    const busyMinutes = (Date.now() - started) / 60_000;
    const busy = diff(busyBefore, sim.stats);
    stop = true;
    await watcher;
    latencies.sort((a, b) => a - b);
    const pct = (p: number) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] : NaN);

    const top = (calls: Record<string, number>) =>
      Object.entries(calls)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 4)
        .map(([k, n]) => `${k} ${n}`)
        .join(', ');
    return {
      title: `Odoo calls of one tenant, idle and busy — ${seconds} s windows, ${ctx.engines}`,
      columns: ['window', 'Odoo calls', 'calls/min', 'changes', 'logged', 'change→log p50 ms', 'p90 ms', 'max ms'],
      rows: [
        ['idle', idle.calls, round(idle.calls / idleMinutes, 1), 0, '—', '—', '—', '—'],
        ['busy (1 write/s on res.partner)', busy.calls, round(busy.calls / busyMinutes, 1), seconds, latencies.length, pct(0.5), pct(0.9), pct(1)],
      ],
      notes: [
        'Odoo = the bundled simulator with its demo data, no addon: write_date poller over every tracked model plus the reconciliation sweep; default POLL_INTERVAL_MS, POLL_MAX_INTERVAL_MS and RECONCILE_INTERVAL_MS.',
        `Idle, most called: ${top(idle.byMethod)}.`,
        `Busy, most called: ${top(busy.byMethod)} (the writes themselves are not counted: they go through the simulator's in-process API).`,
      ],
    };
  } finally {
    await app.close();
    await sim.close();
  }
}

interface Counts {
  calls: number;
  byMethod: Record<string, number>;
}

function snapshot(stats: Counts): Counts {
  return { calls: stats.calls, byMethod: { ...stats.byMethod } };
}

function diff(before: Counts, after: Counts): Counts {
  const byMethod: Record<string, number> = {};
  for (const [k, n] of Object.entries(after.byMethod)) if (n - (before.byMethod[k] ?? 0) > 0) byMethod[k] = n - (before.byMethod[k] ?? 0);
  return { calls: after.calls - before.calls, byMethod };
}
