import { Inject, Injectable } from '@nestjs/common';
import { ExpressionBuilder, Selectable, sql } from 'kysely';
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

export interface OwnWrite {
  writeDate: string | null;
  /** The fields the change wrote, as Odoo read them right after it (null when unknown). */
  values: Values | null;
  localId: string;
  action: ChangeAction;
}

type Row = Selectable<OfflinePushLedgerTable>;

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

/** The ledger's primary key: one row per (tenant, user, device, local_id). */
export function byKey(eb: ExpressionBuilder<Database, 'offline_push_ledger'>, key: LedgerKey) {
  return eb.and([
    eb('tenant_id', '=', key.tenantId),
    eb('user_id', '=', key.userId),
    eb('device_id', '=', key.deviceId),
    eb('local_id', '=', key.localId),
  ]);
}

export async function readEntry(db: Db, key: LedgerKey): Promise<LedgerEntry | null> {
  const row = await db
    .selectFrom('offline_push_ledger')
    .selectAll()
    .where((eb) => byKey(eb, key))
    .executeTakeFirst();
  return row ? toEntry(row as Row) : null;
}

export function recordKey(model: string, recordId: number): string {
  return `${model}#${recordId}`;
}

/** What the ledger of offline changes says about a device's changes; the claims that write it are PushClaimsRepository's. */
@Injectable()
export class PushLedgerRepository {
  constructor(@Inject(DB) private readonly db: Db) {}

  get(key: LedgerKey): Promise<LedgerEntry | null> {
    return readEntry(this.db, key);
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

  async ownWrite(key: LedgerKey, model: string, recordId: number): Promise<OwnWrite | null> {
    const own = await this.ownWrites(key.tenantId, key.userId, key.deviceId, [{ model, recordId }]);
    return own.get(recordKey(model, recordId)) ?? null;
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
