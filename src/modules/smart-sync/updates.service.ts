import { Injectable } from '@nestjs/common';
import type { DeliveredEvent } from '../access/read-filter';
import { ReadPolicyService, type ReadPolicy } from '../access/read-policy.service';
import type { AuthUser } from '../auth/auth.types';
import { assertSameUser } from '../auth/user-match';
import { EventSummaryRepository, type ChangesSince, type ModelChanges } from '../feed/event-summary.repository';
import { RecordStateRepository, SNAPSHOT_START, type SnapshotKey } from '../feed/record-state.repository';
import { DeviceStore, type SyncPosition } from '../devices/device-store';
import { SessionDevices } from '../devices/session-devices';
import { FeedHeads } from '../pull/feed-heads';
import { InvalidSyncToken } from '../pull/pull.errors';
import type { CheckUpdatesQueryDto, PendingUpdatesQueryDto } from './dto/pull.dto';

const DEFAULT_LIMIT = 100;
/** Events of a rule-restricted model read and filtered at a time when counting them for check-updates. */
const CHECK_UPDATES_BATCH = 1000;

export interface CheckUpdatesResponse {
  has_update: boolean;
  last_update_at: string | null;
  /** The log position this answer covers: send it back as `since`. */
  sync_token: string;
  summary: { model: string; count: number }[];
}

export interface PendingUpdatesResponse {
  has_updates: boolean;
  pending_events: number;
  last_event_id: number;
  device_id: string;
  app_type: string;
}

/** "Anything new?" without moving a device: legacy check-updates and the Flutter SDK's pending updates. */
@Injectable()
export class UpdatesService {
  constructor(
    private readonly summaries: EventSummaryRepository,
    private readonly heads: FeedHeads,
    private readonly devices: DeviceStore,
    private readonly records: RecordStateRepository,
    private readonly scopes: ReadPolicyService,
    private readonly sessions: SessionDevices,
  ) {}

  /**
   * Legacy "anything new?" from the tenant's default app type. `since` is a sync token (the `sync_token` of the
   * previous answer: exact) or an ISO time compared with when each change was logged (the previous
   * `last_update_at`), which is commit-ordered, so a late commit is never skipped either way. Counts only what this
   * user's pulls would deliver: models the user may not read are left out, and events of models under record rules
   * or with fields hidden from the user are read and filtered like a pull page. Other models keep the SQL count.
   */
  async checkUpdates(user: AuthUser, query: CheckUpdatesQueryDto): Promise<CheckUpdatesResponse> {
    const { tenantId } = user;
    const scope = await this.scopes.policy(tenantId, user.userId, { user });
    const since = parseSince(query.since);
    const { headId, counted } = await this.readableChanges(tenantId, scope, since, (headId) => {
      if ('afterId' in since && since.afterId > headId) {
        throw new InvalidSyncToken('since is ahead of the event log', { since: String(since.afterId), head: String(headId) });
      }
    });
    const summary = counted
      .sort((a, b) => b.count - a.count || (a.model < b.model ? -1 : 1))
      .slice(0, query.limit ?? DEFAULT_LIMIT);
    const last = Math.max(...summary.map((c) => c.last.getTime()));
    return {
      has_update: summary.length > 0,
      last_update_at: summary.length > 0 ? new Date(last).toISOString() : null,
      sync_token: String(headId),
      summary: summary.map(({ model, count }) => ({ model, count })),
    };
  }

  /**
   * Per model, the events since `since` this user's pulls deliver: models the user may not read are left out, and
   * events of models under record rules are read and filtered like a pull page. Models without rules keep the SQL
   * count. Nothing new costs no rights lookup (and so no Odoo call).
   */
  private async readableChanges(
    tenantId: string,
    scope: ReadPolicy,
    since: ChangesSince,
    check: (headId: number) => void = () => undefined,
  ): Promise<{ headId: number; counted: ModelChanges[] }> {
    const { headId, summary: all } = await this.summaries.changesSince(tenantId, since, scope.models);
    check(headId);
    const rights = all.length > 0 ? await scope.rights() : null;
    const counted: ModelChanges[] = [];
    for (const row of all) {
      if (!rights?.readable(row.model)) continue;
      // Under record rules, or with fields hidden from the user (a write of only those is not delivered), count by reading.
      const filtered = rights.restricted(row.model) || rights.hiddenFields(row.model).size > 0;
      const mine = filtered ? await this.readableSince(tenantId, scope, since, headId, row.model) : row;
      if (mine.count > 0) counted.push(mine);
    }
    return { headId, counted };
  }

  /** How many of one model's events since `since` this user's pulls deliver, and when the last was logged. */
  private async readableSince(
    tenantId: string,
    scope: ReadPolicy,
    since: ChangesSince,
    headId: number,
    model: string,
  ): Promise<ModelChanges> {
    let count = 0;
    let last = new Date(0);
    for (let afterId = 0; ; ) {
      const rows = await this.summaries.eventsSince(tenantId, since, headId, model, afterId, CHECK_UPDATES_BATCH);
      const logged = new Map(rows.map((r) => [r.id, r.loggedAt]));
      for (const e of await scope.readable(rows.map((r) => JSON.parse(r.pullJson) as DeliveredEvent))) {
        count++;
        const at = logged.get(e.id) ?? last;
        if (at > last) last = at;
      }
      if (rows.length < CHECK_UPDATES_BATCH) return { model, count, last };
      afterId = rows[rows.length - 1].id;
    }
  }

  /**
   * What the device's next pulls would bring, without moving anything: the snapshot a new (or reset) device would
   * get, else the events after its cursor. The Flutter SDK's hasUpdates, which names no device unless the app passes
   * one: then it is the caller's own (the X-Device-Id header, else the device its login session last pulled).
   */
  async pendingUpdates(user: AuthUser, query: PendingUpdatesQueryDto, deviceHeader?: string): Promise<PendingUpdatesResponse> {
    if (query.user_id !== undefined) assertSameUser(user, query.user_id);
    const { tenantId, userId } = user;
    const deviceId = query.device_id ?? (await this.sessions.deviceOf(user, deviceHeader));
    const [head, device] = await Promise.all([this.heads.current(tenantId), this.devices.find(tenantId, userId, deviceId)]);
    const scope = await this.scopes.policy(tenantId, userId, { appType: query.app_type, remembered: device?.appType ?? undefined, user });
    const position: SyncPosition = device ?? { cursor: 0, snapshot: null };
    // What the pull would deliver to this user: the same rights filter as a pull page.
    let pending = 0;
    let after = position.cursor;
    if (position.cursor === 0 || position.snapshot) {
      pending += await this.readableRecords(tenantId, scope, position.snapshot ?? SNAPSHOT_START);
      if (position.cursor === 0) after = head;
    }
    if (head > after) {
      const { counted } = await this.readableChanges(tenantId, scope, { afterId: after });
      pending += counted.reduce((n, c) => n + c.count, 0);
    }
    const appType = scope.appType;
    return { has_updates: pending > 0, pending_events: pending, last_event_id: head, device_id: deviceId, app_type: appType };
  }

  /** How many records of the snapshot after `after` this user would receive (read and filtered in pages). */
  private async readableRecords(tenantId: string, scope: ReadPolicy, after: SnapshotKey): Promise<number> {
    let count = 0;
    for (let from = after; ; ) {
      const read = await this.records.snapshotPage(tenantId, scope.models, from, CHECK_UPDATES_BATCH);
      if (read.count > 0) count += (await scope.readable(JSON.parse(read.events) as DeliveredEvent[])).length;
      if (!read.next) return count;
      from = read.next;
    }
  }
}

/** check-updates' `since`: a decimal sync token, or an ISO time (validated by the DTO); missing = everything retained. */
function parseSince(since: string | undefined): ChangesSince {
  if (since === undefined) return { afterId: 0 };
  return /^\d+$/.test(since) ? { afterId: Number(since) } : { loggedAfter: new Date(since) };
}
