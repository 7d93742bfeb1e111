import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import type { PushResponse } from '../../src/modules/offline-sync/offline-sync.types';
import type { ConnectSystemDto } from '../../src/modules/systems/dto/connect-system.dto';
import { SystemsService } from '../../src/modules/systems/systems.service';
import type { BenchApp, BenchContext } from './context';
import { ratio, round, type BenchTable } from './report';

const ORDERS = 200;
const LINES_PER_ORDER = 4;
const LATENCY_MS = 20;
const POOLS = [8, 1];

/** 200 sale.order creates + 800 sale.order.line creates referencing them by $local, lines listed first. */
function batch(partnerId: number, products: number[]): Record<string, unknown> {
  const orders = Array.from({ length: ORDERS }, (_, o) => ({
    local_id: `order-${o}`,
    action: 'create',
    model: 'sale.order',
    data: { partner_id: partnerId, client_order_ref: `bench-${o}` },
  }));
  const lines = orders.flatMap((_, o) =>
    Array.from({ length: LINES_PER_ORDER }, (__, l) => ({
      local_id: `line-${o}-${l}`,
      action: 'create',
      model: 'sale.order.line',
      data: { order_id: { $local: `order-${o}` }, product_id: products[l % products.length], product_uom_qty: l + 1 },
    })),
  );
  return { device_id: 'bench-device', changes: [...lines, ...orders] };
}

interface Measured {
  pool: number;
  ms: number;
  succeeded: number;
  rpcs: number;
}

interface Sim {
  url: string;
  close(): Promise<void>;
}

/** The simulator in its own process, as Odoo would be: its CPU does not compete with BridgeCore's event loop. */
function startSim(): Promise<Sim> {
  const ext = __filename.endsWith('.ts') ? '.ts' : '.js';
  const child = fork(join(__dirname, '..', 'odoo-sim', `main${ext}`), ['--port', '0', '--latency-ms', String(LATENCY_MS)], {
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`odoo-sim exited with ${code}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      const url = /listening on (http:\/\/\S+)/.exec(chunk.toString())?.[1];
      if (!url) return;
      child.removeAllListeners('exit');
      resolve({ url, close: () => new Promise((done) => (child.once('exit', () => done()), child.kill('SIGTERM'))) });
    });
  });
}

/** Odoo calls the app made so far, from its own odoo_rpc_duration_seconds histogram. */
async function odooCalls(app: BenchApp): Promise<number> {
  const text = await (await fetch(`${app.url}/metrics`)).text();
  return [...text.matchAll(/^odoo_rpc_duration_seconds_count\{[^}]*method="(create|load|read)"[^}]*\} (\d+)/gm)].reduce((sum, m) => sum + Number(m[2]), 0);
}

async function measure(ctx: BenchContext, sim: Sim, pool: number): Promise<Measured> {
  const app = await ctx.startApp({ PUSH_CONCURRENCY: String(pool), ODOO_RETRY_DELAYS_MS: 'none' });
  try {
    const tenant = `bench-push-${randomUUID()}`;
    await app.app.get(SystemsService).connect(tenant, {
      url: sim.url,
      database: 'demo',
      username: 'admin',
      password: 'admin',
      system_type: 'odoo',
    } as ConnectSystemDto);
    const odoo = await app.app.get(SystemsService).clientFor(tenant);
    const [partnerId] = await odoo.search('res.partner', [['is_company', '=', true]], { limit: 1 });
    const products = await odoo.search('product.product', [['sale_ok', '=', true]], { limit: LINES_PER_ORDER });
    const body = batch(partnerId, products);
    const token = await app.login(tenant, 'admin', 'admin');
    const rpcsBefore = await odooCalls(app);
    const started = performance.now();
    const res = await fetch(`${app.url}/api/v1/offline-sync/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    const ms = performance.now() - started;
    if (res.status !== 200) throw new Error(`push failed with ${res.status}: ${text.slice(0, 300)}`);
    const answer = JSON.parse(text) as PushResponse;
    if (answer.succeeded !== ORDERS * (1 + LINES_PER_ORDER)) {
      const sample = answer.results.find((r) => r.status !== 'success');
      throw new Error(`only ${answer.succeeded} changes succeeded (e.g. ${JSON.stringify(sample)})`);
    }
    return { pool, ms, succeeded: answer.succeeded, rpcs: (await odooCalls(app)) - rpcsBefore };
  } finally {
    await app.close();
  }
}

/** One 1,000-change dependent batch against the simulator with 20 ms per Odoo call, pooled vs one by one. */
export async function run(ctx: BenchContext): Promise<BenchTable> {
  const load = loadavg()[0];
  const sim = await startSim();
  try {
    const results: Measured[] = [];
    for (const pool of POOLS) {
      ctx.log(`push: ${ORDERS * (1 + LINES_PER_ORDER)} changes, pool ${pool}, ${LATENCY_MS} ms Odoo latency`);
      results.push(await measure(ctx, sim, pool));
    }
    const sequential = results.find((r) => r.pool === 1) as Measured;
    return {
      title: `Offline push: ${ORDERS} orders × ${LINES_PER_ORDER} lines (${ORDERS * (1 + LINES_PER_ORDER)} dependent creates), ${LATENCY_MS} ms per Odoo call`,
      columns: ['execution', 'changes', 'total s', 'changes/s', 'Odoo RPCs', 'speed-up vs one by one'],
      rows: results.map((r) => [
        r.pool === 1 ? 'one by one (pool 1)' : `dependency pool ${r.pool}`,
        r.succeeded,
        round(r.ms / 1000, 2),
        round(r.succeeded / (r.ms / 1000), 1),
        r.rpcs,
        ratio(sequential.ms, r.ms),
      ]),
      notes: [
        `${ctx.engines}; the simulator runs in its own process and adds ${LATENCY_MS} ms to every RPC (Odoo's own work not modelled).`,
        'Each create costs two RPCs: the create and a read of its write_date (recorded in the ledger to recognise the device\'s own changes in pull).',
        'Lines are listed before their orders; each line starts as soon as its own order exists (no level barriers).',
        'Every change is claimed in and recorded to the exactly-once ledger (two database writes per change).',
        `Load average when the run started: ${load.toFixed(1)} on ${cpus().length} CPUs (a busy machine narrows the pooled speed-up, which is CPU-bound here).`,
      ],
    };
  } finally {
    await sim.close();
  }
}
