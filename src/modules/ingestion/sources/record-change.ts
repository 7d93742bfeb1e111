import { createHash } from 'node:crypto';
import { dateToOdooSecond, isIdList, isMany2onePair, isUnset, odooSecondToDate, toOdooSecond, type OdooSecond } from '../../odoo/values';
import type { EventType } from '../../feed/event.types';

/**
 * What the log already knows about one Odoo record, and how a fresh observation of it turns into
 * (at most) one event. Every source goes through here, so the same change seen by the update.webhook
 * poller, a webhook hint and the write_date sweep collapses into one event.
 */

// The value shapes are odoo/values'; the sources keep importing them from here.
export { dateToOdooSecond, many2oneId, odooSecondToDate, toOdooSecond, type OdooSecond } from '../../odoo/values';

export interface KnownRecord {
  /** The record's write_date (second) of the last event logged for it. */
  writeDate: OdooSecond;
  /** Normalised values of that event (null when not comparable, e.g. a baseline). */
  snapshot: Snapshot | null;
  /** A tombstone: the log already said unlink. */
  deleted: boolean;
  /** The snapshot came from reading the record back (not only from an addon payload). */
  verified: boolean;
  /** When the state was last written (BridgeCore clock). */
  updatedAt: Date;
}

export type Snapshot = Record<string, unknown>;

export type Observation =
  | { kind: 'present'; writeDate: OdooSecond; values: Record<string, unknown> }
  | { kind: 'gone' };

export interface Decision {
  event: EventType;
  /** Fields whose value differs from the last logged one; null when there is nothing to compare with. */
  changedFields: string[] | null;
}

/**
 * For a record read back from Odoo (write_date poller, hint confirmation): `create` when the log never
 * knew it, `write` when its write_date moved on, or when it kept the same second but a tracked value
 * changed (two writes within one second), `unlink` when it is gone and the log knew it; else nothing.
 */
export function decideFromRead(
  known: KnownRecord | undefined,
  observed: Observation,
  /** The observed values already normalised (normalizeValues), when the caller has them. */
  normalized?: Snapshot,
): Decision | null {
  if (observed.kind === 'gone') return known && !known.deleted ? { event: 'unlink', changedFields: null } : null;
  // Odoo never reuses ids, so a tombstoned id seen again is a late read of the deleted record.
  if (known?.deleted) return null;
  if (!known) return { event: 'create', changedFields: null };
  if (observed.writeDate < known.writeDate) return null;
  const changed = known.snapshot ? diffSnapshots(known.snapshot, normalized ?? normalizeValues(observed.values)) : null;
  if (observed.writeDate > known.writeDate) return { event: 'write', changedFields: changed };
  return changed && changed.length > 0 ? { event: 'write', changedFields: changed } : null;
}

/** An addon row whose payload alone cannot tell a second write from a stale copy: read the record back. */
export const READ_BACK = 'read-back' as const;

/**
 * For an update.webhook row (the addon's own record of a change). Its payload is taken at the first
 * write of the Odoo call, so it can be staler than a read-back of the same write_date; yet a second
 * write in that same second looks the same. So a row of the second the log already holds is a
 * duplicate when its values match, a write when it differs from an earlier row (two writes in one
 * second), and otherwise — against a read-back, or without values to compare — only a fresh read of
 * the record decides (`READ_BACK`).
 */
export function decideFromAddonRow(
  known: KnownRecord | undefined,
  row: { event: EventType; writeDate: OdooSecond; changedFields: string[] | null; snapshot: Snapshot | null },
): Decision | typeof READ_BACK | null {
  if (row.event === 'unlink') return known?.deleted ? null : { event: 'unlink', changedFields: null };
  if (known?.deleted) return null;
  if (!known) return { event: 'create', changedFields: row.changedFields };
  if (row.writeDate > known.writeDate) return { event: 'write', changedFields: row.changedFields };
  if (row.writeDate < known.writeDate) return null;
  if (!known.snapshot || !row.snapshot) return READ_BACK;
  const changed = diffSnapshots(known.snapshot, row.snapshot);
  if (changed.length === 0) return null;
  return known.verified ? READ_BACK : { event: 'write', changedFields: row.changedFields ?? changed };
}

export function addSeconds(second: OdooSecond, delta: number): OdooSecond {
  return dateToOdooSecond(new Date(odooSecondToDate(second).getTime() + delta * 1000));
}

/** Keys that describe the notification rather than the record. */
const IGNORED_KEYS = new Set(['_metadata', '_changed_fields', '_webhook_metadata', '__last_update']);

/**
 * Values in one comparable form whatever their source: many2one `[id, "name"]` (read), `{id, name}`
 * (addon) and bare ids (native webhook) become the id; x2many lists become sorted ids; datetimes the
 * API second; `false` (Odoo's empty) null.
 */
export function normalizeValues(values: Record<string, unknown>): Snapshot {
  const out: Snapshot = {};
  for (const [key, value] of Object.entries(values)) {
    if (!IGNORED_KEYS.has(key)) out[key] = normalizeValue(value);
  }
  return out;
}

function normalizeValue(value: unknown): unknown {
  if (isUnset(value)) return null;
  if (typeof value === 'string') return toOdooSecond(value) ?? value;
  if (Array.isArray(value)) {
    if (isMany2onePair(value)) return value[0];
    if (isIdList(value)) return [...value].sort((a, b) => a - b);
    if (value.every(isIdObject)) return value.map((v) => v.id).sort((a, b) => a - b);
    return value.map(normalizeValue);
  }
  if (isIdObject(value) || isEmptyIdObject(value)) return value.id === false ? null : value.id;
  if (typeof value === 'object') return stableJson(value);
  return value;
}

function isIdObject(v: unknown): v is { id: number } {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { id?: unknown }).id === 'number';
}

function isEmptyIdObject(v: unknown): v is { id: false } {
  return typeof v === 'object' && v !== null && (v as { id?: unknown }).id === false && 'name' in v;
}

export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const keys = Object.keys(value).sort();
    const record = value as Record<string, unknown>;
    // A normalised snapshot is flat: the engine's own serializer writes it the same, several times faster.
    if (keys.every((k) => isFlatValue(record[k]))) return JSON.stringify(record, keys);
    return `{${keys.map((k) => `${JSON.stringify(k)}:${stableJson(record[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** A value JSON.stringify writes as stableJson does: a primitive it keeps, or a list of them. */
function isFlatValue(v: unknown): boolean {
  return isJsonPrimitive(v) || (Array.isArray(v) && v.every(isJsonPrimitive));
}

function isJsonPrimitive(v: unknown): boolean {
  return v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
}

/** Bookkeeping Odoo changes on every write: not a change of its own. */
const NOT_CHANGES = new Set(['write_date', 'write_uid']);

/** Fields present in both snapshots whose values differ (sources carry different field sets). */
export function diffSnapshots(before: Snapshot, after: Snapshot): string[] {
  const changed: string[] = [];
  for (const [key, value] of Object.entries(after)) {
    if (NOT_CHANGES.has(key)) continue;
    if (key in before && before[key] !== value && stableJson(before[key]) !== stableJson(value)) changed.push(key);
  }
  return changed.sort();
}

/** Short digest of a snapshot: part of the deterministic source event id of read-back events. */
export function fingerprint(snapshot: Snapshot): string {
  return createHash('sha256').update(stableJson(snapshot)).digest('hex').slice(0, 12);
}

/**
 * Deterministic id of an event confirmed by reading Odoo: the same (model, id, write_date, values)
 * always maps to the same id, so a crash between logging and remembering cannot log it twice.
 */
export function readBackEventId(model: string, recordId: number, decision: Decision, observed: Observation, normalized?: Snapshot): string {
  if (observed.kind === 'gone' || decision.event === 'unlink') return `${model}:${recordId}:unlink`;
  return `${model}:${recordId}:${observed.writeDate}:${fingerprint(normalized ?? normalizeValues(observed.values))}`;
}
