import type { ConflictStrategy } from '../../config/app-types';
import { isCommandList, isIdList, isMany2onePair, isUnset, parseOdooDatetime } from '../odoo/values';

export { CONFLICT_STRATEGIES, type ConflictStrategy } from '../../config/app-types';

/**
 * Conflict detection and resolution for offline updates and deletes, as plain functions.
 *
 * A change conflicts when the Odoo record was written after the client's base: the base is
 * `base_data.write_date`, else a string `version` (a write_date the client read), else
 * `local_timestamp` (the moment of the offline edit). Odoo's write_date has second precision.
 *
 * With `base_data` the merge is per field (three-way): a field only the client changed is applied, a
 * field only Odoo changed is kept, and only a field both changed to different values conflicts.
 * Without it every field the client sends whose value differs from Odoo's conflicts.
 */

export type Values = Record<string, unknown>;

export interface ChangeBase {
  base_data?: Values;
  version?: number | string;
  local_timestamp?: string;
}

/** The moment the client's view of the record dates from, or null when the change carries none. */
export function baseTimestamp(change: ChangeBase): Date | null {
  return (
    parseOdooDatetime(change.base_data?.write_date) ??
    (typeof change.version === 'string' ? parseOdooDatetime(change.version) : null) ??
    parseOdooDatetime(change.local_timestamp)
  );
}

/**
 * Whether Odoo's record was written after the change's base. write_date has second precision, so a later second
 * says yes and an earlier one no; in the base's own second it cannot tell a write just before the device read the
 * record from one just after, and the values do: a field of base_data that no longer reads as the device had it
 * was written by someone else. Without base_data the same second counts as unchanged.
 */
export function changedSinceBase(server: Values, change: ChangeBase): boolean {
  const base = baseTimestamp(change);
  const written = parseOdooDatetime(server.write_date);
  if (!base || !written) return false;
  const [serverSecond, baseSecond] = [Math.floor(written.getTime() / 1000), Math.floor(base.getTime() / 1000)];
  if (serverSecond !== baseSecond) return serverSecond > baseSecond;
  return Object.entries(change.base_data ?? {}).some(
    ([field, value]) => field !== 'write_date' && field !== 'id' && field in server && !sameValue(server[field], value),
  );
}

/** Odoo reads a many2one as [id, "name"], empty values as false; clients send ids and null. */
function normalize(value: unknown): unknown {
  if (isUnset(value)) return false;
  if (Array.isArray(value)) {
    if (isMany2onePair(value)) return value[0];
    if (isIdList(value)) return [...value].sort((a, b) => a - b);
    return value.map(normalize);
  }
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, normalize((value as Values)[k])]),
    );
  }
  return value;
}

export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(normalize(a)) === JSON.stringify(normalize(b));
}

export interface MergeOutcome {
  /** Client fields that apply without conflict. */
  clean: Values;
  /** Fields both sides changed to different values (or, without a base value, that differ). */
  conflicting: string[];
}

/** Three-way merge of the client's values against Odoo's current ones, field by field. */
export function threeWayMerge(local: Values, server: Values, base?: Values): MergeOutcome {
  const clean: Values = {};
  const conflicting: string[] = [];
  for (const [field, value] of Object.entries(local)) {
    if (isCommandList(value)) {
      clean[field] = value;
      continue;
    }
    if (sameValue(value, server[field])) continue;
    if (base && field in base) {
      const localChanged = !sameValue(value, base[field]);
      const serverChanged = !sameValue(server[field], base[field]);
      if (!localChanged) continue;
      if (!serverChanged) {
        clean[field] = value;
        continue;
      }
    }
    conflicting.push(field);
  }
  return { clean, conflicting };
}

export interface UpdateDecisionInput {
  strategy: ConflictStrategy;
  local: Values;
  server: Values;
  base?: Values;
  serverWriteDate: unknown;
  localTimestamp?: string;
  /** The client's own merge for `merge`: wins wherever given. */
  mergedData?: Values;
}

export interface UpdateDecision {
  /** Values to write to Odoo; null writes nothing. */
  write: Values | null;
  /** True when the client's change was not applied and the conflict stays open. */
  conflict: boolean;
  conflictingFields: string[];
}

function pick(values: Values, fields: string[]): Values {
  return Object.fromEntries(fields.filter((f) => f in values).map((f) => [f, values[f]]));
}

function nonEmpty(values: Values): Values | null {
  return Object.keys(values).length > 0 ? values : null;
}

/** Whether the client's edit is newer than Odoo's last write (`newest_wins`); no timestamp → Odoo wins. */
export function clientIsNewer(localTimestamp: string | undefined, serverWriteDate: unknown): boolean {
  const local = parseOdooDatetime(localTimestamp);
  const server = parseOdooDatetime(serverWriteDate);
  return local !== null && (server === null || local.getTime() > server.getTime());
}

/**
 * What to do with an update whose record changed in Odoo after the client's base.
 * - no conflicting field: write the clean client fields, whatever the strategy;
 * - `client_wins`: the clean fields plus the client's conflicting fields (fields only Odoo changed stay);
 * - `server_wins` and `manual`: write nothing and report the conflict (the whole edit is held back
 *   rather than half applied; resolve-conflicts can still apply it);
 * - `merge`: the clean fields plus `merged_data`; conflicting fields it does not cover keep Odoo's value;
 * - `newest_wins`: `client_wins` when local_timestamp is after Odoo's write_date, else `server_wins`.
 */
export function decideUpdate(input: UpdateDecisionInput): UpdateDecision {
  const { clean, conflicting } = threeWayMerge(input.local, input.server, input.base);
  if (conflicting.length === 0) return { write: nonEmpty(clean), conflict: false, conflictingFields: [] };
  const strategy =
    input.strategy === 'newest_wins'
      ? clientIsNewer(input.localTimestamp, input.serverWriteDate)
        ? 'client_wins'
        : 'server_wins'
      : input.strategy;
  switch (strategy) {
    case 'client_wins':
      return { write: { ...clean, ...pick(input.local, conflicting) }, conflict: false, conflictingFields: conflicting };
    case 'merge':
      return { write: nonEmpty({ ...clean, ...(input.mergedData ?? {}) }), conflict: false, conflictingFields: conflicting };
    default:
      return { write: null, conflict: true, conflictingFields: conflicting };
  }
}

/** Whether a delete of a record Odoo changed after the client's base goes ahead. */
export function decideDelete(strategy: ConflictStrategy, localTimestamp: string | undefined, serverWriteDate: unknown): boolean {
  if (strategy === 'client_wins') return true;
  if (strategy === 'newest_wins') return clientIsNewer(localTimestamp, serverWriteDate);
  // merge has nothing to merge on a delete: like server_wins/manual the record stays and the conflict is reported.
  return false;
}
