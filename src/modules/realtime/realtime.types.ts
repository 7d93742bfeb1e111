import type { Category, Priority } from '../feed/event.types';

/** Server → client event names on namespace `/ws`. */
export type RealtimeEventName = 'critical_event' | 'urgent_update' | 'sync_event';

/** One event as sockets receive it (SPEC §6), plus the author, category and changed fields. */
export interface RealtimeEvent {
  id: number;
  event_type: 'create' | 'write' | 'unlink';
  model: string;
  record_id: number;
  /** The record values the event log holds (its payload). */
  data: Record<string, unknown> | null;
  /** ISO-8601 UTC with Z. */
  timestamp: string;
  changed_fields: string[] | null;
  category: Category;
  /** The Odoo user who made the change. */
  user_id: number | null;
}

export interface CriticalEventPayload {
  channel: 'critical_events';
  priority: Priority;
  event: RealtimeEvent;
}

export interface UrgentUpdatePayload {
  channel: 'urgent_updates';
  priority: Priority;
  event: RealtimeEvent;
}

export interface SyncNudge {
  /** The tenant's latest event id: a device whose cursor is below it has something to pull. */
  head_id: number;
  models: string[];
}

export interface SyncEventPayload {
  channel: 'sync_events';
  event: SyncNudge;
  action: 'trigger_sync';
}

export type RealtimePayload = CriticalEventPayload | UrgentUpdatePayload | SyncEventPayload;

/** One emit: a payload for every socket in a room. */
export interface Delivery {
  room: string;
  event: RealtimeEventName;
  payload: RealtimePayload;
}
