import type { DeliveredEvent } from './read-filter';

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
