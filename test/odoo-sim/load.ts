import { OdooError, toOdooError, typeError, userError, valueError } from './errors';
import type { Database } from './db';
import type { Env, FieldDef } from './orm';
import type { Vals } from './types';

/**
 * Odoo 18's `model.load(fields, rows)`, the import entry point (fixtures/load.json). Rows are strings in import
 * format; an `id` column is an external id (`module.name`) recorded in `ir.model.data` in the same transaction, and
 * loading the same external id again updates that record instead of creating another. Errors do not raise: they
 * come back in `messages` with `ids: false`, and nothing of the call is kept.
 */

export interface LoadMessage {
  rows: { from: number; to: number };
  record: number;
  type: 'error';
  message: string;
}

export interface LoadResult {
  ids: number[] | false;
  messages: LoadMessage[];
  nextrow: number;
}

/** Thrown out of the transaction so it rolls back; carries the answer Odoo gives. */
export class LoadRejected extends Error {
  constructor(readonly result: LoadResult) {
    super('load rejected');
  }
}

const TRUE_WORDS = new Set(['1', 'true', 'yes']);

/**
 * Lines whose create rewrites their parent's stored totals, so PostgreSQL refuses the second of two such
 * transactions at once (fixtures/push-facts.json `concurrent_line_loads`). load catches the error per row and
 * answers it as a message; Odoo's own retry of a failed call never sees it.
 */
const TOTALS_PARENT: Readonly<Record<string, { field: string; model: string }>> = { 'sale.order.line': { field: 'order_id', model: 'sale.order' } };

/** When (performance.now()) a load last committed a change of each parent's totals, per simulated database. */
const totalsWritten = new WeakMap<Database, Map<string, number>>();

function totalsParent(env: Env, model: string, id: number): string | undefined {
  const parent = TOTALS_PARENT[model];
  const parentId = parent ? env.tx.get(model, id)?.[parent.field] : undefined;
  return typeof parentId === 'number' ? `${parent.model}:${parentId}` : undefined;
}

function serializationFailure(): OdooError {
  return new OdooError('psycopg2.errors.SerializationFailure', 'could not serialize access due to concurrent update\n', 1);
}
const SQL_CONSTRAINT_PREFIX = 'The operation cannot be completed: ';

/**
 * The message of a rejected row as load reports it: SQL constraints (which create reports as "The operation
 * cannot be completed: …") come back as the quoted constraint message, e.g. "'Contacts require a name'".
 */
function rowMessage(err: unknown): string {
  const message = toOdooError(err).message;
  return message.startsWith(SQL_CONSTRAINT_PREFIX) ? `'${message.slice(SQL_CONSTRAINT_PREFIX.length)}'` : message;
}

function splitXmlid(xmlid: string): { module: string; name: string } {
  const dot = xmlid.indexOf('.');
  return dot < 0 ? { module: '__import__', name: xmlid } : { module: xmlid.slice(0, dot), name: xmlid.slice(dot + 1) };
}

function dbId(env: Env, field: FieldDef, fieldName: string, text: string): number {
  const id = Number(text);
  if (!Number.isInteger(id) || !field.relation || !env.exists(field.relation, id)) {
    throw valueError(`No matching record found for database id '${text}' in field '${field.string}'`);
  }
  return id;
}

function convert(env: Env, model: string, column: string, text: string): unknown {
  const [name, sub, ...deeper] = column.split('/');
  const field = env.field(model, name);
  if (deeper.length > 0 || (sub !== undefined && sub !== '.id')) {
    throw userError(`odoo-sim: import column '${column}' is not supported (only 'field' and 'field/.id')`);
  }
  if (text === '') return false;
  if (sub === '.id') {
    if (field.type === 'many2one') return dbId(env, field, name, text);
    if (field.type === 'many2many' || field.type === 'one2many') {
      return [[6, 0, text.split(',').map((part) => dbId(env, field, name, part.trim()))]];
    }
    throw valueError(`Invalid field '${column}' on model '${model}'`);
  }
  switch (field.type) {
    case 'integer': {
      const n = Number(text);
      if (!Number.isInteger(n)) throw valueError(`'${text}' does not seem to be an integer for field '${field.string}'`);
      return n;
    }
    case 'float':
    case 'monetary': {
      const n = Number(text);
      if (Number.isNaN(n)) throw valueError(`'${text}' does not seem to be a number for field '${field.string}'`);
      return n;
    }
    case 'boolean':
      return TRUE_WORDS.has(text.toLowerCase());
    case 'many2one':
    case 'many2many':
    case 'one2many':
      throw userError(`odoo-sim: import by name is not supported for '${column}'; use '${name}/.id'`);
    default:
      return text;
  }
}

function loadRow(env: Env, model: string, fields: string[], row: unknown[]): number {
  const vals: Vals = {};
  let xmlid: string | undefined;
  fields.forEach((column, index) => {
    const cell = row[index];
    const text = cell === undefined || cell === null || cell === false ? '' : String(cell);
    if (column === 'id') xmlid = text || undefined;
    else vals[column.split('/')[0]] = convert(env, model, column, text);
  });
  if (!xmlid) return env.create(model, [vals])[0];
  const { module, name } = splitXmlid(xmlid);
  const [dataId] = env.search('ir.model.data', [['module', '=', module], ['name', '=', name]]);
  const resId = dataId === undefined ? undefined : (env.value('ir.model.data', dataId, 'res_id') as number);
  if (resId !== undefined && env.value('ir.model.data', dataId, 'model') === model && env.exists(model, resId)) {
    env.write(model, [resId], vals);
    return resId;
  }
  const id = env.create(model, [vals])[0];
  // A stale row (its record was deleted) is pointed at the new record, as Odoo's _update_xmlids does.
  if (dataId !== undefined) env.write('ir.model.data', [dataId], { model, res_id: id });
  else env.create('ir.model.data', [{ module, name, model, res_id: id }]);
  return id;
}

/**
 * Runs inside the RPC's transaction; throws LoadRejected (rolling it back) when any row failed. `arrivedAt` is when
 * the call reached the server: its transaction is taken to span from then, so a load of a line whose order another
 * load changed in the meantime meets the serialization failure PostgreSQL raises.
 */
export function load(
  env: Env,
  model: string,
  fields: unknown,
  rows: unknown,
  checkAccess: (createdId?: number) => void,
  arrivedAt = performance.now(),
): LoadResult {
  if (!Array.isArray(fields) || !fields.every((f) => typeof f === 'string')) throw typeError('load() fields must be a list of strings');
  if (!Array.isArray(rows) || !rows.every((r) => Array.isArray(r))) throw typeError('load() data must be a list of rows');
  const ids: number[] = [];
  const messages: LoadMessage[] = [];
  let written = totalsWritten.get(env.tx.db);
  if (!written) totalsWritten.set(env.tx.db, (written = new Map()));
  const parents: string[] = [];
  (rows as unknown[][]).forEach((row, index) => {
    try {
      // Model rights before the row, record rules on the record it made (both roll the whole load back).
      checkAccess();
      const id = loadRow(env, model, fields, row);
      checkAccess(id);
      const parent = totalsParent(env, model, id);
      if (parent && (written.get(parent) ?? -Infinity) > arrivedAt) throw serializationFailure();
      if (parent) parents.push(parent);
      ids.push(id);
    } catch (err) {
      if (!(err instanceof OdooError)) throw err;
      messages.push({ rows: { from: index, to: index }, record: index, type: 'error', message: rowMessage(err) });
    }
  });
  const result: LoadResult = { ids: messages.length > 0 ? false : ids, messages, nextrow: 0 };
  if (messages.length > 0) throw new LoadRejected(result);
  for (const parent of parents) written.set(parent, performance.now());
  return result;
}
