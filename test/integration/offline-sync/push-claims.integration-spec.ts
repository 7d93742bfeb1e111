import { randomUUID } from 'node:crypto';
import { sql, type KyselyPlugin, type PluginTransformResultArgs, type QueryResult, type UnknownRow } from 'kysely';
import { DatabaseUnavailable } from '../../../src/common/errors';
import { createDatabase, migrateToLatest } from '../../../src/database/database';
import type { Db } from '../../../src/database/schema';
import type { PushResult } from '../../../src/modules/offline-sync/offline-sync.types';
import { PushClaimsRepository, type Outcome } from '../../../src/modules/offline-sync/push-claims.repository';
import type { LedgerKey } from '../../../src/modules/offline-sync/push-ledger.repository';
import { testDatabaseUrl, waitFor } from '../../support/test-app';

/** The claim protocol of the offline push ledger, straight on each database engine BridgeCore runs on. */

const engines: Array<{ name: string; open: () => Promise<Db> }> = [{ name: 'PGlite', open: async () => (await createDatabase({ pgliteDir: null })).db }];
const pgUrl = testDatabaseUrl();
if (pgUrl) engines.push({ name: 'PostgreSQL', open: async () => (await createDatabase({ url: pgUrl, pgliteDir: null })).db });

const STALE_MS = 60_000;
const change = { fingerprint: 'f1', model: 'res.partner', action: 'create' as const };

function resultFor(key: LedgerKey, serverId: number): PushResult {
  return {
    local_id: key.localId,
    status: 'success',
    action: 'create',
    model: 'res.partner',
    server_id: serverId,
    server_timestamp: '2026-11-22T10:00:00.000Z',
    processing_time_ms: 1,
  };
}

function success(key: LedgerKey, serverId: number): Outcome {
  return { status: 'success', serverId, serverWriteDate: null, change: null, result: resultFor(key, serverId) };
}

/** Once armed, the next statement runs but its answer is lost, as when the server goes away right after a commit. */
class LoseNextAnswer implements KyselyPlugin {
  armed = false;
  transformQuery: KyselyPlugin['transformQuery'] = (args) => args.node;
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    if (!this.armed) return args.result;
    this.armed = false;
    throw new DatabaseUnavailable('Connection terminated unexpectedly');
  }
}

describe.each(engines)('PushClaimsRepository claim protocol on $name', ({ open }) => {
  let db: Db;
  let ledger: PushClaimsRepository;

  beforeAll(async () => {
    db = await open();
    await migrateToLatest(db);
    ledger = new PushClaimsRepository(db);
  });

  afterAll(async () => {
    ledger?.onApplicationShutdown();
    await db?.destroy();
  });

  const newKey = (): LedgerKey => ({ tenantId: `ledger-${randomUUID()}`, userId: 6, deviceId: 'phone', localId: 'c1' });
  /** Backdates the claim as if its holder had taken it an hour ago and then crashed. */
  const age = (key: LedgerKey) =>
    db
      .updateTable('offline_push_ledger')
      .set({ claimed_at: sql`now() - interval '1 hour'` })
      .where('tenant_id', '=', key.tenantId)
      .execute();
  const row = (key: LedgerKey) => db.selectFrom('offline_push_ledger').select(['status', 'claim_id', 'server_id']).where('tenant_id', '=', key.tenantId).executeTakeFirst();

  it('claims a new change, answers busy while it runs, then replays its settled outcome', async () => {
    const key = newKey();
    const first = await ledger.acquire(key, change, STALE_MS);
    expect(first).toEqual({ kind: 'claimed', claimId: expect.any(String), resumed: false });
    expect(await ledger.acquire(key, change, STALE_MS)).toEqual({ kind: 'busy' });
    expect(await ledger.settle(key, (first as { claimId: string }).claimId, success(key, 41))).toBe(true);
    expect(await ledger.acquire(key, change, STALE_MS)).toEqual({ kind: 'replay', result: resultFor(key, 41) });
  });

  it('gives back a claim whose insert committed while its answer was lost to an outage, once the database answers', async () => {
    const key = newKey();
    const lose = new LoseNextAnswer();
    const cut = new PushClaimsRepository(db.withPlugin(lose));
    try {
      lose.armed = true;
      await expect(cut.acquire(key, change, STALE_MS)).rejects.toBeInstanceOf(DatabaseUnavailable);
      expect(await row(key)).toMatchObject({ status: 'in_progress' });
      // Not busy until the claim goes stale (STALE_MS): the device's retry claims it afresh.
      await waitFor(async () => (await row(key)) === undefined, 10_000, 100);
      expect(await ledger.acquire(key, change, STALE_MS)).toMatchObject({ kind: 'claimed', resumed: false });
    } finally {
      cut.onApplicationShutdown();
    }
  });

  it('answers mismatch for the same local_id with another body', async () => {
    const key = newKey();
    await ledger.acquire(key, change, STALE_MS);
    expect(await ledger.acquire(key, { ...change, fingerprint: 'f2' }, STALE_MS)).toEqual({ kind: 'mismatch' });
  });

  it('gives an untouched change back: the next caller claims it afresh', async () => {
    const key = newKey();
    const first = (await ledger.acquire(key, change, STALE_MS)) as { claimId: string };
    expect(await ledger.settle(key, first.claimId, 'untouched')).toBe(true);
    expect(await row(key)).toBeUndefined();
    expect(await ledger.acquire(key, change, STALE_MS)).toMatchObject({ kind: 'claimed', resumed: false });
  });

  it('resumes an unconfirmed change at once, and its earlier holder can no longer settle it', async () => {
    const key = newKey();
    const first = (await ledger.acquire(key, change, STALE_MS)) as { claimId: string };
    expect(await ledger.settle(key, first.claimId, { unconfirmed: { ...resultFor(key, 0), status: 'error', server_id: null } })).toBe(true);
    expect((await row(key))?.status).toBe('unconfirmed');
    const second = await ledger.acquire(key, change, STALE_MS);
    expect(second).toEqual({ kind: 'claimed', claimId: expect.any(String), resumed: true });
    expect(await ledger.settle(key, first.claimId, success(key, 1))).toBe(false);
    expect(await ledger.settle(key, (second as { claimId: string }).claimId, success(key, 2))).toBe(true);
    expect((await row(key))?.server_id).toBe(2);
  });

  describe('a settled change', () => {
    it('is changed by no later settlement under its claim id (a late retry of the same holder)', async () => {
      const key = newKey();
      const first = (await ledger.acquire(key, change, STALE_MS)) as { claimId: string };
      expect(await ledger.settle(key, first.claimId, success(key, 41))).toBe(true);
      expect(await ledger.settle(key, first.claimId, 'untouched')).toBe(false);
      expect(await ledger.settle(key, first.claimId, success(key, 42))).toBe(false);
      expect(await row(key)).toMatchObject({ status: 'success', server_id: 41 });
    });
  });

  describe('resolve-conflicts claims', () => {
    const conflicted = async (): Promise<LedgerKey> => {
      const key = newKey();
      const first = (await ledger.acquire(key, change, STALE_MS)) as { claimId: string };
      const result: PushResult = { ...resultFor(key, 41), status: 'conflict' };
      await ledger.settle(key, first.claimId, { status: 'conflict', serverId: 41, serverWriteDate: null, change: null, result });
      return key;
    };

    it('gives a recorded conflict to one resolver at a time, and again once it is put back', async () => {
      const key = await conflicted();
      const claim = await ledger.claimConflict(key);
      expect(claim).toEqual(expect.any(String));
      expect(await ledger.claimConflict(key)).toBeNull();
      await ledger.reopenConflict(key, claim as string);
      expect(await row(key)).toMatchObject({ status: 'conflict' });
      expect(await ledger.claimConflict(key)).toEqual(expect.any(String));
    });

    it('of ten concurrent resolvers, exactly one claims the conflict', async () => {
      const key = await conflicted();
      const claims = await Promise.all(Array.from({ length: 10 }, () => ledger.claimConflict(key)));
      expect(claims.filter((c) => c !== null)).toHaveLength(1);
    });

    it('claims nothing of a change that is not in conflict', async () => {
      const key = newKey();
      const first = (await ledger.acquire(key, change, STALE_MS)) as { claimId: string };
      await ledger.settle(key, first.claimId, success(key, 41));
      expect(await ledger.claimConflict(key)).toBeNull();
      expect(await row(key)).toMatchObject({ status: 'success', claim_id: first.claimId });
    });

    it('does not let a claim that was put back settle the conflict afterwards', async () => {
      const key = await conflicted();
      const claim = (await ledger.claimConflict(key)) as string;
      await ledger.reopenConflict(key, claim);
      expect(await ledger.settle(key, claim, success(key, 41))).toBe(false);
      expect(await row(key)).toMatchObject({ status: 'conflict' });
    });
  });

  describe('staleness', () => {
    it('does not take over a claim younger than the timeout', async () => {
      const key = newKey();
      const first = (await ledger.acquire(key, change, STALE_MS)) as { claimId: string };
      expect(await ledger.takeOver(key, first.claimId, STALE_MS)).toBeNull();
      expect(await ledger.acquire(key, change, STALE_MS)).toEqual({ kind: 'busy' });
      expect((await row(key))?.claim_id).toBe(first.claimId);
    });

    it('takes over a claim older than the timeout (its holder crashed), as resumed', async () => {
      const key = newKey();
      const first = (await ledger.acquire(key, change, STALE_MS)) as { claimId: string };
      await age(key);
      const second = await ledger.acquire(key, change, STALE_MS);
      expect(second).toEqual({ kind: 'claimed', claimId: expect.any(String), resumed: true });
      expect((await row(key))?.claim_id).toBe((second as { claimId: string }).claimId);
      // The presumed-dead holder wakes up: its outcome is not recorded over the new holder's claim.
      expect(await ledger.settle(key, first.claimId, success(key, 1))).toBe(false);
    });

    it('never takes over a settled change, however old', async () => {
      const key = newKey();
      const first = (await ledger.acquire(key, change, STALE_MS)) as { claimId: string };
      await ledger.settle(key, first.claimId, success(key, 41));
      await age(key);
      expect(await ledger.takeOver(key, first.claimId, 0)).toBeNull();
      expect(await ledger.acquire(key, change, STALE_MS)).toMatchObject({ kind: 'replay' });
    });
  });

  describe('takeover races', () => {
    it('lets a take-over succeed only against the claim id it saw (compare-and-set)', async () => {
      const key = newKey();
      const first = (await ledger.acquire(key, change, STALE_MS)) as { claimId: string };
      await age(key);
      // Two callers both read the stale claim `first`; even with everything stale (0 ms), only one may win.
      const winner = await ledger.takeOver(key, first.claimId, 0);
      expect(winner).toEqual(expect.any(String));
      expect(await ledger.takeOver(key, first.claimId, 0)).toBeNull();
      expect((await row(key))?.claim_id).toBe(winner);
    });

    it('of ten concurrent callers, exactly one claims a new change', async () => {
      const key = newKey();
      const answers = await Promise.all(Array.from({ length: 10 }, () => ledger.acquire(key, change, STALE_MS)));
      expect(answers.filter((a) => a.kind === 'claimed')).toHaveLength(1);
      expect(answers.filter((a) => a.kind === 'busy')).toHaveLength(9);
    });

    it('of ten concurrent callers, exactly one takes over a crashed claim', async () => {
      const key = newKey();
      await ledger.acquire(key, change, STALE_MS);
      await age(key);
      const answers = await Promise.all(Array.from({ length: 10 }, () => ledger.acquire(key, change, STALE_MS)));
      const claimed = answers.filter((a) => a.kind === 'claimed');
      expect(claimed).toEqual([{ kind: 'claimed', claimId: expect.any(String), resumed: true }]);
      expect(answers.filter((a) => a.kind === 'busy')).toHaveLength(9);
      expect((await row(key))?.claim_id).toBe((claimed[0] as { claimId: string }).claimId);
    });

    it('of ten concurrent callers, exactly one resumes an unconfirmed change', async () => {
      const key = newKey();
      const first = (await ledger.acquire(key, change, STALE_MS)) as { claimId: string };
      await ledger.settle(key, first.claimId, { unconfirmed: { ...resultFor(key, 0), status: 'error', server_id: null } });
      const answers = await Promise.all(Array.from({ length: 10 }, () => ledger.acquire(key, change, STALE_MS)));
      expect(answers.filter((a) => a.kind === 'claimed')).toHaveLength(1);
      expect(answers.filter((a) => a.kind === 'busy')).toHaveLength(9);
    });
  });
});
