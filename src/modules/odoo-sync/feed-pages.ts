import type { DeliveredEvent } from '../access/read-filter';
import type { ReadPolicy } from '../access/read-policy.service';
import { EventLogRepository } from '../feed/event-log.repository';
import { PRIORITIES, type Priority, type StoredEvent } from '../feed/event.types';
import type { SnapshotKey, SnapshotRecord } from '../feed/record-state.repository';
import type { PageReader, SnapshotRead } from '../pull/pull-engine';

/** An event as the Flutter SDK's OdooEvent.fromJson reads it: id, record_id int; user_id int or null. */
export interface FeedEvent {
  id: number;
  model: string;
  record_id: number;
  event: 'create' | 'write' | 'unlink';
  timestamp: string;
  payload: Record<string, unknown> | null;
  priority: Priority;
  category: string;
  user_id: number | null;
}

export interface FeedPage {
  events: FeedEvent[];
  count: number;
  next: number;
  nextSnapshot: SnapshotKey | null;
  /** On a snapshot's last page: its end (a token of it says the device holds the whole pass). */
  end: SnapshotKey | null;
  more: boolean;
  snapshot: boolean;
}

/**
 * The odoo-sync feed's pages, filtered for the user as every pull is (ReadPolicy): events the user may not read are
 * left out while the position moves past them. `priority` narrows the log; the position then stops before the first
 * event of another priority, so a later pull without it still gets that event.
 */
export function feedPages(events: EventLogRepository, tenantId: string, priority: Priority | undefined): PageReader<FeedPage> {
  return {
    log: async (scope, cursor, limit, head) => {
      await events.assertRetained(tenantId, cursor);
      const models = scope.models;
      const nothing = Array.isArray(models) && models.length === 0;
      const priorities = priority ? [priority] : undefined;
      const rows = nothing ? [] : await events.readAfter(tenantId, cursor, { models, priorities, limit: limit + 1 });
      const more = rows.length > limit;
      const page = rows.slice(0, limit);
      let next = page.length > 0 ? page[page.length - 1].id : more ? cursor : Math.max(cursor, head);
      if (priority && !nothing) {
        const others = PRIORITIES.filter((p) => p !== priority);
        const [skipped] = await events.readAfter(tenantId, cursor, { models, priorities: others, limit: 1 });
        if (skipped && skipped.id <= next) next = skipped.id - 1;
      }
      const delivered = await readable(scope, page.map(fromLog), false);
      return { events: delivered, count: delivered.length, next, nextSnapshot: null, end: null, more, snapshot: false };
    },
    snapshot: async (scope, { at, read, eventsAfter }: SnapshotRead, rescope) => {
      const records = (JSON.parse(read.events) as SnapshotRecord[]).map(
        (r): FeedEvent => ({ ...r, event: 'create', category: 'business', user_id: null }),
      );
      const delivered = await readable(scope, records, rescope, true);
      return {
        events: delivered,
        count: delivered.length,
        next: at,
        nextSnapshot: read.next,
        end: read.end,
        more: read.next !== null || eventsAfter > 0,
        snapshot: true,
      };
    },
  };
}

function fromLog(e: StoredEvent): FeedEvent & { changed_fields: string[] | null } {
  return {
    id: e.id,
    model: e.model,
    record_id: e.recordId,
    event: e.event,
    timestamp: e.timestamp.toISOString(),
    payload: e.payload,
    priority: e.priority,
    category: e.category,
    user_id: e.userId,
    changed_fields: e.changedFields,
  };
}

/**
 * What of these events the user may receive: hidden ones left out, a write that moved a record out of the user's
 * view as an unlink without values, fields the user may not read dropped; in a re-scope pass every snapshot record
 * the user may not read as an unlink.
 */
async function readable(
  scope: ReadPolicy,
  events: (FeedEvent & { changed_fields?: string[] | null })[],
  rescope: boolean,
  snapshot = false,
): Promise<FeedEvent[]> {
  if (events.length === 0) return [];
  const byId = new Map(events.map((e) => [e.id, e]));
  const delivered: DeliveredEvent[] = events.map((e) => ({
    id: e.id,
    model: e.model,
    record_id: e.record_id,
    event: e.event,
    timestamp: e.timestamp,
    priority: e.priority,
    payload: e.payload,
    changed_fields: e.changed_fields ?? null,
    ...(snapshot ? { snapshot: true } : {}),
  }));
  const kept = rescope ? await scope.rescope(delivered) : await scope.readable(delivered);
  return kept.map((d) => {
    const { changed_fields: _changed, ...e } = byId.get(d.id) as FeedEvent & { changed_fields?: string[] | null };
    return d.event !== e.event ? { ...e, event: d.event, payload: null } : { ...e, payload: d.payload ?? null };
  });
}
