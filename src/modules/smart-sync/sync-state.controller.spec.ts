import request from 'supertest';
import { pullAs, smartSyncHarness } from '../../../test/support/smart-sync-harness';
import { SmartSyncController } from './smart-sync.controller';

describe(`${SmartSyncController.name} state, reset, health and check-updates`, () => {
  const h = smartSyncHarness();
  const pull = (body: Record<string, unknown>) => pullAs(h, body);

  describe('state', () => {
    it('answers 404 SYNC_STATE_NOT_FOUND for a device that never pulled', async () => {
      const res = await request(h.app.getHttpServer())
        .get('/api/v2/sync/state?user_id=2&device_id=nope')
        .set('Authorization', `Bearer ${h.token}`);
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ code: 'SYNC_STATE_NOT_FOUND', details: { user_id: 2, device_id: 'nope' } });
    });

    it('answers 403 for another user', async () => {
      const res = await request(h.app.getHttpServer())
        .get('/api/v2/sync/state?user_id=6&device_id=d1')
        .set('Authorization', `Bearer ${h.token}`);
      expect(res.status).toBe(403);
    });

    it('shows the state written behind the pull', async () => {
      h.log.add(4);
      await pull({ user_id: 2, device_id: 'd1' });
      const res = await request(h.app.getHttpServer())
        .get('/api/v2/sync/state?user_id=2&device_id=d1')
        .set('Authorization', `Bearer ${h.token}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ user_id: 2, device_id: 'd1', app_type: 'sales_app', last_event_id: 4, sync_count: 1, total_events_synced: 4, is_active: true });
      expect(res.body.last_sync_time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    });
  });

  describe('reset', () => {
    it('makes the next pull start from the beginning', async () => {
      h.log.add(2);
      await pull({ user_id: 2, device_id: 'd1' });
      const res = await request(h.app.getHttpServer())
        .post('/api/v2/sync/reset?user_id=2&device_id=d1')
        .set('Authorization', `Bearer ${h.token}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'success', success: true });
      const again = await pull({ user_id: 2, device_id: 'd1' });
      expect(again.body.events.map((e: { id: number }) => e.id)).toEqual([1, 2]);
    });
  });

  describe('health', () => {
    it('needs no authentication', async () => {
      const res = await request(h.app.getHttpServer()).get('/api/v2/sync/health');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'healthy', service: 'smart-sync', version: '2.0.0' });
      expect(res.body.features.length).toBeGreaterThan(0);
    });
  });

  describe('check-updates', () => {
    it('needs authentication', async () => {
      expect((await request(h.app.getHttpServer()).get('/api/v1/check-updates')).status).toBe(401);
    });

    it('rejects a since that is not ISO-8601', async () => {
      const res = await request(h.app.getHttpServer())
        .get('/api/v1/check-updates?since=yesterday')
        .set('Authorization', `Bearer ${h.token}`);
      expect(res.status).toBe(400);
      expect(res.body.details.fields[0].field).toBe('since');
    });
  });
});
