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
    for (const asSent of dto.resolutions) {
      const key: LedgerKey = { tenantId: user.tenantId, userId: user.userId, deviceId: dto.device_id, localId: asSent.local_id };
      const entry = await this.ledger.get(key);
      results.push(await this.apply(key, asSent, entry, { client, user }));
      sdk ||= entry?.change?.sdk === true;
    }
    const resolved = results.filter((r) => r.status === 'success').length;
    return { response: { success: resolved === results.length, resolved, failed: results.length - resolved, results }, sdk };
  }

  /**
   * An operator closes a conflict from the console by keeping Odoo's values (server_wins): nothing is written to
   * Odoo, so no one acts in Odoo as the user. The device's own strategies stay the device's to choose.
   */
  async resolveByOperator(key: LedgerKey): Promise<PushResult> {
    return this.apply(key, { local_id: key.localId, strategy: 'server_wins' }, await this.ledger.get(key), null);
  }

  private async apply(
    key: LedgerKey,
    asSent: ResolutionDto,
    entry: LedgerEntry | null,
    asUser: { client: OdooClient; user: AuthUser } | null,
  ): Promise<PushResult> {
    // Validation guarantees one of the two spellings.
    const resolution = { ...asSent, strategy: (asSent.strategy ?? asSent.resolution) as ConflictStrategy };
    const started = performance.now();
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
    if (resolution.strategy === 'server_wins' || !asUser) {
      execution = { kind: 'applied', serverId: entry.serverId as number, writeDate: null, conflictInfo: entry.result?.conflict_info };
    } else {
      const own = stored.record_id !== null ? await this.ledger.ownWrite(key, stored.model, stored.record_id) : null;
      execution = await executeChange(asUser.client, stored, {
        strategy: resolution.strategy,
        mergedData: resolution.merged_data,
        ownWriteDate: own?.writeDate,
        ownValues: own?.values,
      });
    }
    const result = await this.recorder.record(subject, stored, key, claimId, execution, started, () => this.claims.reopenConflict(key, claimId));
    if (result.status === 'success') await this.claims.markResolved(key, asUser ? 'device' : 'operator');
    // The conflict was reopened (nothing ran): it can be resolved again after the new login.
    if (asUser && execution.kind === 'failed' && execution.error instanceof OdooUserSessionExpired) await endSession(this.userOdoo, asUser.user);
    return result;
  }
}
