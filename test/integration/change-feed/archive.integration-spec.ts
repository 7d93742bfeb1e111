import { randomUUID } from 'node:crypto';
import { DB } from '../../../src/database/database.module';
import type { Db } from '../../../src/database/schema';
import { TokenService } from '../../../src/modules/tokens/token.service';
import { archivablePrefix, retentionCutoffs } from '../../../src/modules/feed/archive-rules';
import { ArchiverService } from '../../../src/modules/feed/archiver.service';
import { Clock } from '../../../src/modules/feed/clock';
import { DeviceStateRepository } from '../../../src/modules/devices/device-state.repository';
import { EventLogRepository } from '../../../src/modules/feed/event-log.repository';
import { EventSummaryRepository } from '../../../src/modules/feed/event-summary.repository';
import { FeedWriter } from '../../../src/modules/feed/feed-writer';
import { IngestionHealth } from '../../../src/modules/ingestion/ingestion-health';
import { RunningApp, startTestApp, TEST_ENV } from '../../support/test-app';
import { newEvent } from './events.fixture';

const DAY = 86_400_000;

let running: RunningApp;
let log: EventLogRepository;
let feed: FeedWriter;
let devices: DeviceStateRepository;
let archiver: ArchiverService;
let clockAt: (t: Date) => void;

beforeAll(async () => {
  running = await startTestApp();
  log = running.app.get(EventLogRepository);
  feed = running.app.get(FeedWriter);
  devices = running.app.get(DeviceStateRepository);
  archiver = running.app.get(ArchiverService);
  const clock = running.app.get(Clock);
  let now: Date | null = null;
  jest.spyOn(clock, 'now').mockImplementation(() => now ?? new Date());
  clockAt = (t) => (now = t);
});
afterEach(() => clockAt(new Date()));
afterAll(() => running.close());

const ids = async (tenant: string, after = 0) => (await log.readAfter(tenant, after, { models: '*', limit: 100 })).map((e) => e.id);

/** An operator's request (the admin key) for the figures of one tenant. */
async function get(path: string, tenantId: string) {
  const res = await fetch(`${running.url}${path}?system_id=${encodeURIComponent(tenantId)}`, { headers: { 'X-Admin-Key': TEST_ENV.ADMIN_API_KEY } });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('ArchiverService (integration, injected clock)', () => {
  it('archives after the soft window behind active devices, forces after the hard one, then deletes', async () => {
    const tenant = randomUUID();
    const base = new Date();
    clockAt(base);
    await feed.append(tenant, Array.from({ length: 6 }, (_, i) => newEvent({ recordId: i + 1 })));
    await devices.advance(tenant, 2, 'phone-a', { appType: 'sales_app', lastEventId: 4, eventsSynced: 4 });
    await devices.advance(tenant, 6, 'phone-b', { appType: 'sales_app', lastEventId: 6, eventsSynced: 6 });

    // Day 6: nothing is old enough.
    clockAt(new Date(base.getTime() + 6 * DAY));
    expect((await archiver.run([tenant])).eventsArchived).toBe(0);

    // Day 8: archived up to what every active device has synced (phone-a is at 4).
    clockAt(new Date(base.getTime() + 8 * DAY));
    expect(await archiver.run([tenant])).toEqual({
      tenants: 1,
      eventsArchived: 4,
      eventsDeleted: 0,
      devicesDeactivated: 0,
      devicesDeleted: 0,
    });
    expect(await ids(tenant)).toEqual([5, 6]);
    await expect(log.assertRetained(tenant, 3)).rejects.toMatchObject({
      code: 'SYNC_RESET_REQUIRED',
      details: { cursor: 3, oldest_available: 5 },
    });
    await expect(log.assertRetained(tenant, 4)).resolves.toBeUndefined();
    expect(await get('/api/v2/sync/archive/stats', tenant)).toEqual({
      status: 200,
      body: { total_events: 6, active_events: 2, archived_events: 4, archive_percentage: 66.67 },
    });

    // Day 25: a third device syncs but stays at 4, holding 5 and 6 back from soft archiving.
    clockAt(new Date(base.getTime() + 25 * DAY));
    await devices.advance(tenant, 2, 'tablet', { appType: 'sales_app', lastEventId: 4, eventsSynced: 0 });
    clockAt(new Date(base.getTime() + 26 * DAY));
    expect((await archiver.run([tenant])).eventsArchived).toBe(0);

    // Day 31: phone-a and phone-b idle for 31 days turn inactive; 5 and 6 are forced out.
    clockAt(new Date(base.getTime() + 31 * DAY));
    expect(await archiver.run([tenant])).toMatchObject({ eventsArchived: 2, devicesDeactivated: 2, devicesDeleted: 0 });
    expect(await ids(tenant)).toEqual([]);
    expect(await devices.get(tenant, 2, 'phone-a')).toMatchObject({ isActive: false, lastEventId: 4 });
    expect(await devices.get(tenant, 2, 'tablet')).toMatchObject({ isActive: true });
    const metrics = await (await fetch(`${running.url}/metrics`)).text();
    expect(metrics).toContain(`sync_active_devices{tenant="${tenant}"} 1`);

    // Day 91: archived events and the long-idle inactive devices are deleted; the tablet turns inactive.
    clockAt(new Date(base.getTime() + 91 * DAY));
    expect(await archiver.run([tenant])).toMatchObject({ eventsDeleted: 6, devicesDeactivated: 1, devicesDeleted: 2 });
    expect(await devices.get(tenant, 2, 'phone-a')).toBeNull();
    expect(await devices.get(tenant, 6, 'phone-b')).toBeNull();
    expect(await devices.get(tenant, 2, 'tablet')).toMatchObject({ isActive: false });
    expect(await running.app.get(EventSummaryRepository).stats(tenant)).toEqual({ total: 0, archived: 0 });

    // The sequence and the retention boundary survive the deletion.
    await expect(log.assertRetained(tenant, 5)).rejects.toMatchObject({ code: 'SYNC_RESET_REQUIRED' });
    await expect(log.assertRetained(tenant, 6)).resolves.toBeUndefined();
    expect((await feed.append(tenant, [newEvent()]))[0].id).toBe(7);
  });

  it.each([
    ['a lagging active device', 3],
    ['devices that synced everything', 8],
    ['no active device', null],
  ])('archives exactly the prefix the rules allow, with %s', async (_label, syncedThrough) => {
    const tenant = randomUUID();
    const now = new Date();
    const agesInDays = [40, 32, 12, 31, 9, 20, 2, 0];
    await feed.append(tenant, agesInDays.map((_, i) => newEvent({ recordId: i + 1 })));
    const db = running.app.get<Db>(DB);
    const loggedAt = agesInDays.map((d) => new Date(now.getTime() - d * DAY));
    for (const [i, at] of loggedAt.entries()) {
      await db.updateTable('events').set({ created_at: at }).where('tenant_id', '=', tenant).where('id', '=', i + 1).execute();
    }
    if (syncedThrough !== null) {
      await devices.advance(tenant, 2, 'phone', { appType: 'sales_app', lastEventId: syncedThrough, eventsSynced: 0 });
    }
    clockAt(now);
    await archiver.run([tenant]);

    const expected = archivablePrefix(
      loggedAt.map((at, i) => ({ id: i + 1, loggedAt: at })),
      0,
      retentionCutoffs(now, running.config.archive),
      syncedThrough,
    );
    expect(expected).toBe({ 3: 4, 8: 6, null: 6 }[String(syncedThrough)]);
    expect(await log.archivedThrough(tenant)).toBe(expected);
    expect(await ids(tenant)).toEqual([1, 2, 3, 4, 5, 6, 7, 8].filter((id) => id > expected));
  });
});

describe('GET /api/v2/sync/archive/stats', () => {
  it('reports only the tenant asked for, and zero for an empty log', async () => {
    const tenant = randomUUID();
    const other = randomUUID();
    await feed.append(other, [newEvent(), newEvent()]);
    expect(await get('/api/v2/sync/archive/stats', tenant)).toEqual({
      status: 200,
      body: { total_events: 0, active_events: 0, archived_events: 0, archive_percentage: 0 },
    });
  });

  it('refuses a request without credentials', async () => {
    const res = await fetch(`${running.url}/api/v2/sync/archive/stats?system_id=x`);
    expect(res.status).toBe(401);
  });

  it("refuses an app user's token with 403: tenant-wide figures are for operators", async () => {
    const token = running.app.get(TokenService).signAccess({ tenantId: 'default', userId: 6, login: 'demo' });
    const res = await fetch(`${running.url}/api/v2/sync/archive/stats?system_id=default`, { headers: { authorization: `Bearer ${token}` } });
    expect({ status: res.status, code: ((await res.json()) as { code: string }).code }).toEqual({ status: 403, code: 'OPERATOR_ONLY' });
  });

  it('asks an operator which tenant', async () => {
    const res = await fetch(`${running.url}/api/v2/sync/archive/stats`, { headers: { 'X-Admin-Key': TEST_ENV.ADMIN_API_KEY } });
    expect(res.status).toBe(400);
  });
});

describe('GET /health/ready with ingestion', () => {
  it('stays ready while a tenant\'s ingestion fails: one Odoo down must not take the instance out of service', async () => {
    const tenant = randomUUID();
    const ingestion = running.app.get(IngestionHealth);
    const start = new Date();
    clockAt(start);
    ingestion.report(tenant, true);
    ingestion.report(tenant, false, 'Odoo unreachable');
    clockAt(new Date(start.getTime() + 3 * running.config.ingest.pollIntervalMs + 1000));
    expect(ingestion.status(tenant)).toMatchObject({ status: 'failing', error: 'Odoo unreachable' });
    const ready = await fetch(`${running.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(Object.keys(((await ready.json()) as { info: Record<string, unknown> }).info)).not.toContain(`ingestion:${tenant}`);
    const metrics = await (await fetch(`${running.url}/metrics`)).text();
    expect(metrics).toMatch(new RegExp(`ingest_lag_seconds\\{tenant="${tenant}"\\} 0\\b`));
    ingestion.report(tenant, false, 'Odoo unreachable');
    expect(await (await fetch(`${running.url}/metrics`)).text()).toContain(`ingest_lag_seconds{tenant="${tenant}"} 7`);
  });
});
