/**
 * Crash drill for offline push: a batch of 200 creates is pushed, BridgeCore is killed with SIGKILL in the middle
 * (some creates committed in Odoo, some answers in flight, claims left in the ledger), restarted, and the device
 * retries the same batch until every change has a final answer. Prints how many changes ended unknown,
 * duplicated in Odoo or lost.
 *
 *   npm run build && DATABASE_URL=postgres://…/bc_test_x node dist/test/bench/push-crash.js
 *
 * Odoo is the simulator (in this process, 20 ms per call, committing whatever reached it); BridgeCore runs as a
 * child process on the given PostgreSQL database (PGlite's files are not meant to survive a SIGKILL mid-write).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Client } from 'pg';
import type { PushResponse, PushResult } from '../../src/modules/offline-sync/offline-sync.types';
import { startOdooSim } from '../odoo-sim';
import { TEST_ENV } from '../support/test-env';

const COMPANIES = 100;
const CLAIM_TIMEOUT_MS = 3000;
const KILL_AFTER_CREATED = 80;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitUntil(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

function startBridgeCore(env: Record<string, string>): ChildProcess {
  // In-process cache and pub/sub: this drill is about the database ledger and Odoo.
  const { REDIS_URL: _redis, ...inherited } = process.env;
  return fork(join(__dirname, '..', '..', 'src', 'main.js'), [], { env: { ...inherited, ...env }, stdio: 'inherit' });
}

async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl || !/test/.test(databaseUrl)) throw new Error('DATABASE_URL must name a PostgreSQL test database');
  const sim = await startOdooSim({ latencyMs: 20 });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env = {
    ...TEST_ENV,
    LOG_LEVEL: 'warn',
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    HOST: '127.0.0.1',
    ODOO_URL: sim.url,
    ODOO_DB: 'demo',
    ODOO_USERNAME: 'admin',
    ODOO_PASSWORD: 'admin',
    ODOO_SYSTEM_ID: `crash-${randomUUID().slice(0, 8)}`,
    ODOO_RETRY_DELAYS_MS: 'none',
    PUSH_CLAIM_TIMEOUT_MS: String(CLAIM_TIMEOUT_MS),
  };
  const ready = () => waitUntil(async () => (await fetch(`${url}/health/ready`).catch(() => null))?.ok === true, 60_000, 'BridgeCore');

  const run = randomUUID().slice(0, 8);
  const name = (i: number) => `Crash ${run} ${i}`;
  // 100 companies and 100 contacts, each contact referencing its company by $local (dependency ordering).
  const changes = Array.from({ length: COMPANIES * 2 }, (_, i) =>
    i < COMPANIES
      ? { local_id: `c${i}`, action: 'create', model: 'res.partner', data: { name: name(i), is_company: true } }
      : { local_id: `c${i}`, action: 'create', model: 'res.partner', data: { name: name(i), parent_id: { $local: `c${i - COMPANIES}` } } },
  );
  const batch = { device_id: `crash-device-${run}`, changes };
  const created = () => sim.peek('res.partner', [['name', '=like', `Crash ${run} %`]], ['name']);

  let child = startBridgeCore(env);
  await ready();
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'demo', password: 'demo', system_id: env.ODOO_SYSTEM_ID }),
  });
  const { access_token: token } = (await login.json()) as { access_token: string };
  const push = async (): Promise<PushResponse> => {
    const res = await fetch(`${url}/api/v1/offline-sync/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(batch),
    });
    return (await res.json()) as PushResponse;
  };

  const lost = push().catch(() => null); // its answer dies with the process
  await waitUntil(() => created().length >= KILL_AFTER_CREATED, 60_000, 'creates to reach Odoo');
  child.kill('SIGKILL');
  await lost;
  await new Promise((r) => setTimeout(r, 300)); // calls already sent still commit in Odoo: let them land
  const inOdooAtKill = created().length;
  const pg = new Client({ connectionString: databaseUrl });
  await pg.connect();
  const { rows } = await pg.query<{ status: string; n: number }>(
    'select status, count(*)::int as n from offline_push_ledger where device_id = $1 group by status',
    [batch.device_id],
  );
  const ledgerAtKill = Object.fromEntries(rows.map((r) => [r.status, r.n]));

  child = startBridgeCore(env);
  await ready();
  const started = Date.now();
  let answer = await push();
  let retries = 1;
  const pending = (a: PushResponse) => a.results.filter((r: PushResult) => r.status !== 'success' && r.retryable === true);
  while (pending(answer).length > 0 && retries < 20) {
    // Claims the killed process held are taken over once older than PUSH_CLAIM_TIMEOUT_MS.
    await new Promise((r) => setTimeout(r, 500));
    answer = await push();
    retries++;
  }
  const settledMs = Date.now() - started;

  const rowsInOdoo = created();
  const perName = new Map<string, number[]>();
  for (const row of rowsInOdoo) perName.set(String(row.name), [...(perName.get(String(row.name)) ?? []), Number(row.id)]);
  const unknown = answer.results.filter((r) => r.error_code === 'OUTCOME_UNKNOWN').length;
  const duplicated = [...perName.values()].filter((ids) => ids.length > 1).length;
  const lostChanges = changes.filter((c, i) => !perName.has(name(i)) || answer.id_mapping[c.local_id] === undefined).length;
  const wrongMapping = changes.filter((c, i) => {
    const ids = perName.get(name(i));
    return ids !== undefined && answer.id_mapping[c.local_id] !== undefined && !ids.includes(answer.id_mapping[c.local_id]);
  }).length;

  console.log(
    JSON.stringify(
      {
        changes: changes.length,
        in_odoo_at_kill: inOdooAtKill,
        ledger_at_kill: ledgerAtKill,
        in_odoo_without_outcome_at_kill: inOdooAtKill - (ledgerAtKill.success ?? 0),
        retries_after_restart: retries,
        settle_ms_after_restart: settledMs,
        succeeded: answer.succeeded,
        unknown,
        duplicated,
        lost: lostChanges,
        wrong_mapping: wrongMapping,
        records_in_odoo: rowsInOdoo.length,
      },
      null,
      2,
    ),
  );
  await pg.end();
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  await sim.close();
  process.exit(unknown === 0 && duplicated === 0 && lostChanges === 0 && wrongMapping === 0 ? 0 : 1);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
