import { CACHE_STORE, PUB_SUB, type KeyValueStore } from '../cache/cache.types';
import type { InProcessPubSub } from '../cache/in-memory.store';
import { SYNC_EVENTS_CHANNEL } from '../feed/event.types';
import { OdooConnectionError } from '../odoo/odoo.errors';
import { config, dbCalls, pullAs, smartSyncHarness } from '../../../test/support/smart-sync-harness';
import { SmartSyncController } from './smart-sync.controller';

describe(`${SmartSyncController.name} pull`, () => {
  const h = smartSyncHarness();
  const pull = (body: Record<string, unknown>, bearer?: string | null) => pullAs(h, body, bearer);

  describe('pull', () => {
    it('answers 401 with the error body when no credentials are sent', async () => {
      const res = await pull({ user_id: 2, device_id: 'd1' }, null);
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ error: 'Unauthorized', message: expect.any(String), code: 'UNAUTHORIZED', details: {} });
    });

    it('accepts an Odoo session in X-Session-Id instead of a bearer token', async () => {
      h.log.add(1);
      const ok = await pull({ user_id: 2, device_id: 'd1' }, null).set('X-Session-Id', 'odoo-session-ok');
      expect(ok.status).toBe(200);
      expect(ok.body.new_events_count).toBe(1);
      const bad = await pull({ user_id: 2, device_id: 'd1' }, null).set('X-Session-Id', 'expired');
      expect(bad.status).toBe(401);
      expect(bad.body.code).toBe('INVALID_SESSION');
    });

    it('answers 401 INVALID_TOKEN for a forged token', async () => {
      const res = await pull({ user_id: 2, device_id: 'd1' }, `${h.token}x`);
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('INVALID_TOKEN');
    });

    it("answers 403 USER_MISMATCH for another user's user_id", async () => {
      const res = await pull({ user_id: 6, device_id: 'd1' });
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ error: 'UserMismatch', code: 'USER_MISMATCH', details: { user_id: 6, authenticated_user_id: 2 } });
      expect(dbCalls(h)).toEqual([]);
    });

    it('answers 400 with field errors for a bad body', async () => {
      const res = await pull({ user_id: 'two', device_id: '', limit: 501, models: 'sale.order', extra: 1 });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_ERROR');
      const fields = res.body.details.fields.map((f: { field: string }) => f.field).sort();
      expect(fields).toEqual(['device_id', 'extra', 'limit', 'models', 'user_id']);
    });

    it('answers 400 INVALID_SYNC_TOKEN for a garbage or future ack_token', async () => {
      h.log.add(3);
      for (const ack of ['abc', '-1', '4', { seq: 1 }]) {
        const res = await pull({ user_id: 2, device_id: 'd1', ack_token: ack });
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('INVALID_SYNC_TOKEN');
      }
    });

    it('answers 400 UNKNOWN_APP_TYPE listing the known app types', async () => {
      const res = await pull({ user_id: 2, device_id: 'd1', app_type: 'pos_app' });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'UNKNOWN_APP_TYPE', details: { known_app_types: Object.keys(config.appTypes) } });
    });

    it('accepts user_id as a numeric string and returns JSON', async () => {
      h.log.add(2);
      const res = await pull({ user_id: '2', device_id: 'd1' });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.body).toMatchObject({ status: 'success', new_events_count: 2, next_sync_token: '2', has_more: false });
      expect(res.body.events.map((e: { id: number }) => e.id)).toEqual([1, 2]);
    });

    it('returns each event once and then nothing, without touching the database when up to date', async () => {
      h.log.add(3);
      const first = await pull({ user_id: 2, device_id: 'd1' });
      expect(first.body.events).toHaveLength(3);
      h.states.dbCalls.length = 0;
      h.log.dbCalls.length = 0;
      const second = await pull({ user_id: 2, device_id: 'd1' });
      expect(second.body).toMatchObject({ has_updates: false, events: [], next_sync_token: '3' });
      expect(dbCalls(h)).toEqual([]);
    });

    it('answers a device acking the head where this instance left it without the shared cache, its pull written behind', async () => {
      h.log.add(3);
      await pull({ user_id: 2, device_id: 'd1', ack_token: '3' });
      const cache = h.app.get<KeyValueStore>(CACHE_STORE);
      const get = jest.spyOn(cache, 'get');
      const set = jest.spyOn(cache, 'set');
      const again = await pull({ user_id: 2, device_id: 'd1', ack_token: '3' });
      expect(again.body).toMatchObject({ has_updates: false, events: [], next_sync_token: '3' });
      expect(get).not.toHaveBeenCalled();
      expect(set).not.toHaveBeenCalled();
      // Behind the new head, or a device this instance does not know, takes the full path.
      h.log.add(1);
      await h.app.get<InProcessPubSub>(PUB_SUB).publish(SYNC_EVENTS_CHANNEL, JSON.stringify({ tenant_id: 't1', head_id: 4, models: ['sale.order'] }));
      expect((await pull({ user_id: 2, device_id: 'd1', ack_token: '3' })).body.events).toHaveLength(1);
      expect(get).toHaveBeenCalledTimes(1);
      await pull({ user_id: 2, device_id: 'd2', ack_token: '4' });
      expect(get).toHaveBeenCalledTimes(3);
    });

    it('answers an up-to-date device while the access model cannot be loaded (Odoo unreachable since start)', async () => {
      h.log.add(3);
      await pull({ user_id: 2, device_id: 'd1' });
      h.rightsFail = new OdooConnectionError('connect ECONNREFUSED');
      const second = await pull({ user_id: 2, device_id: 'd1' });
      expect(second.status).toBe(200);
      expect(second.body).toMatchObject({ has_updates: false, events: [], next_sync_token: '3' });
      // Records to filter cannot be served without it.
      expect((await pull({ user_id: 2, device_id: 'd2' })).status).toBe(503);
    });

    it('serves a page read once to a second device from the cache', async () => {
      h.log.add(5);
      await pull({ user_id: 2, device_id: 'd1', ack_token: '1' });
      await pull({ user_id: 2, device_id: 'd2', ack_token: '1' });
      expect(h.log.dbCalls.filter((c) => c.startsWith('readPageJson'))).toEqual(['readPageJson(1)']);
    });

    it('starts a new device with a snapshot taken at the head, then continues with the log from there', async () => {
      h.log.add(3);
      const first = await pull({ user_id: 2, device_id: 'd1', limit: 2 });
      expect(first.body).toMatchObject({ snapshot: true, has_more: true, remaining: 1, next_sync_token: '3:sale.order:2:1' });
      expect(first.body.events.map((e: { record_id: number }) => e.record_id)).toEqual([1, 2]);
      h.log.add(1); // appended while the device drains its snapshot: it is in the log after the snapshot's position
      const announce = JSON.stringify({ tenant_id: 't1', head_id: 4, models: ['sale.order'] });
      await h.app.get<InProcessPubSub>(PUB_SUB).publish(SYNC_EVENTS_CHANNEL, announce);
      const second = await pull({ user_id: 2, device_id: 'd1', limit: 2 });
      expect(second.body).toMatchObject({ snapshot: true, has_more: true, remaining: 1, next_sync_token: '3' });
      expect(second.body.events.map((e: { record_id: number }) => e.record_id)).toEqual([3, 4]);
      const third = await pull({ user_id: 2, device_id: 'd1', limit: 2 });
      expect(third.body).toMatchObject({ snapshot: false, has_more: false, remaining: 0, next_sync_token: '4' });
      expect(third.body.events.map((e: { id: number }) => e.id)).toEqual([4]);
    });

    it('applies the app type: events of other models are skipped and the cursor still reaches the head', async () => {
      h.log.add(2, 'stock.picking');
      h.log.add(1, 'sale.order');
      const res = await pull({ user_id: 2, device_id: 'd1', models: ['sale.order', 'stock.picking'] });
      expect(res.body.events.map((e: { model: string }) => e.model)).toEqual(['sale.order']);
      expect(res.body.sync_state).toMatchObject({ app_type: 'sales_app', models: ['sale.order'], ignored_models: ['stock.picking'] });
      expect(res.body.next_sync_token).toBe('3');
    });

    it('pages with has_more and limit', async () => {
      h.log.add(5);
      const a = await pull({ user_id: 2, device_id: 'd1', limit: 2 });
      const b = await pull({ user_id: 2, device_id: 'd1', limit: 2 });
      const c = await pull({ user_id: 2, device_id: 'd1', limit: 2 });
      expect([a, b, c].map((r) => [r.body.events.map((e: { id: number }) => e.id), r.body.has_more])).toEqual([
        [[1, 2], true],
        [[3, 4], true],
        [[5], false],
      ]);
    });

    it('re-sends the same events when the device acks an older token (lost response)', async () => {
      h.log.add(3);
      await pull({ user_id: 2, device_id: 'd1', ack_token: '0' });
      const again = await pull({ user_id: 2, device_id: 'd1', ack_token: '0' });
      expect(again.body.events.map((e: { id: number }) => e.id)).toEqual([1, 2, 3]);
      expect(again.body.sync_state).toMatchObject({ last_event_id: 0, acknowledged: true });
    });

    it('answers a cursor behind the retained history with 200, reset_required and a snapshot at the head', async () => {
      h.log.add(10);
      h.log.archivedThrough = 5;
      const res = await pull({ user_id: 2, device_id: 'd1', ack_token: '2', limit: 4 });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ reset_required: true, snapshot: true, next_sync_token: '10:sale.order:4:6', remaining: 6 });
      expect(res.body.sync_state).toMatchObject({ acknowledged: false, snapshot_token: '10:sale.order:4:6' });
      expect(res.body.events.map((e: { record_id: number }) => e.record_id)).toEqual([1, 2, 3, 4]);
    });

    it('answers 400 SYNC_TOKEN_NOT_ISSUED for a log position acked in the middle of a snapshot, and stays on the snapshot', async () => {
      h.log.add(5);
      const first = await pull({ user_id: 2, device_id: 'd1', limit: 2 });
      expect(first.body.next_sync_token).toBe('5:sale.order:2:3');
      const made_up = await pull({ user_id: 2, device_id: 'd1', ack_token: '3' });
      expect([made_up.status, made_up.body.code, made_up.body.details]).toEqual([400, 'SYNC_TOKEN_NOT_ISSUED', { token: '3', position: '5 (snapshot pass)' }]);
      const next = await pull({ user_id: 2, device_id: 'd1', limit: 2 });
      expect([next.body.snapshot, next.body.events.map((e: { record_id: number }) => e.record_id)]).toEqual([true, [3, 4]]);
    });

    it('answers 400 SYNC_TOKEN_NOT_ISSUED for a snapshot token of an earlier pass', async () => {
      h.log.add(3);
      const first = await pull({ user_id: 2, device_id: 'd1', limit: 2 });
      expect(first.body.next_sync_token).toBe('3:sale.order:2:1');
      await pull({ user_id: 2, device_id: 'd1', limit: 2 });
      h.log.add(2);
      const announce = JSON.stringify({ tenant_id: 't1', head_id: 5, models: ['sale.order'] });
      await h.app.get<InProcessPubSub>(PUB_SUB).publish(SYNC_EVENTS_CHANNEL, announce);
      expect((await pull({ user_id: 2, device_id: 'd1' })).body.next_sync_token).toBe('5');
      const old = await pull({ user_id: 2, device_id: 'd1', ack_token: '4:sale.order:2:1' });
      expect([old.status, old.body.code]).toEqual([400, 'SYNC_TOKEN_NOT_ISSUED']);
    });
  });
});
