import { randomUUID } from 'node:crypto';
import { FeedWriter } from '../../../src/modules/feed/feed-writer';
import { startOdooSim, type OdooSim } from '../../odoo-sim';
import { startTestApp, type RunningApp } from '../../support/test-app';
import { connectSystem } from '../../support/odoo-tenant';
import { event } from '../smart-sync/helpers';
import { SDK_READS, sdkTypeErrors } from './sdk-reads';

const USER_ID = 2;
const order = (id: number, extra: Record<string, unknown> = {}) =>
  event('sale.order', id, {
    payload: { id, name: `sale.order ${id}`, user_id: [USER_ID, 'Administrator'], company_id: [1, 'YourCompany'], ...extra },
  });

type Body = Record<string, unknown>;
interface Answer {
  status: number;
  body: Body;
}
interface FeedEvent {
  id: number;
  model: string;
  record_id: number;
  event: string;
  payload: Record<string, unknown> | null;
}

/**
 * The Flutter SDK's OdooSyncService (bridgecore_flutter 3.1.0, bridgecore-flutter.md §7) replayed call by call, sent
 * as it sends them (pull and ack name no device; sync-state names it in the body, smart-pull in the query), with
 * every field it casts checked against its Dart type.
 */
describe('Flutter SDK odoo-sync feed (integration)', () => {
  let sim: OdooSim;
  let app: RunningApp;
  let token: string;
  const systemId = `osync-${randomUUID().slice(0, 8)}`;

  async function sdk(method: 'GET' | 'POST', path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    const res = await fetch(`${app.url}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', Authorization: `Bearer ${token}`, ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    return { status: res.status, body: (await res.json()) as Body };
  }

  function reads(answer: Answer, fields: Record<string, string>): Body {
    expect({ status: answer.status, errors: sdkTypeErrors(fields as never, answer.body) }).toEqual({ status: 200, errors: [] });
    return answer.body;
  }

  /** OdooSyncService.pullEvents: {last_event_id, limit, models?, priority?, app_type?}; every event as OdooEvent.fromJson reads it. */
  async function pullEvents(lastEventId: number, limit: number, headers: Record<string, string> = {}): Promise<{ events: FeedEvent[]; last_id: number; has_more: boolean; count: number }> {
    const body = reads(await sdk('POST', '/api/v1/odoo-sync/pull', { last_event_id: lastEventId, limit, app_type: 'sales_app' }, headers), SDK_READS.feedPull);
    const events = body.events as FeedEvent[];
    for (const e of events) expect(sdkTypeErrors(SDK_READS.feedEvent as never, e)).toEqual([]);
    expect(body.count).toBe(events.length);
    return { events, last_id: body.last_id as number, has_more: body.has_more as boolean, count: body.count as number };
  }

  const append = (events: ReturnType<typeof event>[]) => app.app.get(FeedWriter).append(systemId, events);

  beforeAll(async () => {
    sim = await startOdooSim();
    app = await startTestApp({ INGEST: 'off', ODOO_RETRY_DELAYS_MS: 'none' });
    await connectSystem(app, sim, systemId);
    const login = await fetch(`${app.url}/api/v1/auth/tenant/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ email: 'admin', password: 'admin', system_id: systemId }),
    });
    expect(login.status).toBe(200);
    token = ((await login.json()) as { access_token: string }).access_token;
    await append([1, 2, 3, 4, 5].map((n) => order(n)));
  });

  afterAll(async () => {
    await app?.close();
    await sim?.close();
  });

  it('ends with every record when an answer is lost mid-way: the same last_event_id gets the same events (fullSync flow)', async () => {
    const deviceId = `phone-${randomUUID().slice(0, 8)}`;
    const device = { 'X-Device-Id': deviceId };
    // getSyncState: a new device starts at 0.
    const state = reads(await sdk('POST', '/api/v1/odoo-sync/sync-state', { user_id: USER_ID, device_id: deviceId, app_type: 'sales_app' }), {
      sync_state: 'Map',
    }).sync_state as Body;
    expect(sdkTypeErrors(SDK_READS.feedSyncState as never, state)).toEqual([]);
    expect(state).toMatchObject({ user_id: USER_ID, device_id: deviceId, last_event_id: 0 });

    const held = new Map<number, Record<string, unknown> | null>();
    const apply = (events: FeedEvent[]) => {
      for (const e of events) held.set(e.record_id, e.event === 'unlink' ? null : { ...held.get(e.record_id), ...e.payload });
    };
    let last = 0;
    let answers = 0;
    let lost = 0;
    const drain = async (loseAnswer: number) => {
      for (let round = 0; round < 20; round++) {
        const page = await pullEvents(last, 2, device);
        answers++;
        if (answers === loseAnswer) {
          // The answer never reaches the app (timeout, dropped connection): it sends the same position again.
          lost = page.count;
          const again = await pullEvents(last, 2, device);
          expect(again).toEqual(page);
        }
        if (page.events.length === 0) break;
        apply(page.events);
        const ack = reads(await sdk('POST', '/api/v1/odoo-sync/ack', { event_ids: page.events.map((e) => e.id) }, device), SDK_READS.feedAck);
        expect(ack.processed_count).toBe(page.count);
        last = page.last_id;
        if (!page.has_more) break;
      }
    };

    // The first answers are the snapshot (negative page tokens); the second one is lost.
    await drain(2);
    expect(lost).toBe(2);
    expect([...held.keys()].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5]);

    // Changes after the snapshot come from the log; one answer of those is lost too.
    await append([order(6), order(1, { state: 'sale' }), order(7)]);
    await drain(answers + 2);
    expect([...held.keys()].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(held.get(1)).toMatchObject({ state: 'sale' });
    expect(last).toBeGreaterThan(0);

    // The acked position persists: sync-state gives it back, and updateSyncState records one explicitly.
    const after = (reads(await sdk('POST', '/api/v1/odoo-sync/sync-state', { user_id: USER_ID, device_id: deviceId }), { sync_state: 'Map' }).sync_state as Body);
    expect(after.last_event_id).toBe(last);
    const updated = reads(
      await sdk('POST', '/api/v1/odoo-sync/sync-state/update', { user_id: USER_ID, device_id: deviceId, last_event_id: last, events_synced: held.size }),
      { sync_state: 'Map' },
    ).sync_state as Body;
    expect(sdkTypeErrors(SDK_READS.feedSyncState as never, updated)).toEqual([]);
    expect(updated).toMatchObject({ last_event_id: last, device_id: deviceId, is_active: true });
    const stats = reads(await sdk('GET', `/api/v1/odoo-sync/sync-state/stats?user_id=${USER_ID}&device_id=${deviceId}`), { stats: 'Map' }).stats as Body;
    expect(sdkTypeErrors(SDK_READS.feedStats as never, stats)).toEqual([]);
    expect(stats).toMatchObject({ user_id: USER_ID, total_devices: 1, active_devices: 1 });
    expect((stats.devices as Body[])[0]).toMatchObject({ device_id: deviceId, last_event_id: last });
  });

  it('pulls and acks for the device the login session named in sync-state when no X-Device-Id is sent', async () => {
    const deviceId = `tablet-${randomUUID().slice(0, 8)}`;
    await sdk('POST', '/api/v1/odoo-sync/sync-state', { user_id: USER_ID, device_id: deviceId, app_type: 'sales_app' });
    const first = await pullEvents(0, 100);
    expect(first.events.map((e) => e.record_id).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    await sdk('POST', '/api/v1/odoo-sync/ack', { event_ids: first.events.map((e) => e.id) });
    const state = (await sdk('POST', '/api/v1/odoo-sync/sync-state', { user_id: USER_ID, device_id: deviceId })).body.sync_state as Body;
    expect(state.last_event_id).toBe(first.last_id);
  });

  it('smart-pull (query parameters) moves the position with auto_ack and keeps it without', async () => {
    const deviceId = `smart-${randomUUID().slice(0, 8)}`;
    const path = (autoAck: boolean) => `/api/v1/odoo-sync/smart-pull?user_id=${USER_ID}&device_id=${deviceId}&app_type=sales_app&limit=4&auto_ack=${autoAck}`;
    const kept = reads(await sdk('POST', path(false), {}), SDK_READS.feedPull);
    const again = reads(await sdk('POST', path(true), {}), SDK_READS.feedPull);
    expect(again.events).toEqual(kept.events);
    expect(sdkTypeErrors(SDK_READS.feedSyncState as never, again.sync_state)).toEqual([]);
    expect((again.sync_state as Body).last_event_id).toBe(again.last_id);
    const next = reads(await sdk('POST', path(true), {}), SDK_READS.feedPull);
    expect((next.events as FeedEvent[]).map((e) => e.record_id)).not.toContain((kept.events as FeedEvent[])[0].record_id);
  });

  it('refuses positions it did not give the device, another user, and malformed bodies with 4xx, recording nothing', async () => {
    const a = `a-${randomUUID().slice(0, 8)}`;
    const b = `b-${randomUUID().slice(0, 8)}`;
    const page = await pullEvents(0, 2, { 'X-Device-Id': a });
    expect(page.last_id).toBeLessThan(0);
    const foreign = await sdk('POST', '/api/v1/odoo-sync/pull', { last_event_id: page.last_id, limit: 2 }, { 'X-Device-Id': b });
    expect({ status: foreign.status, code: foreign.body.code }).toEqual({ status: 400, code: 'INVALID_SYNC_TOKEN' });
    const ahead = await sdk('POST', '/api/v1/odoo-sync/pull', { last_event_id: 10_000_000, limit: 2 }, { 'X-Device-Id': b });
    expect({ status: ahead.status, code: ahead.body.code }).toEqual({ status: 400, code: 'INVALID_SYNC_TOKEN' });
    const other = await sdk('POST', '/api/v1/odoo-sync/sync-state', { user_id: USER_ID + 1, device_id: b });
    expect({ status: other.status, code: other.body.code }).toEqual({ status: 403, code: 'USER_MISMATCH' });
    const bad = await sdk('POST', '/api/v1/odoo-sync/pull', { last_event_id: '12', limit: 0 }, { 'X-Device-Id': b });
    expect({ status: bad.status, code: bad.body.code }).toEqual({ status: 400, code: 'VALIDATION_ERROR' });
    const stats = (await sdk('GET', `/api/v1/odoo-sync/sync-state/stats?user_id=${USER_ID}&device_id=${b}`)).body.stats as Body;
    expect(stats.total_devices).toBe(0);
  });

  it('answers health without a token and log statistics with one', async () => {
    const health = await fetch(`${app.url}/api/v1/odoo-sync/health`);
    expect(health.status).toBe(200);
    const body = (await health.json()) as Body;
    expect(sdkTypeErrors(SDK_READS.feedHealth as never, body)).toEqual([]);
    expect(body).toMatchObject({ status: 'healthy', odoo_connected: true });
    const stats = reads(await sdk('GET', '/api/v1/odoo-sync/stats?days=7'), { stats: 'Map' }).stats as Body;
    expect(stats).toMatchObject({ days: 7, total_events: 8, by_model: { 'sale.order': 8 } });
  });
});
