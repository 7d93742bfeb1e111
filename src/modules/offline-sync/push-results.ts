import { Logger } from '@nestjs/common';
import { OdooError } from '../odoo/odoo.errors';
import { RESULT_CODES, type ChangeAction, type PushResponse, type PushResult } from './offline-sync.types';

export interface ResultError {
  code: string;
  message: string;
  retryable: boolean;
  status?: 'error' | 'skipped';
}

export type ResultSubject = { local_id: string; action: ChangeAction; model: string };

const logger = new Logger('PushResults');

export const elapsed = (since: number) => Math.round((performance.now() - since) * 100) / 100;

/** Whether a result gave the change a server id: the ones later changes may reference and id_mapping lists. */
export const hasServerId = (r: PushResult): r is PushResult & { server_id: number } =>
  r.server_id !== null && (r.status === 'success' || r.status === 'conflict');

export function describeError(error: unknown, retryable: boolean): ResultError {
  if (error instanceof OdooError) return { code: error.code, message: error.message, retryable };
  logger.error({ err: error }, 'Unexpected error while applying an offline change');
  return { code: RESULT_CODES.internal, message: 'Unexpected error while applying the change', retryable };
}

export function errorResult(change: ResultSubject, error: ResultError, started?: number): PushResult {
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

export function summarize(results: PushResult[], started: number, token: string): PushResponse {
  const count = (s: PushResult['status']) => results.filter((r) => r.status === s).length;
  const idMapping: Record<string, number> = {};
  for (const r of results) if (hasServerId(r)) idMapping[r.local_id] = r.server_id;
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
