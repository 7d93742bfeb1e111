import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ThrottlerStorage, ThrottlerStorageService } from '@nestjs/throttler';
import request from 'supertest';
import { HttpExceptionFilter } from '../../src/common/http-exception.filter';
import { createValidationPipe } from '../../src/common/validation';
import { unitConfig } from './test-env';
import { APP_CONFIG } from '../../src/config/config.module';
import { InvalidSession } from '../../src/modules/auth/auth.errors';
import { AuthGuard } from '../../src/modules/auth/auth.guard';
import type { AuthUser } from '../../src/modules/auth/auth.types';
import { OdooSessionValidator } from '../../src/modules/auth/odoo-session.validator';
import { RateLimitGuard } from '../../src/modules/auth/rate-limit.guard';
import { RateLimiter } from '../../src/modules/auth/rate-limiter';
import { TokenService } from '../../src/modules/tokens/token.service';
import { CACHE_STORE, PUB_SUB } from '../../src/modules/cache/cache.types';
import { InMemoryStore, InProcessPubSub } from '../../src/modules/cache/in-memory.store';
import { SyncResetRequired } from '../../src/modules/feed/feed.errors';
import { DeviceStateRepository, type DeviceState } from '../../src/modules/devices/device-state.repository';
import { DeviceStore } from '../../src/modules/devices/device-store';
import { SessionDevices } from '../../src/modules/devices/session-devices';
import { EventLogRepository } from '../../src/modules/feed/event-log.repository';
import { EventSummaryRepository } from '../../src/modules/feed/event-summary.repository';
import { FeedTail } from '../../src/modules/feed/feed-tail';
import { FeedWriter } from '../../src/modules/feed/feed-writer';
import { RecordStateRepository, type SnapshotKey } from '../../src/modules/feed/record-state.repository';
import { type ReadOptions, type StoredEvent } from '../../src/modules/feed/event.types';
import { metricProviders } from '../../src/modules/metrics/metrics';
import { SystemsService } from '../../src/modules/systems/systems.service';
import { CheckUpdatesController } from '../../src/modules/smart-sync/check-updates.controller';
import { FeedHeads } from '../../src/modules/pull/feed-heads';
import { SmartSyncController } from '../../src/modules/smart-sync/smart-sync.controller';
import { SmartSyncService } from '../../src/modules/smart-sync/smart-sync.service';
import { PullEngine } from '../../src/modules/pull/pull-engine';
import { PullPages } from '../../src/modules/smart-sync/pull-pages';
import { SyncHealthService } from '../../src/modules/smart-sync/sync-health.service';
import { SyncStateService } from '../../src/modules/smart-sync/sync-state.service';
import { UpdatesService } from '../../src/modules/smart-sync/updates.service';
import { SnapshotAdmission } from '../../src/modules/pull/snapshot-admission';
import { ReadPolicyService } from '../../src/modules/access/read-policy.service';
import { OdooVisibility } from '../../src/modules/access/odoo-visibility';
import { AccessCatalogueLoader } from '../../src/modules/access/catalogue.loader';
import { CopyProgress } from '../../src/modules/ingestion/copy-progress';
import { IngestionHealth } from '../../src/modules/ingestion/ingestion-health';
import { RedisService } from '../../src/modules/cache/redis.service';
import { StateWriter } from '../../src/modules/devices/state-writer';
import { Clock } from '../../src/modules/feed/clock';
import { SyncCache } from '../../src/modules/smart-sync/sync-cache';

/** The event log as the service sees it; `dbCalls` lists every call that would reach the database. */
export class FakeEventLog {
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

  /** Events are added as another instance's appends would be: this one knows them from the head only. */
  ownHead(): number {
    return 0;
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

export class FakeStates {
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
  connectionState: async () => 'connected',
  async get(id: string) {
    return { id, options: id === 't1' ? { default_app_type: 'sales_app' } : {} };
  },
};

export const config = unitConfig();

/** A running SmartSync slice over fakes: the log, device rows and the access model (see each fake). */
export interface SmartSyncHarness {
  app: INestApplication;
  log: FakeEventLog;
  states: FakeStates;
  token: string;
  /** Set to make loading the access model fail as it does while Odoo is unreachable. */
  rightsFail: Error | null;
}

/** Starts the slice before each test of the calling describe and closes it after. */
export function smartSyncHarness(): SmartSyncHarness {
  const h = { rightsFail: null } as SmartSyncHarness;
  beforeEach(async () => {
    h.log = new FakeEventLog();
    h.states = new FakeStates();
    h.rightsFail = null;
    const moduleRef = await Test.createTestingModule({
      controllers: [SmartSyncController, CheckUpdatesController],
      providers: [
        SmartSyncService,
        PullEngine,
        PullPages,
        SyncStateService,
        SyncHealthService,
        UpdatesService,
        SnapshotAdmission,
        ReadPolicyService,
        SyncCache,
        StateWriter,
        DeviceStore,
        SessionDevices,
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
        { provide: EventLogRepository, useValue: h.log },
        { provide: EventSummaryRepository, useValue: h.log },
        { provide: FeedWriter, useValue: h.log },
        // No tail: this slice counts the reads of the log (feed-tail.spec and the integration specs cover the tail).
        {
          provide: FeedTail,
          useValue: {
            page: async () => null,
            count: (tenantId: string, afterId: number, models: string[] | '*', throughId: number) => h.log.countAfter(tenantId, afterId, { models, throughId }),
          },
        },
        { provide: DeviceStateRepository, useValue: h.states },
        { provide: RecordStateRepository, useValue: new FakeRecordState(h.log) },
        { provide: SystemsService, useValue: fakeSystems },
        { provide: IngestionHealth, useValue: { failingTooLong: () => [] } },
        // No system is being copied from Odoo in this slice (backfill.integration-spec covers a copy in progress).
        { provide: CopyProgress, useValue: { inProgress: async () => null } },
        { provide: RedisService, useValue: { enabled: false, outage: () => undefined } },
        // Access rights are not this slice's subject (see access.integration-spec): every event is readable.
        {
          provide: AccessCatalogueLoader,
          useValue: {
            rights: async () => {
              if (h.rightsFail) throw h.rightsFail;
              return { key: 'all', describe: () => 'all', knownModels: () => [], readable: () => true, restricted: () => false, hiddenFields: () => new Set() };
            },
          },
        },
        // Every event is readable here, so Odoo is never asked.
        { provide: OdooVisibility, useValue: {} },
      ],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    app.useGlobalPipes(createValidationPipe());
    app.useGlobalFilters(new HttpExceptionFilter());
    await app.init();
    h.app = app;
    h.token = app.get(TokenService).signAccess({ tenantId: 't1', userId: 2, login: 'admin' });
  });
  afterEach(() => h.app.close());
  return h;
}

/** Every call that would reach the database. */
export const dbCalls = (h: SmartSyncHarness): string[] => [...h.log.dbCalls, ...h.states.dbCalls];

export function pullAs(h: SmartSyncHarness, body: Record<string, unknown>, bearer: string | null = h.token) {
  const req = request(h.app.getHttpServer()).post('/api/v2/sync/pull');
  return (bearer ? req.set('Authorization', `Bearer ${bearer}`) : req).send(body);
}
