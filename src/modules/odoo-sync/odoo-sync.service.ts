import { Inject, Injectable } from '@nestjs/common';
import { storedScope } from '../access/model-scope';
import { ReadPolicyService } from '../access/read-policy.service';
import type { AuthUser } from '../auth/auth.types';
import { CACHE_STORE, type KeyValueStore } from '../cache/cache.types';
import { DeviceStore, type SyncPosition } from '../devices/device-store';
import { EventLogRepository } from '../feed/event-log.repository';
import { PullEngine, type Pulled } from '../pull/pull-engine';
import { InvalidSyncToken } from '../pull/pull.errors';
import type { FeedPullDto } from './dto/odoo-sync.dto';
import { feedPages, type FeedEvent, type FeedPage } from './feed-pages';
import { PageTokensRepository } from './page-tokens.repository';

export interface FeedPullResponse {
  success: true;
  events: FeedEvent[];
  count: number;
  /** Send it back as last_event_id once this answer is applied. */
  last_id: number;
  has_more: boolean;
  timestamp: string;
  /** The events are a snapshot of the records (as creates), not changes. */
  snapshot: boolean;
  /** The position was behind the retained history: drop what the device holds, this starts a snapshot. */
  reset_required: boolean;
}

export interface FeedAckResponse {
  success: true;
  processed_count: number;
  message: string;
}

/** What an ack may confirm: the device's last answer, kept as long as a device's cached position. */
const PENDING_TTL_SECONDS = 24 * 3600;
const pendingKey = (user: AuthUser, deviceId: string): string =>
  `os:${encodeURIComponent(user.tenantId)}:pending:${user.userId}:${encodeURIComponent(deviceId)}`;

/**
 * The Flutter SDK's odoo-sync feed (OdooSyncService): a pull from the position the device holds, on the pull engine
 * every sync API uses (rights, snapshots, retention, position rules). The device's recorded position is the one it
 * claims, never the end of the answer, so an answer lost on the way is served again when the same last_event_id is
 * sent again; an ack of the answer's events (or sync-state/update) moves it on.
 */
@Injectable()
export class OdooSyncService {
  constructor(
    private readonly engine: PullEngine,
    private readonly events: EventLogRepository,
    private readonly devices: DeviceStore,
    private readonly tokens: PageTokensRepository,
    private readonly scopes: ReadPolicyService,
    @Inject(CACHE_STORE) private readonly cache: KeyValueStore,
  ) {}

  async pull(user: AuthUser, deviceId: string, dto: FeedPullDto): Promise<FeedPullResponse> {
    const { tenantId } = user;
    const claimed =
      dto.last_event_id === undefined
        ? ((await this.devices.find(tenantId, user.userId, deviceId)) ?? { cursor: 0, snapshot: null })
        : await this.position(user, deviceId, dto.last_event_id);
    const pulled = await this.engine.pull(
      user,
      {
        deviceId,
        appType: dto.app_type,
        filter: dto.models,
        rememberAppType: true,
        limit: dto.limit ?? 100,
        claim: { kind: 'ack', position: { cursor: claimed.cursor, snapshot: claimed.snapshot }, text: String(dto.last_event_id ?? claimed.cursor) },
        // The SDK reads any 410 as "account deleted": a position behind retention restarts with a snapshot in a 200.
        refuseExpiredClaim: false,
      },
      feedPages(this.events, tenantId, dto.priority),
    );
    const { page } = pulled;
    const lastId = await this.lastId(user, deviceId, pulled);
    if (page.count > 0) {
      await this.cache.set(pendingKey(user, deviceId), JSON.stringify({ lastId, ids: page.events.map((e) => e.id) }), PENDING_TTL_SECONDS);
    }
    return {
      success: true,
      events: page.events,
      count: page.count,
      last_id: lastId,
      has_more: page.more,
      timestamp: new Date(pulled.now).toISOString(),
      snapshot: page.snapshot,
      reset_required: pulled.resetRequired,
    };
  }

  /**
   * The device applied its last answer: its recorded position moves to that answer's last_id when the ack names
   * every event of it. Ids of older answers are already behind the position and count for nothing.
   */
  async ack(user: AuthUser, deviceId: string, eventIds: number[]): Promise<FeedAckResponse> {
    const raw = await this.cache.get(pendingKey(user, deviceId));
    const pending = raw === null ? null : (JSON.parse(raw) as { lastId: number; ids: number[] });
    const acked = new Set(eventIds);
    const matched = pending ? pending.ids.filter((id) => acked.has(id)).length : 0;
    if (!pending || matched < pending.ids.length) {
      return { success: true, processed_count: matched, message: 'Not every event of the last answer was acknowledged: the position stays' };
    }
    const position = await this.position(user, deviceId, pending.lastId);
    await this.record(user, deviceId, position, pending.ids.length);
    await this.cache.del(pendingKey(user, deviceId));
    return { success: true, processed_count: matched, message: `Acknowledged: the device continues after ${pending.lastId}` };
  }

  /** Records a position the device says it applied (an ack, sync-state/update). */
  async record(user: AuthUser, deviceId: string, position: SyncPosition, eventsSynced: number, appType?: string): Promise<void> {
    const { tenantId, userId } = user;
    const before = await this.devices.find(tenantId, userId, deviceId);
    // A device that never pulled is recorded with the scope its first pull will have, so that pull does not read it
    // as grown and start over.
    const policy =
      before?.appType && before.scope !== null ? null : await this.scopes.policy(tenantId, userId, { appType, remembered: before?.appType ?? undefined, user });
    await this.devices.record(tenantId, userId, deviceId, before, {
      position,
      appType: policy?.appType ?? (before?.appType as string),
      scope: policy ? storedScope(policy) : (before?.scope as string),
      rights: null,
      eventsSynced,
      at: Date.now(),
    });
  }

  /** The position an int the device holds names; refused when this server did not give it to this device. */
  async position(user: AuthUser, deviceId: string, token: number): Promise<SyncPosition> {
    const position = await this.tokens.positionOf(user.tenantId, user.userId, deviceId, token);
    if (!position) throw new InvalidSyncToken('last_event_id is not a position this server gave this device', { ack_token: String(token) });
    return position;
  }

  /** The int for a recorded position. */
  tokenOf(user: AuthUser, deviceId: string, position: SyncPosition): Promise<number> {
    return this.tokens.tokenOf(user.tenantId, user.userId, deviceId, position);
  }

  /** Where the device continues after this answer: the log position, or the snapshot pass's next (or end) key. */
  private async lastId(user: AuthUser, deviceId: string, { page, device }: Pulled<FeedPage>): Promise<number> {
    if (page.snapshot && (device.snapshot === null || device.cursor !== page.next)) {
      await this.tokens.forgetOtherPasses(user.tenantId, user.userId, deviceId, page.next);
    }
    return this.tokenOf(user, deviceId, { cursor: page.next, snapshot: page.nextSnapshot ?? page.end });
  }
}
