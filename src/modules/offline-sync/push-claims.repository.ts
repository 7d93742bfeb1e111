import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { sql } from 'kysely';
import { DatabaseUnavailable } from '../../common/errors';
import { DB } from '../../database/database.module';
import type { Db } from '../../database/schema';
import type { Values } from './conflict-resolver';
import type { ChangeAction, PushResult, StoredChange } from './offline-sync.types';
import { byKey, readEntry, type LedgerKey, type LedgerStatus } from './push-ledger.repository';

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
  /** The push request it came in (the operator console groups changes by it). */
  batchId?: string;
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

/**
 * The exactly-once claims on the ledger of offline changes. A change is executed only by whoever inserted its row
 * ("claimed" it); everybody else waits for, or replays, the recorded outcome.
 */
@Injectable()
export class PushClaimsRepository implements OnApplicationShutdown {
  private readonly logger = new Logger(PushClaimsRepository.name);
  private readonly retries = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(@Inject(DB) private readonly db: Db) {}

  onApplicationShutdown(): void {
    this.stopped = true;
    // A settlement still unwritten is left to the claim's staleness: the next holder resumes the change.
    for (const timer of this.retries) clearTimeout(timer);
    this.retries.clear();
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
          batch_id: change.batchId ?? null,
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

      const entry = await readEntry(this.db, key);
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

  /** Records who resolved the change's conflict (shown by the operator console). */
  async markResolved(key: LedgerKey, by: 'device' | 'operator'): Promise<void> {
    await this.db
      .updateTable('offline_push_ledger')
      .set({ resolved_by: by })
      .where((eb) => byKey(eb, key))
      .execute();
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
}
