import { EventArchiveRepository } from '../../../src/modules/feed/event-archive.repository';
import { FeedWriter } from '../../../src/modules/feed/feed-writer';
import type { NewEvent } from '../../../src/modules/feed/event.types';
import type { PullResponse, ResetResponse, StateResponse } from '../../../src/modules/offline-sync/offline-sync.types';
import { DeviceStateRepository } from '../../../src/modules/devices/device-state.repository';
import { StateWriter } from '../../../src/modules/devices/state-writer';
import { CACHE_STORE, type KeyValueStore } from '../../../src/modules/cache/cache.types';
import { deviceKey, DeviceStore } from '../../../src/modules/devices/device-store';
import { event } from '../smart-sync/helpers';
import { waitFor } from '../../support/test-app';
import { api, newTenant, push, startHarness, unique, type Harness, type Tenant } from './helpers';

describe('Offline pull, state and reset (integration)', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ RATE_LIMITS: 'on', RATE_LIMIT_RESET_PER_HOUR: '2' });
  });

  afterAll(() => h?.close());

  // A pull delivers what the user (demo, 'Sales / User: Own Documents Only') may read in Odoo 18: the events here
  // carry the values Odoo's rules read — an order of his company without salesperson, a non-shared partner.
  const readableByDemo = (e: NewEvent): NewEvent => ({ ...e, payload: { company_id: [1, 'YourCompany'], user_id: false, partner_share: false, ...e.payload } });
  const append = (t: Tenant, events: NewEvent[]) => h.app.app.get(FeedWriter).append(t.tenantId, events.map(readableByDemo));
  const pull = (t: Tenant, body: Record<string, unknown>) => api<PullResponse>(h, t.token, 'POST', '/pull', { device_id: 'phone-1', ...body });
  /** A device that already synced (its first pull, a snapshot, is done): later pulls read the log. Returns its cursor. */
  const synced = async (t: Tenant, deviceId = 'phone-1'): Promise<number> => {
    const [marker] = await append(t, [event('product.product', 1)]);
    const first = await api<PullResponse>(h, t.token, 'POST', '/pull', { device_id: deviceId, app_type: 'sales_app' });
    expect([first.body.snapshot, first.body.last_event_id]).toEqual([true, marker.id]);
    return marker.id;
  };

  it('serves the app type models from the cursor on, advancing the device state', async () => {
    const t = await newTenant(h);
    await synced(t);
    const stored = await append(t, [
      event('sale.order', 1, { priority: 'high' }),
      event('stock.picking', 2),
      event('res.partner', 3, { event: 'create', changedFields: null }),
    ]);
    const first = await pull(t, { app_type: 'sales_app' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ success: true, has_updates: true, new_events_count: 2, has_more: false, total_available: 2 });
    expect(first.body.events.map((e) => [e.model, e.record_id, e.action])).toEqual([
      ['sale.order', 1, 'write'],
      ['res.partner', 3, 'create'],
    ]);
    expect(first.body.events[0]).toMatchObject({ event_id: stored[0].id, priority: 'high', category: 'business', origin: 'server' });
    expect(first.body.events[0].data).toMatchObject({ id: 1, name: 'sale.order 1' });
    expect(first.body.events[0].timestamp).toMatch(/Z$/);
    expect(first.body.last_event_id).toBe(stored[2].id);

    const second = await pull(t, {});
    expect(second.body).toMatchObject({ has_updates: false, new_events_count: 0, last_event_id: stored[2].id });

    const state = await api<StateResponse>(h, t.token, 'GET', '/state?device_id=phone-1');
    expect(state.body).toMatchObject({
      device_id: 'phone-1',
      user_id: t.userId,
      last_event_id: stored[2].id,
      total_syncs: 3,
      total_events_synced: 3,
      sync_status: 'idle',
      pending_changes: 0,
      app_type: 'sales_app',
    });
    expect(state.body.next_sync_token).toBe(`${t.userId}_phone-1_${stored[2].id}`);
  });

  it('narrows with models_filter (never widening the app type) and priority_filter, and pages with limit/offset', async () => {
    const t = await newTenant(h);
    const base = await synced(t);
    await append(t, [
      event('sale.order', 1, { priority: 'high' }),
      event('sale.order', 2),
      event('sale.order', 3, { priority: 'high' }),
      event('stock.picking', 4, { priority: 'high' }),
      event('sale.order', 5, { priority: 'high' }),
    ]);
    const narrowed = await pull(t, { app_type: 'sales_app', models_filter: ['sale.order', 'stock.picking'], priority_filter: ['high'], limit: 2, last_event_id: base });
    expect(narrowed.body.events.map((e) => e.record_id)).toEqual([1, 3]);
    expect(narrowed.body).toMatchObject({ has_more: true, total_available: 3, new_events_count: 2 });

    // The filtered-out medium event 2 is not skipped: the cursor stopped before it, so the next pulls bring it.
    expect(narrowed.body.last_event_id).toBe(base + 1);
    const rest = await pull(t, { app_type: 'sales_app', models_filter: ['sale.order'], priority_filter: ['high'], limit: 2 });
    expect(rest.body.events.map((e) => e.record_id)).toEqual([3, 5]);
    const unfiltered = await pull(t, { app_type: 'sales_app', models_filter: ['sale.order'], limit: 10 });
    expect(unfiltered.body.events.map((e) => e.record_id)).toEqual([2, 3, 5]);

    const paged = await pull(t, { app_type: 'sales_app', models_filter: ['sale.order'], last_event_id: base, limit: 2, offset: 2, include_payload: false, include_metadata: true });
    expect(paged.body.events.map((e) => e.record_id)).toEqual([3, 5]);
    expect(paged.body.events[0].data).toBeNull();
    expect(paged.body.events[0].metadata).toEqual({ source: 'write_date', user_id: 2 });
    // Events 1 and 2 were before the offset, not sent: the stored cursor stays where the pull started.
    expect(paged.body.last_event_id).toBe(base);
  });

  it('flags the device own pushed changes coming back through the feed as origin "self"', async () => {
    const t = await newTenant(h);
    const base = await synced(t);
    const res = await push(h, t, { device_id: 'phone-1', changes: [{ local_id: 'mine', action: 'create', model: 'res.partner', data: { name: unique('Self') } }] });
    const id = res.body.id_mapping.mine;
    const [row] = h.sim.peek('res.partner', [['id', '=', id]], ['write_date']);
    const writeDate = new Date(`${String(row.write_date).replace(' ', 'T')}Z`);
    await append(t, [
      event('res.partner', id, { event: 'create', timestamp: writeDate, payload: { id, write_date: row.write_date } }),
      event('res.partner', id, { timestamp: new Date(writeDate.getTime() + 60_000) }),
    ]);
    const pulled = await pull(t, { app_type: 'sales_app', last_event_id: base });
    expect(pulled.body.events.map((e) => [e.origin, e.local_id])).toEqual([
      ['self', 'mine'],
      ['server', undefined],
    ]);
    // Another device of the same user sees both as server changes.
    const other = await api<PullResponse>(h, t.token, 'POST', '/pull', { device_id: 'tablet', app_type: 'sales_app', last_event_id: base });
    expect(other.body.events.map((e) => e.origin)).toEqual(['server', 'server']);
  });

  it('answers 410 SYNC_RESET_REQUIRED, moving nothing, to a last_event_id behind the retained history', async () => {
    const t = await newTenant(h);
    await synced(t);
    const stored = await append(t, [1, 2, 3, 4].map((n) => event('sale.order', n)));
    expect((await pull(t, { limit: 1 })).body.last_event_id).toBe(stored[0].id);
    // Events 2 and 3 leave the retained history before this device read them: a pull must not skip them silently.
    await h.app.app.get(EventArchiveRepository).archiveThrough(t.tenantId, stored[2].id, new Date());

    const explicit = await pull(t, { last_event_id: stored[1].id });
    expect(explicit.status).toBe(410);
    expect(explicit.body).toMatchObject({ error: 'SyncResetRequired', code: 'SYNC_RESET_REQUIRED' });
    const state = await api<StateResponse>(h, t.token, 'GET', '/state?device_id=phone-1');
    expect(state.body.last_event_id).toBe(stored[0].id);

    const fromRetained = await pull(t, { last_event_id: stored[2].id });
    expect(fromRetained.status).toBe(200);
    expect(fromRetained.body.events.map((e) => e.event_id)).toEqual([stored[3].id]);
  });

  it('gives a new device a snapshot of the current records in pages, then the log, and continues a snapshot v2 started', async () => {
    const t = await newTenant(h);
    await append(t, [1, 2, 3, 4].map((n) => event('res.partner', n)));
    await append(t, [
      event('res.partner', 2, { event: 'write', payload: { name: 'renamed' } }),
      event('res.partner', 3, { event: 'unlink', payload: null }),
    ]);
    const first = await pull(t, { app_type: 'sales_app', limit: 2 });
    expect(first.body).toMatchObject({ snapshot: true, has_more: true, total_available: 1, last_event_id: 6 });
    expect(first.body.events.map((e) => [e.record_id, e.action, e.data?.name])).toEqual([
      [1, 'create', 'res.partner 1'],
      [2, 'create', 'renamed'],
    ]);
    // A client sending back the last_event_id it got continues the snapshot rather than skipping its rest.
    const second = await pull(t, { app_type: 'sales_app', limit: 2, last_event_id: first.body.last_event_id });
    expect([second.body.events.map((e) => e.record_id), second.body.snapshot, second.body.has_more]).toEqual([[4], true, false]);
    await append(t, [event('res.partner', 4, { event: 'write', payload: { name: 'later' } })]);
    const log = await pull(t, { app_type: 'sales_app' });
    expect([log.body.events.map((e) => [e.record_id, e.action, e.data?.name]), log.body.snapshot]).toEqual([[[4, 'write', 'later']], false]);

    // v1 and v2 share the device state: a v1 pull in the middle of a v2 snapshot continues it.
    const v2 = await fetch(`${h.app.url}/api/v2/sync/pull`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${t.token}` },
      body: JSON.stringify({ user_id: t.userId, device_id: 'both', limit: 1 }),
    });
    expect([v2.status, ((await v2.json()) as { next_sync_token: string }).next_sync_token]).toEqual([200, '7:res.partner:1:2']);
    const v1 = await api<PullResponse>(h, t.token, 'POST', '/pull', { device_id: 'both', app_type: 'sales_app', limit: 5 });
    expect([v1.body.snapshot, v1.body.events.map((e) => e.record_id)]).toEqual([true, [2, 4]]);
  });

  it('gives a device whose models_filter or app type widens the earlier records of the models that entered its scope', async () => {
    const t = await newTenant(h, 2);
    await append(t, [event('res.partner', 1), event('sale.order', 1), event('res.partner', 2), event('stock.picking', 1)]);
    const key = (e: { model: string; record_id: number }) => `${e.model}:${e.record_id}`;
    const orders = { app_type: 'sales_app', models_filter: ['sale.order'] };
    const first = await pull(t, orders);
    expect([first.body.snapshot, first.body.events.map(key)]).toEqual([true, ['sale.order:1']]);
    await append(t, [event('res.partner', 1, { payload: { name: 'partner moved' } }), event('sale.order', 2)]);
    const log = await pull(t, orders);
    expect([log.body.snapshot, log.body.events.map(key)]).toEqual([false, ['sale.order:2']]);

    // Partners enter the filter (the SDK's `models` and `batch_size`): their events before the cursor were never
    // sent, so a snapshot at the cursor brings every record of the new scope, with their current values.
    const widened = await pull(t, { app_type: 'sales_app', models: ['sale.order', 'res.partner'], batch_size: 3 });
    expect([widened.body.snapshot, widened.body.restarted, widened.body.events.map(key), widened.body.last_event_id]).toEqual([
      true,
      false,
      ['res.partner:1', 'res.partner:2', 'sale.order:1'],
      log.body.last_event_id,
    ]);
    expect(widened.body.events[0]).toMatchObject({ action: 'create', data: { name: 'partner moved' } });
    const rest = await pull(t, { app_type: 'sales_app', models: ['sale.order', 'res.partner'], batch_size: 3 });
    expect([rest.body.snapshot, rest.body.events.map(key), rest.body.has_more]).toEqual([true, ['sale.order:2'], false]);

    // Another app type brings stock.picking: the snapshot restarts over the delivery app's models.
    const delivery = await pull(t, { app_type: 'delivery_app' });
    expect([delivery.body.snapshot, delivery.body.events.map(key)]).toEqual([true, ['res.partner:1', 'res.partner:2', 'stock.picking:1']]);
    // A narrower scope changes nothing: the log continues.
    await append(t, [event('stock.picking', 1, { payload: { name: 'picked' } })]);
    const narrower = await pull(t, { app_type: 'delivery_app', models_filter: ['stock.picking'] });
    expect([narrower.body.snapshot, narrower.body.events.map((e) => [key(e), e.action])]).toEqual([false, [['stock.picking:1', 'write']]]);
  });

  it('ends with a v1 device equal to the log when its filter widens while writes interleave with its snapshot', async () => {
    const t = await newTenant(h, 2);
    const models = ['res.partner', 'sale.order'];
    const truth = new Map<string, Record<string, unknown>>();
    let head = 0;
    const logged = async (events: NewEvent[]) => {
      const stored = await append(t, events);
      for (const e of stored) {
        const k = `${e.model}:${e.recordId}`;
        if (e.event === 'unlink') truth.delete(k);
        else truth.set(k, { ...truth.get(k), ...e.payload });
      }
      head = Math.max(head, ...stored.map((e) => e.id));
    };
    await logged(models.flatMap((m) => Array.from({ length: 120 }, (_, i) => event(m, i + 1, { event: 'create', payload: { id: i + 1, v: 0 } }))));
    const view = new Map<string, Record<string, unknown>>();
    const apply = (body: PullResponse) => {
      for (const e of body.events) {
        const k = `${e.model}:${e.record_id}`;
        if (e.action === 'unlink') view.delete(k);
        else view.set(k, { ...view.get(k), ...e.data });
      }
    };
    let nextId = 121;
    // Rounds 0-9 pull orders only; then the filter widens to partners, in the middle of the log or a snapshot.
    for (let round = 0; round < 30; round++) {
      const m = models[round % 2];
      const changes = [
        event(m, 1 + ((round * 7) % 120), { event: 'write', payload: { v: round + 1 } }),
        event(m, 120 - ((round * 11) % 120), { event: 'write', payload: { v: -(round + 1), note: `r${round}` } }),
        event(m, nextId++, { event: 'create', payload: { id: nextId - 1, v: 0 } }),
      ];
      if (round % 5 === 0) changes.push(event(m, 2 + round, { event: 'unlink', payload: null }));
      const filter = round < 10 ? ['sale.order'] : models;
      const [body] = await Promise.all([pull(t, { app_type: 'sales_app', models_filter: filter, limit: 20, device_id: 'racing' }), logged(changes)]);
      expect(body.status).toBe(200);
      apply(body.body);
    }
    await waitFor(async () => {
      const body = (await pull(t, { app_type: 'sales_app', models_filter: models, limit: 50, device_id: 'racing' })).body;
      apply(body);
      return !body.has_more && body.last_event_id === head;
    });
    expect(view.size).toBe(truth.size);
    expect(Object.fromEntries(view)).toEqual(Object.fromEntries(truth));
  });

  it('continues from the position a v2 pull on another instance left, and a reset (v1, or on another instance) restarts v2 pulls', async () => {
    const t = await newTenant(h);
    await append(t, [1, 2, 3].map((n) => event('res.partner', n)));
    const v2 = async (body: Record<string, unknown>) => {
      const res = await fetch(`${h.app.url}/api/v2/sync/pull`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${t.token}` },
        body: JSON.stringify({ user_id: t.userId, device_id: 'shared', ...body }),
      });
      return (await res.json()) as { next_sync_token: string; snapshot: boolean; events: { record_id: number }[] };
    };
    expect((await v2({ limit: 1 })).next_sync_token).toBe('3:res.partner:1:2');
    // The instance that served it writes device states behind the request (every 2 s): as if it had not yet, its
    // pending write is dropped here (once the position is recorded, just after the answer: find waits for it). The
    // position every instance shares (the cache) is what v1 continues from.
    await h.app.app.get(DeviceStore).find(t.tenantId, t.userId, 'shared');
    await h.app.app.get(StateWriter).discardDevice(t.tenantId, t.userId, 'shared');
    const v1 = await pull(t, { device_id: 'shared', app_type: 'sales_app' });
    expect([v1.body.snapshot, v1.body.events.map((e) => e.record_id)]).toEqual([true, [2, 3]]);

    // A v1 reset also drops the cached v2 position: the next v2 pull starts over with a snapshot.
    const after = await v2({});
    expect([after.snapshot, after.events.length]).toEqual([false, 0]);
    expect((await api<ResetResponse>(h, t.token, 'POST', '/reset?device_id=shared')).status).toBe(200);
    const again = await v2({});
    expect([again.snapshot, again.events.map((e) => e.record_id)]).toEqual([true, [1, 2, 3]]);

    // A reset on another instance (it drops the shared cached position and resets the row, but cannot reach this
    // instance's pending write), then this instance's late write of the v2 pull before it: the reset stands.
    expect((await v2({})).snapshot).toBe(false);
    // That pull's position reaches the shared cache just after the answer: the other instance resets after it did.
    await h.app.app.get(DeviceStore).find(t.tenantId, t.userId, 'shared');
    await h.app.app.get<KeyValueStore>(CACHE_STORE).del(deviceKey(t.tenantId, t.userId, 'shared'));
    await h.app.app.get(DeviceStateRepository).reset(t.tenantId, t.userId, 'shared');
    await h.app.app.get(StateWriter).flush();
    const afterReset = await v2({});
    expect([afterReset.snapshot, afterReset.events.map((e) => e.record_id)]).toEqual([true, [1, 2, 3]]);
  });

  it('restarts a device whose stored cursor fell behind retention with a snapshot, flagged in a 200', async () => {
    // The Flutter SDK sends no last_event_id and reads any 410 as "account deleted" (bridgecore-flutter.md §0.2).
    const t = await newTenant(h);
    const stored = await append(t, [1, 2, 3, 4].map((n) => event('sale.order', n)));
    // A device reading the log (not a new device's snapshot), one event in: its stored cursor is stored[1].
    await pull(t, { limit: 1, last_event_id: stored[0].id });
    await h.app.app.get(EventArchiveRepository).archiveThrough(t.tenantId, stored[2].id, new Date());

    const first = await pull(t, { limit: 3 });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ restarted: true, snapshot: true, has_more: true, total_records: 3, total_available: 1 });
    expect(first.body.events.map((e) => [e.record_id, e.action])).toEqual([
      [1, 'create'],
      [2, 'create'],
      [3, 'create'],
    ]);
    expect(first.body.data['sale.order'].map((r) => r.id)).toEqual([1, 2, 3]);
    const rest = await pull(t, { limit: 3 });
    expect(rest.body).toMatchObject({ restarted: false, snapshot: true, has_more: false, total_records: 1 });
    // The record as stored, with the fields Odoo's rules read (see readableByDemo).
    expect(rest.body.data).toEqual({ 'sale.order': [{ id: 4, name: 'sale.order 4', company_id: [1, 'YourCompany'], user_id: false, partner_share: false }] });
    const caughtUp = await pull(t, {});
    expect(caughtUp.body).toMatchObject({ snapshot: false, new_events_count: 0, last_event_id: stored[3].id, data: {} });
  });

  it('answers 400 for an unknown app type', async () => {
    const t = await newTenant(h);
    const res = await pull(t, { app_type: 'pirate_app' });
    expect(res.status).toBe(400);
    // The same body as a v2 pull's: one error for every read path.
    expect(res.body).toMatchObject({
      error: 'UnknownAppType',
      code: 'UNKNOWN_APP_TYPE',
      details: { app_type: 'pirate_app', known_app_types: expect.arrayContaining(['sales_app', 'manager_app']) },
    });
  });

  it('answers 404 for the state of a device that never synced', async () => {
    const t = await newTenant(h);
    const res = await api<{ code: string }>(h, t.token, 'GET', '/state?device_id=never');
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('SYNC_STATE_NOT_FOUND');
  });

  it('reset rewinds the cursor so the next pull starts again, and is rate limited per user', async () => {
    const t = await newTenant(h);
    await append(t, [event('sale.order', 1), event('sale.order', 2)]);
    const first = await pull(t, { app_type: 'sales_app' });
    expect(first.body.new_events_count).toBe(2);

    const reset = await api<ResetResponse>(h, t.token, 'POST', '/reset?device_id=phone-1');
    expect(reset.status).toBe(200);
    expect(reset.body).toMatchObject({ success: true, device_id: 'phone-1' });
    const state = await api<StateResponse>(h, t.token, 'GET', '/state?device_id=phone-1');
    expect(state.body.last_event_id).toBe(0);
    const again = await pull(t, {});
    expect(again.body.events.map((e) => e.record_id)).toEqual([1, 2]);

    expect((await api(h, t.token, 'POST', '/reset?device_id=phone-1')).status).toBe(200);
    const limited = await api<{ code: string }>(h, t.token, 'POST', '/reset?device_id=phone-1');
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('validates the pull body', async () => {
    const t = await newTenant(h);
    const res = await api<{ code: string; details: { fields: Array<{ field: string }> } }>(h, t.token, 'POST', '/pull', {
      device_id: 'phone-1',
      limit: 0,
      priority_filter: ['urgent'],
      surprise: true,
    });
    expect(res.status).toBe(400);
    expect(res.body.details.fields.map((f) => f.field)).toEqual(expect.arrayContaining(['limit', 'priority_filter', 'surprise']));
  });
});
