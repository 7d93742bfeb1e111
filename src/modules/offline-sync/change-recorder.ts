import { Injectable } from '@nestjs/common';
import { OdooConcurrencyError, OdooConnectionError, OdooError } from '../odoo/odoo.errors';
import { odooDateToIso } from '../odoo/values';
import type { Execution } from './change-executor';
import { RESULT_CODES, type PushResult, type StoredChange } from './offline-sync.types';
import { PushClaimsRepository, type Outcome } from './push-claims.repository';
import type { LedgerKey } from './push-ledger.repository';
import { describeError, elapsed, errorResult, type ResultSubject } from './push-results';

/**
 * Turns an execution into the device's result and the ledger's record. Only what happened is recorded:
 * a failure that provably left Odoo untouched gives the claim back (a retry runs the change); a create
 * under an external id whose answer was lost stays unconfirmed (a retry asks Odoo whether it exists);
 * only a create Odoo cannot be asked about is recorded as OUTCOME_UNKNOWN, never as a success.
 */
@Injectable()
export class ChangeRecorder {
  constructor(private readonly claims: PushClaimsRepository) {}

  async record(
    change: ResultSubject,
    stored: StoredChange,
    key: LedgerKey,
    claimId: string,
    execution: Execution,
    started: number,
    giveBack: () => Promise<unknown>,
  ): Promise<PushResult> {
    if (execution.kind === 'unknown') return this.settleUnknown(change, stored, key, claimId, started);
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
      await this.claims.settle(key, claimId, {
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
      return errorResult(change, describeError(error, true), started);
    }
    if (retryable && checkable) {
      const described = describeError(error, true);
      const result = errorResult(
        change,
        { ...described, message: `${described.message} (the create may have reached Odoo: a retry looks it up by its external id before creating anything)` },
        started,
      );
      await this.claims.settle(key, claimId, { unconfirmed: result });
      return result;
    }
    if (retryable) return this.settleUnknown(change, stored, key, claimId, started);
    const result = errorResult(change, describeError(error, false), started);
    await this.claims.settle(key, claimId, { status: 'error', serverId: null, serverWriteDate: null, change: stored, result });
    return result;
  }

  private async settleUnknown(change: ResultSubject, stored: StoredChange, key: LedgerKey, claimId: string, started: number): Promise<PushResult> {
    const result = errorResult(change, {
      code: RESULT_CODES.outcomeUnknown,
      message:
        'The create was sent to Odoo but its outcome was never confirmed (timeout or restart), and its values (e.g. ' +
        'one2many line commands) could not be sent under an external id to check. It is not resent, to avoid a ' +
        'duplicate: check Odoo, and push again with a new local_id if the record is missing',
      retryable: false,
    });
    await this.claims.settle(key, claimId, { status: 'error', serverId: null, serverWriteDate: null, change: stored, result });
    return { ...result, processing_time_ms: elapsed(started) };
  }
}
