import type { OdooClient } from '../odoo/odoo.client';
import { OdooMissingError } from '../odoo/odoo.errors';
import {
  baseTimestamp,
  changedSinceBase,
  decideDelete,
  decideUpdate,
  odooDateToIso,
  type ConflictStrategy,
  type Values,
} from './conflict-resolver';
import type { ConflictInfo, StoredChange } from './offline-sync.types';

export type Execution =
  /** Odoo now reflects the change (or already did). conflictInfo when a conflict was overridden or merged. */
  | { kind: 'applied'; serverId: number; writeDate: string | null; conflictInfo?: ConflictInfo }
  /** Nothing written: the conflict is reported to the device. */
  | { kind: 'conflict'; serverId: number; writeDate: string | null; conflictInfo: ConflictInfo }
  /** writeAttempted: a create/write/unlink was sent, so Odoo may have executed it. */
  | { kind: 'failed'; error: unknown; writeAttempted: boolean };

export interface ExecuteOptions {
  strategy: ConflictStrategy;
  mergedData?: Values;
  /** The write_date this device's own latest change left on the record: seeing it again is not a conflict. */
  ownWriteDate?: string | null;
}

/**
 * Applies one offline change to Odoo (references already resolved). Updates and deletes that carry a
 * base are checked against the record's current write_date first; see conflict-resolver.ts.
 */
export async function executeChange(client: OdooClient, change: StoredChange, options: ExecuteOptions): Promise<Execution> {
  const attempt = { write: false };
  try {
    switch (change.action) {
      case 'create':
        return await create(client, change, attempt);
      case 'update':
        return await update(client, change, options, attempt);
      case 'delete':
        return await remove(client, change, options, attempt);
    }
  } catch (error) {
    return { kind: 'failed', error, writeAttempted: attempt.write };
  }
}

/** The write_date after our own write; a failed read must not turn a done change into a failure. */
async function writeDateOf(client: OdooClient, model: string, id: number): Promise<string | null> {
  try {
    const [row] = await client.read<{ write_date?: string | false }>(model, [id], ['write_date']);
    return typeof row?.write_date === 'string' ? row.write_date : null;
  } catch {
    return null;
  }
}

async function create(client: OdooClient, change: StoredChange, attempt: { write: boolean }): Promise<Execution> {
  attempt.write = true;
  const id = await client.create(change.model, change.data);
  return { kind: 'applied', serverId: id, writeDate: await writeDateOf(client, change.model, id) };
}

function missing(change: StoredChange): OdooMissingError {
  return new OdooMissingError(`${change.model} record ${change.record_id} does not exist or has been deleted`);
}

async function readCurrent(client: OdooClient, change: StoredChange, id: number): Promise<Values | null> {
  const fields = new Set([...Object.keys(change.data), ...Object.keys(change.base_data ?? {}), 'write_date']);
  const [row] = await client.read<Values>(change.model, [id], [...fields]);
  return row ?? null;
}

function conflictInfo(change: StoredChange, server: Values, fields: string[], strategy: ConflictStrategy): ConflictInfo {
  const { write_date: writeDate, id: _id, ...serverValues } = server;
  const relevant = new Set([...Object.keys(change.data), ...Object.keys(change.base_data ?? {})]);
  return {
    server_data: Object.fromEntries(Object.entries(serverValues).filter(([k]) => relevant.has(k))),
    local_data: change.data,
    ...(change.base_data ? { base_data: change.base_data } : {}),
    conflicting_fields: fields,
    server_write_date: odooDateToIso(writeDate),
    strategy,
  };
}

/** Whether Odoo's record changed after the client's base, other than by this device's own last change. */
function changedByOthers(change: StoredChange, server: Values, ownWriteDate: string | null | undefined): boolean {
  if (ownWriteDate && server.write_date === ownWriteDate) return false;
  return changedSinceBase(server.write_date, baseTimestamp(change));
}

async function update(client: OdooClient, change: StoredChange, options: ExecuteOptions, attempt: { write: boolean }): Promise<Execution> {
  const id = change.record_id as number;
  let values: Values | null = change.data;
  let info: ConflictInfo | undefined;
  if (baseTimestamp(change)) {
    const server = await readCurrent(client, change, id);
    if (!server) throw missing(change);
    if (changedByOthers(change, server, options.ownWriteDate)) {
      const decision = decideUpdate({
        strategy: options.strategy,
        local: change.data,
        server,
        base: change.base_data,
        serverWriteDate: server.write_date,
        localTimestamp: change.local_timestamp,
        mergedData: options.mergedData,
      });
      if (decision.conflictingFields.length > 0) info = conflictInfo(change, server, decision.conflictingFields, options.strategy);
      if (decision.conflict && info) return { kind: 'conflict', serverId: id, writeDate: server.write_date as string, conflictInfo: info };
      values = decision.write;
      if (!values) return { kind: 'applied', serverId: id, writeDate: server.write_date as string, conflictInfo: info };
    }
  }
  if (Object.keys(values).length > 0) {
    attempt.write = true;
    await client.write(change.model, [id], values);
  }
  return { kind: 'applied', serverId: id, writeDate: await writeDateOf(client, change.model, id), conflictInfo: info };
}

async function remove(client: OdooClient, change: StoredChange, options: ExecuteOptions, attempt: { write: boolean }): Promise<Execution> {
  const id = change.record_id as number;
  if (baseTimestamp(change)) {
    const server = await readCurrent(client, change, id);
    // Already gone: the device wanted it deleted, so the delete succeeded.
    if (!server) return { kind: 'applied', serverId: id, writeDate: null };
    if (changedByOthers(change, server, options.ownWriteDate) && !decideDelete(options.strategy, change.local_timestamp, server.write_date)) {
      return {
        kind: 'conflict',
        serverId: id,
        writeDate: server.write_date as string,
        conflictInfo: conflictInfo(change, server, ['write_date'], options.strategy),
      };
    }
  }
  attempt.write = true;
  try {
    await client.unlink(change.model, [id]);
  } catch (error) {
    if (!(error instanceof OdooMissingError)) throw error;
  }
  return { kind: 'applied', serverId: id, writeDate: null };
}
