import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../auth/auth.types';
import { UserOdooService } from '../auth/user-odoo.service';
import type { OdooClient } from '../odoo/odoo.client';
import { OdooUserSessionExpired } from '../odoo/odoo.errors';
import { executeChange, type Execution } from './change-executor';
import { ChangeRecorder } from './change-recorder';
import type { ConflictStrategy } from './conflict-resolver';
import type { ResolveConflictsDto, ResolutionDto } from './dto/resolve-conflicts.dto';
import { RESULT_CODES, type PushResult, type ResolveResponse } from './offline-sync.types';
import { PushClaimsRepository } from './push-claims.repository';
import { PushLedgerRepository, type LedgerEntry, type LedgerKey } from './push-ledger.repository';
import { errorResult } from './push-results';
import { endSession, userClient } from './user-session';

/** resolve-conflicts: applies a chosen strategy to a conflict an earlier push recorded in the ledger. */
@Injectable()
export class ResolveConflictsService {
  constructor(
    private readonly ledger: PushLedgerRepository,
    private readonly claims: PushClaimsRepository,
    private readonly recorder: ChangeRecorder,
    private readonly userOdoo: UserOdooService,
  ) {}

  /** sdk: a resolution is spelled the SDK's way, or one of the conflicts came from an SDK push. */
  async resolve(user: AuthUser, dto: ResolveConflictsDto): Promise<{ response: ResolveResponse; sdk: boolean }> {
    const client = await userClient(this.userOdoo, user);
    const results: PushResult[] = [];
    let sdk = dto.resolutions.some((r) => r.resolution !== undefined);
    // One by one: resolutions are few and are often about the same records.
    for (const resolution of dto.resolutions) {
      const one = await this.resolveOne(user, dto.device_id, client, resolution);
      results.push(one.result);
      sdk ||= one.sdk;
    }
    const resolved = results.filter((r) => r.status === 'success').length;
    return { response: { success: resolved === results.length, resolved, failed: results.length - resolved, results }, sdk };
  }

  private async resolveOne(user: AuthUser, deviceId: string, client: OdooClient, asSent: ResolutionDto): Promise<{ result: PushResult; sdk: boolean }> {
    const entry = await this.ledger.get({ tenantId: user.tenantId, userId: user.userId, deviceId, localId: asSent.local_id });
    return { result: await this.apply(user, deviceId, client, asSent, entry), sdk: entry?.change?.sdk === true };
  }

  private async apply(user: AuthUser, deviceId: string, client: OdooClient, asSent: ResolutionDto, entry: LedgerEntry | null): Promise<PushResult> {
    // Validation guarantees one of the two spellings.
    const resolution = { ...asSent, strategy: (asSent.strategy ?? asSent.resolution) as ConflictStrategy };
    const started = performance.now();
    const key: LedgerKey = { tenantId: user.tenantId, userId: user.userId, deviceId, localId: resolution.local_id };
    const subject = { local_id: resolution.local_id, action: entry?.action ?? 'update', model: entry?.model ?? '' };
    if (resolution.strategy === 'manual') {
      return errorResult(
        subject,
        { code: RESULT_CODES.invalidStrategy, message: '"manual" leaves a conflict open; resolve with another strategy', retryable: false },
        started,
      );
    }
    const claimId = entry?.status === 'conflict' && entry.change ? await this.claims.claimConflict(key) : null;
    if (!entry || !entry.change || !claimId) {
      return errorResult(
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
      const own = stored.record_id !== null ? await this.ledger.ownWrite(key, stored.model, stored.record_id) : null;
      execution = await executeChange(client, stored, {
        strategy: resolution.strategy,
        mergedData: resolution.merged_data,
        ownWriteDate: own?.writeDate,
        ownValues: own?.values,
      });
    }
    const result = await this.recorder.record(subject, stored, key, claimId, execution, started, () => this.claims.reopenConflict(key, claimId));
    // The conflict was reopened (nothing ran): it can be resolved again after the new login.
    if (execution.kind === 'failed' && execution.error instanceof OdooUserSessionExpired) await endSession(this.userOdoo, user);
    return result;
  }
}
