import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { Counter } from 'prom-client';
import { AppConfig } from '../../config/app.config';
import { APP_CONFIG } from '../../config/config.module';
import type { AuthUser } from '../auth/auth.types';
import { DeviceStateRepository } from '../change-feed/device-state.repository';
import { IngestionScheduler } from '../change-feed/ingestion.scheduler';
import { IngestStateRepository } from '../change-feed/sources/ingest-state.repository';
import { METRICS } from '../metrics/metrics';
import type { OdooClient } from '../odoo/odoo.client';
import { OdooAccessError, OdooConcurrencyError, OdooConnectionError, OdooError, OdooUserSessionExpired } from '../odoo/odoo.errors';
import { UserOdooService } from '../auth/user-odoo.service';
import { mayWrite, refusedNestedWrite } from '../odoo-ops/write-policy';
import { SystemsService } from '../systems/systems.service';
import { executeChange, EXTERNAL_ID_MODULE, type Execution } from './change-executor';
import { odooDateToIso, type ConflictStrategy, type Values } from './conflict-resolver';
import { collectLocalRefs, planDependencies, resolveLocalRefs, runInDependencyOrder, type Blocked } from './dependency-order';
import type { ChangeDto, PushDto } from './dto/push.dto';
import type { ResolveConflictsDto, ResolutionDto } from './dto/resolve-conflicts.dto';
import { DuplicateLocalId, MAX_CHANGES_PER_PUSH, TooManyChanges } from './offline-sync.errors';
import { parentKeys, ParentQueue } from './parent-queue';
import {
  RESULT_CODES,
  syncToken,
  type ChangeAction,
  type PushResponse,
  type PushResult,
  type ResolveResponse,
  type StoredChange,
} from './offline-sync.types';
import { fingerprintChange, PushLedgerRepository, recordKey, type LedgerEntry, type LedgerKey, type Outcome, type OwnWrite } from './push-ledger.repository';

interface PushContext {
  user: AuthUser;
  deviceId: string;
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
}

const POLL_MS = 50;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const elapsed = (since: number) => Math.round((performance.now() - since) * 100) / 100;

function refsOf(change: ChangeDto): string[] {
  const refs = collectLocalRefs(change.data);
  collectLocalRefs(change.record_id, refs);
  for (const d of change.dependencies ?? []) refs.add(d);
  return [...refs];
}

/**
 * The external id a create is made under in Odoo (BridgeCore's module `__bridgecore__`): derived from the change
 * itself, so any later attempt, on any instance, asks Odoo for the same name.
 */
export function externalIdOf(key: LedgerKey, fingerprint: string): string {
  const digest = createHash('sha256').update(JSON.stringify([key.tenantId, key.userId, key.deviceId, key.localId, fingerprint])).digest('hex');
  return `${EXTERNAL_ID_MODULE}.push_${digest.slice(0, 40)}`;
}

function pick(values: Values, fields: string[] | undefined): Values {
  if (!fields) return values;
  return Object.fromEntries(fields.filter((f) => f in values).map((f) => [f, values[f]]));
}

/**
 * Offline push: orders a batch by its $local references, executes each change at most once per
 * (tenant, user, device, local_id) through the ledger, and resolves conflicts.
 */
@Injectable()
export class PushService {
  private readonly logger = new Logger(PushService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly ledger: PushLedgerRepository,
    private readonly systems: SystemsService,
    private readonly deviceStates: DeviceStateRepository,
    private readonly userOdoo: UserOdooService,
    private readonly ingestState: IngestStateRepository,
    private readonly ingestion: IngestionScheduler,
    @InjectMetric(METRICS.pushChanges) private readonly pushed: Counter<string>,
  ) {}

  async push(user: AuthUser, dto: PushDto): Promise<PushResponse> {
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
    for (const [id, blocked] of plan.blocked) results.set(id, this.blockedResult(byId.get(id) as ChangeDto, blocked));

    const state = await this.deviceStates.get(user.tenantId, user.userId, dto.device_id);
    if (plan.order.length > 0) {
      const appType = state?.appType ?? (await this.tenantDefaultAppType(user.tenantId));
      const ctx: PushContext = {
        user,
        deviceId: dto.device_id,
        client: await this.userClient(user),
        mayWrite: (model) => mayWrite(model, appType, this.config.appTypes, this.config.appTypeWritable),
        sessionLost: false,
        strategy: dto.conflict_strategy ?? 'server_wins',
        serverIds: new Map(
          [...earlier.values()]
            .filter((e) => (e.status === 'success' || e.status === 'conflict') && e.serverId !== null).map((e) => [e.localId, e.serverId as number]),
        ),
        earlier,
        parents: new ParentQueue(),
        unreachable: null,
      };
      const ran = await runInDependencyOrder<PushResult>(plan, {
        // stop_on_error means "nothing after the first failure", which only has a meaning one by one.
        concurrency: dto.stop_on_error ? 1 : this.config.offlineSync.concurrency,
        run: async (id) => {
          const result = await this.processChange(ctx, byId.get(id) as ChangeDto);
          if (result.server_id !== null && (result.status === 'success' || result.status === 'conflict')) {
            ctx.serverIds.set(id, result.server_id);
          }
          return result;
        },
        succeeded: (r) => r.server_id !== null && (r.status === 'success' || r.status === 'conflict'),
        dependencyFailed: (id, prerequisite, failed) =>
          this.errorResult(byId.get(id) as ChangeDto, {
            code: RESULT_CODES.dependencyFailed,
            message: `Depends on "${prerequisite}", which did not succeed (${failed.error_code ?? failed.status})`,
            retryable: failed.retryable ?? false,
          }),
        stopAfter: dto.stop_on_error ? (r) => r.status === 'error' : undefined,
        skipped: (id) =>
          this.errorResult(byId.get(id) as ChangeDto, {
            code: RESULT_CODES.skipped,
            message: 'Not attempted: an earlier change failed and stop_on_error is set',
            retryable: true,
            status: 'skipped',
          }),
      });
      for (const [id, r] of ran) results.set(id, r);
      // What ran is recorded; what met the expired session was given back and runs again after the new login.
      if (ctx.sessionLost) await this.endSession(user);
    }

    const ordered = dto.changes.map((c) => results.get(c.local_id) as PushResult);
    for (const r of ordered) this.pushed.inc({ status: r.status });
    await this.hintIngestion(user.tenantId, ordered);
    return this.summarize(ordered, started, syncToken(user.userId, dto.device_id, state?.lastEventId ?? 0));
  }

  async resolve(user: AuthUser, dto: ResolveConflictsDto): Promise<ResolveResponse> {
    const client = await this.userClient(user);
    const results: PushResult[] = [];
    // One by one: resolutions are few and are often about the same records.
    for (const resolution of dto.resolutions) results.push(await this.resolveOne(user, dto.device_id, client, resolution));
    const resolved = results.filter((r) => r.status === 'success').length;
    return { success: resolved === results.length, resolved, failed: results.length - resolved, results };
  }

  private async userClient(user: AuthUser): Promise<OdooClient> {
    try {
      return await this.userOdoo.clientFor(user);
    } catch (error) {
      if (error instanceof OdooUserSessionExpired) await this.userOdoo.sessionExpired(user);
      throw error;
    }
  }

  /** The user's Odoo session is gone: end their BridgeCore session too and tell the app to log in again. */
  private async endSession(user: AuthUser): Promise<never> {
    await this.userOdoo.sessionExpired(user);
    throw new OdooUserSessionExpired();
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
      await this.ingestState.addHints(tenantId, hints, new Date());
      this.ingestion.nudge(tenantId);
    } catch (error) {
      this.logger.warn(`Could not queue ingestion hints for a push of ${tenantId}: ${(error as Error).message}`);
    }
  }

  // ---- one change

  private async processChange(ctx: PushContext, change: ChangeDto): Promise<PushResult> {
    const started = performance.now();
    if (!ctx.mayWrite(change.model)) {
      const refused = new OdooAccessError(`This app may not write ${change.model} through sync`);
      return this.errorResult(change, this.describe(refused, false), started);
    }
    const resolved = this.resolveChange(ctx, change);
    if ('error' in resolved) return this.errorResult(change, resolved.error, started);
    if (ctx.unreachable) {
      const described = this.describe(ctx.unreachable, true);
      return this.errorResult(change, { ...described, message: `${described.message}; not attempted, push it again` }, started);
    }
    // Relation commands in the values write their relation's model too: the same policy, the same refusal.
    let nested: string | null;
    try {
      nested = await refusedNestedWrite(change.model, resolved.change.data, (m) => ctx.client.fieldsGet(m, ['type', 'relation']), ctx.mayWrite);
    } catch (error) {
      // Nothing was attempted: the change can be sent again.
      if (error instanceof OdooUserSessionExpired) ctx.sessionLost = true;
      if (error instanceof OdooConnectionError) ctx.unreachable ??= error;
      return this.errorResult(change, this.describe(error, true), started);
    }
    if (nested !== null) {
      const refused = new OdooAccessError(`This app may not write ${nested} through sync`);
      return this.errorResult(change, this.describe(refused, false), started);
    }

    const key: LedgerKey = { tenantId: ctx.user.tenantId, userId: ctx.user.userId, deviceId: ctx.deviceId, localId: change.local_id };
    const fingerprint = fingerprintChange(change);
    const { claimTimeoutMs, claimWaitMs } = this.config.offlineSync;
    const waitUntil = Date.now() + claimWaitMs;
    for (;;) {
      const got = await this.ledger.acquire(key, { fingerprint, model: change.model, action: change.action }, claimTimeoutMs);
      switch (got.kind) {
        case 'claimed':
          return this.executeClaimed(ctx, change, resolved.change, key, fingerprint, got, started);
        case 'replay':
          return { ...got.result, processing_time_ms: elapsed(started), replayed: true };
        case 'mismatch':
          return this.errorResult(
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
            return this.errorResult(
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
      },
    };
  }

  private async executeClaimed(
    ctx: PushContext,
    change: ChangeDto,
    stored: StoredChange,
    key: LedgerKey,
    fingerprint: string,
    claim: { claimId: string; resumed: boolean },
    started: number,
  ): Promise<PushResult> {
    const own = stored.record_id !== null ? await this.ownWrite(key, stored.model, stored.record_id) : null;
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
    return this.record(change, stored, key, claim.claimId, execution, started, () => this.ledger.settle(key, claim.claimId, 'untouched'));
  }

  /**
   * Turns an execution into the device's result and the ledger's record. Only what happened is recorded:
   * a failure that provably left Odoo untouched gives the claim back (a retry runs the change); a create
   * under an external id whose answer was lost stays unconfirmed (a retry asks Odoo whether it exists);
   * only a create Odoo cannot be asked about is recorded as OUTCOME_UNKNOWN, never as a success.
   */
  private async record(
    change: { local_id: string; action: ChangeAction; model: string },
    stored: StoredChange,
    key: LedgerKey,
    claimId: string,
    execution: Execution,
    started: number,
    giveBack: () => Promise<unknown>,
  ): Promise<PushResult> {
    if (execution.kind === 'unknown') {
      const outcome = this.unknownOutcome(change, stored);
      await this.ledger.settle(key, claimId, outcome);
      return { ...outcome.result, processing_time_ms: elapsed(started) };
    }
    if (execution.kind !== 'failed') {
      const result: PushResult = {
        local_id: change.local_id,
        status: execution.kind === 'applied' ? 'success' : 'conflict',
        action: change.action,
        model: change.model,
        server_id: execution.serverId,
        server_timestamp: odooDateToIso(execution.writeDate) ?? new Date().toISOString(),
        ...(execution.conflictInfo ? { conflict_info: execution.conflictInfo } : {}),
        processing_time_ms: elapsed(started),
      };
      await this.ledger.settle(key, claimId, {
        status: result.status as Outcome['status'],
        serverId: execution.serverId,
        serverWriteDate: execution.kind === 'applied' ? execution.writeDate : null,
        serverValues: execution.kind === 'applied' ? execution.values : null,
        change: stored,
        result,
      });
      return result;
    }

    const { error, writeAttempted, checkable } = execution;
    const retryable = error instanceof OdooError ? error.retryable : true;
    // A database conflict was rolled back by Odoo: nothing of the change was kept.
    const untouched = !writeAttempted || (error instanceof OdooConnectionError && error.notSent) || error instanceof OdooConcurrencyError;
    if (retryable && (untouched || change.action !== 'create')) {
      // Nothing happened, or re-applying the update/delete is harmless: let a retry run it.
      await giveBack();
      return this.errorResult(change, this.describe(error, true), started);
    }
    if (retryable && checkable) {
      const described = this.describe(error, true);
      const result = this.errorResult(
        change,
        { ...described, message: `${described.message} (the create may have reached Odoo: a retry looks it up by its external id before creating anything)` },
        started,
      );
      await this.ledger.settle(key, claimId, { unconfirmed: result });
      return result;
    }
    if (retryable) {
      const outcome = this.unknownOutcome(change, stored);
      await this.ledger.settle(key, claimId, outcome);
      return { ...outcome.result, processing_time_ms: elapsed(started) };
    }
    const result = this.errorResult(change, this.describe(error, false), started);
    await this.ledger.settle(key, claimId, { status: 'error', serverId: null, serverWriteDate: null, change: stored, result });
    return result;
  }

  private describe(error: unknown, retryable: boolean): ResultError {
    if (error instanceof OdooError) return { code: error.code, message: error.message, retryable };
    this.logger.error({ err: error }, 'Unexpected error while applying an offline change');
    return { code: RESULT_CODES.internal, message: 'Unexpected error while applying the change', retryable };
  }

  private unknownOutcome(change: { local_id: string; action: ChangeAction; model: string }, stored: StoredChange): Outcome {
    return {
      status: 'error',
      serverId: null,
      serverWriteDate: null,
      change: stored,
      result: this.errorResult(change, {
        code: RESULT_CODES.outcomeUnknown,
        message:
          'The create was sent to Odoo but its outcome was never confirmed (timeout or restart), and its values (e.g. ' +
          'one2many line commands) could not be sent under an external id to check. It is not resent, to avoid a ' +
          'duplicate: check Odoo, and push again with a new local_id if the record is missing',
        retryable: false,
      }),
    };
  }

  private async ownWrite(key: LedgerKey, model: string, recordId: number): Promise<OwnWrite | null> {
    const own = await this.ledger.ownWrites(key.tenantId, key.userId, key.deviceId, [{ model, recordId }]);
    return own.get(recordKey(model, recordId)) ?? null;
  }

  // ---- resolve-conflicts

  private async resolveOne(user: AuthUser, deviceId: string, client: OdooClient, asSent: ResolutionDto): Promise<PushResult> {
    // Validation guarantees one of the two spellings.
    const resolution = { ...asSent, strategy: (asSent.strategy ?? asSent.resolution) as ConflictStrategy };
    const started = performance.now();
    const key: LedgerKey = { tenantId: user.tenantId, userId: user.userId, deviceId, localId: resolution.local_id };
    const entry = await this.ledger.get(key);
    const subject = { local_id: resolution.local_id, action: entry?.action ?? 'update', model: entry?.model ?? '' };
    if (resolution.strategy === 'manual') {
      return this.errorResult(
        subject,
        { code: RESULT_CODES.invalidStrategy, message: '"manual" leaves a conflict open; resolve with another strategy', retryable: false },
        started,
      );
    }
    const claimId = entry?.status === 'conflict' && entry.change ? await this.ledger.claimConflict(key) : null;
    if (!entry || !entry.change || !claimId) {
      return this.errorResult(
        subject,
        {
          code: RESULT_CODES.notInConflict,
          message: entry ? `Change "${resolution.local_id}" has no open conflict (status ${entry.status})` : `No pushed change "${resolution.local_id}" for this device`,
          retryable: false,
        },
        started,
      );
    }
    const stored = entry.change;
    let execution: Execution;
    if (resolution.strategy === 'server_wins') {
      execution = { kind: 'applied', serverId: entry.serverId as number, writeDate: null, conflictInfo: entry.result?.conflict_info };
    } else {
      const own = stored.record_id !== null ? await this.ownWrite(key, stored.model, stored.record_id) : null;
      execution = await executeChange(client, stored, {
        strategy: resolution.strategy,
        mergedData: resolution.merged_data,
        ownWriteDate: own?.writeDate,
        ownValues: own?.values,
      });
    }
    const result = await this.record(subject, stored, key, claimId, execution, started, () => this.ledger.reopenConflict(key, claimId));
    // The conflict was reopened (nothing ran): it can be resolved again after the new login.
    if (execution.kind === 'failed' && execution.error instanceof OdooUserSessionExpired) await this.endSession(user);
    return result;
  }

  // ---- results

  private blockedResult(change: ChangeDto, blocked: Blocked): PushResult {
    return this.errorResult(change, { code: blocked.code, message: blocked.message, retryable: false });
  }

  private errorResult(
    change: { local_id: string; action: ChangeAction; model: string },
    error: ResultError,
    started?: number,
  ): PushResult {
    return {
      local_id: change.local_id,
      status: error.status ?? 'error',
      action: change.action,
      model: change.model,
      server_id: null,
      server_timestamp: new Date().toISOString(),
      error: error.message,
      error_code: error.code,
      retryable: error.retryable,
      processing_time_ms: started === undefined ? 0 : elapsed(started),
    };
  }

  private summarize(results: PushResult[], started: number, token: string): PushResponse {
    const count = (s: PushResult['status']) => results.filter((r) => r.status === s).length;
    const idMapping: Record<string, number> = {};
    for (const r of results) {
      if (r.server_id !== null && (r.status === 'success' || r.status === 'conflict')) idMapping[r.local_id] = r.server_id;
    }
    const total = elapsed(started);
    const failed = count('error');
    const skipped = count('skipped');
    return {
      success: failed === 0 && skipped === 0,
      total: results.length,
      succeeded: count('success'),
      failed,
      conflicts: count('conflict'),
      skipped,
      results,
      id_mapping: idMapping,
      next_sync_token: token,
      server_timestamp: new Date().toISOString(),
      total_processing_time_ms: total,
      average_processing_time_ms: results.length ? Math.round((total / results.length) * 100) / 100 : 0,
    };
  }
}

interface ResultError {
  code: string;
  message: string;
  retryable: boolean;
  status?: 'error' | 'skipped';
}
