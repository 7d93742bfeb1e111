import { randomUUID } from 'node:crypto';
import { ArchiverService } from '../../../src/modules/feed/archiver.service';
import { FeedWriter } from '../../../src/modules/feed/feed-writer';
import { startOdooSim, type OdooSim } from '../../odoo-sim';
import { startTestApp, type RunningApp } from '../../support/test-app';
import { connectSystem } from '../../support/odoo-tenant';
import { event } from '../smart-sync/helpers';
import { SDK_READS, sdkTypeErrors } from './sdk-reads';
// The SDK user: the admin (uid 2). Its orders carry an owner and a company, as Odoo's record rules read them
// (see access.integration-spec for a rep's narrower view).
const USER_ID = 2;
const order = (id: number) =>
  event('sale.order', id, { payload: { id, name: `sale.order ${id}`, user_id: [USER_ID, 'Administrator'], company_id: [1, 'YourCompany'] } });

type Body = Record<string, unknown> & { [key: string]: never | unknown };
interface Answer {
  status: number;
  contentType: string | null;
  body: Body;
}

/**
 * Replays the calls of the Flutter SDK's sync services (bridgecore_flutter 3.1.0, bridgecore-flutter.md §3-§4) in the
 * order of its documented flow, sent exactly as it sends them (paths, query vs body, key names, the map-shaped push
 * and its device-local timestamp), and checks every field it reads with the Dart type it casts to.
 */
describe('Flutter SDK sync contract (integration)', () => {
  let sim: OdooSim;
  let app: RunningApp;
  let token: string;
  const systemId = `sdk-${randomUUID().slice(0, 8)}`;
  const deviceId = `phone-${randomUUID().slice(0, 8)}`;

  /** The SDK's main client: JSON content type and Accept on every request, Bearer when a token is held. */
  async function sdk(method: 'GET' | 'POST', path: string, body?: unknown, raw?: string): Promise<Answer> {
    const res = await fetch(`${app.url}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
    return { status: res.status, contentType: res.headers.get('content-type'), body: (await res.json()) as Body };
  }

  /** A 2xx JSON object carrying every field the SDK reads with its type (§1: anything else is NetworkException). */
  function expectSdkReads(answer: Answer, reads: Record<string, string>): Body {
    expect(answer.status).toBe(200);
    expect(answer.contentType).toMatch(/^application\/json/);
    expect(sdkTypeErrors(reads as never, answer.body)).toEqual([]);
    return answer.body;
  }

  const append = (events: ReturnType<typeof event>[]) => app.app.get(FeedWriter).append(systemId, events);

  beforeAll(async () => {
    sim = await startOdooSim();
    // Change capture is off so the log holds exactly the Odoo changes this suite appends.
    app = await startTestApp({ INGEST: 'off', ODOO_RETRY_DELAYS_MS: 'none' });
    await connectSystem(app, sim, systemId);
  });

  afterAll(async () => {
    await app?.close();
    await sim?.close();
  });

  it('serves the documented flow: login → check-updates → pull → state → push (map) → offline pull → resolve → state → reset → health', async () => {
    // Login through BridgeCore's own route (the SDK's /auth/tenant/* routes are another part of the work).
    const login = await sdk('POST', '/api/v1/auth/login', { username: 'admin', password: 'admin', system_id: systemId });
    expect(login.status).toBe(200);
    token = login.body.access_token as string;
    await append([1, 2, 3].map((n) => order(n)));

    // hasUpdates: the README example passes no parameter.
    const updates = expectSdkReads(await sdk('GET', '/api/v1/webhooks/check-updates'), SDK_READS.checkUpdates);
    expect(updates).toMatchObject({ has_updates: true, pending_events: 3 });
    const forDevice = expectSdkReads(
      await sdk('GET', `/api/v1/webhooks/check-updates?user_id=${USER_ID}&device_id=${deviceId}&app_type=sales_app`),
      SDK_READS.checkUpdates,
    );
    expect(forDevice).toMatchObject({ has_updates: true, pending_events: 3 });

    // smartPull: {user_id int, device_id, app_type, models, limit}; no token ever sent back, so the server moves on.
    const seen: number[] = [];
    for (let round = 0; round < 5; round++) {
      const page = expectSdkReads(
        await sdk('POST', '/api/v2/sync/pull', { user_id: USER_ID, device_id: deviceId, app_type: 'sales_app', models: ['sale.order'], limit: 2 }),
        SDK_READS.smartPull,
      );
      if (!page.has_updates) break;
      seen.push(...(page.events as { record_id: number }[]).map((e) => e.record_id));
    }
    expect(seen).toEqual([1, 2, 3]);
    const after = expectSdkReads(await sdk('GET', `/api/v1/webhooks/check-updates?device_id=${deviceId}`), SDK_READS.checkUpdates);
    expect(after).toMatchObject({ has_updates: false, pending_events: 0 });

    const state = expectSdkReads(await sdk('GET', `/api/v2/sync/state?user_id=${USER_ID}&device_id=${deviceId}`), SDK_READS.smartState);
    expect(state).toMatchObject({ user_id: USER_ID, device_id: deviceId, status: 'active' });

    // pushLocalChanges: model → the app's own maps (README: {id, state, _action}), a device-local timestamp.
    const partner = await sim.env().create('res.partner', { name: 'SDK Customer' });
    const body = {
      device_id: deviceId,
      changes: {
        'res.partner': [
          { id: partner, phone: '+212 600 000 001', _action: 'update' },
          { local_id: 'cust-new', name: 'Café Atlas', _synced: false },
        ],
        'sale.order': [{ id: 999999, state: 'sale', _action: 'update' }],
      },
      timestamp: '2025-12-20T01:02:03.456789',
    };
    const pushed = expectSdkReads(await sdk('POST', '/api/v1/offline-sync/push', body), SDK_READS.offlinePush);
    expect((pushed.successful as string[]).length).toBe(2);
    expect(pushed.successful).toContain('cust-new');
    expect(pushed.failed).toEqual([
      expect.objectContaining({ model: 'sale.order', index: 0, id: 999999, error_code: 'ODOO_RECORD_MISSING', retryable: false }),
    ]);
    expect(pushed.conflicts).toEqual([]);
    expect((await sim.env().read('res.partner', partner, ['phone']))[0].phone).toBe('+212 600 000 001');
    const created = (pushed.id_mapping as Record<string, number>)['cust-new'];
    expect((await sim.env().read('res.partner', created, ['name']))[0].name).toBe('Café Atlas');

    // The SDK re-sends a timed-out POST byte for byte: the same answer, nothing runs twice in Odoo.
    const partnersBefore = await sim.env().searchCount('res.partner', [['name', '=', 'Café Atlas']]);
    const again = expectSdkReads(await sdk('POST', '/api/v1/offline-sync/push', undefined, JSON.stringify(body)), SDK_READS.offlinePush);
    expect(again.successful).toEqual(pushed.successful);
    expect(again.id_mapping).toEqual(pushed.id_mapping);
    expect(await sim.env().searchCount('res.partner', [['name', '=', 'Café Atlas']])).toBe(partnersBefore);
    expect(partnersBefore).toBe(1);

    // pullUpdates: {device_id, models, since, batch_size}; reads data / total_records / synced_at only.
    // A partner without a company: one every internal user may read (Odoo's res.partner rules read company_id).
    await append([
      event('res.partner', 41, { payload: { id: 41, name: 'res.partner 41', company_id: false } }),
      event('res.partner', 41, { payload: { id: 41, phone: '+1', company_id: false } }),
      order(4),
    ]);
    const pulled = expectSdkReads(
      await sdk('POST', '/api/v1/offline-sync/pull', { device_id: deviceId, models: ['res.partner'], since: '2025-12-20T01:02:03.456789', batch_size: 50 }),
      SDK_READS.offlinePull,
    );
    expect(pulled.data).toEqual({ 'res.partner': [{ id: 41, name: 'res.partner 41', phone: '+1', company_id: false }] });
    expect(pulled.total_records).toBe(1);

    // resolveConflicts: {device_id, resolutions: [app maps]} with `resolution`; no `conflicts` key.
    const resolved = expectSdkReads(
      await sdk('POST', '/api/v1/offline-sync/resolve-conflicts', { device_id: deviceId, resolutions: [{ local_id: 'cust-new', resolution: 'client_wins' }] }),
      SDK_READS.offlineResolve,
    );
    expect(resolved.resolved).toEqual([]);
    expect(resolved.failed).toEqual([expect.objectContaining({ local_id: 'cust-new', error_code: 'NOT_IN_CONFLICT' })]);

    const offlineState = expectSdkReads(await sdk('GET', `/api/v1/offline-sync/state?device_id=${deviceId}`), SDK_READS.offlineState);
    expect(offlineState).toMatchObject({ device_id: deviceId, pending_changes: 0 });

    // resetSyncState: {device_id} in the body, no query.
    expect(expectSdkReads(await sdk('POST', '/api/v1/offline-sync/reset', { device_id: deviceId }), SDK_READS.offlineReset).success).toBe(true);
    // resetSmartSyncState: parameters in the query, body {}.
    const reset = await sdk('POST', `/api/v2/sync/reset?user_id=${USER_ID}&device_id=${deviceId}`, {});
    expect(expectSdkReads(reset, SDK_READS.smartReset).success).toBe(true);

    for (const path of ['/api/v2/sync/health', '/api/v1/offline-sync/health']) {
      expect(expectSdkReads(await sdk('GET', path), SDK_READS.health)).toMatchObject({ status: 'healthy', healthy: true });
    }
  });

  it('restarts a device behind retention from a snapshot in a 200 on the SDK routes (any 410 reads as "account deleted")', async () => {
    const device = `old-${randomUUID().slice(0, 8)}`;
    const offline = `off-${randomUUID().slice(0, 8)}`;
    await append([7, 8, 9].map((n) => order(n)));
    const pullBody = { user_id: USER_ID, device_id: device, models: ['sale.order'], limit: 100 };
    // Both devices take a position in the log, then it is archived past them.
    expect((await sdk('POST', '/api/v2/sync/pull', pullBody)).body).toMatchObject({ snapshot: true, has_more: false });
    const [ten] = await append([order(10)]);
    expect((await sdk('POST', '/api/v2/sync/pull', pullBody)).body).toMatchObject({ snapshot: false, new_events_count: 1 });
    // The offline device drains its first snapshot, so it then holds a position in the log.
    await sdk('POST', '/api/v1/offline-sync/pull', { device_id: offline, models: ['sale.order'], batch_size: 100 });
    const [eleven] = await append([order(11), order(12)]);
    await app.app.get(ArchiverService).archiveThrough(systemId, eleven.id, new Date());
    expect(ten.id).toBeLessThan(eleven.id);

    const restarted = expectSdkReads(await sdk('POST', '/api/v2/sync/pull', pullBody), SDK_READS.smartPull);
    expect(restarted).toMatchObject({ reset_required: true, snapshot: true, has_updates: true });
    expect((restarted.events as { record_id: number }[]).map((e) => e.record_id)).toEqual([1, 2, 3, 4, 7, 8, 9, 10, 11, 12]);

    const offlineRestart = expectSdkReads(await sdk('POST', '/api/v1/offline-sync/pull', { device_id: offline, models: ['sale.order'] }), SDK_READS.offlinePull);
    expect(offlineRestart).toMatchObject({ restarted: true, snapshot: true, total_records: 10 });
    expect((offlineRestart.data as Record<string, { id: number }[]>)['sale.order'].map((r) => r.id)).toEqual([1, 2, 3, 4, 7, 8, 9, 10, 11, 12]);
  });

  it("hasUpdates() without arguments answers for the caller's own device: the one its login session pulls as, or X-Device-Id", async () => {
    const login = await sdk('POST', '/api/v1/auth/tenant/login', { email: 'admin', password: 'admin', system_id: systemId });
    expect(login.status).toBe(200);
    const own = { Authorization: `Bearer ${login.body.access_token as string}`, Accept: 'application/json' };
    const hasUpdates = async (headers: Record<string, string> = {}) => {
      const res = await fetch(`${app.url}/api/v1/webhooks/check-updates`, { headers: { ...own, ...headers } });
      const body = (await res.json()) as Body;
      expect({ status: res.status, errors: sdkTypeErrors(SDK_READS.checkUpdates, body) }).toEqual({ status: 200, errors: [] });
      return body;
    };
    const device = `own-${randomUUID().slice(0, 8)}`;
    for (let round = 0; round < 10; round++) {
      const res = await fetch(`${app.url}/api/v2/sync/pull`, {
        method: 'POST',
        headers: { ...own, 'Content-Type': 'application/json' },
        body: JSON.stringify({ user_id: USER_ID, device_id: device, app_type: 'sales_app', limit: 100 }),
      });
      if (!((await res.json()) as Body).has_updates) break;
    }
    // Up to date: the SDK's "default" device, which never pulled, would have the whole snapshot pending.
    expect(await hasUpdates()).toMatchObject({ has_updates: false, pending_events: 0, device_id: device });
    await append([order(30)]);
    expect(await hasUpdates()).toMatchObject({ has_updates: true, pending_events: 1, device_id: device });
    const other = await hasUpdates({ 'X-Device-Id': `${device}-b` });
    expect(other).toMatchObject({ has_updates: true, device_id: `${device}-b` });
    expect(other.pending_events).toBeGreaterThan(1);
  });

  it('refuses a malformed map-shaped push with a 400 naming the record, running nothing', async () => {
    const before = await sim.env().searchCount('res.partner', []);
    const bad = await sdk('POST', '/api/v1/offline-sync/push', {
      device_id: deviceId,
      changes: { 'res.partner': [{ name: 'Valid' }, { _action: 'delete' }], 'Not A Model': [] },
      timestamp: '2025-12-20T01:02:03',
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'VALIDATION_ERROR' });
    const fields = (bad.body.details as { fields: { field: string }[] }).fields.map((f) => f.field);
    expect(fields).toEqual(['changes.res.partner.1', 'changes.Not A Model']);
    expect(await sim.env().searchCount('res.partner', [])).toBe(before);
  });
});
