import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { ExpressionBuilder, Selectable, sql } from 'kysely';
import { DatabaseUnavailable } from '../../common/errors';
import { DB } from '../../database/database.module';
import type { Database, Db, OfflinePushLedgerTable } from '../../database/schema';
import type { Values } from './conflict-resolver';
import type { ChangeAction, PushResult, StoredChange } from './offline-sync.types';

export interface LedgerKey {
  tenantId: string;
  userId: number;
  deviceId: string;
  localId: string;
}

export type LedgerStatus = OfflinePushLedgerTable['status'];

export interface LedgerEntry extends LedgerKey {
  fingerprint: string;
  model: string;
  action: ChangeAction;
  status: LedgerStatus;
  claimId: string;
  serverId: number | null;
  serverWriteDate: string | null;
  change: StoredChange | null;
  result: PushResult | null;
}

export interface Outcome {
  status: Exclude<LedgerStatus, 'in_progress' | 'unconfirmed'>;
  serverId: number | null;
  serverWriteDate: string | null;
  /** The written fields as Odoo read them back with serverWriteDate (absent when not read). */
  serverValues?: Values | null;
  change: StoredChange | null;
  result: PushResult;
}

export interface ClaimedChange {
  fingerprint: string;
  model: string;
  action: ChangeAction;
}

export type Acquisition =
  | { kind: 'claimed'; claimId: string; resumed: boolean }
  | { kind: 'replay'; result: PushResult }
  | { kind: 'busy' }
  | { kind: 'mismatch' };

export type Settlement = Outcome | 'untouched' | { unconfirmed: PushResult };

/** How often, and for how long, a settlement the database could not take is written again. */
const SETTLE_RETRY_MS = 1000;
const SETTLE_RETRY_FOR_MS = 15 * 60_000;

/** Rounds of insert/read/take-over before answering busy: each lost round means another caller made progress. */
const MAX_ACQUIRE_ROUNDS = 5;

export interface OwnWrite {
  writeDate: string | null;
  /** The fields the change wrote, as Odoo read them right after it (null when unknown). */
  values: Values | null;
  localId: string;
  action: ChangeAction;
}

type Row = Selectable<OfflinePushLedgerTable>;

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** Identifies what a change would write: the same local_id must always carry the same body. */
export function fingerprintChange(change: { action: string; model: string; record_id?: unknown; data?: unknown }): string {
  const body = canonical({ action: change.action, model: change.model, record_id: change.record_id ?? null, data: change.data ?? null });
  return createHash('sha256').update(body).digest('hex');
}

function toEntry(row: Row): LedgerEntry {
  return {
    tenantId: row.tenant_id,
    userId: row.user_id,
    deviceId: row.device_id,
    localId: row.local_id,
    fingerprint: row.fingerprint,
    model: row.model,
    action: row.action,
    status: row.status,
    claimId: row.claim_id,
    serverId: row.server_id,
    serverWriteDate: row.server_write_date,
    change: row.change as StoredChange | null,
    result: row.result as PushResult | null,
  };
}

/**
 * The exactly-once ledger of offline changes. A change is executed only by whoever inserted its row
 * ("claimed" it); everybody else waits for, or replays, the recorded outcome.
 */
@Injectable()
export class PushLedgerRepository implements OnApplicationShutdown {
  private readonly logger = new Logger(PushLedgerRepository.name);
  private readonly retries = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(@Inject(DB) private readonly db: Db) {}

  onApplicationShutdown(): void {
    this.stopped = true;
    // A settlement still unwritten is left to the claim's staleness: the next holder resumes the change.
    for (const timer of this.retries) clearTimeout(timer);
    this.retries.clear();
  }

  private where(key: LedgerKey) {
    return this.db
      .selectFrom('offline_push_ledger')
      .where((eb) => byKey(eb, key));
  }

  /**
   * The claim protocol, one call: who runs this change now?
   * - `claimed`: this caller holds it and must `settle` it. `resumed` when an earlier attempt may have reached
   *   Odoo: its answer was lost (`unconfirmed`) or its holder crashed (claim older than staleMs).
   * - `replay`: it already has an outcome; `busy`: another caller runs it right now;
   * - `mismatch`: this local_id was pushed with another body.
   * Taking a change over is a compare-and-set on the holder's claim id, so of several callers exactly one wins.
   */
  async acquire(key: LedgerKey, change: ClaimedChange, staleMs: number): Promise<Acquisition> {
    for (let attempt = 0; attempt < MAX_ACQUIRE_ROUNDS; attempt++) {
      const claimId = randomUUID();
      const inserted = await this.db
        .insertInto('offline_push_ledger')
        .values({
          tenant_id: key.tenantId,
          user_id: key.userId,
          device_id: key.deviceId,
          local_id: key.localId,
          fingerprint: change.fingerprint,
          model: change.model,
          action: change.action,
          status: 'in_progress',
          claim_id: claimId,
        })
        .onConflict((oc) => oc.columns(['tenant_id', 'user_id', 'device_id', 'local_id']).doNothing())
        .returning('claim_id')
        .executeTakeFirst()
        .catch((error: unknown) => {
          // The insert may have committed with its answer lost. Nothing ran under this claim: it is given back once
          // the database answers, or the change would be busy until the claim went stale.
          if (error instanceof DatabaseUnavailable) this.settleLater(key, claimId, 'untouched', Date.now() + SETTLE_RETRY_FOR_MS);
          throw error;
        });
      if (inserted) return { kind: 'claimed', claimId, resumed: false };

      const entry = await this.get(key);
      if (!entry) continue; // given back between our insert and read: claim it again
      if (entry.fingerprint !== change.fingerprint) return { kind: 'mismatch' };
      if (entry.status === 'in_progress' || entry.status === 'unconfirmed') {
        const taken = await this.takeOver(key, entry.claimId, staleMs);
        if (taken) return { kind: 'claimed', claimId: taken, resumed: true };
        // A live holder (or a caller that took over first) runs it; an unconfirmed one moved on: look again.
        if (entry.status === 'in_progress') return { kind: 'busy' };
        continue;
      }
      return { kind: 'replay', result: entry.result as PushResult };
    }
    return { kind: 'busy' };
  }

  /**
   * Takes a change over from the holder of `claimId`: a compare-and-set on the claim id, allowed only from
   * `unconfirmed` or from a claim older than staleMs (its holder presumed crashed). The new claim id, or null.
   */
  async takeOver(key: LedgerKey, claimId: string, staleMs: number): Promise<string | null> {
    const fresh = randomUUID();
    const result = await this.db
      .updateTable('offline_push_ledger')
      .set({ status: 'in_progress', claim_id: fresh, claimed_at: sql`now()`, updated_at: sql`now()` })
      .where((eb) => byKey(eb, key))
      .where('claim_id', '=', claimId)
      .where((eb) =>
        eb.or([
          eb('status', '=', 'unconfirmed'),
          eb.and([eb('status', '=', 'in_progress'), sql<boolean>`claimed_at < now() - (${staleMs} * interval '1 millisecond')`]),
        ]),
      )
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0 ? fresh : null;
  }

  /**
   * Ends a claim, only for its current holder (false when it was taken over meanwhile):
   * - an `Outcome`: what happened, replayed to every later attempt;
   * - `untouched`: Odoo provably was not changed, the claim is given back and a retry runs the change;
   * - `unconfirmed`: the change may have reached Odoo; the next attempt resumes it (checks Odoo first).
   */
  async settle(key: LedgerKey, claimId: string, settlement: Settlement): Promise<boolean> {
    try {
      return await this.write(key, claimId, settlement);
    } catch (error) {
      if (error instanceof DatabaseUnavailable) this.settleLater(key, claimId, settlement, Date.now() + SETTLE_RETRY_FOR_MS);
      throw error;
    }
  }

  /**
   * The database went away between Odoo's answer and the ledger write. The request still fails (503: nothing is
   * reported done that is not recorded), but what Odoo did is written as soon as the database answers again, so the
   * device's retry replays it instead of waiting PUSH_CLAIM_TIMEOUT_MS for the claim to go stale. The write is the
   * same compare-and-set on the claim id: if the change was taken over meanwhile, it changes nothing.
   */
  private settleLater(key: LedgerKey, claimId: string, settlement: Settlement, until: number): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.retries.delete(timer);
      this.write(key, claimId, settlement).then(
        (written) => {
          if (written) this.logger.log(`Change ${key.localId} of device ${key.deviceId} recorded after the database came back`);
        },
        (error: unknown) => {
          if (error instanceof DatabaseUnavailable && Date.now() < until) this.settleLater(key, claimId, settlement, until);
          else this.logger.warn(`Could not record change ${key.localId} of device ${key.deviceId}: ${(error as Error).message}`);
        },
      );
    }, SETTLE_RETRY_MS);
    this.retries.add(timer);
  }

  private async write(key: LedgerKey, claimId: string, settlement: Settlement): Promise<boolean> {
    if (settlement === 'untouched') {
      const deleted = await this.db
        .deleteFrom('offline_push_ledger')
        .where((eb) => byKey(eb, key))
        .where('claim_id', '=', claimId)
        .where('status', '=', 'in_progress')
        .executeTakeFirst();
      return Number(deleted.numDeletedRows) > 0;
    }
    const values =
      'unconfirmed' in settlement
        ? { status: 'unconfirmed' as const, result: JSON.stringify(settlement.unconfirmed) }
        : {
            status: settlement.status,
            server_id: settlement.serverId,
            server_write_date: settlement.serverWriteDate,
            server_values: settlement.serverValues ? JSON.stringify(settlement.serverValues) : null,
            change: JSON.stringify(settlement.change),
            result: JSON.stringify(settlement.result),
          };
    const result = await this.db
      .updateTable('offline_push_ledger')
      .set({ ...values, updated_at: sql`now()` })
      .where((eb) => byKey(eb, key))
      .where('claim_id', '=', claimId)
      .where('status', '=', 'in_progress')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async get(key: LedgerKey): Promise<LedgerEntry | null> {
    const row = await this.where(key)
      .selectAll()
      .executeTakeFirst();
    return row ? toEntry(row as Row) : null;
  }

  /** Entries of earlier pushes, for references to changes outside the current batch. */
  async getMany(tenantId: string, userId: number, deviceId: string, localIds: string[]): Promise<Map<string, LedgerEntry>> {
    if (localIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('offline_push_ledger')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('user_id', '=', userId)
      .where('device_id', '=', deviceId)
      .where('local_id', 'in', localIds)
      .execute();
    return new Map(rows.map((r) => [r.local_id, toEntry(r as Row)]));
  }

  /** Reopens a recorded conflict for resolve-conflicts; the claim id when this caller got it. */
  async claimConflict(key: LedgerKey): Promise<string | null> {
    const claimId = randomUUID();
    const result = await this.db
      .updateTable('offline_push_ledger')
      .set({ status: 'in_progress', claim_id: claimId, claimed_at: sql`now()`, updated_at: sql`now()` })
      .where((eb) => byKey(eb, key))
      .where('status', '=', 'conflict')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0 ? claimId : null;
  }

  /** Puts a reopened conflict back untouched (the resolution could not be applied right now). */
  async reopenConflict(key: LedgerKey, claimId: string): Promise<void> {
    await this.db
      .updateTable('offline_push_ledger')
      .set({ status: 'conflict', updated_at: sql`now()` })
      .where((eb) => byKey(eb, key))
      .where('claim_id', '=', claimId)
      .where('status', '=', 'in_progress')
      .execute();
  }

  /**
   * What this device's own latest successful change did to each record: the Odoo write_date it left
   * (null for a delete) and which change it was. Recognises its own writes in the feed and in conflict checks.
   */
  async ownWrites(
    tenantId: string,
    userId: number,
    deviceId: string,
    records: Array<{ model: string; recordId: number }>,
  ): Promise<Map<string, OwnWrite>> {
    const own = new Map<string, OwnWrite>();
    if (records.length === 0) return own;
    const rows = await this.db
      .selectFrom('offline_push_ledger')
      .select(['model', 'server_id', 'server_write_date', 'server_values', 'local_id', 'action'])
      .where('tenant_id', '=', tenantId)
      .where('user_id', '=', userId)
      .where('device_id', '=', deviceId)
      .where('status', '=', 'success')
      .where((eb) => eb.or([eb('server_write_date', 'is not', null), eb('action', '=', 'delete')]))
      .where('server_id', 'in', [...new Set(records.map((r) => r.recordId))])
      .where('model', 'in', [...new Set(records.map((r) => r.model))])
      .orderBy('updated_at')
      .execute();
    // Ordered by time: the latest change to a record is the one that counts.
    for (const row of rows) {
      own.set(recordKey(row.model, row.server_id as number), {
        writeDate: row.server_write_date,
        values: row.server_values as Values | null,
        localId: row.local_id,
        action: row.action,
      });
    }
    return own;
  }

  /** How many of the device's changes are running and how many conflicts wait for a resolution. */
  async openCounts(tenantId: string, userId: number, deviceId: string): Promise<{ total: number; inProgress: number; conflicts: number }> {
    const rows = await this.db
      .selectFrom('offline_push_ledger')
      .select(['status', sql<number>`count(*)`.as('n')])
      .where('tenant_id', '=', tenantId)
      .where('user_id', '=', userId)
      .where('device_id', '=', deviceId)
      .groupBy('status')
      .execute();
    const count = (status: LedgerStatus) => Number(rows.find((r) => r.status === status)?.n ?? 0);
    return {
      total: rows.reduce((sum, r) => sum + Number(r.n), 0),
      inProgress: count('in_progress') + count('unconfirmed'),
      conflicts: count('conflict'),
    };
  }
}

export function recordKey(model: string, recordId: number): string {
  return `${model}#${recordId}`;
}

/** The ledger's primary key: one row per (tenant, user, device, local_id). */
function byKey(eb: ExpressionBuilder<Database, 'offline_push_ledger'>, key: LedgerKey) {
  return eb.and([
    eb('tenant_id', '=', key.tenantId),
    eb('user_id', '=', key.userId),
    eb('device_id', '=', key.deviceId),
    eb('local_id', '=', key.localId),
  ]);
}
