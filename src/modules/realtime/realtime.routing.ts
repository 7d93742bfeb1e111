import type { CriticalEventMessage, SyncEventsMessage, WireEvent } from '../feed/event.types';
import { many2oneId } from '../odoo/values';
import { tenantRoom, userRoom } from './realtime.rooms';
import type { Delivery, RealtimeEvent, SyncNudge } from './realtime.types';

/*
 * Who an event concerns (SPEC §6 leaves it to us):
 * - critical_event → the room of every user of the tenant who may read the record in Odoo (model access and
 *   record rules, decided by the caller): high-priority events (urgent orders, stock alerts) are the team's
 *   business, as far as Odoo lets each member see them.
 * - urgent_update → the room of each user a created/written record is assigned to (the record's `user_id`
 *   many2one, e.g. a sale order's salesperson, or its `user_ids`) who may read it, so that user's app can put it
 *   in front of them.
 * - sync_event → the tenant room: new events exist, devices should pull.
 * Messages for one tenant only ever reach rooms of that tenant.
 */

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const isId = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;

function isWireEvent(v: unknown): v is WireEvent {
  return (
    isRecord(v) &&
    isId(v.id) &&
    typeof v.model === 'string' &&
    typeof v.record_id === 'number' &&
    (v.event === 'create' || v.event === 'write' || v.event === 'unlink') &&
    typeof v.timestamp === 'string' &&
    typeof v.priority === 'string' &&
    (v.payload === null || isRecord(v.payload))
  );
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

/** A `critical_events` message, or null when it is not one (messages cross process boundaries: trust nothing). */
export function parseCriticalMessage(raw: string): CriticalEventMessage | null {
  const msg = parseJson(raw);
  if (!isRecord(msg) || typeof msg.tenant_id !== 'string' || msg.tenant_id === '' || !isWireEvent(msg.event)) return null;
  return { tenant_id: msg.tenant_id, event: msg.event };
}

/** A `sync_events` message, or null when it is not one. */
export function parseSyncMessage(raw: string): SyncEventsMessage | null {
  const msg = parseJson(raw);
  if (!isRecord(msg) || typeof msg.tenant_id !== 'string' || msg.tenant_id === '' || typeof msg.head_id !== 'number') return null;
  const models = Array.isArray(msg.models) ? msg.models.filter((m): m is string => typeof m === 'string') : [];
  return { tenant_id: msg.tenant_id, head_id: msg.head_id, models };
}

export function toRealtimeEvent(e: WireEvent): RealtimeEvent {
  return {
    id: e.id,
    event_type: e.event,
    model: e.model,
    record_id: e.record_id,
    data: e.payload ?? null,
    timestamp: e.timestamp,
    changed_fields: e.changed_fields ?? null,
    category: e.category,
    user_id: e.user_id ?? null,
  };
}

/** The Odoo users a record is assigned to, from its values: `user_id` (many2one) and `user_ids` (many2many). */
export function assigneesOf(values: Record<string, unknown> | null): number[] {
  if (!values) return [];
  const ids = new Set<number>();
  const one = many2oneId(values.user_id);
  if (one !== null) ids.add(one);
  if (Array.isArray(values.user_ids)) {
    for (const v of values.user_ids) {
      const id = many2oneId(v);
      if (id !== null) ids.add(id);
    }
  }
  return [...ids];
}

/** `readers`: the users (with a socket here) who may read the event's record. */
export function criticalDeliveries(msg: CriticalEventMessage, readers: readonly number[]): Delivery[] {
  const event = toRealtimeEvent(msg.event);
  const { priority } = msg.event;
  const deliveries: Delivery[] = readers.map((userId) => ({
    room: userRoom(msg.tenant_id, userId),
    event: 'critical_event',
    payload: { channel: 'critical_events', priority, event },
  }));
  if (event.event_type !== 'unlink') {
    for (const userId of assigneesOf(event.data).filter((id) => readers.includes(id))) {
      deliveries.push({
        room: userRoom(msg.tenant_id, userId),
        event: 'urgent_update',
        payload: { channel: 'urgent_updates', priority, event },
      });
    }
  }
  return deliveries;
}

export function syncDelivery(tenantId: string, nudge: SyncNudge): Delivery {
  return {
    room: tenantRoom(tenantId),
    event: 'sync_event',
    payload: { channel: 'sync_events', event: nudge, action: 'trigger_sync' },
  };
}
