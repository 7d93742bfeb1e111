import { readFileSync } from 'node:fs';
import { fail, optional, type Env } from './env';

/** How a push settles an edit of a record changed in Odoo since the device's version (conflict-resolver.ts). */
export const CONFLICT_STRATEGIES = ['server_wins', 'client_wins', 'manual', 'merge', 'newest_wins'] as const;
export type ConflictStrategy = (typeof CONFLICT_STRATEGIES)[number];

export const DEFAULT_APP_TYPES: Record<string, string[]> = {
  sales_app: ['sale.order', 'sale.order.line', 'res.partner', 'product.template', 'product.product'],
  delivery_app: ['stock.picking', 'stock.move', 'stock.move.line', 'res.partner'],
  warehouse_app: ['stock.picking', 'stock.move', 'stock.quant', 'product.product', 'stock.location'],
  manager_app: ['*'],
};

/** Tracked models when the system does not list them: every app type's models ('*' is not a model). */
export function defaultTrackedModels(appTypes: Record<string, string[]>): string[] {
  return [...new Set(Object.values(appTypes).flat())].filter((m) => m !== '*').sort();
}

const NO_APP_TYPES = { models: DEFAULT_APP_TYPES, fields: {}, writable: {}, conflictStrategy: {} };
const APP_TYPES_SHAPE =
  'a JSON object of app type → model list, or {"models": [...], "fields": {model: [field, ...]}, "writable": [...], "conflict_strategy": "server_wins"}';

interface AppTypes {
  models: Record<string, string[]>;
  fields: Record<string, Record<string, string[]>>;
  writable: Record<string, string[]>;
  /** Per app type that names one, the strategy of pushes that name none (else server_wins). */
  conflictStrategy: Record<string, ConflictStrategy>;
}

/** App types: their models, the fields each names per model (models it does not name get the defaults), the models it may write. */
export function appTypes(env: Env): AppTypes {
  const file = optional(env, 'APP_TYPES_FILE');
  const json = optional(env, 'APP_TYPES_JSON');
  if (!file && !json) return NO_APP_TYPES;
  const name = file ? 'APP_TYPES_FILE' : 'APP_TYPES_JSON';
  let parsed: unknown;
  try {
    parsed = JSON.parse(file ? readFileSync(file, 'utf8') : (json as string));
  } catch (e) {
    return fail(env, name, `must be ${APP_TYPES_SHAPE} (${(e as Error).message})`, NO_APP_TYPES);
  }
  if (!isPlainObject(parsed)) return fail(env, name, `must be ${APP_TYPES_SHAPE}`, NO_APP_TYPES);
  const models: Record<string, string[]> = {};
  const fields: Record<string, Record<string, string[]>> = {};
  const writable: Record<string, string[]> = {};
  const conflictStrategy: Record<string, ConflictStrategy> = {};
  for (const [type, value] of Object.entries(parsed)) {
    const list = isPlainObject(value) ? value.models : value;
    if (!isNameList(list)) return fail(env, name, `app type "${type}" must map to a non-empty list of model names`, NO_APP_TYPES);
    models[type] = list;
    if (isPlainObject(value) && value.writable !== undefined) {
      // An empty list is allowed: a read-only app type.
      if (!Array.isArray(value.writable) || !(value.writable.length === 0 || isNameList(value.writable))) {
        return fail(env, name, `app type "${type}": "writable" must be a list of model names`, NO_APP_TYPES);
      }
      writable[type] = value.writable as string[];
    }
    if (isPlainObject(value) && value.conflict_strategy !== undefined) {
      const strategy = value.conflict_strategy as ConflictStrategy;
      if (!CONFLICT_STRATEGIES.includes(strategy)) {
        return fail(env, name, `app type "${type}": "conflict_strategy" must be one of ${CONFLICT_STRATEGIES.join(', ')}`, NO_APP_TYPES);
      }
      conflictStrategy[type] = strategy;
    }
    if (!isPlainObject(value) || value.fields === undefined) continue;
    if (!isPlainObject(value.fields)) return fail(env, name, `app type "${type}": "fields" must map models to field lists`, NO_APP_TYPES);
    for (const [model, names] of Object.entries(value.fields)) {
      if (!isNameList(names)) return fail(env, name, `app type "${type}": fields of "${model}" must be a non-empty list of field names`, NO_APP_TYPES);
    }
    fields[type] = value.fields as Record<string, string[]>;
  }
  return { models, fields, writable, conflictStrategy };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNameList(value: unknown): value is string[] {
  return Array.isArray(value) && value.length > 0 && value.every((m) => typeof m === 'string' && m !== '');
}
