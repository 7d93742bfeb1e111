import type { ReadRights } from './read-rights';

/** An event as a pull delivers it (the event log's pull JSON, or a snapshot row with `snapshot: true`). */
export interface DeliveredEvent {
  id: number;
  model: string;
  record_id: number;
  event: 'create' | 'write' | 'unlink';
  timestamp: string;
  priority: string;
  payload?: Record<string, unknown> | null;
  /** The fields a write changed, when the event carries them (v1 pull, sockets); v2 pull JSON does not. */
  changed_fields?: readonly string[] | null;
  snapshot?: boolean;
}

export interface FilterContext {
  /** The fields an event changed (null: unknown, e.g. a create or a source that does not say). */
  changedFields(eventId: number): readonly string[] | null;
  /** The record's current values, for a payload that lacks a field a rule reads (an addon's partial row). */
  currentValues(model: string, recordId: number): Readonly<Record<string, unknown>> | undefined;
  /** What Odoo answered, as the user, for an event whose visibility the values cannot decide (see OdooVisibility). */
  askedOdoo?(e: DeliveredEvent): boolean | undefined;
}

/**
 * What of these events the user may receive, in order:
 * - a model the user may not read: nothing;
 * - an unlink: as is (it carries no values);
 * - a record the user may read (on the event's values): as is;
 * - a record whose visibility the stored values cannot decide: what Odoo answered as the user, else hidden (the
 *   safe side);
 * - a record the user may not read: nothing, unless the event is a write that changed a field the user's rules read, or whose changed
 *   fields are unknown. It may then have moved the record out of the user's view, so it is delivered as an
 *   unlink without values: a device that holds the record drops it, one that never had it ignores it.
 */
export function readableEvents(events: readonly DeliveredEvent[], rights: ReadRights, ctx: FilterContext): DeliveredEvent[] {
  const out: DeliveredEvent[] = [];
  for (const e of events) {
    if (!rights.readable(e.model)) continue;
    if (e.event === 'unlink' || !rights.restricted(e.model)) {
      out.push(e);
      continue;
    }
    const payload = e.payload ?? {};
    let truth = rights.visibleEvent(e.model, e.payload);
    if (truth === 'unknown') {
      const current = ctx.currentValues(e.model, e.record_id);
      if (current) truth = rights.visible(e.model, { ...current, ...payload });
    }
    if (truth === 'unknown') truth = ctx.askedOdoo?.(e) ?? 'unknown';
    if (truth === true) {
      out.push(e);
      continue;
    }
    if (e.snapshot || e.event !== 'write') continue;
    const changed = ctx.changedFields(e.id);
    const ruleFields = rights.fieldsOfRules(e.model);
    if (changed === null || changed.some((f) => ruleFields.has(f))) out.push(removal(e));
  }
  return out;
}

export function removal(e: DeliveredEvent): DeliveredEvent {
  return { id: e.id, model: e.model, record_id: e.record_id, event: 'unlink', timestamp: e.timestamp, priority: e.priority };
}
