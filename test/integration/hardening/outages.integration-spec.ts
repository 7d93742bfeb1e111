import { ChildProcess, spawn } from 'node:child_process';
import Redis from 'ioredis';
import { IngestionHealth } from '../../../src/modules/ingestion/ingestion-health';
import { startOdooSim, type OdooSim } from '../../odoo-sim';
import { freePort, startTestApp, waitFor, type RunningApp } from '../../support/test-app';
import { TEST_ENV } from '../../support/test-env';
import { newTenant, type Harness, type Tenant } from '../offline-sync/helpers';

/** A private redis-server this test can kill: the outage is real, not simulated. */
async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  const probe = new Redis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  await waitFor(async () => {
    await probe.connect().catch(() => undefined);
    return (await probe.ping()) === 'PONG';
  });
  probe.disconnect();
  return child;
}

async function stopRedis(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

interface Answer {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

async function call(app: RunningApp, method: 'GET' | 'POST', path: string, body?: unknown, token?: string): Promise<Answer> {
  const res = await fetch(`${app.url}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(path.startsWith('/systems') ? { 'x-admin-key': TEST_ENV.ADMIN_API_KEY } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, headers: res.headers };
}

const metrics = async (app: RunningApp): Promise<string> => (await fetch(`${app.url}/metrics`)).text();

/** The user routes a device uses, each answer's status; 2xx expected, or 503 with Retry-After. */
async function deviceRoutes(app: RunningApp, tenant: Tenant, round: string): Promise<Answer[]> {
  const login = await call(app, 'POST', '/api/v1/auth/login', { username: 'demo', password: 'demo', system_id: tenant.tenantId });
  const token = typeof login.body.access_token === 'string' ? login.body.access_token : tenant.token;
  const pull = await call(app, 'POST', '/api/v2/sync/pull', { user_id: 6, device_id: 'phone-1', limit: 5 }, token);
  const push = await call(
    app,
    'POST',
    '/api/v1/offline-sync/push',
    { device_id: 'phone-1', changes: [{ local_id: `c-${round}`, action: 'create', model: 'res.partner', data: { name: `Outage ${round}` } }] },
    token,
  );
  const updates = await call(app, 'GET', '/api/v1/check-updates?since=2020-01-01T00:00:00Z', undefined, token);
  return [login, pull, push, updates];
}

function expectServed(answers: Answer[]): void {
  for (const a of answers) {
    if (a.status === 503) expect(a.headers.get('retry-after')).toMatch(/^\d+$/);
    else expect([a.status, a.body.code]).toEqual([expect.any(Number), undefined]);
    expect(a.status < 300 || a.status === 503).toBe(true);
  }
}

describe('Redis outage (a real redis-server killed and restarted)', () => {
  let port: number;
  let redis: ChildProcess;
  let sim: OdooSim;
  let app: RunningApp;
  let tenant: Tenant;

  beforeAll(async () => {
    port = await freePort();
    redis = await startRedis(port);
    sim = await startOdooSim();
    app = await startTestApp({ REDIS_URL: `redis://127.0.0.1:${port}`, RATE_LIMITS: 'on', INGEST: 'off', ODOO_RETRY_DELAYS_MS: 'none' });
    tenant = await newTenant({ sim, app } as Harness);
  });
  afterAll(async () => {
    await app.close();
    await sim.close();
    await stopRedis(redis);
  });

  it('keeps login, pull, push and check-updates answering from the database, reports it, and recovers', async () => {
    const before = await deviceRoutes(app, tenant, 'before');
    expect(before.map((a) => a.status)).toEqual([200, 200, 200, 200]);

    await stopRedis(redis);
    // Several rounds: the first requests meet the dying connection, the later ones the known outage.
    for (const round of ['down-1', 'down-2', 'down-3']) {
      const answers = await deviceRoutes(app, tenant, round);
      expectServed(answers);
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    }
    const ready = await call(app, 'GET', '/health/ready');
    expect(ready.status).toBe(200);
    expect((ready.body.info as Record<string, Record<string, unknown>>).redis).toMatchObject({ status: 'up', degraded: true });
    expect((await call(app, 'GET', '/api/v2/sync/health')).body.redis).toBe('degraded');
    const degraded = await metrics(app);
    expect(degraded).toMatch(/^redis_up 0$/m);
    expect(degraded).toMatch(/^redis_fallbacks_total\{use="rate_limit"\} [1-9]/m);
    expect(degraded).toMatch(/^redis_fallbacks_total\{use="cache"\} [1-9]/m);

    redis = await startRedis(port);
    await waitFor(async () => {
      const r = await call(app, 'GET', '/health/ready');
      return r.status === 200 && (r.body.info as Record<string, Record<string, unknown>>).redis.degraded === undefined;
    });
    expect(await metrics(app)).toMatch(/^redis_up 1$/m);
    expect((await call(app, 'GET', '/api/v2/sync/health')).body.redis).toBe('ok');
    const after = await deviceRoutes(app, tenant, 'after');
    expect(after.map((a) => a.status)).toEqual([200, 200, 200, 200]);
  });
});

describe('Readiness while a tenant\'s change capture fails', () => {
  let sim: OdooSim;
  let app: RunningApp;
  let tenant: Tenant;

  beforeAll(async () => {
    sim = await startOdooSim();
    app = await startTestApp({ INGEST: 'off', ODOO_RETRY_DELAYS_MS: 'none' });
    tenant = await newTenant({ sim, app } as Harness);
  });
  afterAll(async () => {
    await app.close();
    await sim.close();
  });

  it('stays ready; /api/v2/sync/health, GET /systems/{id} and ingest_healthy report the tenant failing, then healthy', async () => {
    const system = `/systems/${encodeURIComponent(tenant.tenantId)}`;
    const ingestion = app.app.get(IngestionHealth);
    expect(((await call(app, 'GET', system)).body.ingestion as { status: string }).status).toBe('unknown');
    ingestion.report(tenant.tenantId, true);
    // What the pollers report when the tenant's Odoo refuses connections for longer than 3 poll intervals.
    ingestion.report(tenant.tenantId, false, 'connect ECONNREFUSED');
    const since = Date.now();
    await waitFor(() => Date.now() - since > 3 * app.config.ingest.pollIntervalMs + 50, 30_000);
    ingestion.report(tenant.tenantId, false, 'connect ECONNREFUSED');

    expect((await call(app, 'GET', system)).body.ingestion).toMatchObject({
      status: 'failing',
      failing_since: expect.any(String),
      error: 'connect ECONNREFUSED',
    });
    expect((await call(app, 'GET', '/health/ready')).status).toBe(200);
    expect((await call(app, 'GET', '/api/v2/sync/health')).body.ingestion).toEqual({ status: 'degraded', failing_systems: 1 });
    expect(await metrics(app)).toContain(`ingest_healthy{tenant="${tenant.tenantId}"} 0`);
    const pull = await call(app, 'POST', '/api/v2/sync/pull', { user_id: 6, device_id: 'd', limit: 5 }, tenant.token);
    expect(pull.status).toBe(200);

    ingestion.report(tenant.tenantId, true);
    expect(((await call(app, 'GET', system)).body.ingestion as { status: string }).status).toBe('healthy');
    expect((await call(app, 'GET', '/api/v2/sync/health')).body.ingestion).toEqual({ status: 'healthy', failing_systems: 0 });
    expect(await metrics(app)).toContain(`ingest_healthy{tenant="${tenant.tenantId}"} 1`);
  });
});
