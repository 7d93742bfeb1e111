import { ArchiverService } from '../../../src/modules/feed/archiver.service';
import { CACHE_STORE, PUB_SUB } from '../../../src/modules/cache/cache.types';
import { EventAppendRepository } from '../../../src/modules/feed/event-append.repository';
import { EventLogRepository } from '../../../src/modules/feed/event-log.repository';
import { FeedTail } from '../../../src/modules/feed/feed-tail';
import { FeedWriter } from '../../../src/modules/feed/feed-writer';
import { FeedHeads } from '../../../src/modules/pull/feed-heads';
import { StateWriter } from '../../../src/modules/devices/state-writer';
import { startTestApp, waitFor, type RunningApp } from '../../support/test-app';
import { append, call, event, ids, newTenant, pull, recordQueries, tokenFor, type PullBody } from './helpers';

/** Smart Sync v2 over HTTP on the whole app; events enter through the event log as ingestion writes them. */
describe('Smart Sync v2 pull (integration)', () => {
  let app: RunningApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('returns every event once and never twice, paging with has_more', async () => {
    const tenant = newTenant();
    const token = await tokenFor(app, tenant);
    await append(app, tenant, [1, 2, 3, 4, 5].map((n) => event('sale.order', n)));
    const device = { user_id: 2, device_id: 'phone-1', limit: 2 };

    const pages = [];
    for (let i = 0; i < 3; i++) pages.push((await pull(app, token, device)).body);
    expect(pages.map((p) => [ids(p), p.has_more])).toEqual([
      [[1, 2], true],
      [[3, 4], true],
      [[5], false],
    ]);
    expect(pages[0].events[0]).toEqual({
      id: 1,
      model: 'sale.order',
      record_id: 1,
      // A new device starts with a snapshot: each record once, in the shape of a create event.
      event: 'create',
      timestamp: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      priority: 'medium',
      snapshot: true,
      payload: { id: 1, name: 'sale.order 1' },
    });

    const idle = (await pull(app, token, device)).body;
    expect(idle).toMatchObject({ has_updates: false, new_events_count: 0, events: [], next_sync_token: '5', has_more: false });

    // A new event shows up within moments (the instance re-reads the feed head at most every 200 ms).
    await append(app, tenant, [event('res.partner', 7)]);
    const next = (await waitFor(async () => {
      const body = (await pull(app, token, device)).body;
      return body.has_updates ? body : null;
    })) as PullBody;
    expect(next.events.map((e) => [e.id, e.model])).toEqual([[6, 'res.partner']]);
    expect((await pull(app, token, device)).body.events).toEqual([]);
  });

  it('gives a never-synced device the epoch as last_sync_time, then the time of its previous pull', async () => {
    const tenant = newTenant();
    const token = await tokenFor(app, tenant);
    const first = (await pull(app, token, { user_id: 2, device_id: 'new' })).body;
    expect(first.last_sync_time).toBe('1970-01-01T00:00:00.000Z');
    expect(first.last_sync_at).toBe(first.last_sync_time);
    const second = (await pull(app, token, { user_id: '2', device_id: 'new' })).body;
    expect(Date.parse(second.last_sync_time)).toBeGreaterThan(Date.now() - 60_000);
    expect(second.last_sync_time).toMatch(/Z$/);
  });

  it('loses nothing when a response is lost: pulling again with the old ack returns the same events', async () => {
    const tenant = newTenant();
    const token = await tokenFor(app, tenant);
    await append(app, tenant, [event('sale.order', 1), event('res.partner', 2)]);
    const device = { user_id: 2, device_id: 'phone-ack' };

    // Token "0" starts a snapshot: the records in (model, id) order.
    const first = (await pull(app, token, { ...device, ack_token: '0' })).body;
    expect(ids(first)).toEqual([2, 1]);
    // The response above never reached the phone: it still holds token "0".
    const retry = (await pull(app, token, { ...device, ack_token: '0' })).body;
    expect(ids(retry)).toEqual([2, 1]);
    expect(retry.next_sync_token).toBe(first.next_sync_token);

    await append(app, tenant, [event('sale.order', 3)]);
    const acked = (await waitFor(async () => {
      const body = (await pull(app, token, { ...device, ack_token: retry.next_sync_token })).body;
      return body.has_updates ? body : null;
    })) as PullBody;
    expect(ids(acked)).toEqual([3]);
    const state = await call(app, token, 'GET', '/api/v2/sync/state?user_id=2&device_id=phone-ack');
    expect(state.body.last_event_id).toBe(2);
  });

  it('rejects an ack_token that is garbage or ahead of the log', async () => {
    const tenant = newTenant();
    const token = await tokenFor(app, tenant);
    await append(app, tenant, [event('sale.order', 1)]);
    for (const ack of ['xyz', '2']) {
      const res = await pull(app, token, { user_id: 2, device_id: 'd', ack_token: ack });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('INVALID_SYNC_TOKEN');
    }
  });

  it('reports the state and resets it so the next pull starts from the start of the retained history', async () => {
    const tenant = newTenant();
    const token = await tokenFor(app, tenant);
    await append(app, tenant, [event('sale.order', 1), event('sale.order', 2)]);
    await pull(app, token, { user_id: 2, device_id: 'tablet' });
    await pull(app, token, { user_id: 2, device_id: 'tablet' });

    const state = await call(app, token, 'GET', '/api/v2/sync/state?user_id=2&device_id=tablet');
    expect(state.status).toBe(200);
    expect(state.body).toMatchObject({
      user_id: 2,
      device_id: 'tablet',
      app_type: 'sales_app',
      last_event_id: 2,
      total_events_synced: 2,
      is_active: true,
    });
    expect(state.body.sync_count).toBeGreaterThanOrEqual(1);
    expect(state.body.last_sync_time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(state.body.last_sync_at).toBe(state.body.last_sync_time);

    const reset = await call(app, token, 'POST', '/api/v2/sync/reset?user_id=2&device_id=tablet');
    expect(reset.status).toBe(200);
    expect(reset.body).toMatchObject({ status: 'success', success: true, message: expect.any(String) });
    expect(ids((await pull(app, token, { user_id: 2, device_id: 'tablet' })).body)).toEqual([1, 2]);

    const missing = await call(app, token, 'GET', '/api/v2/sync/state?user_id=2&device_id=never');
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('SYNC_STATE_NOT_FOUND');
  });

  it('moves a device behind the retained history onto a snapshot (200, reset_required), with or without an ack', async () => {
    const tenant = newTenant();
    const token = await tokenFor(app, tenant);
    await append(app, tenant, [1, 2, 3, 4].map((n) => event('sale.order', n)));
    await append(app, tenant, [event('sale.order', 2, { event: 'unlink', payload: null })]);
    await pull(app, token, { user_id: 2, device_id: 'old', limit: 1, ack_token: '1' });
    await pull(app, token, { user_id: 2, device_id: 'old-acking', limit: 1, ack_token: '1' });
    await app.app.get(ArchiverService).archiveThrough(tenant, 3, new Date());

    // SPEC §4: never a silent partial history. The flag tells the device to drop what it holds; the snapshot brings
    // back every live record, also those whose events were archived (record 2's unlink is in the snapshot's absence).
    const moved = await pull(app, token, { user_id: 2, device_id: 'old' });
    expect(moved.status).toBe(200);
    const records = moved.body.events.map((e) => e.record_id);
    expect([records, moved.body.reset_required, moved.body.snapshot, moved.body.has_more]).toEqual([[1, 3, 4], true, true, false]);
    const next = await pull(app, token, { user_id: 2, device_id: 'old' });
    expect([next.status, next.body.reset_required, next.body.events.length, next.body.next_sync_token]).toEqual([200, false, 0, '5']);

    // A device acking its old token is moved too, and its next ack (the snapshot's token) continues from there.
    const acking = await pull(app, token, { user_id: 2, device_id: 'old-acking', limit: 2, ack_token: '1' });
    expect([acking.body.reset_required, acking.body.events.map((e) => e.record_id), acking.body.next_sync_token]).toEqual([
      true,
      [1, 3],
      '5:sale.order:3:1',
    ]);
    const rest = await pull(app, token, { user_id: 2, device_id: 'old-acking', limit: 2, ack_token: acking.body.next_sync_token });
    expect([rest.body.reset_required, rest.body.events.map((e) => e.record_id), rest.body.next_sync_token]).toEqual([false, [4], '5:sale.order:4:0']);
  });

  it('restarts a device whose server-kept cursor fell behind retention with a snapshot, flagged in a 200', async () => {
    // The Flutter SDK never sends ack_token and reads any 410 as "account deleted" (bridgecore-flutter.md §0.2).
    const tenant = newTenant();
    const token = await tokenFor(app, tenant);
    await append(app, tenant, [1, 2, 3, 4].map((n) => event('sale.order', n)));
    await pull(app, token, { user_id: 2, device_id: 'old', limit: 1, ack_token: '1' });
    await app.app.get(ArchiverService).archiveThrough(tenant, 3, new Date());

    const restarted = await pull(app, token, { user_id: 2, device_id: 'old' });
    expect(restarted.status).toBe(200);
    expect(restarted.body).toMatchObject({ reset_required: true, snapshot: true, has_updates: true, new_events_count: 4 });
    expect(ids(restarted.body)).toEqual([1, 2, 3, 4]);
    const next = await pull(app, token, { user_id: 2, device_id: 'old' });
    expect(next.body).toMatchObject({ reset_required: false, new_events_count: 0 });
  });

  it("refuses another user's user_id with 403 on pull, state and reset", async () => {
    const tenant = newTenant();
    const token = await tokenFor(app, tenant, 6);
    const res = await pull(app, token, { user_id: 2, device_id: 'd' });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: 'UserMismatch', code: 'USER_MISMATCH' });
    expect((await call(app, token, 'GET', '/api/v2/sync/state?user_id=2&device_id=d')).status).toBe(403);
    expect((await call(app, token, 'POST', '/api/v2/sync/reset?user_id=2&device_id=d')).status).toBe(403);
    expect((await pull(app, '', { user_id: 2, device_id: 'd' })).status).toBe(401);
  });

  it("isolates tenants: the same user and device in tenant B never see tenant A's events, state or cached pages", async () => {
    const a = newTenant();
    const b = newTenant();
    const tokenA = await tokenFor(app, a);
    const tokenB = await tokenFor(app, b);
    await append(app, a, [1, 2, 3].map((n) => event('sale.order', n, { payload: { secret: `A${n}` } })));
    await append(app, b, [event('sale.order', 9, { payload: { secret: 'B' } })]);
    const device = { user_id: 2, device_id: 'same-device' };

    const pulledA = (await pull(app, tokenA, device)).body;
    expect(pulledA.events.map((e) => e.payload?.secret)).toEqual(['A1', 'A2', 'A3']);
    // Same cursor, scope and limit as A's cached page: B must get its own.
    const pulledB = (await pull(app, tokenB, device)).body;
    expect(pulledB.events.map((e) => e.payload?.secret)).toEqual(['B']);
    expect(pulledB.next_sync_token).toBe('1:sale.order:9:0');

    // A pull without ack_token records its position once the answer was written, just after the client read it.
    const stateOf = (token: string) => call(app, token, 'GET', '/api/v2/sync/state?user_id=2&device_id=same-device');
    await waitFor(async () => (await stateOf(tokenA)).body.last_event_id === 3);
    await waitFor(async () => (await stateOf(tokenB)).body.last_event_id === 1);
    await call(app, tokenB, 'POST', '/api/v2/sync/reset?user_id=2&device_id=same-device');
    expect((await stateOf(tokenA)).body.last_event_id).toBe(3);
    // A's token acking a position that only exists in A's log is refused by B... and vice versa.
    expect((await pull(app, tokenB, { ...device, ack_token: '3' })).body.code).toBe('INVALID_SYNC_TOKEN');
  });

  it('filters by app type and models_filter, narrowing but never widening', async () => {
    const tenant = newTenant();
    const token = await tokenFor(app, tenant);
    // res.company: a model of this Odoo that only an app type of every model ('*') syncs.
    await append(app, tenant, [event('sale.order', 1), event('stock.picking', 2), event('res.partner', 3), event('res.company', 4)]);

    const sales = (await pull(app, token, { user_id: 2, device_id: 's' })).body;
    expect(sales.events.map((e) => e.model)).toEqual(['res.partner', 'sale.order']);
    expect(sales.next_sync_token).toBe('4:sale.order:1:0');

    const delivery = (await pull(app, token, { user_id: 2, device_id: 'dl', app_type: 'delivery_app', models_filter: ['stock.picking', 'res.company'] })).body;
    expect(delivery.events.map((e) => e.model)).toEqual(['stock.picking']);
    expect(delivery.sync_state).toMatchObject({ app_type: 'delivery_app', models: ['stock.picking'], ignored_models: ['res.company'] });

    const manager = (await pull(app, token, { user_id: 2, device_id: 'm', app_type: 'manager_app', models: ['res.company'] })).body;
    expect(manager.events.map((e) => e.model)).toEqual(['res.company']);

    const unknown = await pull(app, token, { user_id: 2, device_id: 'x', app_type: 'nope' });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ code: 'UNKNOWN_APP_TYPE', details: { known_app_types: expect.arrayContaining(['sales_app', 'manager_app']) } });
  });

  it('serves an up-to-date device and a cached page without any database query', async () => {
    const tenant = newTenant();
    const token = await tokenFor(app, tenant);
    await append(app, tenant, [1, 2, 3].map((n) => event('sale.order', n)));
    await pull(app, token, { user_id: 2, device_id: 'warm' });
    await pull(app, token, { user_id: 2, device_id: 'other', ack_token: '1' });
    await app.app.get(StateWriter).flush();

    const queries = recordQueries();
    try {
      const upToDate = await pull(app, token, { user_id: 2, device_id: 'warm' });
      expect(upToDate.body).toMatchObject({ has_updates: false, next_sync_token: '3' });
      const cachedPage = await pull(app, token, { user_id: 2, device_id: 'other', ack_token: '1' });
      expect(ids(cachedPage.body)).toEqual([2, 3]);
    } finally {
      queries.stop();
    }
    // Only the write-behind state flush may run meanwhile; no read reaches the database.
    expect(queries.sql.filter((q) => !q.startsWith('insert into "device_states"'))).toEqual([]);

  });

  it('cuts pages near the head from the in-process tail: one read of the log per new stretch, however many devices pull it', async () => {
    const tenant = newTenant();
    const token = await tokenFor(app, tenant);
    await append(app, tenant, [1, 2, 3].map((n) => event('sale.order', n)));
    await pull(app, token, { user_id: 2, device_id: 'a', ack_token: '1' });
    for (const d of ['b', 'c', 'd']) await pull(app, token, { user_id: 2, device_id: d, ack_token: '3' });
    await app.app.get(StateWriter).flush();
    // Another instance appends: this one hears of the new head but holds none of its events.
    const otherInstance = new FeedWriter(app.app.get(EventAppendRepository), new FeedTail(app.app.get(EventLogRepository), app.config, app.app.get(PUB_SUB)), app.app.get(CACHE_STORE), app.app.get(PUB_SUB));
    await otherInstance.append(tenant, [4, 5, 6].map((n) => event('sale.order', n)));
    await app.app.get(FeedHeads).latest(tenant);

    const queries = recordQueries();
    let pages: PullBody[];
    try {
      pages = [];
      for (const [d, ack] of [['a', '1'], ['b', '3'], ['c', '4'], ['d', '5']]) {
        pages.push((await pull(app, token, { user_id: 2, device_id: d, ack_token: ack })).body);
      }
    } finally {
      queries.stop();
    }
    expect(pages.map(ids)).toEqual([[2, 3, 4, 5, 6], [4, 5, 6], [5, 6], [6]]);
    const reads = queries.sql.filter((q) => /from "?events"?/.test(q));
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatch(/"id" > \$2 and "id" <= \$3/);
  });

  it("gives a pull this instance's own append at once, before the announcement of the new head arrives", async () => {
    const tenant = newTenant();
    const token = await tokenFor(app, tenant);
    const device = { user_id: 2, device_id: 'own-append' };
    await append(app, tenant, [event('sale.order', 1)]);
    expect(ids((await pull(app, token, device)).body)).toEqual([1]);
    // The announcement is late (pub/sub delivers after the append returned, Redis later still): held back here.
    const publish = jest.spyOn(app.app.get(PUB_SUB), 'publish').mockResolvedValue(undefined);
    try {
      const seen: number[][] = [];
      for (let n = 2; n <= 6; n++) {
        // The head remembered just now, as a pull a moment before would have left it.
        await app.app.get(FeedHeads).latest(tenant);
        await append(app, tenant, [event('sale.order', n)]);
        seen.push(ids((await pull(app, token, device)).body));
      }
      expect(seen).toEqual([[2], [3], [4], [5], [6]]);
    } finally {
      publish.mockRestore();
    }
  });

  it('answers the legacy check-updates from the default app type models', async () => {
    const tenant = newTenant();
    const token = await tokenFor(app, tenant);
    const before = new Date(Date.now() - 60_000).toISOString();
    await append(app, tenant, [event('sale.order', 1), event('sale.order', 2), event('res.partner', 3), event('stock.picking', 4)]);

    const res = await call(app, token, 'GET', `/api/v1/check-updates?since=${encodeURIComponent(before)}&limit=10`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      has_update: true,
      summary: [
        { model: 'sale.order', count: 2 },
        { model: 'res.partner', count: 1 },
      ],
    });
    const again = await call(app, token, 'GET', `/api/v1/check-updates?since=${encodeURIComponent(String(res.body.last_update_at))}`);
    expect(again.body).toEqual({ has_update: false, last_update_at: null, sync_token: res.body.sync_token, summary: [] });
  });

  it('exports the sync metrics', async () => {
    const res = await fetch(`${app.url}/metrics`);
    const text = await res.text();
    expect(text).toMatch(/sync_requests_total\{endpoint="pull",status="200"\} [1-9]/);
    expect(text).toMatch(/sync_errors_total\{endpoint="pull",code="USER_MISMATCH"\} [1-9]/);
    expect(text).toMatch(/sync_cache_hits_total\{endpoint="pull"\} [1-9]/);
    expect(text).toMatch(/sync_cache_misses_total\{endpoint="pull"\} [1-9]/);
    expect(text).toMatch(/sync_events_returned_total\{endpoint="pull"\} [1-9]/);
    expect(text).toMatch(/sync_duration_seconds_count\{endpoint="pull"\} [1-9]/);
  });
});
