import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { Counter } from 'prom-client';
import { AppConfig } from '../../config/app.config';
import { APP_CONFIG } from '../../config/config.module';
import type { AuthUser } from '../auth/auth.types';
import { DeviceStore } from '../devices/device-store';
import { DeliveredVersionRepository } from '../feed/delivered-version.repository';
import { IngestionHints } from '../ingestion/ingestion-hints';
import { METRICS } from '../metrics/metrics';
import type { OdooClient } from '../odoo/odoo.client';
import { OdooAccessError, OdooConnectionError, OdooUserSessionExpired } from '../odoo/odoo.errors';
import { UserOdooService } from '../auth/user-odoo.service';
import { mayWrite, refusedNestedWrite } from '../odoo-ops/write-policy';
import { SystemsService } from '../systems/systems.service';
import { executeChange, type Execution } from './change-executor';
import { externalIdOf, fingerprintChange } from './change-identity';
import { ChangeRecorder } from './change-recorder';
import { needsDeliveredBase, withDeliveredBase } from './delivered-base';
import type { ConflictStrategy, Values } from './conflict-resolver';
import { collectLocalRefs, planDependencies, resolveLocalRefs, runInDependencyOrder } from './dependency-order';
import type { ChangeDto, PushDto } from './dto/push.dto';
import { DuplicateLocalId, MAX_CHANGES_PER_PUSH, TooManyChanges } from './offline-sync.errors';
import { parentKeys, ParentQueue } from './parent-queue';
import { RESULT_CODES, syncToken, type PushResponse, type PushResult, type StoredChange } from './offline-sync.types';
import { PushClaimsRepository } from './push-claims.repository';
import { PushLedgerRepository, type LedgerEntry, type LedgerKey } from './push-ledger.repository';
import { describeError, elapsed, errorResult, hasServerId, summarize, type ResultError } from './push-results';
import { endSession, userClient } from './user-session';

interface PushContext {
  user: AuthUser;
  deviceId: string;
  /** This push request, recorded with each change it claims. */
  batchId: string;
  /** Acts in Odoo as the user: Odoo applies their rights and records them as create_uid/write_uid. */
  client: OdooClient;
  /** Whether the device's app type may write a model (security models never). */
  mayWrite: (model: string) => boolean;
  /** Set when Odoo no longer knows the user's session: the push then answers 401 as a whole. */
  sessionLost: boolean;
  strategy: ConflictStrategy;
  /** local_id → server id, from this batch as changes finish and from earlier pushes. */
  serverIds: Map<string, number>;
  earlier: Map<string, LedgerEntry>;
  /** Creates of children of one parent record, one after another. */
  parents: ParentQueue;
  /**
   * Set when a change found Odoo unreachable (after the client's retries): the changes not started yet are answered
   * retryable at once instead of each waiting out the same retries, so the push answers in seconds.
   */
  unreachable: OdooConnectionError | null;
  /** Flutter SDK pushes: the log position this device was delivered, to derive the base of edits that carry none. */
  delivered: { position: number } | null;
  sdk: boolean;
}

export interface PushOptions {
  /** The Flutter SDK's map-shaped push: its records carry no base version, and resolutions answer in its shape. */
  sdk?: boolean;
}

const POLL_MS = 50;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function refsOf(change: ChangeDto): string[] {
  const refs = collectLocalRefs(change.data);
  collectLocalRefs(change.record_id, refs);
  for (const d of change.dependencies ?? []) refs.add(d);
  return [...refs];
}

function pick(values: Values, fields: string[] | undefined): Values {
  if (!fields) return values;
  return Object.fromEntries(fields.filter((f) => f in values).map((f) => [f, values[f]]));
}

/**
 * Offline push: orders a batch by its $local references, executes each change at most once per
 * (tenant, user, device, local_id) through the ledger's claims, and detects conflicts (resolve-conflicts is
 * ResolveConflictsService's).
 */
@Injectable()
export class PushService {
  private readonly logger = new Logger(PushService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly ledger: PushLedgerRepository,
    private readonly claims: PushClaimsRepository,
    private readonly recorder: ChangeRecorder,
    private readonly systems: SystemsService,
    private readonly devices: DeviceStore,
    private readonly userOdoo: UserOdooService,
    private readonly ingestion: IngestionHints,
    private readonly deliveredVersions: DeliveredVersionRepository,
    @InjectMetric(METRICS.pushChanges) private readonly pushed: Counter<string>,
  ) {}

  async push(user: AuthUser, dto: PushDto, options: PushOptions = {}): Promise<PushResponse> {
    const started = performance.now();
    if (dto.changes.length > MAX_CHANGES_PER_PUSH) throw new TooManyChanges(dto.changes.length);
    const seen = new Set<string>();
    const repeated = new Set<string>();
    for (const c of dto.changes) (seen.has(c.local_id) ? repeated : seen).add(c.local_id);
    if (repeated.size > 0) throw new DuplicateLocalId([...repeated]);

    const byId = new Map(dto.changes.map((c) => [c.local_id, c]));
    const refs = new Map(dto.changes.map((c) => [c.local_id, refsOf(c)]));
    const outside = [...new Set([...refs.values()].flat().filter((r) => !byId.has(r)))];
    const earlier = await this.ledger.getMany(user.tenantId, user.userId, dto.device_id, outside);
    const plan = planDependencies(
      dto.changes.map((c) => ({ localId: c.local_id, refs: refs.get(c.local_id) ?? [] })),
      (id) => earlier.has(id),
    );

    const results = new Map<string, PushResult>();
    for (const [id, blocked] of plan.blocked) results.set(id, errorResult(byId.get(id) as ChangeDto, { code: blocked.code, message: blocked.message, retryable: false }));

    const state = await this.devices.find(user.tenantId, user.userId, dto.device_id);
    if (plan.order.length > 0) {
      const appType = state?.appType ?? (await this.tenantDefaultAppType(user.tenantId));
      const ctx: PushContext = {
        user,
        deviceId: dto.device_id,
        batchId: randomUUID(),
        client: await userClient(this.userOdoo, user),
        mayWrite: (model) => mayWrite(model, appType, this.config.appTypes, this.config.appTypeWritable),
        sessionLost: false,
        strategy: dto.conflict_strategy ?? this.config.appTypeConflictStrategy[appType] ?? 'server_wins',
        serverIds: new Map(
          [...earlier.values()]
            .filter((e) => (e.status === 'success' || e.status === 'conflict') && e.serverId !== null).map((e) => [e.localId, e.serverId as number]),
        ),
        earlier,
        parents: new ParentQueue(),
        unreachable: null,
        // In the middle of a snapshot the records it sent are newer than its log position: no version to derive.
        sdk: options.sdk ?? false,
        delivered: options.sdk && state && !state.snapshot ? { position: state.cursor } : null,
      };
      const ran = await runInDependencyOrder<PushResult>(plan, {
        // stop_on_error means "nothing after the first failure", which only has a meaning one by one.
        concurrency: dto.stop_on_error ? 1 : this.config.offlineSync.concurrency,
        run: async (id) => {
          const result = await this.processChange(ctx, byId.get(id) as ChangeDto);
          if (hasServerId(result)) ctx.serverIds.set(id, result.server_id);
          return result;
        },
        succeeded: hasServerId,
        dependencyFailed: (id, prerequisite, failed) =>
          errorResult(byId.get(id) as ChangeDto, {
            code: RESULT_CODES.dependencyFailed,
            message: `Depends on "${prerequisite}", which did not succeed (${failed.error_code ?? failed.status})`,
            retryable: failed.retryable ?? false,
          }),
        stopAfter: dto.stop_on_error ? (r) => r.status === 'error' : undefined,
        skipped: (id) =>
          errorResult(byId.get(id) as ChangeDto, {
            code: RESULT_CODES.skipped,
            message: 'Not attempted: an earlier change failed and stop_on_error is set',
            retryable: true,
            status: 'skipped',
          }),
      });
      for (const [id, r] of ran) results.set(id, r);
      // What ran is recorded; what met the expired session was given back and runs again after the new login.
      if (ctx.sessionLost) await endSession(this.userOdoo, user);
    }

    const ordered = dto.changes.map((c) => results.get(c.local_id) as PushResult);
    for (const r of ordered) this.pushed.inc({ status: r.status });
    await this.hintIngestion(user.tenantId, ordered);
    return summarize(ordered, started, syncToken(user.userId, dto.device_id, state?.cursor ?? 0));
  }

  private async tenantDefaultAppType(tenantId: string): Promise<string> {
    return (await this.systems.get(tenantId)).options.default_app_type ?? this.config.defaultAppType;
  }

  /**
   * The records this push changed in Odoo are queued as hints, like a webhook: the ingesting instance
   * reads them back at once (other devices get the change without waiting for a poll) and polls their
   * models at the base interval again. The changes are done in Odoo, so a failure here is only logged:
   * the pollers still find them.
   */
  private async hintIngestion(tenantId: string, results: readonly PushResult[]): Promise<void> {
    const hints = results
      .filter((r) => r.status === 'success' && !r.replayed && r.server_id !== null)
      .map((r) => ({ model: r.model, recordId: r.server_id as number, priority: null, category: null }));
    if (hints.length === 0) return;
    try {
      await this.ingestion.changed(tenantId, hints, new Date());
    } catch (error) {
      this.logger.warn(`Could not queue ingestion hints for a push of ${tenantId}: ${(error as Error).message}`);
    }
  }

  // ---- one change

  private async processChange(ctx: PushContext, change: ChangeDto): Promise<PushResult> {
    const started = performance.now();
    if (!ctx.mayWrite(change.model)) {
      const refused = new OdooAccessError(`This app may not write ${change.model} through sync`);
      return errorResult(change, describeError(refused, false), started);
    }
    const resolved = this.resolveChange(ctx, change);
    if ('error' in resolved) return errorResult(change, resolved.error, started);
    if (ctx.unreachable) {
      const described = describeError(ctx.unreachable, true);
      return errorResult(change, { ...described, message: `${described.message}; not attempted, push it again` }, started);
    }
    // Relation commands in the values write their relation's model too: the same policy, the same refusal.
    let nested: string | null;
    try {
      nested = await refusedNestedWrite(change.model, resolved.change.data, (m) => ctx.client.fieldsGet(m, ['type', 'relation']), ctx.mayWrite);
    } catch (error) {
      // Nothing was attempted: the change can be sent again.
      if (error instanceof OdooUserSessionExpired) ctx.sessionLost = true;
      if (error instanceof OdooConnectionError) ctx.unreachable ??= error;
      return errorResult(change, describeError(error, true), started);
    }
    if (nested !== null) {
      const refused = new OdooAccessError(`This app may not write ${nested} through sync`);
      return errorResult(change, describeError(refused, false), started);
    }

    const key: LedgerKey = { tenantId: ctx.user.tenantId, userId: ctx.user.userId, deviceId: ctx.deviceId, localId: change.local_id };
    const fingerprint = fingerprintChange(change);
    const { claimTimeoutMs, claimWaitMs } = this.config.offlineSync;
    const waitUntil = Date.now() + claimWaitMs;
    for (;;) {
      const got = await this.claims.acquire(key, { fingerprint, model: change.model, action: change.action, batchId: ctx.batchId }, claimTimeoutMs);
      switch (got.kind) {
        case 'claimed':
          return this.executeClaimed(ctx, change, resolved.change, key, fingerprint, got, started);
        case 'replay':
          return { ...got.result, processing_time_ms: elapsed(started), replayed: true };
        case 'mismatch':
          return errorResult(
            change,
            {
              code: RESULT_CODES.localIdReused,
              message: `local_id "${change.local_id}" was already pushed by this device with a different body; use a new local_id`,
              retryable: false,
            },
            started,
          );
        case 'busy':
          if (Date.now() >= waitUntil) {
            return errorResult(
              change,
              { code: RESULT_CODES.inProgress, message: 'This change is being executed by another request; retry shortly', retryable: true },
              started,
            );
          }
          await sleep(POLL_MS);
      }
    }
  }

  private resolveChange(ctx: PushContext, change: ChangeDto): { change: StoredChange } | { error: ResultError } {
    const lookup = (id: string) => ctx.serverIds.get(id);
    const data = resolveLocalRefs(pick(change.data ?? {}, change.fields_changed), lookup);
    const recordId = resolveLocalRefs(change.record_id ?? null, lookup);
    const missing = [...new Set([...data.missing, ...recordId.missing, ...(change.dependencies ?? []).filter((d) => !ctx.serverIds.has(d))])];
    if (missing.length > 0) {
      const stillRunning = missing.some((m) => ctx.earlier.get(m)?.status === 'in_progress');
      return {
        error: {
          code: RESULT_CODES.dependencyFailed,
          message: `Referenced change(s) ${missing.map((m) => `"${m}"`).join(', ')} have no server id (${stillRunning ? 'still running' : 'they did not succeed'})`,
          retryable: stillRunning,
        },
      };
    }
    return {
      change: {
        action: change.action,
        model: change.model,
        record_id: (recordId.value as number | null) ?? null,
        data: data.value as Values,
        ...(change.base_data ? { base_data: change.base_data } : {}),
        ...(change.version !== undefined ? { version: change.version } : {}),
        ...(change.local_timestamp ? { local_timestamp: change.local_timestamp } : {}),
        ...(ctx.sdk ? { sdk: true as const } : {}),
      },
    };
  }

  private async executeClaimed(
    ctx: PushContext,
    change: ChangeDto,
    resolved: StoredChange,
    key: LedgerKey,
    fingerprint: string,
    claim: { claimId: string; resumed: boolean },
    started: number,
  ): Promise<PushResult> {
    const own = resolved.record_id !== null ? await this.ledger.ownWrite(key, resolved.model, resolved.record_id) : null;
    let stored = resolved;
    if (ctx.delivered && needsDeliveredBase(resolved)) {
      const fields = Object.keys(resolved.data ?? {});
      const version = await this.deliveredVersions.at(ctx.user.tenantId, resolved.model, resolved.record_id as number, ctx.delivered.position, fields);
      stored = withDeliveredBase(resolved, version, own);
    }
    const execute = () =>
      executeChange(ctx.client, stored, {
        strategy: ctx.strategy,
        mergedData: change.merged_data,
        ownWriteDate: own?.writeDate,
        ownValues: own?.values,
        externalId: externalIdOf(key, fingerprint),
        resumed: claim.resumed,
        serviceClient: () => this.systems.clientFor(ctx.user.tenantId),
      });
    let execution: Execution;
    try {
      const parents = stored.action === 'create' ? await parentKeys(ctx.client, stored.model, stored.data) : [];
      execution = await ctx.parents.run(parents, execute);
    } catch (error) {
      execution = { kind: 'failed', error, writeAttempted: false, checkable: false };
    }
    if (execution.kind === 'failed' && execution.error instanceof OdooUserSessionExpired) ctx.sessionLost = true;
    if (execution.kind === 'failed' && execution.error instanceof OdooConnectionError) ctx.unreachable ??= execution.error;
    return this.recorder.record(change, stored, key, claim.claimId, execution, started, () => this.claims.settle(key, claim.claimId, 'untouched'));
  }

}
