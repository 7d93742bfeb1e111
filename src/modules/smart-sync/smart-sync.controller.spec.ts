import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ThrottlerStorage, ThrottlerStorageService } from '@nestjs/throttler';
import request from 'supertest';
import { HttpExceptionFilter } from '../../common/http-exception.filter';
import { createValidationPipe } from '../../common/validation';
import { unitConfig } from '../../../test/support/test-env';
import { APP_CONFIG } from '../../config/config.module';
import { InvalidSession } from '../auth/auth.errors';
import { AuthGuard } from '../auth/auth.guard';
import type { AuthUser } from '../auth/auth.types';
import { OdooSessionValidator } from '../auth/odoo-session.validator';
import { RateLimitGuard } from '../auth/rate-limit.guard';
import { RateLimiter } from '../auth/rate-limiter';
import { TokenService } from '../tokens/token.service';
import { CACHE_STORE, PUB_SUB } from '../cache/cache.types';
import { InMemoryStore, InProcessPubSub } from '../cache/in-memory.store';
import { SyncResetRequired } from '../feed/feed.errors';
import { DeviceStateRepository } from '../feed/device-state.repository';
import { EventLogRepository } from '../feed/event-log.repository';
import { EventSummaryRepository } from '../feed/event-summary.repository';
import { FeedTail } from '../feed/feed-tail';
import { FeedWriter } from '../feed/feed-writer';
import { RecordStateRepository, type SnapshotKey } from '../feed/record-state.repository';
import { SYNC_EVENTS_CHANNEL, type DeviceState, type ReadOptions, type StoredEvent } from '../feed/event.types';
import { metricProviders } from '../metrics/metrics';
import { SystemsService } from '../systems/systems.service';
import { CheckUpdatesController } from './check-updates.controller';
import { FeedHeads } from './feed-heads';
import { SmartSyncController } from './smart-sync.controller';
import { SmartSyncService } from './smart-sync.service';
import { SnapshotAdmission } from './snapshot-admission';
import { SyncScopeService } from '../access/sync-scope.service';
import { OdooVisibility } from '../access/odoo-visibility';
import { ReadScopeService } from '../access/read-scope.service';
import { CopyProgress } from '../ingestion/copy-progress';
import { IngestionHealth } from '../ingestion/ingestion-health';
import { RedisService } from '../cache/redis.service';
import { StateWriter } from './state-writer';
import { Clock } from '../feed/clock';
import { SyncCache } from './sync-cache';
import { OdooConnectionError } from '../odoo/odoo.errors';

/** The event log as the service sees it; `dbCalls` lists every call that would reach the database. */
class FakeEventLog {
  readonly dbCalls: string[] = [];
  readonly events: StoredEvent[] = [];
  archivedThrough = 0;

  add(count: number, model = 'sale.order'): void {
    for (let i = 0; i < count; i++) {
      const id = this.events.length + 1;
      this.events.push({
        id,
        tenantId: 't1',
        model,
        recordId: id,
        event: 'write',
        timestamp: new Date(Date.UTC(2025, 0, 1, 0, 0, id)),
        payload: { id },
        changedFields: null,
        priority: 'medium',
        category: 'business',
        userId: 2,
        source: 'write_date',
        sourceEventId: null,
      });
    }
  }

  async headId(tenantId: string): Promise<number> {
    return tenantId === 't1' ? this.events.length : 0;
  }

  async countAfter(tenantId: string, afterId: number, options: { models: string[] | '*'; throughId?: number }) {
    return this.events.filter(
      (e) => e.id > afterId && e.id <= (options.throughId ?? Infinity) && (options.models === '*' || options.models.includes(e.model)),
    ).length;
  }

  async assertRetained(tenantId: string, cursor: number) {
    if (cursor > 0 && cursor < this.archivedThrough) throw new SyncResetRequired(cursor, this.archivedThrough + 1);
  }

  async readPageJson(tenantId: string, afterId: number, options: Pick<ReadOptions, 'models' | 'limit'>) {
    this.dbCalls.push(`readPageJson(${afterId})`);
    if (afterId > 0 && afterId < this.archivedThrough) throw new SyncResetRequired(afterId, this.archivedThrough + 1);
    const rows = this.events
      .filter((e) => e.tenantId === tenantId && e.id > afterId && (options.models === '*' || options.models.includes(e.model)))
      .slice(0, options.limit + 1);
    const page = rows.slice(0, options.limit);
    const wire = page.map((e) => ({
      id: e.id,
      model: e.model,
      record_id: e.recordId,
      event: e.event,
      timestamp: e.timestamp.toISOString(),
      priority: e.priority,
      payload: e.payload,
    }));
    return { count: page.length, lastId: page.at(-1)?.id ?? null, more: rows.length > options.limit, events: JSON.stringify(wire) };
  }

}

/** record_state as the log implies it: the latest event of each record, live records in (model, id) order. */
class FakeRecordState {
  constructor(private readonly log: FakeEventLog) {}

  private live(models: string[] | '*', after: SnapshotKey) {
    const latest = new Map<string, StoredEvent>();
    for (const e of this.log.events) latest.set(`${e.model}:${e.recordId}`, e);
    const key = (m: string, id: number) => `${m}\u0000${String(id).padStart(12, '0')}`;
    return [...latest.values()]
      .filter((e) => e.event !== 'unlink' && (models === '*' || models.includes(e.model)))
      .filter((e) => key(e.model, e.recordId) > key(after.model, after.recordId))
      .sort((a, b) => (key(a.model, a.recordId) < key(b.model, b.recordId) ? -1 : 1));
  }

  async snapshotPage(tenantId: string, models: string[] | '*', after: SnapshotKey, limit: number) {
    this.log.dbCalls.push('snapshotPage');
    const live = this.live(models, after);
    const rows = live.slice(0, limit);
    const tail = rows.at(-1);
    const events = rows.map((e) => ({ id: e.id, model: e.model, record_id: e.recordId, event: 'create', snapshot: true, payload: e.payload }));
    return {
      count: rows.length,
      events: JSON.stringify(events),
      next: tail && live.length > limit ? { model: tail.model, recordId: tail.recordId, left: live.length - limit } : null,
    };
  }
}

class FakeStates {
  readonly dbCalls: string[] = [];
  readonly rows = new Map<string, DeviceState>();

  async get(tenantId: string, userId: number, deviceId: string): Promise<DeviceState | null> {
    this.dbCalls.push('get');
    return this.rows.get(`${tenantId}/${userId}/${deviceId}`) ?? null;
  }

  async getOrCreate(tenantId: string, userId: number, deviceId: string, appType: string): Promise<DeviceState> {
    this.dbCalls.push('getOrCreate');
    const key = `${tenantId}/${userId}/${deviceId}`;
    const now = new Date();
    const row = this.rows.get(key) ?? {
      tenantId, userId, deviceId, appType, lastEventId: 0, snapshotAfter: null, scope: null, rights: null, lastSyncAt: null, syncCount: 0, totalEventsSynced: 0, isActive: true, createdAt: now, updatedAt: now,
    };
    this.rows.set(key, row);
    return row;
  }

  async advance(tenantId: string, userId: number, deviceId: string, u: { appType: string; lastEventId: number; eventsSynced: number }): Promise<DeviceState> {
    this.dbCalls.push('advance');
    const row = await this.getOrCreate(tenantId, userId, deviceId, u.appType);
    Object.assign(row, { lastEventId: u.lastEventId, lastSyncAt: new Date(), syncCount: row.syncCount + 1, totalEventsSynced: row.totalEventsSynced + u.eventsSynced });
    return row;
  }

  async reset(tenantId: string, userId: number, deviceId: string): Promise<boolean> {
    this.dbCalls.push('reset');
    const row = this.rows.get(`${tenantId}/${userId}/${deviceId}`);
    if (row) row.lastEventId = 0;
    return row !== undefined;
  }
}

/** Stands in for Odoo's /web/session/get_session_info: one valid session id. */
const fakeSessions = {
  async validate(sessionId: string): Promise<AuthUser> {
    if (sessionId !== 'odoo-session-ok') throw new InvalidSession();
    return { tenantId: 't1', userId: 2, login: 'admin', via: 'odoo-session' };
  },
};

const fakeSystems = {
  async get(id: string) {
    return { id, options: id === 't1' ? { default_app_type: 'sales_app' } : {} };
  },
};

const config = unitConfig();

describe(SmartSyncController.name, () => {
  let app: INestApplication;
  let log: FakeEventLog;
  let states: FakeStates;
  let token: string;
  /** Set to make loading the access model fail as it does while Odoo is unreachable. */
  let rightsFail: Error | null = null;
  const dbCalls = (): string[] => [...log.dbCalls, ...states.dbCalls];

  beforeEach(async () => {
    log = new FakeEventLog();
    states = new FakeStates();
    rightsFail = null;
    const moduleRef = await Test.createTestingModule({
      controllers: [SmartSyncController, CheckUpdatesController],
      providers: [
        SmartSyncService,
        SnapshotAdmission,
        SyncScopeService,
        SyncCache,
        StateWriter,
        Clock,
        FeedHeads,
        TokenService,
        AuthGuard,
        RateLimitGuard,
        RateLimiter,
        { provide: OdooSessionValidator, useValue: fakeSessions },
        ...metricProviders,
        { provide: ThrottlerStorage, useValue: new ThrottlerStorageService() },
        { provide: APP_CONFIG, useValue: config },
        { provide: CACHE_STORE, useValue: new InMemoryStore() },
        { provide: PUB_SUB, useValue: new InProcessPubSub() },
        { provide: EventLogRepository, useValue: log },
        { provide: EventSummaryRepository, useValue: log },
        { provide: FeedWriter, useValue: log },
        // No tail: this slice counts the reads of the log (feed-tail.spec and the integration specs cover the tail).
        {
          provide: FeedTail,
          useValue: {
            page: async () => null,
            count: (tenantId: string, afterId: number, models: string[] | '*', throughId: number) => log.countAfter(tenantId, afterId, { models, throughId }),
          },
        },
        { provide: DeviceStateRepository, useValue: states },
        { provide: RecordStateRepository, useValue: new FakeRecordState(log) },
        { provide: SystemsService, useValue: fakeSystems },
        { provide: IngestionHealth, useValue: { failingTooLong: () => [] } },
        // No system is being copied from Odoo in this slice (backfill.integration-spec covers a copy in progress).
        { provide: CopyProgress, useValue: { inProgress: async () => null } },
        { provide: RedisService, useValue: { enabled: false, outage: () => undefined } },
        // Access rights are not this slice's subject (see access.integration-spec): every event is readable.
        {
          provide: ReadScopeService,
          useValue: {
            rights: async () => {
              if (rightsFail) throw rightsFail;
              return { key: 'all', describe: () => 'all', knownModels: () => [], readable: () => true, restricted: () => false, hiddenFields: () => new Set() };
            },
            readable: async (_t: string, _r: unknown, events: unknown[]) => events,
          },
        },
        // Every event is readable here, so Odoo is never asked.
        { provide: OdooVisibility, useValue: {} },
      ],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    app.useGlobalPipes(createValidationPipe());
    app.useGlobalFilters(new HttpExceptionFilter());
    await app.init();
    token = app.get(TokenService).signAccess({ tenantId: 't1', userId: 2, login: 'admin' });
  });
  afterEach(() => app.close());

  const pull = (body: Record<string, unknown>, bearer: string | null = token) => {
    const req = request(app.getHttpServer()).post('/api/v2/sync/pull');
    return (bearer ? req.set('Authorization', `Bearer ${bearer}`) : req).send(body);
  };

  describe('pull', () => {
    it('answers 401 with the error body when no credentials are sent', async () => {
      const res = await pull({ user_id: 2, device_id: 'd1' }, null);
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ error: 'Unauthorized', message: expect.any(String), code: 'UNAUTHORIZED', details: {} });
    });

    it('accepts an Odoo session in X-Session-Id instead of a bearer token', async () => {
      log.add(1);
      const ok = await pull({ user_id: 2, device_id: 'd1' }, null).set('X-Session-Id', 'odoo-session-ok');
      expect(ok.status).toBe(200);
      expect(ok.body.new_events_count).toBe(1);
      const bad = await pull({ user_id: 2, device_id: 'd1' }, null).set('X-Session-Id', 'expired');
      expect(bad.status).toBe(401);
      expect(bad.body.code).toBe('INVALID_SESSION');
    });

    it('answers 401 INVALID_TOKEN for a forged token', async () => {
      const res = await pull({ user_id: 2, device_id: 'd1' }, `${token}x`);
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('INVALID_TOKEN');
    });

    it("answers 403 USER_MISMATCH for another user's user_id", async () => {
      const res = await pull({ user_id: 6, device_id: 'd1' });
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ error: 'UserMismatch', code: 'USER_MISMATCH', details: { user_id: 6, authenticated_user_id: 2 } });
      expect(dbCalls()).toEqual([]);
    });

    it('answers 400 with field errors for a bad body', async () => {
      const res = await pull({ user_id: 'two', device_id: '', limit: 501, models: 'sale.order', extra: 1 });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_ERROR');
      const fields = res.body.details.fields.map((f: { field: string }) => f.field).sort();
      expect(fields).toEqual(['device_id', 'extra', 'limit', 'models', 'user_id']);
    });

    it('answers 400 INVALID_SYNC_TOKEN for a garbage or future ack_token', async () => {
      log.add(3);
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
      log.add(2);
      const res = await pull({ user_id: '2', device_id: 'd1' });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.body).toMatchObject({ status: 'success', new_events_count: 2, next_sync_token: '2', has_more: false });
      expect(res.body.events.map((e: { id: number }) => e.id)).toEqual([1, 2]);
    });

    it('returns each event once and then nothing, without touching the database when up to date', async () => {
      log.add(3);
      const first = await pull({ user_id: 2, device_id: 'd1' });
      expect(first.body.events).toHaveLength(3);
      states.dbCalls.length = 0;
      log.dbCalls.length = 0;
      const second = await pull({ user_id: 2, device_id: 'd1' });
      expect(second.body).toMatchObject({ has_updates: false, events: [], next_sync_token: '3' });
      expect(dbCalls()).toEqual([]);
    });

    it('answers an up-to-date device while the access model cannot be loaded (Odoo unreachable since start)', async () => {
      log.add(3);
      await pull({ user_id: 2, device_id: 'd1' });
      rightsFail = new OdooConnectionError('connect ECONNREFUSED');
      const second = await pull({ user_id: 2, device_id: 'd1' });
      expect(second.status).toBe(200);
      expect(second.body).toMatchObject({ has_updates: false, events: [], next_sync_token: '3' });
      // Records to filter cannot be served without it.
      expect((await pull({ user_id: 2, device_id: 'd2' })).status).toBe(503);
    });

    it('serves a page read once to a second device from the cache', async () => {
      log.add(5);
      await pull({ user_id: 2, device_id: 'd1', ack_token: '1' });
      await pull({ user_id: 2, device_id: 'd2', ack_token: '1' });
      expect(log.dbCalls.filter((c) => c.startsWith('readPageJson'))).toEqual(['readPageJson(1)']);
    });

    it('starts a new device with a snapshot taken at the head, then continues with the log from there', async () => {
      log.add(3);
      const first = await pull({ user_id: 2, device_id: 'd1', limit: 2 });
      expect(first.body).toMatchObject({ snapshot: true, has_more: true, remaining: 1, next_sync_token: '3:sale.order:2:1' });
      expect(first.body.events.map((e: { record_id: number }) => e.record_id)).toEqual([1, 2]);
      log.add(1); // appended while the device drains its snapshot: it is in the log after the snapshot's position
      const announce = JSON.stringify({ tenant_id: 't1', head_id: 4, models: ['sale.order'] });
      await app.get<InProcessPubSub>(PUB_SUB).publish(SYNC_EVENTS_CHANNEL, announce);
      const second = await pull({ user_id: 2, device_id: 'd1', limit: 2 });
      expect(second.body).toMatchObject({ snapshot: true, has_more: true, remaining: 1, next_sync_token: '3' });
      expect(second.body.events.map((e: { record_id: number }) => e.record_id)).toEqual([3, 4]);
      const third = await pull({ user_id: 2, device_id: 'd1', limit: 2 });
      expect(third.body).toMatchObject({ snapshot: false, has_more: false, remaining: 0, next_sync_token: '4' });
      expect(third.body.events.map((e: { id: number }) => e.id)).toEqual([4]);
    });

    it('applies the app type: events of other models are skipped and the cursor still reaches the head', async () => {
      log.add(2, 'stock.picking');
      log.add(1, 'sale.order');
      const res = await pull({ user_id: 2, device_id: 'd1', models: ['sale.order', 'stock.picking'] });
      expect(res.body.events.map((e: { model: string }) => e.model)).toEqual(['sale.order']);
      expect(res.body.sync_state).toMatchObject({ app_type: 'sales_app', models: ['sale.order'], ignored_models: ['stock.picking'] });
      expect(res.body.next_sync_token).toBe('3');
    });

    it('pages with has_more and limit', async () => {
      log.add(5);
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
      log.add(3);
      await pull({ user_id: 2, device_id: 'd1', ack_token: '0' });
      const again = await pull({ user_id: 2, device_id: 'd1', ack_token: '0' });
      expect(again.body.events.map((e: { id: number }) => e.id)).toEqual([1, 2, 3]);
      expect(again.body.sync_state).toMatchObject({ last_event_id: 0, acknowledged: true });
    });

    it('answers a cursor behind the retained history with 200, reset_required and a snapshot at the head', async () => {
      log.add(10);
      log.archivedThrough = 5;
      const res = await pull({ user_id: 2, device_id: 'd1', ack_token: '2', limit: 4 });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ reset_required: true, snapshot: true, next_sync_token: '10:sale.order:4:6', remaining: 6 });
      expect(res.body.sync_state).toMatchObject({ acknowledged: false, snapshot_token: '10:sale.order:4:6' });
      expect(res.body.events.map((e: { record_id: number }) => e.record_id)).toEqual([1, 2, 3, 4]);
    });
  });

  describe('state', () => {
    it('answers 404 SYNC_STATE_NOT_FOUND for a device that never pulled', async () => {
      const res = await request(app.getHttpServer())
        .get('/api/v2/sync/state?user_id=2&device_id=nope')
        .set('Authorization', `Bearer ${token}`);
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ code: 'SYNC_STATE_NOT_FOUND', details: { user_id: 2, device_id: 'nope' } });
    });

    it('answers 403 for another user', async () => {
      const res = await request(app.getHttpServer())
        .get('/api/v2/sync/state?user_id=6&device_id=d1')
        .set('Authorization', `Bearer ${token}`);
      expect(res.status).toBe(403);
    });

    it('shows the state written behind the pull', async () => {
      log.add(4);
      await pull({ user_id: 2, device_id: 'd1' });
      const res = await request(app.getHttpServer())
        .get('/api/v2/sync/state?user_id=2&device_id=d1')
        .set('Authorization', `Bearer ${token}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ user_id: 2, device_id: 'd1', app_type: 'sales_app', last_event_id: 4, sync_count: 1, total_events_synced: 4, is_active: true });
      expect(res.body.last_sync_time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    });
  });

  describe('reset', () => {
    it('makes the next pull start from the beginning', async () => {
      log.add(2);
      await pull({ user_id: 2, device_id: 'd1' });
      const res = await request(app.getHttpServer())
        .post('/api/v2/sync/reset?user_id=2&device_id=d1')
        .set('Authorization', `Bearer ${token}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'success', success: true });
      const again = await pull({ user_id: 2, device_id: 'd1' });
      expect(again.body.events.map((e: { id: number }) => e.id)).toEqual([1, 2]);
    });
  });

  describe('health', () => {
    it('needs no authentication', async () => {
      const res = await request(app.getHttpServer()).get('/api/v2/sync/health');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'healthy', service: 'smart-sync', version: '2.0.0' });
      expect(res.body.features.length).toBeGreaterThan(0);
    });
  });

  describe('check-updates', () => {
    it('needs authentication', async () => {
      expect((await request(app.getHttpServer()).get('/api/v1/check-updates')).status).toBe(401);
    });

    it('rejects a since that is not ISO-8601', async () => {
      const res = await request(app.getHttpServer())
        .get('/api/v1/check-updates?since=yesterday')
        .set('Authorization', `Bearer ${token}`);
      expect(res.status).toBe(400);
      expect(res.body.details.fields[0].field).toBe('since');
    });
  });
});
