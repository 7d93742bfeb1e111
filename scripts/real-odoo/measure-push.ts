/**
 * Measures the offline push of a built BridgeCore against a real Odoo 18, through a TCP proxy of its own that can
 * cut Odoo off (the shared Odoo process is never touched):
 * 1. the README's batch (customer + order + 2 lines) as demo, 5 times: lines created of lines pushed;
 * 2. a push while Odoo is unreachable: time to answer, and what it answered;
 * 3. 100 creates with Odoo cut off mid-push, then the same push sent again until nothing is retryable: records
 *    lost (not in Odoo, or not mapped for the device) and duplicated (more than one in Odoo).
 *
 * Run (after `npm run build`, from the checkout to measure):
 *   REAL_ODOO_URL=http://127.0.0.1:18069 DATABASE_URL=postgres://…/bridgecore_test_x npx tsx scripts/real-odoo/measure-push.ts [dist dir]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { resolve } from 'node:path';

const ODOO = new URL(process.env.REAL_ODOO_URL ?? 'http://127.0.0.1:18069');
const DB = process.env.REAL_ODOO_DB ?? 'demo';
const PROXY_PORT = Number(process.env.PROXY_PORT ?? 18169);
const APP_PORT = Number(process.env.APP_PORT ?? 3169);
const APP = `http://127.0.0.1:${APP_PORT}`;
const RUN = `${Date.now()}`;

/** A TCP proxy to Odoo; `cut()` drops every connection and refuses new ones until `restore()`. */
class Proxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  loads = 0;
  onLoad?: (count: number) => void;

  async restore(): Promise<void> {
    this.server = createServer((client) => {
      const upstream = connect(Number(ODOO.port), ODOO.hostname);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.on('data', (chunk: Buffer) => {
        if (chunk.includes('"load"')) this.onLoad?.(++this.loads);
      });
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((done) => this.server?.listen(PROXY_PORT, '127.0.0.1', done));
  }

  cut(): void {
    this.server?.close();
    this.server = null;
    for (const s of this.sockets) s.destroy();
  }
}

async function odoo<T>(model: string, method: string, args: unknown[], kwargs: Record<string, unknown> = {}): Promise<T> {
  const res = await fetch(`${ODOO.origin}/jsonrpc`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', method: 'call', params: { service: 'object', method: 'execute_kw', args: [DB, 2, 'admin', model, method, args, kwargs] }, id: 1 }),
  });
  const body = (await res.json()) as { result?: T; error?: { data: { message: string } } };
  if (body.error) throw new Error(body.error.data.message);
  return body.result as T;
}

interface PushResult {
  local_id: string;
  status: string;
  server_id: number | null;
  error_code?: string;
  retryable?: boolean;
}

async function push(token: string, deviceId: string, changes: unknown[]): Promise<{ ms: number; results: PushResult[]; id_mapping: Record<string, number> }> {
  const started = performance.now();
  const res = await fetch(`${APP}/api/v1/offline-sync/push`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ device_id: deviceId, changes }),
  });
  const body = (await res.json()) as { results: PushResult[]; id_mapping: Record<string, number> };
  if (!body.results) throw new Error(`push answered ${res.status}: ${JSON.stringify(body)}`);
  return { ms: Math.round(performance.now() - started), ...body };
}

const tally = (results: PushResult[]) =>
  results.reduce<Record<string, number>>((acc, r) => {
    const key = r.status === 'success' ? 'success' : `${r.error_code}${r.retryable ? ' (retryable)' : ''}`;
    acc[key] = (acc[key] ?? 0) + 1;
    return acc;
  }, {});

async function startApp(dist: string): Promise<ChildProcess> {
  const app = spawn('node', [resolve(dist, 'src/main.js')], {
    env: {
      ...process.env,
      PORT: String(APP_PORT),
      ODOO_URL: `http://127.0.0.1:${PROXY_PORT}`,
      ODOO_DB: DB,
      ODOO_USERNAME: 'admin',
      ODOO_PASSWORD: 'admin',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (Date.now() > deadline) throw new Error('BridgeCore did not start');
    const ready = await fetch(`${APP}/health/live`).then((r) => r.ok, () => false);
    if (ready) return app;
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function main(): Promise<void> {
  const dist = resolve(process.argv[2] ?? 'dist');
  const proxy = new Proxy();
  await proxy.restore();
  const app = await startApp(dist);
  try {
    const login = await fetch(`${APP}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'demo', password: 'demo' }),
    });
    const { access_token: token } = (await login.json()) as { access_token: string };
    const [product] = await odoo<number[]>('product.product', 'search', [[['sale_ok', '=', true]]], { limit: 1 });

    // 1. The README's batch, five times.
    const batches: string[] = [];
    let linesCreated = 0;
    for (let t = 0; t < 5; t++) {
      const id = (name: string) => `${name}-${RUN}-${t}`;
      const answer = await push(token, `pushfix-readme-${RUN}`, [
        { local_id: id('line-a'), action: 'create', model: 'sale.order.line', data: { order_id: { $local: id('order') }, product_id: product, product_uom_qty: 2 } },
        { local_id: id('line-b'), action: 'create', model: 'sale.order.line', data: { order_id: { $local: id('order') }, product_id: product, product_uom_qty: 1 } },
        { local_id: id('order'), action: 'create', model: 'sale.order', data: { partner_id: { $local: id('cust') } } },
        { local_id: id('cust'), action: 'create', model: 'res.partner', data: { name: `pushfix walkthrough ${RUN} ${t}` } },
      ]);
      const order = answer.id_mapping[id('order')];
      const lines = order ? await odoo<number[]>('sale.order.line', 'search', [[['order_id', '=', order]]]) : [];
      linesCreated += lines.length;
      batches.push(`try ${t + 1}: ${lines.length}/2 lines, ${JSON.stringify(tally(answer.results))}`);
    }
    console.log(`README batch: ${linesCreated}/10 lines created\n  ${batches.join('\n  ')}`);

    // 2. Odoo unreachable.
    proxy.cut();
    const down = await push(
      token,
      `pushfix-down-${RUN}`,
      Array.from({ length: 20 }, (_, i) => ({ local_id: `down-${i}`, action: 'create', model: 'res.partner', data: { name: `pushfix down ${RUN} ${i}` } })),
    );
    console.log(`Odoo unreachable: 20 creates answered in ${down.ms} ms: ${JSON.stringify(tally(down.results))}`);
    await proxy.restore();

    // 3. 100 creates, Odoo cut off after 30 of them reached it, then the same push again.
    const names = Array.from({ length: 100 }, (_, i) => `pushfix crash ${RUN} ${i}`);
    const changes = names.map((name, i) => ({ local_id: `crash-${i}`, action: 'create', model: 'res.partner', data: { name } }));
    const device = `pushfix-crash-${RUN}`;
    proxy.loads = 0;
    let cutAt = 0;
    proxy.onLoad = (n) => {
      if (n === 30) {
        cutAt = n;
        proxy.cut();
      }
    };
    const first = await push(token, device, changes);
    proxy.onLoad = undefined;
    console.log(`cut after ${cutAt} loads; first push in ${first.ms} ms: ${JSON.stringify(tally(first.results))}`);
    await proxy.restore();
    let last = first;
    for (let resend = 1; resend <= 5 && last.results.some((r) => r.status !== 'success' && r.retryable); resend++) {
      last = await push(token, device, changes);
      console.log(`re-send ${resend} in ${last.ms} ms: ${JSON.stringify(tally(last.results))}`);
    }
    const found = await odoo<Array<{ id: number; name: string }>>('res.partner', 'search_read', [[['name', 'in', names]]], { fields: ['name'], context: { active_test: false } });
    const count = new Map<string, number>();
    for (const r of found) count.set(r.name, (count.get(r.name) ?? 0) + 1);
    const missing = names.filter((n) => !count.has(n)).length;
    const duplicated = names.filter((n) => (count.get(n) ?? 0) > 1).length;
    const unmapped = last.results.filter((r) => r.status !== 'success').length;
    console.log(`100 creates, Odoo cut mid-push: ${missing} not in Odoo, ${duplicated} duplicated, ${unmapped} without a server id for the device`);
  } finally {
    app.kill('SIGTERM');
    proxy.cut();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
