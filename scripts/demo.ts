/**
 * `npm run demo`: BridgeCore on embedded defaults wired to the bundled Odoo simulator, then a scripted sales rep's
 * device syncing over the real HTTP and Socket.IO APIs. Leaves everything running until Ctrl-C unless `--once`.
 */
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { DEFAULT_TRACKED, startOdooSim, type OdooSim } from '../test/odoo-sim';
import { createApp } from '../src/bootstrap';
import { loadConfig } from '../src/config/app.config';
import { BridgeCoreApi, OdooJsonRpc } from './demo/clients';
import { DemoConsole } from './demo/console';
import { DEVICE_ID, DemoStory, type DemoFacts, type DemoStep } from './demo/story';

export type { DemoFacts, DemoStep } from './demo/story';

export interface DemoOptions {
  /** Stop everything after the story (the test and `npm run demo -- --once`). */
  once?: boolean;
  /** BridgeCore's port; taken → a free one. 0 = a free one. Default 3000. */
  port?: number;
  /** The simulator's port; taken → a free one. Default 8069. */
  simPort?: number;
  /** No output at all. */
  quiet?: boolean;
  /** Embedded database and generated secrets; wiped at start. Default ./data/demo. */
  dataDir?: string;
  /** Extra BridgeCore environment (e.g. DATABASE_URL for a test run on PostgreSQL). */
  env?: Record<string, string>;
}

export interface DemoResult {
  ok: boolean;
  steps: DemoStep[];
  facts: DemoFacts;
  urls: { api: string; docs: string; metrics: string; console: string; odoo: string };
  accessToken: string | null;
  /** Stops BridgeCore and the simulator (already done with `once`). */
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';
const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR2'];

/** `preferred` when it can be bound, else 0 (the OS picks a free port). */
function portOrAny(preferred: number): Promise<number> {
  if (preferred === 0) return Promise.resolve(0);
  return new Promise((done) => {
    const probe = createServer();
    probe.once('error', () => done(0));
    probe.listen(preferred, HOST, () => probe.close(() => done(preferred)));
  });
}

/**
 * createApp enables Nest's shutdown hooks, which close the app on a signal and then re-raise it. The demo
 * owns its process (it must stop the simulator too and choose the exit code), so it drops those listeners.
 */
async function createOwnedApp(config: ReturnType<typeof loadConfig>): Promise<INestApplication> {
  const before = new Map(SIGNALS.map((s) => [s, new Set(process.listeners(s))]));
  const app = await createApp(config);
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)?.has(listener)) process.removeListener(signal, listener);
    }
  }
  return app;
}

export async function runDemo(options: DemoOptions = {}): Promise<DemoResult> {
  const con = new DemoConsole(options.quiet ? null : process.stdout);
  const started = Date.now();
  con.heading('BridgeCore demo — a sales rep syncs a phone with Odoo');

  const dataDir = resolve(options.dataDir ?? 'data/demo');
  rmSync(dataDir, { recursive: true, force: true });
  const sim: OdooSim = await startOdooSim({
    port: await portOrAny(options.simPort ?? 8069),
    host: HOST,
    db: 'demo',
    // The auto-webhook addon's tracked models; sale.order is high priority, so new orders are critical events.
    addon: { tracked: { ...DEFAULT_TRACKED, 'sale.order': 'high' } },
  });
  let app: INestApplication;
  let port: number;
  try {
    const config = loadConfig({
      DATA_DIR: dataDir,
      HOST,
      PORT: String(await portOrAny(options.port ?? 3000)),
      LOG_LEVEL: 'error',
      // A lively demo: Odoo changes reach devices within about half a second.
      POLL_INTERVAL_MS: '500',
      POLL_MAX_INTERVAL_MS: '2000',
      ODOO_URL: sim.url,
      ODOO_DB: 'demo',
      ODOO_USERNAME: 'admin',
      ODOO_PASSWORD: 'admin',
      ...options.env,
    });
    app = await createOwnedApp(config);
    await app.listen(config.port, config.host);
    port = (app.getHttpServer().address() as { port: number }).port;
  } catch (e) {
    await sim.close();
    throw e;
  }
  const systemId = options.env?.ODOO_SYSTEM_ID ?? 'default';
  const apiUrl = `http://${HOST}:${port}`;
  const shown = `http://localhost:${port}`;
  const urls = { api: shown, docs: `${shown}/docs`, metrics: `${shown}/metrics`, console: `${shown}/console`, odoo: sim.url };
  con.info(`Odoo simulator ${sim.url} (database "demo"; admin/admin, demo/demo) with demo data`);
  con.info(`BridgeCore ${shown} (PGlite in ${dataDir}, in-process cache and pub/sub), ready in ${Date.now() - started} ms`);

  const api = new BridgeCoreApi(apiUrl);
  const story = new DemoStory({ api, odoo: new OdooJsonRpc(sim.url, 'demo', 'admin', 'admin'), odooAsRep: new OdooJsonRpc(sim.url, 'demo', 'demo', 'demo'), con, systemId });
  const steps = await story.run();
  const ok = steps.every((s) => s.ok);

  let stopped: Promise<void> | null = null;
  const stop = (): Promise<void> =>
    (stopped ??= (async () => {
      await app.close();
      await sim.close();
    })());

  const passed = steps.filter((s) => s.ok).length;
  con.line();
  con.line(
    ok
      ? con.style(`✔ All ${steps.length} steps passed in ${((Date.now() - started) / 1000).toFixed(1)} s`, 'green', 'bold')
      : con.style(`✘ ${steps.length - passed} of ${steps.length} steps failed: ${steps.filter((s) => !s.ok).map((s) => s.name).join('; ')}`, 'red', 'bold'),
  );
  if (options.once) await stop();
  else printTryIt(con, urls, api.token, story.facts.user?.id ?? 6, options.env?.ADMIN_API_KEY ? null : dataDir);
  return { ok, steps, facts: story.facts, urls, accessToken: api.token, stop };
}

/** `secretsDir`: where the generated admin key is kept (null when the caller gave one). */
function printTryIt(con: DemoConsole, urls: DemoResult['urls'], token: string | null, userId: number, secretsDir: string | null): void {
  const u = urls.api;
  const auth = '-H "Authorization: Bearer $TOKEN"';
  const json = "-H 'Content-Type: application/json'";
  con.heading('BridgeCore keeps running — try it yourself');
  // The key itself is not printed: it is the operator's secret, kept in the data dir's secrets.json (mode 600).
  const key = secretsDir ? `jq -r .ADMIN_API_KEY ${secretsDir}/secrets.json` : 'the ADMIN_API_KEY you set';
  con.line(`  Console        ${urls.console}  (log in with the admin key: ${key})`);
  con.line(`  API docs       ${urls.docs}`);
  con.line(`  Metrics        ${urls.metrics}`);
  con.line(`  Odoo simulator ${urls.odoo}  (JSON-RPC /jsonrpc; admin/admin, demo/demo, database "demo")`);
  con.line();
  if (token) con.line(`  export TOKEN=${token}`);
  else con.line(`  curl -s -X POST ${u}/api/v1/auth/login ${json} -d '{"username":"demo","password":"demo"}'   # then export TOKEN=<access_token>`);
  con.line(`  curl -s -X POST ${u}/api/v2/sync/pull ${auth} ${json} -d '{"user_id":${userId},"device_id":"my-laptop","limit":5}'`);
  con.line(`  curl -s "${u}/api/v2/sync/state?user_id=${userId}&device_id=${DEVICE_ID}" ${auth}`);
  con.line(`  curl -s "${u}/api/v1/check-updates" ${auth}`);
  con.line(`  curl -s "${u}/api/v1/offline-sync/state?device_id=${DEVICE_ID}" ${auth}`);
  con.line();
  con.line('  More in docs/walkthrough.md: every block there runs against this demo. Press Ctrl-C to stop.');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const once = args.includes('--once');
  const port = process.env.PORT ? Number(process.env.PORT) : 3000;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`PORT must be a port number, got "${process.env.PORT}"\n`);
    process.exit(1);
  }
  let result: DemoResult;
  try {
    result = await runDemo({ once, port });
  } catch (e) {
    process.stderr.write(`The demo could not start: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  }
  const code = result.ok ? 0 : 1;
  if (once) process.exit(code);
  const onSignal = (): void => {
    process.stdout.write('\nStopping BridgeCore and the Odoo simulator…\n');
    void result.stop().then(
      () => process.exit(code),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
}

if (require.main === module) void main();
