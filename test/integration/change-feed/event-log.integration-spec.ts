import { randomUUID } from 'node:crypto';
import { CACHE_STORE, KeyValueStore, PUB_SUB, PubSub } from '../../../src/modules/cache/cache.types';
import { DeviceStateRepository } from '../../../src/modules/devices/device-state.repository';
import { EventAppendRepository } from '../../../src/modules/feed/event-append.repository';
import { EventArchiveRepository } from '../../../src/modules/feed/event-archive.repository';
import { EventLogRepository } from '../../../src/modules/feed/event-log.repository';
import { EventSummaryRepository } from '../../../src/modules/feed/event-summary.repository';
import { FeedWriter, headKey } from '../../../src/modules/feed/feed-writer';
import {
  CRITICAL_EVENTS_CHANNEL,
  CriticalEventMessage,
  SYNC_EVENTS_CHANNEL,
  SyncEventsMessage,
} from '../../../src/modules/feed/event.types';
import { DB } from '../../../src/database/database.module';
import type { Db } from '../../../src/database/schema';
import { RunningApp, startTestApp, waitFor } from '../../support/test-app';
import { newEvent } from './events.fixture';

let running: RunningApp;
let log: EventLogRepository;
let feed: FeedWriter;
let devices: DeviceStateRepository;

beforeAll(async () => {
  running = await startTestApp();
  log = running.app.get(EventLogRepository);
  feed = running.app.get(FeedWriter);
  devices = running.app.get(DeviceStateRepository);
});
afterAll(() => running.close());

describe('EventLogRepository (integration)', () => {
  describe('append', () => {
    it('assigns consecutive per-tenant ids starting at 1 and round-trips every field', async () => {
      const tenant = randomUUID();
      const other = randomUUID();
      const first = await feed.append(tenant, [newEvent({ recordId: 1 }), newEvent({ recordId: 2, payload: null, changedFields: null })]);
      await feed.append(other, [newEvent()]);
      const second = await feed.append(tenant, [newEvent({ recordId: 3, sourceEventId: 'sale.order:3:x' })]);

      expect(first.map((e) => e.id)).toEqual([1, 2]);
      expect(second.map((e) => e.id)).toEqual([3]);
      const read = await log.readAfter(tenant, 0, { models: '*', limit: 10 });
      expect(read).toEqual([...first, ...second]);
      expect(read[1]).toMatchObject({ payload: null, changedFields: null, tenantId: tenant });
      expect(read[0].timestamp.toISOString()).toBe('2026-01-02T03:04:05.000Z');
      expect((await log.readAfter(other, 0, { models: '*', limit: 10 })).map((e) => e.id)).toEqual([1]);
    });

    it('raises the cached head and publishes sync_events and critical_events after commit', async () => {
      const tenant = randomUUID();
      const pubsub = running.app.get<PubSub>(PUB_SUB);
      const critical: CriticalEventMessage[] = [];
      const sync: SyncEventsMessage[] = [];
      const offCritical = await pubsub.subscribe(CRITICAL_EVENTS_CHANNEL, (m) => {
        const msg = JSON.parse(m) as CriticalEventMessage;
        if (msg.tenant_id === tenant) critical.push(msg);
      });
      const offSync = await pubsub.subscribe(SYNC_EVENTS_CHANNEL, (m) => {
        const msg = JSON.parse(m) as SyncEventsMessage;
        if (msg.tenant_id === tenant) sync.push(msg);
      });
      try {
        await feed.append(tenant, [
          newEvent({ model: 'stock.picking', recordId: 7, priority: 'high', category: 'notification' }),
          newEvent({ model: 'res.partner' }),
        ]);
        expect(await running.app.get<KeyValueStore>(CACHE_STORE).get(headKey(tenant))).toBe('2');
        expect(await feed.headId(tenant)).toBe(2);
        await waitFor(() => critical.length === 1 && sync.length === 1);
        expect(critical[0].event).toEqual({
          id: 1,
          model: 'stock.picking',
          record_id: 7,
          event: 'write',
          timestamp: '2026-01-02T03:04:05.000Z',
          payload: { name: 'SO001', amount_total: 10 },
          changed_fields: ['amount_total'],
          priority: 'high',
          category: 'notification',
          user_id: 2,
          source: 'write_date',
        });
        expect(sync[0]).toEqual({ tenant_id: tenant, head_id: 2, models: ['stock.picking', 'res.partner'] });
      } finally {
        await offCritical();
        await offSync();
      }
    });

    it('never lowers a cached head that is ahead of what a late writer read', async () => {
      const tenant = randomUUID();
      const store = running.app.get<KeyValueStore>(CACHE_STORE);
      await feed.append(tenant, [newEvent(), newEvent(), newEvent()]);
      // A late writer that read the head before the newest commit writes 2; the next refresh repairs it.
      await store.set(headKey(tenant), '2', 60);
      await feed.append(tenant, [newEvent()]);
      expect(await store.get(headKey(tenant))).toBe('4');
    });
  });

  describe('headId', () => {
    it('reads the database when the cache key is absent and is 0 for an unknown tenant', async () => {
      const tenant = randomUUID();
      const store = running.app.get<KeyValueStore>(CACHE_STORE);
      expect(await feed.headId(tenant)).toBe(0);
      await feed.append(tenant, [newEvent(), newEvent()]);
      await store.del(headKey(tenant));
      expect(await feed.headId(tenant)).toBe(2);
      expect(await store.get(headKey(tenant))).toBe('2');
    });
  });

  describe('readAfter / countAfter', () => {
    it('filters by model and priority, pages with limit and offset', async () => {
      const tenant = randomUUID();
      await feed.append(tenant, [
        newEvent({ model: 'a', priority: 'high' }),
        newEvent({ model: 'b', priority: 'low' }),
        newEvent({ model: 'a', priority: 'low' }),
        newEvent({ model: 'c', priority: 'high' }),
        newEvent({ model: 'a', priority: 'high' }),
      ]);
      const ids = async (after: number, o: Parameters<EventLogRepository['readAfter']>[2]) =>
        (await log.readAfter(tenant, after, o)).map((e) => e.id);
      expect(await ids(0, { models: ['a'], limit: 10 })).toEqual([1, 3, 5]);
      expect(await ids(1, { models: ['a', 'c'], priorities: ['high'], limit: 10 })).toEqual([4, 5]);
      expect(await ids(0, { models: '*', limit: 2, offset: 2 })).toEqual([3, 4]);
      expect(await ids(0, { models: [], limit: 10 })).toEqual([]);
      expect(await log.countAfter(tenant, 1, { models: ['a'] })).toBe(2);
      expect(await log.countAfter(tenant, 0, { models: '*', priorities: ['low'] })).toBe(2);
    });
  });

  describe('readPageJson', () => {
    it('returns the pull wire shape built by the database, with has-more and the last id', async () => {
      const tenant = randomUUID();
      const payload = { name: 'Café "Ünïcode"', active: false, partner_id: [7, 'Deco Addict'], note: null, lines: [1, 2] };
      await feed.append(tenant, [
        newEvent({ recordId: 11, payload, timestamp: new Date('2026-03-04T05:06:07.089Z'), priority: 'high' }),
        newEvent({ model: 'res.partner', recordId: 12 }),
        newEvent({ recordId: 13, event: 'unlink', payload: null, changedFields: null }),
        newEvent({ recordId: 14 }),
      ]);
      const page = await log.readPageJson(tenant, 0, { models: ['sale.order'], limit: 2 });
      expect(page).toMatchObject({ count: 2, lastId: 3, more: true });
      expect(JSON.parse(page.events)).toEqual([
        { id: 1, model: 'sale.order', record_id: 11, event: 'write', timestamp: '2026-03-04T05:06:07.089Z', priority: 'high', payload },
        { id: 3, model: 'sale.order', record_id: 13, event: 'unlink', timestamp: '2026-01-02T03:04:05.000Z', priority: 'medium' },
      ]);
      // What each event changed, which the pull JSON leaves out: a restricted user's filter needs it.
      expect(page.changed).toEqual(new Map([[1, ['amount_total']], [3, null]]));
      // Each event's JSON one by one too, so a filter parses an event once for all the pages that hold it.
      expect(page.parts?.ids).toEqual([1, 3]);
      expect(page.parts?.jsons.map((j) => JSON.parse(j) as unknown)).toEqual(JSON.parse(page.events));
      // A page exactly as long as what is left: nothing more follows.
      expect(await log.readPageJson(tenant, 2, { models: '*', limit: 2 })).toMatchObject({ count: 2, lastId: 4, more: false });
      const rest = await log.readPageJson(tenant, 3, { models: '*', limit: 5 });
      expect(rest).toMatchObject({ count: 1, lastId: 4, more: false });
      expect(await log.readPageJson(tenant, 4, { models: '*', limit: 5 })).toEqual({ count: 0, lastId: null, more: false, events: '[]' });
      expect(await log.readPageJson(tenant, 0, { models: [], limit: 5 })).toEqual({ count: 0, lastId: null, more: false, events: '[]' });
    });
  });

  describe('archiving and assertRetained', () => {
    it('hides the archived prefix and asks a cursor inside it to reset', async () => {
      const tenant = randomUUID();
      await feed.append(tenant, [newEvent(), newEvent(), newEvent(), newEvent()]);
      expect(await running.app.get(EventArchiveRepository).archiveThrough(tenant, 2, new Date())).toBe(2);
      expect(await running.app.get(EventArchiveRepository).archiveThrough(tenant, 1, new Date())).toBe(0);

      expect((await log.readAfter(tenant, 0, { models: '*', limit: 10 })).map((e) => e.id)).toEqual([3, 4]);
      expect(await running.app.get(EventSummaryRepository).stats(tenant)).toEqual({ total: 4, archived: 2 });
      await expect(log.assertRetained(tenant, 0)).resolves.toBeUndefined();
      await expect(log.assertRetained(tenant, 2)).resolves.toBeUndefined();
      await expect(log.assertRetained(tenant, 1)).rejects.toMatchObject({
        code: 'SYNC_RESET_REQUIRED',
        kind: 'gone',
        details: { cursor: 1, oldest_available: 3 },
      });
      // The pull's page read applies the same rule in its own statement.
      expect(JSON.parse((await log.readPageJson(tenant, 0, { models: '*', limit: 10 })).events).map((e: { id: number }) => e.id)).toEqual([3, 4]);
      await expect(log.readPageJson(tenant, 1, { models: '*', limit: 10 })).rejects.toMatchObject({ code: 'SYNC_RESET_REQUIRED' });
    });
  });

  describe('record state', () => {
    it("keeps each record's values, last event and memory with the append: whole, merged, deleted", async () => {
      const tenant = randomUUID();
      const at = new Date('2026-03-04T05:06:07.089Z');
      const remembered = { model: 'sale.order', recordId: 1, writeDate: '2026-03-04 05:06:07', snapshot: null, deleted: false, verified: true };
      await feed.append(tenant, [newEvent({ recordId: 2, payload: { name: 'SO002', amount_total: 5 } }), newEvent({ recordId: 3 })]);
      await feed.append(
        tenant,
        [
          newEvent({ recordId: 1, event: 'create', payload: { name: 'SO001', amount_total: 10 }, timestamp: at, priority: 'high', wholeRecord: true }),
          newEvent({ recordId: 2, payload: { amount_total: 6 } }),
          newEvent({ recordId: 2, payload: { note: 'rush' } }),
          newEvent({ recordId: 3, event: 'unlink', payload: null }),
        ],
        [remembered],
      );
      const rows = await running.app
        .get<Db>(DB)
        .selectFrom('record_state')
        .select(['record_id', 'data', 'last_event_id', 'timestamp', 'priority', 'deleted', 'write_date', 'verified', 'remembered_at'])
        .where('tenant_id', '=', tenant)
        .orderBy('record_id')
        .execute();
      expect(rows.map((r) => ({ ...r, last_event_id: Number(r.last_event_id), timestamp: new Date(r.timestamp).toISOString() }))).toEqual([
        {
          record_id: 1,
          data: { name: 'SO001', amount_total: 10 },
          last_event_id: 3,
          timestamp: at.toISOString(),
          priority: 'high',
          deleted: false,
          write_date: '2026-03-04 05:06:07',
          verified: true,
          remembered_at: expect.any(Date),
        },
        {
          record_id: 2,
          data: { name: 'SO002', amount_total: 6, note: 'rush' },
          last_event_id: 5,
          timestamp: '2026-01-02T03:04:05.000Z',
          priority: 'medium',
          deleted: false,
          write_date: null,
          verified: null,
          remembered_at: null,
        },
        // A tombstone keeps the values the record had.
        { record_id: 3, data: { name: 'SO001', amount_total: 10 }, last_event_id: 6, timestamp: '2026-01-02T03:04:05.000Z', priority: 'medium', deleted: true, write_date: null, verified: null, remembered_at: null },
      ]);
    });
  });

  describe('ingestion helpers', () => {
    it('tells which source event ids a tenant logged, not counting those only another tenant logged', async () => {
      const tenant = randomUUID();
      const other = randomUUID();
      await feed.append(tenant, [
        newEvent({ recordId: 5, event: 'create', sourceEventId: 'sale.order:5:2026-01-01 00:00:00' }),
        newEvent({ recordId: 5, event: 'write', sourceEventId: 'sale.order:5:2026-01-01 00:00:09' }),
      ]);
      await feed.append(other, [newEvent({ recordId: 6, event: 'create', sourceEventId: 'sale.order:6:2026-01-01 00:00:00' })]);
      expect(
        await running.app.get(EventAppendRepository).existingSourceEventIds(tenant, ['sale.order:5:2026-01-01 00:00:09', 'sale.order:5:other', 'sale.order:6:2026-01-01 00:00:00']),
      ).toEqual(new Set(['sale.order:5:2026-01-01 00:00:09']));
      expect(await running.app.get(EventAppendRepository).existingSourceEventIds(other, ['sale.order:5:2026-01-01 00:00:00', 'sale.order:6:2026-01-01 00:00:00'])).toEqual(
        new Set(['sale.order:6:2026-01-01 00:00:00']),
      );
    });
  });
});

describe('DeviceStateRepository (integration)', () => {
  it('creates, advances and resets a state keyed by tenant, user and device', async () => {
    const tenant = randomUUID();
    expect(await devices.get(tenant, 2, 'phone')).toBeNull();
    const created = await devices.getOrCreate(tenant, 2, 'phone', 'sales_app');
    expect(created).toMatchObject({ lastEventId: 0, lastSyncAt: null, syncCount: 0, totalEventsSynced: 0, isActive: true });
    expect(await devices.getOrCreate(tenant, 2, 'phone', 'delivery_app')).toMatchObject({ appType: 'sales_app' });

    await devices.advance(tenant, 2, 'phone', { appType: 'sales_app', lastEventId: 10, eventsSynced: 10 });
    const advanced = await devices.advance(tenant, 2, 'phone', { appType: 'sales_app', lastEventId: 15, eventsSynced: 5 });
    expect(advanced).toMatchObject({ lastEventId: 15, syncCount: 2, totalEventsSynced: 15, isActive: true });
    expect(advanced.lastSyncAt).toBeInstanceOf(Date);

    expect(await devices.get(tenant, 6, 'phone')).toBeNull();
    expect(await devices.reset(tenant, 2, 'phone')).toBe(true);
    expect(await devices.reset(tenant, 6, 'phone')).toBe(false);
    expect(await devices.get(tenant, 2, 'phone')).toMatchObject({ lastEventId: 0, syncCount: 2 });
  });

  it('advances a device that has no state yet', async () => {
    const tenant = randomUUID();
    const state = await devices.advance(tenant, 6, 'tablet', { appType: 'delivery_app', lastEventId: 4, eventsSynced: 4 });
    expect(state).toMatchObject({ tenantId: tenant, userId: 6, deviceId: 'tablet', appType: 'delivery_app', lastEventId: 4, syncCount: 1 });
  });
});
