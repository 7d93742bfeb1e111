import { Injectable } from '@nestjs/common';
import { scopeGrew, storedScope } from '../access/model-scope';
import { ReadPolicyService, type ReadPolicy } from '../access/read-policy.service';
import type { AuthUser } from '../auth/auth.types';
import { SyncResetRequired } from '../feed/feed.errors';
import { CopyProgress, type CopyInProgress } from '../ingestion/copy-progress';
import { EventLogRepository } from '../feed/event-log.repository';
import { FeedTail } from '../feed/feed-tail';
import { isSnapshotStart, RecordStateRepository, SNAPSHOT_START, type SnapshotKey, type SnapshotPage } from '../feed/record-state.repository';
import { DeviceStore, type DevicePosition, type SyncPosition } from '../devices/device-store';
import { SessionDevices } from '../devices/session-devices';
import { OdooError } from '../odoo/odoo.errors';
import { FeedHeads } from './feed-heads';
import { SyncTokenNotIssued } from './pull.errors';
import { assertNotAhead, claimedPosition, startPosition, type Claim, type Claimed } from './position';
import { SnapshotAdmission } from './snapshot-admission';

export interface PullRequest {
  deviceId: string;
  appType?: string;
  /** models_filter: narrows the app type's models. */
  filter?: string[];
  /** Without an app type, the one the device last pulled with rather than the tenant's default (v1). */
  rememberAppType: boolean;
  limit: number;
  claim?: Claim;
  /** A claimed position behind retention is answered 410 SYNC_RESET_REQUIRED instead of restarting (v1). */
  refuseExpiredClaim: boolean;
  /** The position is recorded when the caller calls `record` (once the answer was written), not by the pull. */
  deferRecord?: boolean;
}

/** What the engine needs of a page; the page's format is the API's. */
export interface PageLike {
  /** Events delivered (after the user's filter). */
  count: number;
  /** The position after this page: the log's, or a snapshot's log position while it is drained. */
  next: number;
  nextSnapshot: SnapshotKey | null;
}

/** A page of the snapshot taken at log position `at`: after its last record the log follows from `at`. */
export interface SnapshotRead {
  at: number;
  read: SnapshotPage;
  /** Events logged after `at` up to the head, in the device's models. */
  eventsAfter: number;
}

/** How an API reads its pages, filtered for the user (through the scope's readable/rescope). */
export interface PageReader<P extends PageLike> {
  log(scope: ReadPolicy, cursor: number, limit: number, head: number): Promise<P>;
  snapshot(scope: ReadPolicy, snapshot: SnapshotRead, rescope: boolean): Promise<P>;
}

export interface Pulled<P> {
  page: P;
  scope: ReadPolicy;
  /** The device as it stood before this pull. */
  device: DevicePosition;
  /** The position recorded: the acked one (or the start of the pass it was moved onto), else where the page ends. */
  recorded: SyncPosition;
  acknowledged: boolean;
  /**
   * This page starts a snapshot the device must apply from empty: its position was behind the retained history, or
   * the snapshot was taken after the position it holds (after a reset).
   */
  resetRequired: boolean;
  backfill: CopyInProgress | null;
  /** ms since epoch. */
  now: number;
  /** Records the position in the device store; done by the pull itself unless it was deferred. Runs once. */
  record: () => Promise<void>;
}

/**
 * The one pull behind both APIs: where the device reads from (its position, a claimed one, a new snapshot, a
 * restarted or re-scope pass, a reset behind retention), the page read through the API's reader (snapshot pages in
 * turns, SnapshotAdmission), and the position recorded in the device store. Odoo is never called here.
 */
@Injectable()
export class PullEngine {
  constructor(
    private readonly devices: DeviceStore,
    private readonly scopes: ReadPolicyService,
    private readonly heads: FeedHeads,
    private readonly events: EventLogRepository,
    private readonly records: RecordStateRepository,
    private readonly tail: FeedTail,
    private readonly copy: CopyProgress,
    private readonly admission: SnapshotAdmission,
    private readonly sessions: SessionDevices,
  ) {}

  async pull<P extends PageLike>(user: AuthUser, request: PullRequest, reader: PageReader<P>): Promise<Pulled<P>> {
    const claim = request.claim;
    if (claim?.kind === 'ack' && claim.position.snapshot === null) {
      const upToDate = await this.upToDate(user, request, claim.position.cursor, reader);
      if (upToDate) return upToDate;
    }
    const { tenantId, userId } = user;
    const [known, remembered] = await Promise.all([this.devices.find(tenantId, userId, request.deviceId), this.heads.current(tenantId)]);
    const scope = await this.scopes.policy(tenantId, userId, {
      appType: request.appType,
      remembered: request.rememberAppType ? (known?.appType ?? undefined) : undefined,
      filter: request.filter,
      user,
    });
    const claimedCursor = claim === undefined ? undefined : claim.kind === 'ack' ? claim.position.cursor : claim.cursor;
    // A token issued by another instance may be newer than the head this one remembers.
    const head = claimedCursor !== undefined && claimedCursor > remembered ? await this.heads.latest(tenantId) : remembered;
    // Refused before a new device is stored: bad input changes nothing.
    if (claim?.kind === 'ack') assertNotAhead(claim.position.cursor, head);
    const [device, backfill] = await Promise.all([
      known ?? this.devices.open(tenantId, userId, request.deviceId, scope.appType),
      this.copy.inProgress(tenantId),
      // Calls that name no device (hasUpdates(), the odoo-sync feed) are then for this one.
      this.sessions.remember(user, request.deviceId),
    ]);
    const claimed = await this.claimed(tenantId, claim, device);
    // Compared over the models the device was served (its scope may have changed too: growth restarts on its own).
    // Without an access model (Odoo unreachable since this instance started) there is nothing to compare: an
    // up-to-date pull still answers, and a page to filter fails as it would anyway.
    const fingerprint = await scope.fingerprint().catch((e: unknown) => {
      if (e instanceof OdooError) return null;
      throw e;
    });
    const rightsChanged =
      fingerprint !== null && device.cursor > 0 && device.rights !== null && device.rights !== (await scope.fingerprint(device.scope ?? undefined));
    const { position, restarted } = startPosition({ claimed, device, head, scopeGrew: scopeGrew(device.scope, scope), rightsChanged });
    // A snapshot taken after the log position the device says it holds (it was reset, or lost the first answer after
    // its reset): what was deleted in between would linger on it, so it is told to drop what it holds first, as a
    // device behind retention is. A re-scope pass sends its removals itself.
    const skipsDeletes =
      position.snapshot !== null && isSnapshotStart(position.snapshot) && position.snapshot.rescope !== true && claimedCursor !== undefined && claimedCursor > 0 && claimedCursor < position.cursor;

    let page: P;
    let resetRequired = false;
    try {
      page = await this.read(tenantId, scope, request.limit, position, head, reader);
    } catch (e) {
      if (!(e instanceof SyncResetRequired) || (request.refuseExpiredClaim && claim !== undefined)) throw e;
      // Behind retention (SPEC §4): the device starts over with a snapshot, flagged so it drops what it holds first
      // (records deleted in the archived history would otherwise linger on it).
      resetRequired = true;
      page = await this.read(tenantId, scope, request.limit, { cursor: head, snapshot: SNAPSHOT_START }, head, reader);
    }
    // With an ack the device's own position is the truth (after a restart: the start of the pass it was moved onto);
    // without, the previous server's rule that existing clients rely on: what was sent counts as synced. A reset
    // replaces the acked position, which no longer exists.
    const acked = resetRequired || claim?.kind !== 'ack' || claimed === undefined ? undefined : restarted ? position : claimed.position;
    const recorded: SyncPosition = acked ?? { cursor: page.next, snapshot: page.nextSnapshot };
    const now = Date.now();
    let recording: Promise<void> | undefined;
    const record = () =>
      (recording ??= this.devices.record(tenantId, userId, request.deviceId, device, {
        position: recorded,
        appType: scope.appType,
        scope: storedScope(scope),
        rights: fingerprint,
        eventsSynced: page.count,
        at: now,
      }));
    if (!request.deferRecord) await record();
    return { page, scope, device, recorded, acknowledged: acked !== undefined, resetRequired: resetRequired || skipsDeletes, backfill, now, record };
  }

  /**
   * A device acking the head, where this instance recently recorded it (DeviceStore.recentlyAt), under the same scope
   * and rights: answered from memory, its pull written behind, with no round trip to the shared cache. Null for any
   * other pull (the full path decides it).
   */
  private async upToDate<P extends PageLike>(user: AuthUser, request: PullRequest, cursor: number, reader: PageReader<P>): Promise<Pulled<P> | null> {
    const { tenantId, userId } = user;
    const device = this.devices.recentlyAt(tenantId, userId, request.deviceId, cursor);
    if (!device || cursor !== (await this.heads.current(tenantId))) return null;
    const scope = await this.scopes.policy(tenantId, userId, {
      appType: request.appType,
      remembered: request.rememberAppType ? (device.appType ?? undefined) : undefined,
      filter: request.filter,
      user,
    });
    const fingerprint = await scope.fingerprint().catch((e: unknown) => {
      if (e instanceof OdooError) return null;
      throw e;
    });
    if (fingerprint === null || fingerprint !== device.rights || storedScope(scope) !== device.scope || scope.appType !== device.appType) return null;
    const [page, backfill] = await Promise.all([reader.log(scope, cursor, request.limit, cursor), this.copy.inProgress(tenantId)]);
    const recorded: SyncPosition = { cursor, snapshot: null };
    const now = Date.now();
    this.devices.recordUnmoved(tenantId, userId, request.deviceId, device, {
      position: recorded,
      appType: scope.appType,
      scope: storedScope(scope),
      rights: fingerprint,
      eventsSynced: page.count,
      at: now,
    });
    // Recorded above (an acked position is never deferred).
    return { page, scope, device, recorded, acknowledged: true, resetRequired: false, backfill, now, record: () => Promise.resolve() };
  }

  /**
   * The claimed position. One refused as not issued is still answered as behind retention when it is: the device
   * re-sends an ack it applied, and the server had moved it onto a reset's snapshot in an answer that was lost.
   */
  private async claimed(tenantId: string, claim: Claim | undefined, device: SyncPosition): Promise<Claimed | undefined> {
    try {
      return claimedPosition(claim, device);
    } catch (e) {
      if (!(e instanceof SyncTokenNotIssued) || claim === undefined) throw e;
      const cursor = claim.kind === 'ack' ? claim.position.cursor : claim.cursor;
      const expired = await this.events.assertRetained(tenantId, cursor).then(
        () => false,
        (r: unknown) => {
          if (r instanceof SyncResetRequired) return true;
          throw r;
        },
      );
      if (!expired) throw e;
      return { position: { cursor, snapshot: null }, passDone: false };
    }
  }

  private read<P extends PageLike>(tenantId: string, scope: ReadPolicy, limit: number, position: SyncPosition, head: number, reader: PageReader<P>): Promise<P> {
    const key = position.snapshot;
    if (!key) return reader.log(scope, position.cursor, limit, head);
    // Read and filtered in turns with the instance's other snapshot pages (or refused with 503 SYNC_BUSY).
    return this.admission.run(async () => reader.snapshot(scope, await this.snapshot(tenantId, scope, position.cursor, key, limit, head), key.rescope === true));
  }

  private async snapshot(tenantId: string, scope: ReadPolicy, at: number, after: SnapshotKey, limit: number, head: number): Promise<SnapshotRead> {
    await this.events.assertRetained(tenantId, at);
    const read = await this.records.snapshotPage(tenantId, scope.models, after, limit);
    const eventsAfter = head > at ? await this.tail.count(tenantId, at, scope.models, head) : 0;
    return { at, read, eventsAfter };
  }
}
