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

/**
 * An event without its hidden fields, kept with the event (a logged event is parsed once and shared by every page and
 * user that holds it, never modified) under the hidden set's content: the salespeople of a team hide the same fields,
 * so each event is masked once for all of them rather than on every page of every user.
 */
const masked = new WeakMap<DeliveredEvent, Map<string, DeliveredEvent>>();
const hiddenKeys = new WeakMap<ReadonlySet<string>, string>();

function withoutFields(e: DeliveredEvent, hidden: ReadonlySet<string>): DeliveredEvent {
  let key = hiddenKeys.get(hidden);
  if (key === undefined) hiddenKeys.set(hidden, (key = [...hidden].sort().join(',')));
  let byHidden = masked.get(e);
  const known = byHidden?.get(key);
  if (known) return known;
  const out = mask(e, hidden);
  if (!byHidden) masked.set(e, (byHidden = new Map()));
  byHidden.set(key, out);
  return out;
}

function mask(e: DeliveredEvent, hidden: ReadonlySet<string>): DeliveredEvent {
  const payload = e.payload;
  let kept: Record<string, unknown> | undefined;
  if (payload) {
    for (const k in payload) {
      if (!hidden.has(k)) continue;
      kept = {};
      for (const f in payload) {
        if (hidden.has(f)) continue;
        // An own "__proto__" member (JSON.parse makes one) stays a member rather than becoming the prototype.
        if (f === '__proto__') Object.defineProperty(kept, f, { value: payload[f], enumerable: true, writable: true, configurable: true });
        else kept[f] = payload[f];
      }
      break;
    }
  }
  const inChanged = Array.isArray(e.changed_fields) && e.changed_fields.some((f) => hidden.has(f));
  if (!kept && !inChanged) return e;
  const out: DeliveredEvent = { ...e };
  if (kept) out.payload = kept;
  if (inChanged && e.changed_fields) out.changed_fields = e.changed_fields.filter((f) => !hidden.has(f));
  return out;
}
