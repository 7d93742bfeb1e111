import { Client } from 'pg';
import type { PushResponse } from '../../../src/modules/offline-sync/offline-sync.types';
import { startOdooSim, type OdooSim } from '../../odoo-sim';
import { startTestApp, TEST_ENV, waitFor, type RunningApp } from '../../support/test-app';
import { newTenant, type Harness, type Tenant } from '../offline-sync/helpers';
import { PrivatePostgres, postgresBinaries } from './private-postgres';

/**
 * PostgreSQL goes away under load (stopped as a crash or failover does, for OUTAGE_MS) and comes back. Devices keep
 * pulling and pushing throughout, re-sending each push until it gets a final answer, as a phone does.
 */
const OUTAGE_MS = 15_000;
const BATCHES = 40;
const PHONES = 4;
/** A client re-sends sooner than Retry-After asks: more requests meet the outage. */
const RESEND_PAUSE_MS = 250;

const bin = postgresBinaries();
if (!bin) throw new Error('The PostgreSQL failover suite needs initdb and pg_ctl (/usr/lib/postgresql/<version>/bin)');

interface Seen {
  route: string;
  status: number;
  code?: string;
  retryAfter: string | null;
}

/** Every answer the devices got, and every request that got none. */
class Traffic {
  readonly answers: Seen[] = [];
  readonly refused: string[] = [];

  async send<T>(app: RunningApp, route: string, token: string, body: unknown): Promise<{ status: number; body: T } | null> {
    try {
      const res = await fetch(`${app.url}${route}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
      const json = (await res.json()) as T & { code?: string };
      this.answers.push({ route, status: res.status, code: json.code, retryAfter: res.headers.get('retry-after') });
      return { status: res.status, body: json };
    } catch (e) {
      this.refused.push(`${route}: ${(e as Error).message}`);
      return null;
    }
  }
}

/** The other routes a device or an operator calls: each answered (2xx) or 503 DATABASE_UNAVAILABLE, never 401 or 500. */
async function otherRoutes(app: RunningApp, tenant: Tenant): Promise<Seen[]> {
  const calls: Array<[string, string, Record<string, string>, unknown?]> = [
    ['POST', '/api/v1/auth/login', {}, { username: 'demo', password: 'demo', system_id: tenant.tenantId }],
    ['POST', '/api/v1/auth/refresh', { authorization: `Bearer ${tenant.refreshToken}` }],
    ['POST', '/api/v1/auth/me', { authorization: `Bearer ${tenant.token}` }],
    ['GET', '/api/v1/check-updates?since=2020-01-01T00:00:00Z', { authorization: `Bearer ${tenant.token}` }],
    ['GET', `/api/v2/sync/state?user_id=${tenant.userId}&device_id=reader-1`, { authorization: `Bearer ${tenant.token}` }],
    ['GET', '/api/v1/offline-sync/state?device_id=phone-0', { authorization: `Bearer ${tenant.token}` }],
    [
      'POST',
      '/api/v1/odoo/call_kw',
      { authorization: `Bearer ${tenant.token}` },
      { model: 'res.partner', method: 'search_read', args: [[]], kwargs: { limit: 1, fields: ['name'] } },
    ],
    ['GET', `/systems/${tenant.tenantId}`, { 'x-admin-key': TEST_ENV.ADMIN_API_KEY }],
  ];
  const seen: Seen[] = [];
  for (const [method, route, headers, body] of calls) {
    const res = await fetch(`${app.url}${route}`, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json()) as { code?: string };
    seen.push({ route, status: res.status, code: json.code, retryAfter: res.headers.get('retry-after') });
  }
  return seen;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

function batch(i: number) {
  return [1, 2].map((j) => ({
    local_id: `b${i}-c${j}`,
    action: 'create' as const,
    model: 'res.partner',
    data: { name: `Failover b${i} c${j}` },
    local_timestamp: '2026-12-07T10:00:00Z',
  }));
}

/** Final: every change succeeded or was rejected for good; anything retryable (or no 200) is sent again. */
function final(res: { status: number; body: PushResponse } | null): boolean {
  return res !== null && res.status === 200 && res.body.results.every((r) => r.status === 'success' || r.retryable === false);
}

async function ready(app: RunningApp): Promise<number> {
  return (await fetch(`${app.url}/health/ready`)).status;
}

describe('PostgreSQL outage under load (a private server stopped with pg_ctl -m immediate, then restarted)', () => {
  let pg: PrivatePostgres;
  let url: string;
  let sim: OdooSim;
  let app: RunningApp;
  let tenant: Tenant;

  beforeAll(async () => {
    pg = await PrivatePostgres.create(bin);
    url = await pg.createDatabase('bridgecore_test_failover');
    sim = await startOdooSim();
    app = await startTestApp({ DATABASE_URL: url, ODOO_RETRY_DELAYS_MS: 'none', INGEST: 'on', POLL_INTERVAL_MS: '500' });
    tenant = await newTenant({ sim, app } as Harness);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await sim?.close();
    await pg?.destroy();
  });

  it('answers 503 DATABASE_UNAVAILABLE with Retry-After meanwhile, stays up, and settles every push exactly once after', async () => {
    const traffic = new Traffic();
    let stop = false;
    const pullers = [1, 2].map(async (n) => {
      while (!stop) {
        await traffic.send(app, '/api/v2/sync/pull', tenant.token, { user_id: tenant.userId, device_id: `reader-${n}`, limit: 50 });
        await traffic.send(app, '/api/v1/offline-sync/pull', tenant.token, { device_id: `reader-${n}`, limit: 50 });
      }
    });
    // Creates take a moment in Odoo, so some are inside Odoo when the database goes.
    sim.faults.setMethodLatency('res.partner.load', 150);
    const settled = new Map<number, PushResponse>();
    let next = 0;
    const phones = Array.from({ length: PHONES }, async (_, p) => {
      for (let i = next++; i < BATCHES; i = next++) {
        for (;;) {
          const res = await traffic.send<PushResponse>(app, '/api/v1/offline-sync/push', tenant.token, { device_id: `phone-${p}`, changes: batch(i) });
          if (res && final(res)) {
            settled.set(i, res.body);
            break;
          }
          await pause(RESEND_PAUSE_MS);
        }
      }
    });

    await waitFor(() => settled.size >= 8, 60_000);
    await pg.kill();
    const downAt = Date.now();
    const settledBefore = settled.size;
    await waitFor(async () => (await ready(app)) === 503, 10_000);
    expect((await fetch(`${app.url}/health/live`)).status).toBe(200);
    const others = await otherRoutes(app, tenant);
    expect(others.filter((a) => a.status !== 200 && !(a.status === 503 && a.code === 'DATABASE_UNAVAILABLE' && a.retryAfter === '5'))).toEqual([]);
    expect(others.filter((a) => a.status === 503).length).toBeGreaterThan(0);
    // The outage lasts its time, whatever the load does meanwhile.
    await waitFor(() => Date.now() - downAt >= OUTAGE_MS, OUTAGE_MS + 5_000, 250);
    expect(await ready(app)).toBe(503);
    await pg.start();

    await waitFor(async () => (await ready(app)) === 200, 30_000);
    await waitFor(() => settled.size === BATCHES, 120_000, 250);
    await Promise.all(phones);
    stop = true;
    await Promise.all(pullers);

    expect(traffic.refused).toEqual([]);
    const statuses = new Set(traffic.answers.map((a) => a.status));
    expect([...statuses].sort()).toEqual([200, 503]);
    const unavailable = traffic.answers.filter((a) => a.status === 503);
    expect(unavailable.length).toBeGreaterThan(PHONES);
    expect(new Set(unavailable.map((a) => `${a.code} ${/^\d+$/.test(a.retryAfter ?? '')}`))).toEqual(new Set(['DATABASE_UNAVAILABLE true']));
    expect(new Set(unavailable.map((a) => a.route))).toEqual(new Set(['/api/v2/sync/pull', '/api/v1/offline-sync/pull', '/api/v1/offline-sync/push']));
    expect(settledBefore).toBeLessThan(BATCHES);

    // Every change of every batch in Odoo exactly once, under the id the device was given.
    expect(settled.size).toBe(BATCHES);
    const partners = sim.peek('res.partner', [['name', '=like', 'Failover b%']], ['name']);
    const byName = new Map<string, number[]>();
    for (const p of partners) byName.set(p.name as string, [...(byName.get(p.name as string) ?? []), p.id as number]);
    const expected = [...settled.entries()].flatMap(([i, res]) =>
      batch(i).map((c) => [c.data.name, [res.id_mapping[c.local_id]]] as [string, number[]]),
    );
    expect(Object.fromEntries([...byName].sort())).toEqual(Object.fromEntries(expected.sort()));
    expect(partners.length).toBe(BATCHES * 2);

    // Change capture, a background loop that met the outage too, resumed by itself: every pushed record reaches the log.
    const ids = partners.map((p) => p.id as number);
    const logged = async () => {
      const probe = new Client({ connectionString: url });
      await probe.connect();
      try {
        const { rows } = await probe.query<{ n: number }>(
          "select count(*)::int as n from record_state where tenant_id = $1 and model = 'res.partner' and record_id = any($2)",
          [tenant.tenantId, ids],
        );
        return rows[0].n;
      } finally {
        await probe.end();
      }
    };
    await waitFor(async () => (await logged()) === ids.length, 90_000, 500);
  }, 300_000);

  it('records a create that Odoo made while the database was down, and answers its retry with that record', async () => {
    const traffic = new Traffic();
    const change = { local_id: 'straddle-1', action: 'create', model: 'res.partner', data: { name: 'Failover straddle' } };
    const push = () => traffic.send<PushResponse>(app, '/api/v1/offline-sync/push', tenant.token, { device_id: 'phone-straddle', changes: [change] });
    sim.faults.setMethodLatency('res.partner.load', 1500);
    const first = push();
    // The ledger holds the claim and the create is on its way to Odoo: the database goes now.
    const probe = new Client({ connectionString: url });
    await probe.connect();
    await waitFor(async () => (await probe.query("select 1 from offline_push_ledger where local_id = 'straddle-1'")).rowCount === 1);
    await probe.end();
    await pg.kill();
    const answer = await first;
    expect([answer?.status, (answer?.body as unknown as { code: string }).code]).toEqual([503, 'DATABASE_UNAVAILABLE']);
    const made = sim.peek('res.partner', [['name', '=', 'Failover straddle']], ['name']);
    expect(made).toHaveLength(1);
    sim.faults.setMethodLatency('res.partner.load', 0);
    await pg.start();

    const retried = await waitFor(async () => {
      const res = await push();
      return final(res) ? res : (await pause(RESEND_PAUSE_MS), undefined);
    }, 30_000);
    expect(retried?.body.results[0]).toMatchObject({ status: 'success', server_id: made[0].id });
    expect(sim.peek('res.partner', [['name', '=', 'Failover straddle']], ['name'])).toHaveLength(1);
    expect(traffic.refused).toEqual([]);
  }, 120_000);
});
