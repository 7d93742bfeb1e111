import type { DeliveredEvent } from './read-filter';

/** model → field → the groups that may read it (Odoo's `groups=` on the field, from ir.model.fields). */
export type FieldGroups = Map<string, Map<string, number[]>>;

const NONE: ReadonlySet<string> = new Set();

/** ir.model.fields rows (`model`, `name`, `groups`) read with the service user, as a FieldGroups map. */
export function parseFieldGroups(rows: readonly { model?: unknown; name?: unknown; groups?: unknown }[]): FieldGroups {
  const map: FieldGroups = new Map();
  for (const row of rows) {
    if (typeof row.model !== 'string' || typeof row.name !== 'string' || !Array.isArray(row.groups)) continue;
    const groups = row.groups.filter((g): g is number => typeof g === 'number');
    if (groups.length === 0) continue;
    let fields = map.get(row.model);
    if (!fields) map.set(row.model, (fields = new Map()));
    fields.set(row.name, groups);
  }
  return map;
}

/** The fields of `model` a user with these (implied-included) groups may not read: in none of the field's groups. */
export function hiddenFields(fieldGroups: FieldGroups, model: string, groupSet: ReadonlySet<number>): ReadonlySet<string> {
  const fields = fieldGroups.get(model);
  if (!fields) return NONE;
  const hidden = new Set<string>();
  for (const [field, groups] of fields) if (!groups.some((g) => groupSet.has(g))) hidden.add(field);
  return hidden.size > 0 ? hidden : NONE;
}

/** What a user's field rights hide, per model. */
export interface FieldRights {
  hiddenFields(model: string): ReadonlySet<string>;
}

/** The changed fields of write events, for those whose event does not carry them (v2 pull JSON). */
export type ChangedFieldsLoader = (eventIds: number[]) => Promise<Map<number, readonly string[] | null>>;

/**
 * Drops from each event the fields the user may not read (Odoo's field-level rights), from its payload and its
 * changed fields. A write whose changed fields are all hidden is left out: the user's copy of the record is the
 * same before and after it, so delivering it would only say "changed" about nothing the user can see.
 * Events with nothing to hide are returned as they are (same objects), and when no event has anything to hide
 * the array itself is returned, so a caller can keep its serialised page.
 */
export async function maskFields(events: DeliveredEvent[], rights: FieldRights, loadChanged: ChangedFieldsLoader): Promise<DeliveredEvent[]> {
  const masked = (e: DeliveredEvent): boolean => e.event !== 'unlink' && rights.hiddenFields(e.model).size > 0;
  if (!events.some(masked)) return events;
  const unknown = events.filter((e) => masked(e) && e.event === 'write' && !e.snapshot && e.changed_fields === undefined).map((e) => e.id);
  const loaded = unknown.length > 0 ? await loadChanged(unknown) : new Map<number, readonly string[] | null>();
  const out: DeliveredEvent[] = [];
  for (const e of events) {
    if (!masked(e)) {
      out.push(e);
      continue;
    }
    const hidden = rights.hiddenFields(e.model);
    const changed = e.changed_fields !== undefined ? e.changed_fields : (loaded.get(e.id) ?? null);
    if (e.event === 'write' && !e.snapshot && changed && changed.length > 0 && changed.every((f) => hidden.has(f))) continue;
    out.push(withoutFields(e, hidden));
  }
  return out;
}

function withoutFields(e: DeliveredEvent, hidden: ReadonlySet<string>): DeliveredEvent {
  const payload = e.payload;
  const inPayload = payload ? Object.keys(payload).some((k) => hidden.has(k)) : false;
  const inChanged = Array.isArray(e.changed_fields) && e.changed_fields.some((f) => hidden.has(f));
  if (!inPayload && !inChanged) return e;
  const out: DeliveredEvent = { ...e };
  if (inPayload && payload) out.payload = Object.fromEntries(Object.entries(payload).filter(([k]) => !hidden.has(k)));
  if (inChanged && e.changed_fields) out.changed_fields = e.changed_fields.filter((f) => !hidden.has(f));
  return out;
}
