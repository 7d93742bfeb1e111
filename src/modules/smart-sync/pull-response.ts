import type { ModelScope } from '../access/model-scope';
import type { CopyInProgress } from '../ingestion/copy-progress';
import type { SnapshotKey } from '../feed/record-state.repository';
import type { SyncPosition } from '../devices/device-store';
import { encodeSyncToken } from './sync-token';

/**
 * One page of the event log as a device receives it. `events` is the serialized JSON array, kept as
 * a string so a cached page is spliced into the response without being parsed or re-serialized.
 */
export interface Page {
  count: number;
  /** The cursor after this page: the last event returned, or the head when the page reached it. */
  next: number;
  /** Set while a snapshot is being drained: the last record sent (its log position is `next`). */
  nextSnapshot: SnapshotKey | null;
  /**
   * On a snapshot's last page: the key its token carries instead of the bare log position `next` (see
   * SnapshotPage.end), so acking that token ends the pass. The position recorded without an ack stays `next`.
   */
  end?: SnapshotKey | null;
  /** Whether the records come from a snapshot rather than the log. */
  snapshot: boolean;
  more: boolean;
  /** Records and events still to pull after this page (0 when `more` is false). */
  remaining: number;
  events: string;
  /**
   * The events one by one (`events` is the array of these JSONs) when the page was built from them: a page filtered
   * for a user keeps the JSON of those it delivers unchanged. `ids`, when the page was cut from the log's in-process
   * tail: the events' ids, so each is parsed once for every user (SyncCache.parsedEvent); a snapshot's are not.
   */
  parts?: { ids: readonly number[] | null; jsons: readonly string[] };
  /**
   * The fields each logged event of the page changed (by id; null: not said), read with the page from the tail or
   * the log: what a user's rights need besides the events to tell a removal, so filtering queries nothing more.
   */
  changed?: ReadonlyMap<number, readonly string[] | null>;
}

export const emptyPage = (cursor: number): Page => ({
  count: 0,
  next: cursor,
  nextSnapshot: null,
  snapshot: false,
  more: false,
  remaining: 0,
  events: '[]',
});

/**
 * Builds the page from the event log's JSON page of up to `limit` events. When the page reaches the
 * end of the log the cursor jumps to `headId` (read before the rows): every event up to it is
 * committed and was visible to the read, so skipping non-matching ids loses nothing.
 */
export function buildPage(
  json: { count: number; lastId: number | null; more: boolean; events: string; parts?: Page['parts']; changed?: Page['changed'] },
  cursor: number,
  headId: number,
  remaining = 0,
): Page {
  const last = json.lastId ?? cursor;
  const next = json.more ? last : Math.max(headId, last, cursor);
  return { count: json.count, next, nextSnapshot: null, snapshot: false, more: json.more, remaining, events: json.events, parts: json.parts, changed: json.changed };
}

/**
 * What is left after a page read from the database (further back than the tail): counting it exactly would scan the
 * rest of the log on every page (~10 ms at 30,000 events, the cause of slow catch-up pages), so it is estimated from
 * the share of the device's models among the ids the page just covered. Exact when every event is in scope.
 */
export function estimateRemaining(count: number, cursor: number, lastId: number, headId: number): number {
  const covered = lastId - cursor;
  return covered > 0 ? Math.max(1, Math.round(((headId - lastId) * count) / covered)) : Math.max(1, headId - lastId);
}

export const EPOCH_ISO = new Date(0).toISOString();

export const isoOrEpoch = (ms: number | null | undefined): string => (ms ? new Date(ms).toISOString() : EPOCH_ISO);

export interface PullOutcome {
  page: Page;
  userId: number;
  deviceId: string;
  scope: ModelScope;
  /** The device's previous sync (ms since epoch, 0 = never synced). */
  previousSyncAt: number;
  /** The position recorded in the device state: the ack when one was sent, else the page's next position. */
  recorded: SyncPosition;
  acknowledged: boolean;
  /** The device's position was behind the retained history: this page starts a snapshot it must apply from empty. */
  resetRequired: boolean;
  /** The first copy of the system's records is not finished: what the device holds is not all of Odoo yet. */
  backfill: CopyInProgress | null;
  now: number;
}

/**
 * The pull response as a JSON string. `last_sync_time`/`last_sync_at` are the device's previous sync
 * (the epoch for a device that never synced); `sync_state` is the device state after this pull.
 * `events` comes last so the cached page is appended as-is.
 */
export function renderPullBody(o: PullOutcome): string {
  const previous = isoOrEpoch(o.previousSyncAt);
  const head = {
    status: 'success',
    success: true,
    has_updates: o.page.count > 0,
    new_events_count: o.page.count,
    next_sync_token: encodeSyncToken({ cursor: o.page.next, snapshot: o.page.nextSnapshot ?? o.page.end ?? null }),
    last_sync_time: previous,
    last_sync_at: previous,
    server_time: new Date(o.now).toISOString(),
    has_more: o.page.more,
    snapshot: o.page.snapshot,
    remaining: o.page.remaining,
    reset_required: o.resetRequired,
    backfill: o.backfill,
    sync_state: {
      user_id: o.userId,
      device_id: o.deviceId,
      app_type: o.scope.appType,
      models: o.scope.models === '*' ? ['*'] : o.scope.models,
      ignored_models: o.scope.ignored,
      last_event_id: o.recorded.cursor,
      snapshot_token: o.recorded.snapshot ? encodeSyncToken(o.recorded) : null,
      acknowledged: o.acknowledged,
      last_sync_time: new Date(o.now).toISOString(),
    },
  };
  const json = JSON.stringify(head);
  return `${json.slice(0, -1)},"events":${o.page.events}}`;
}
