import { randomUUID } from 'node:crypto';
import { sql, type Explainable } from 'kysely';
import { DB } from '../../../src/database/database.module';
import type { Db } from '../../../src/database/schema';
import { ConsoleRepository } from '../../../src/modules/console/console.repository';
import { startTestApp, TEST_ENV, type RunningApp } from '../../support/test-app';

const DEVICES = 1_000;
const EVENTS = 100_000;
const CHANGES = 100_000;
const LIMIT = 50;

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Actual Rows': number;
  'Actual Loops': number;
  Plans?: PlanNode[];
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

/**
 * The console at scale: a tenant with 1,000 devices, 100,000 logged events and 100,000 pushed changes. One page reads
 * one page of rows from an index, whatever the tenant holds (EXPLAIN ANALYZE: no plan node handles more rows than the
 * page, no table is scanned whole), and walking the pages visits every device exactly once.
 */
describe('Operator console at 1,000 devices and 100,000 events (integration)', () => {
  let running: RunningApp;
  let db: Db;
  let repository: ConsoleRepository;
  const tenant = `scale-${randomUUID().slice(0, 8)}`;

  async function plan(query: Explainable): Promise<PlanNode[]> {
    const [row] = (await query.explain('json', sql`analyze`)) as Array<{ 'QUERY PLAN': unknown }>;
    const doc = typeof row['QUERY PLAN'] === 'string' ? JSON.parse(row['QUERY PLAN']) : row['QUERY PLAN'];
    return nodes((doc as Array<{ Plan: PlanNode }>)[0].Plan);
  }

  beforeAll(async () => {
    running = await startTestApp();
    db = running.app.get<Db>(DB);
    repository = running.app.get(ConsoleRepository, { strict: false });
    await db
      .insertInto('systems')
      .values({ id: tenant, name: tenant, url: 'http://127.0.0.1:9', database: 'scale', username: 'x', password_enc: 'x', protocol: 'jsonrpc', odoo_version: null, is_connected: false, options: '{}' })
      .execute();
    await sql`insert into tenant_feeds (tenant_id, last_id) values (${tenant}, ${EVENTS})`.execute(db);
    await sql`insert into events (tenant_id, id, model, record_id, event, timestamp, priority, category, source, pull_json)
      select ${tenant}, g, 'sale.order', g, 'write', now(), 'medium', 'business', 'write_date', '{}' from generate_series(1, ${EVENTS}) g`.execute(db);
    await sql`insert into device_states (tenant_id, user_id, device_id, app_type, last_event_id, last_sync_at)
      select ${tenant}, 100 + g % 40, 'device-' || g, 'sales_app', g * 100, now() from generate_series(1, ${DEVICES}) g`.execute(db);
    await sql`insert into offline_push_ledger (tenant_id, user_id, device_id, local_id, fingerprint, model, action, status, claim_id, server_id, updated_at)
      select ${tenant}, 100 + g % 40, 'device-' || (g % ${DEVICES}), 'change-' || g, 'f', 'res.partner', 'update',
        case when g % 100 = 0 then 'conflict' else 'success' end, 'c', g, now() - g * interval '1 second'
      from generate_series(1, ${CHANGES}) g`.execute(db);
    await sql`analyze`.execute(db);
  }, 300_000);

  afterAll(async () => {
    for (const table of ['offline_push_ledger', 'device_states', 'events', 'tenant_feeds', 'systems'] as const) {
      await db.deleteFrom(table).where(table === 'systems' ? 'id' : 'tenant_id', '=', tenant).execute();
    }
    await running?.close();
  });

  it('reads one page of devices from the index, also deep in the list', async () => {
    for (const after of [undefined, { userId: 120, deviceId: 'device-500' }]) {
      const steps = await plan(repository.devicesQuery(tenant, { after }, LIMIT));
      expect(steps.filter((n) => n['Node Type'] === 'Seq Scan').map((n) => n['Relation Name'])).toEqual([]);
      expect(Math.max(...steps.map((n) => n['Actual Rows']))).toBeLessThanOrEqual(LIMIT);
    }
  });

  it('reads one page of pushes, newest first, and one page of the waiting conflicts', async () => {
    for (const filter of [{}, { status: 'conflict' as const }]) {
      const steps = await plan(repository.pushesQuery(tenant, filter, LIMIT));
      expect(steps.filter((n) => n['Node Type'] === 'Seq Scan').map((n) => n['Relation Name'])).toEqual([]);
      // The conflicts are 1 change in 100: the index walks past the others, a bounded multiple of the page.
      expect(Math.max(...steps.map((n) => n['Actual Rows']))).toBeLessThanOrEqual(filter.status ? LIMIT * 100 + 100 : LIMIT);
    }
  });

  it('pages through every device once over HTTP, each page at most the limit', async () => {
    const seen = new Set<string>();
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await fetch(`${running.url}/api/v1/console/devices?system=${tenant}&limit=200${cursor ? `&cursor=${cursor}` : ''}`, {
        headers: { 'x-admin-key': TEST_ENV.ADMIN_API_KEY },
      });
      const body = (await res.json()) as { head: number; devices: Array<{ user_id: number; device_id: string; behind: number; position: number }>; next_cursor: string | null };
      expect(body.devices.length).toBeLessThanOrEqual(200);
      for (const d of body.devices) {
        seen.add(`${d.user_id}/${d.device_id}`);
        expect(d.behind).toBe(Math.max(0, EVENTS - d.position));
      }
      cursor = body.next_cursor;
      pages++;
    } while (cursor);
    expect([seen.size, pages]).toEqual([DEVICES, DEVICES / 200 + 1]);
  });
});
