
/**
 * The event log's vocabulary, shared by what writes it (ingestion, pushes) and what reads it (both sync APIs,
 * real time). Every ingested Odoo change becomes one StoredEvent.
 */
export type EventType = 'create' | 'write' | 'unlink';
export type Priority = 'high' | 'medium' | 'low';
export type Category = 'business' | 'system' | 'notification' | 'custom';
export type EventSource = 'update_webhook' | 'write_date' | 'webhook' | 'push' | 'backfill';

export const PRIORITIES: readonly Priority[] = ['high', 'medium', 'low'];

export interface NewEvent {
  model: string;
  recordId: number;
  event: EventType;
  timestamp: Date;
  payload: Record<string, unknown> | null;
  changedFields: string[] | null;
  priority: Priority;
  category: Category;
  userId: number | null;
  source: EventSource;
  sourceEventId: string | null;
  /**
   * The payload is the record as read back from Odoo, every tracked field: it replaces the record's stored
   * values (record_state) instead of being merged into them, as a partial payload (an addon row) is.
   */
  wholeRecord?: boolean;
}

export interface StoredEvent extends NewEvent {
  /** The per-tenant, commit-ordered sequence number: the cursor devices sync from. */
  id: number;
  tenantId: string;
}

export interface ReadOptions {
  models: string[] | '*';
  priorities?: Priority[];
  limit: number;
  offset?: number;
}

/** An event as it travels in JSON (pub/sub messages, API responses). */
export interface WireEvent {
  id: number;
  model: string;
  record_id: number;
  event: EventType;
  /** ISO-8601 UTC with Z. */
  timestamp: string;
  payload: Record<string, unknown> | null;
  changed_fields: string[] | null;
  priority: Priority;
  category: Category;
  user_id: number | null;
  source: EventSource;
}

export function toWireEvent(e: StoredEvent): WireEvent {
  return {
    id: e.id,
    model: e.model,
    record_id: e.recordId,
    event: e.event,
    timestamp: e.timestamp.toISOString(),
    payload: e.payload,
    changed_fields: e.changedFields,
    priority: e.priority,
    category: e.category,
    user_id: e.userId,
    source: e.source,
  };
}

/**
 * The event as a pull returns it, serialized: `{id, model, record_id, event, timestamp, priority,
 * payload?}` (no payload key when there is none). Stored with the event so a page is a join of strings.
 */
export function pullJson(e: StoredEvent, payloadJson: string | null = e.payload === null ? null : JSON.stringify(e.payload)): string {
  const { id, model, recordId, event, timestamp, priority } = e;
  const head = JSON.stringify({ id, model, record_id: recordId, event, timestamp: timestamp.toISOString(), priority });
  // The payload's JSON is spliced in, so an append serializes each payload once (`payloadJson`, when given).
  return payloadJson === null ? head : `${head.slice(0, -1)},"payload":${payloadJson}}`;
}

/** PUB_SUB channel for high-priority events: message {tenant_id, event: WireEvent}, one per event. */
export const CRITICAL_EVENTS_CHANNEL = 'critical_events';
/** PUB_SUB channel announcing new events: message {tenant_id, head_id, models}, one per append. */
export const SYNC_EVENTS_CHANNEL = 'sync_events';

/** PUB_SUB channel announcing that a tenant's log was archived through an id: message {tenant_id, archived_through}. */
export const FEED_ARCHIVED_CHANNEL = 'feed_archived';

export interface FeedArchivedMessage {
  tenant_id: string;
  archived_through: number;
}

export interface CriticalEventMessage {
  tenant_id: string;
  event: WireEvent;
}

export interface SyncEventsMessage {
  tenant_id: string;
  head_id: number;
  models: string[];
}

