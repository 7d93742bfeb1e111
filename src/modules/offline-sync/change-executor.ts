import { isDeepStrictEqual } from 'node:util';
import type { OdooClient, OdooLoadMessage } from '../odoo/odoo.client';
import { isConcurrencyMessage, OdooAccessError, OdooConcurrencyError, OdooMissingError, OdooValidationError } from '../odoo/odoo.errors';
import {
  baseTimestamp,
  changedSinceBase,
  decideDelete,
  decideUpdate,
  type ConflictStrategy,
  type Values,
} from './conflict-resolver';
import { odooDateToIso } from '../odoo/values';
import { toImportRow, type FieldTypes } from './import-row';
import type { ConflictInfo, StoredChange } from './offline-sync.types';

export type Execution =
  /** Odoo now reflects the change (or already did). conflictInfo when a conflict was overridden or merged. */
  | { kind: 'applied'; serverId: number; writeDate: string | null; values?: Values; conflictInfo?: ConflictInfo }
  /** Nothing written: the conflict is reported to the device. */
  | { kind: 'conflict'; serverId: number; writeDate: string | null; conflictInfo: ConflictInfo }
  /**
   * writeAttempted: a create/write/unlink was sent, so Odoo may have executed it. checkable: it was a create
   * under an external id, so a later attempt can ask Odoo whether it exists instead of guessing.
   */
  | { kind: 'failed'; error: unknown; writeAttempted: boolean; checkable: boolean }
  /** A create sent by an earlier attempt without an external id: Odoo cannot tell whether it exists. */
  | { kind: 'unknown' };

export interface ExecuteOptions {
  strategy: ConflictStrategy;
  mergedData?: Values;
  /** The write_date this device's own latest change left on the record: seeing it again is not a conflict... */
  ownWriteDate?: string | null;
  /** ...unless these values, the fields that change wrote as Odoo read them back, changed: a write in the same second. */
  ownValues?: Values | null;
  /** Creates: the external id (`module.name`) the record is created under, so its existence can be checked. */
  externalId?: string;
  /** An earlier attempt of this change may have reached Odoo (its answer was lost, or its runner crashed). */
  resumed?: boolean;
  /**
   * The system's service user, who looks external ids up: a salesperson may not read ir.model.data
   * (fixtures/push-facts.json). Asked for only when a resumed create needs it.
   */
  serviceClient?: () => Promise<OdooClient>;
  /** Pauses before loading again after a database conflict; their count is the number of new attempts. */
  conflictRetryDelaysMs?: readonly number[];
}

/** BridgeCore's own namespace in ir.model.data: the only module the service user looks names up in. */
export const EXTERNAL_ID_MODULE = '__bridgecore__';

/** A load that met another transaction on the same rows (two lines of one order) is tried again a little later. */
const CONFLICT_RETRY_DELAYS_MS = [100, 300, 900];

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Applies one offline change to Odoo (references already resolved). Updates and deletes that carry a
 * base are checked against the record's current write_date first; see conflict-resolver.ts.
 */
export async function executeChange(client: OdooClient, change: StoredChange, options: ExecuteOptions): Promise<Execution> {
  const attempt = { write: false, checkable: false };
  try {
    switch (change.action) {
      case 'create':
        return await create(client, change, options, attempt);
      case 'update':
        return await update(client, change, options, attempt);
      case 'delete':
        return await remove(client, change, options, attempt);
    }
  } catch (error) {
    return { kind: 'failed', error, writeAttempted: attempt.write, checkable: attempt.checkable };
  }
}

/**
 * The write_date after our own write, with the written fields as Odoo now reads them (to tell a later write in
 * the same second from ours). A failed read must not turn a done change into a failure.
 */
async function readBack(client: OdooClient, model: string, id: number, fields: string[]): Promise<{ writeDate: string | null; values?: Values }> {
  try {
    const [row] = await client.read<Values>(model, [id], [...fields, 'write_date']);
    if (!row) return { writeDate: null };
    const { id: _id, write_date: writeDate, ...values } = row;
    return { writeDate: typeof writeDate === 'string' ? writeDate : null, values };
  } catch {
    return { writeDate: null };
  }
}

const fieldTypeCache = new WeakMap<OdooClient, Map<string, Promise<FieldTypes>>>();

/** Field types per model, fetched once per client (a module install needs a restart to be seen). */
function fieldTypes(client: OdooClient, model: string): Promise<FieldTypes> {
  let byModel = fieldTypeCache.get(client);
  if (!byModel) fieldTypeCache.set(client, (byModel = new Map()));
  let types = byModel.get(model);
  if (!types) {
    types = client.fieldsGet(model, ['type']).then((fields) => Object.fromEntries(Object.entries(fields).map(([name, f]) => [name, String(f.type)])));
    byModel.set(model, types);
    types.catch(() => byModel.delete(model));
  }
  return types;
}

/**
 * The record an external id of BridgeCore's names, if Odoo has it (ir.model.data is written in the create's
 * transaction), asked as the service user. Odoo keeps no row for a deleted record, but in case one is left the
 * record is read with a real field: a deleted id read with only `id` is echoed back as if it existed.
 */
async function findByExternalId(service: OdooClient, model: string, externalId: string): Promise<number | null> {
  const prefix = `${EXTERNAL_ID_MODULE}.`;
  if (!externalId.startsWith(prefix)) throw new Error(`External id ${externalId} is not in BridgeCore's namespace`);
  const rows = await service.searchRead<{ res_id: number }>(
    'ir.model.data',
    [['module', '=', EXTERNAL_ID_MODULE], ['name', '=', externalId.slice(prefix.length)], ['model', '=', model]],
    { fields: ['res_id'], limit: 1 },
  );
  const id = rows[0]?.res_id;
  if (!id) return null;
  const [exists] = await service.read(model, [id], ['display_name']);
  return exists ? id : null;
}

/**
 * load reports rejected rows in its answer (nothing kept) instead of raising: the same errors create raises, and
 * database conflicts, which Odoo would have retried had they been raised.
 */
function loadError(model: string, messages: OdooLoadMessage[]): Error {
  const text = messages.map((m) => m.message.trim()).join('; ') || `Odoo did not create the ${model} record`;
  if (messages.some((m) => isConcurrencyMessage(m.message))) return new OdooConcurrencyError(text);
  return /^You are not allowed to/.test(text) ? new OdooAccessError(text) : new OdooValidationError(text);
}

/** Loads one row; a database conflict (nothing kept) is loaded again after a pause, a few times. */
async function loadRow(client: OdooClient, model: string, fields: string[], row: string[], options: ExecuteOptions): Promise<number> {
  const delays = options.conflictRetryDelaysMs ?? CONFLICT_RETRY_DELAYS_MS;
  for (let attempt = 0; ; attempt++) {
    // Datetimes are UTC strings: without a tz in the context, load would read them in the user's timezone.
    const result = await client.load(model, fields, [row], { tz: 'UTC' });
    const id = result.ids === false ? undefined : result.ids[0];
    if (id !== undefined) return id;
    const error = loadError(model, result.messages);
    const delay = delays[attempt];
    if (!(error instanceof OdooConcurrencyError) || delay === undefined) throw error;
    await sleep(delay);
  }
}

async function create(client: OdooClient, change: StoredChange, options: ExecuteOptions, attempt: { write: boolean; checkable: boolean }): Promise<Execution> {
  const imported = options.externalId ? toImportRow(change.data, await fieldTypes(client, change.model)) : null;
  if (!imported || !options.externalId) {
    if (options.resumed) return { kind: 'unknown' };
    attempt.write = true;
    const id = await client.create(change.model, change.data);
    return { kind: 'applied', serverId: id, ...(await readBack(client, change.model, id, Object.keys(change.data))) };
  }
  attempt.checkable = true;
  if (options.resumed) {
    if (!options.serviceClient) throw new Error('A resumed create needs the service user to look its external id up');
    const found = await findByExternalId(await options.serviceClient(), change.model, options.externalId);
    if (found !== null) return { kind: 'applied', serverId: found, ...(await readBack(client, change.model, found, Object.keys(change.data))) };
  }
  attempt.write = true;
  const id = await loadRow(client, change.model, ['id', ...imported.fields], [options.externalId, ...imported.row], options);
  return { kind: 'applied', serverId: id, ...(await readBack(client, change.model, id, Object.keys(change.data))) };
}

function missing(change: StoredChange): OdooMissingError {
  return new OdooMissingError(`${change.model} record ${change.record_id} does not exist or has been deleted`);
}

async function readCurrent(client: OdooClient, change: StoredChange, id: number, options: ExecuteOptions): Promise<Values | null> {
  const fields = new Set([...Object.keys(change.data), ...Object.keys(change.base_data ?? {}), ...Object.keys(options.ownValues ?? {}), 'write_date']);
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

/**
 * Whether Odoo's record changed after the client's base, other than by this device's own last change. write_date
 * has second precision: a write by someone else in the same second as ours leaves the same write_date, so there
 * the values tell — any field our change wrote that no longer reads as it did right after it was changed by others.
 */
function changedByOthers(change: StoredChange, server: Values, options: ExecuteOptions): boolean {
  if (options.ownWriteDate && server.write_date === options.ownWriteDate) {
    return Object.entries(options.ownValues ?? {}).some(([field, value]) => field in server && !isDeepStrictEqual(server[field], value));
  }
  return changedSinceBase(server, change);
}

async function update(client: OdooClient, change: StoredChange, options: ExecuteOptions, attempt: { write: boolean }): Promise<Execution> {
  const id = change.record_id as number;
  let values: Values | null = change.data;
  let info: ConflictInfo | undefined;
  if (baseTimestamp(change)) {
    const server = await readCurrent(client, change, id, options);
    if (!server) throw missing(change);
    if (changedByOthers(change, server, options)) {
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
  return { kind: 'applied', serverId: id, ...(await readBack(client, change.model, id, Object.keys(values))), conflictInfo: info };
}

async function remove(client: OdooClient, change: StoredChange, options: ExecuteOptions, attempt: { write: boolean }): Promise<Execution> {
  const id = change.record_id as number;
  if (baseTimestamp(change)) {
    const server = await readCurrent(client, change, id, options);
    // Already gone: the device wanted it deleted, so the delete succeeded.
    if (!server) return { kind: 'applied', serverId: id, writeDate: null };
    if (changedByOthers(change, server, options) && !decideDelete(options.strategy, change.local_timestamp, server.write_date)) {
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
