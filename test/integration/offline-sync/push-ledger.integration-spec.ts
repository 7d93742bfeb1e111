import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { createDatabase, migrateToLatest } from '../../../src/database/database';
import type { Db } from '../../../src/database/schema';
import type { ChangeAction, PushResult } from '../../../src/modules/offline-sync/offline-sync.types';
import { PushClaimsRepository } from '../../../src/modules/offline-sync/push-claims.repository';
import { PushLedgerRepository, recordKey, type LedgerKey, type LedgerStatus } from '../../../src/modules/offline-sync/push-ledger.repository';
import { testDatabaseUrl } from '../../support/test-app';

/** What the offline push ledger answers about a device's changes, straight on each database engine BridgeCore runs on. */

const engines: Array<{ name: string; open: () => Promise<Db> }> = [{ name: 'PGlite', open: async () => (await createDatabase({ pgliteDir: null })).db }];
const pgUrl = testDatabaseUrl();
if (pgUrl) engines.push({ name: 'PostgreSQL', open: async () => (await createDatabase({ url: pgUrl, pgliteDir: null })).db });

const STALE_MS = 60_000;
const MODEL = 'res.partner';

interface Recorded {
  action: ChangeAction;
  status: Exclude<LedgerStatus, 'in_progress' | 'unconfirmed'>;
  serverId: number;
  writeDate?: string;
  values?: Record<string, unknown>;
}

describe.each(engines)('PushLedgerRepository lookups on $name', ({ open }) => {
  let db: Db;
  let claims: PushClaimsRepository;
  let ledger: PushLedgerRepository;

  beforeAll(async () => {
    db = await open();
    await migrateToLatest(db);
    claims = new PushClaimsRepository(db);
    ledger = new PushLedgerRepository(db);
  });

  afterAll(async () => {
    claims?.onApplicationShutdown();
    await db?.destroy();
  });

  const newTenant = () => `ledger-${randomUUID()}`;
  const keyOf = (tenantId: string, localId: string, deviceId = 'phone'): LedgerKey => ({ tenantId, userId: 6, deviceId, localId });

  /** Claims and settles a change, as a push does. */
  async function record(key: LedgerKey, r: Recorded): Promise<void> {
    const claim = (await claims.acquire(key, { fingerprint: key.localId, model: MODEL, action: r.action }, STALE_MS)) as { claimId: string };
    const result: PushResult = {
      local_id: key.localId,
      status: r.status,
      action: r.action,
      model: MODEL,
      server_id: r.serverId,
      server_timestamp: '2026-11-22T10:00:00.000Z',
      processing_time_ms: 1,
    };
    const change = { action: r.action, model: MODEL, record_id: r.serverId, data: r.values ?? {} };
    const settled = await claims.settle(key, claim.claimId, {
      status: r.status,
      serverId: r.serverId,
      serverWriteDate: r.writeDate ?? null,
      serverValues: r.values ?? null,
      change,
      result,
    });
    expect(settled).toBe(true);
  }

  describe('ownWrites', () => {
    it("answers the device's latest write to a record, not an earlier one", async () => {
      const tenantId = newTenant();
      await record(keyOf(tenantId, 'u1'), { action: 'update', status: 'success', serverId: 7, writeDate: '2026-11-22 10:00:00', values: { phone: '1' } });
      await record(keyOf(tenantId, 'u2'), { action: 'update', status: 'success', serverId: 7, writeDate: '2026-11-22 10:05:00', values: { phone: '2' } });
      // Recorded an hour apart, so the order does not hang on the clock's resolution.
      await db
        .updateTable('offline_push_ledger')
        .set({ updated_at: sql`now() - interval '1 hour'` })
        .where('tenant_id', '=', tenantId)
        .where('local_id', '=', 'u1')
        .execute();

      const own = await ledger.ownWrites(tenantId, 6, 'phone', [{ model: MODEL, recordId: 7 }]);
      expect([...own.entries()]).toEqual([[recordKey(MODEL, 7), { writeDate: '2026-11-22 10:05:00', values: { phone: '2' }, localId: 'u2', action: 'update' }]]);
    });

    it("counts a delete without a write_date, and neither a conflict, another device's write nor another record", async () => {
      const tenantId = newTenant();
      await record(keyOf(tenantId, 'gone'), { action: 'delete', status: 'success', serverId: 9 });
      await record(keyOf(tenantId, 'open'), { action: 'delete', status: 'conflict', serverId: 8 });
      await record(keyOf(tenantId, 'tablet', 'tablet'), { action: 'update', status: 'success', serverId: 8, writeDate: '2026-11-22 10:00:00' });
      await record(keyOf(tenantId, 'other'), { action: 'update', status: 'success', serverId: 10, writeDate: '2026-11-22 10:00:00' });

      const own = await ledger.ownWrites(tenantId, 6, 'phone', [
        { model: MODEL, recordId: 8 },
        { model: MODEL, recordId: 9 },
      ]);
      expect([...own.keys()]).toEqual([recordKey(MODEL, 9)]);
      expect(own.get(recordKey(MODEL, 9))).toEqual({ writeDate: null, values: null, localId: 'gone', action: 'delete' });
    });
  });

  describe('getMany', () => {
    it("finds the device's own earlier changes only", async () => {
      const tenantId = newTenant();
      await record(keyOf(tenantId, 'cust'), { action: 'create', status: 'success', serverId: 11 });
      await record(keyOf(tenantId, 'theirs', 'tablet'), { action: 'create', status: 'success', serverId: 12 });

      const found = await ledger.getMany(tenantId, 6, 'phone', ['cust', 'theirs', 'never']);
      expect([...found.keys()]).toEqual(['cust']);
      expect(found.get('cust')).toMatchObject({ status: 'success', serverId: 11, action: 'create', model: MODEL });
    });
  });

  describe('openCounts', () => {
    it('counts running and unconfirmed changes as in progress, and the open conflicts', async () => {
      const tenantId = newTenant();
      await claims.acquire(keyOf(tenantId, 'running'), { fingerprint: 'f', model: MODEL, action: 'create' }, STALE_MS);
      const lost = (await claims.acquire(keyOf(tenantId, 'lost'), { fingerprint: 'f', model: MODEL, action: 'create' }, STALE_MS)) as { claimId: string };
      const unconfirmed: PushResult = { local_id: 'lost', status: 'error', action: 'create', model: MODEL, server_id: null, server_timestamp: '', processing_time_ms: 0 };
      await claims.settle(keyOf(tenantId, 'lost'), lost.claimId, { unconfirmed });
      await record(keyOf(tenantId, 'open'), { action: 'update', status: 'conflict', serverId: 8 });
      await record(keyOf(tenantId, 'done'), { action: 'update', status: 'success', serverId: 9 });
      await record(keyOf(tenantId, 'theirs', 'tablet'), { action: 'update', status: 'conflict', serverId: 9 });

      expect(await ledger.openCounts(tenantId, 6, 'phone')).toEqual({ total: 4, inProgress: 2, conflicts: 1 });
    });
  });
});
