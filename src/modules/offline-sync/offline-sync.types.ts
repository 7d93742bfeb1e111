import type { ConflictStrategy, Values } from './conflict-resolver';
import type { CopyInProgress } from '../ingestion/copy-progress';

export type ChangeAction = 'create' | 'update' | 'delete';
export type ResultStatus = 'success' | 'conflict' | 'error' | 'skipped';

/** Error codes of per-change results that do not come from Odoo. */
export const RESULT_CODES = {
  cycle: 'DEPENDENCY_CYCLE',
  unresolved: 'UNRESOLVED_REFERENCE',
  dependencyFailed: 'DEPENDENCY_FAILED',
  localIdReused: 'LOCAL_ID_REUSED',
  inProgress: 'IN_PROGRESS',
  outcomeUnknown: 'OUTCOME_UNKNOWN',
  recordMissing: 'RECORD_NOT_FOUND',
  skipped: 'SKIPPED',
  internal: 'INTERNAL_ERROR',
  notInConflict: 'NOT_IN_CONFLICT',
  invalidStrategy: 'INVALID_STRATEGY',
} as const;

export interface ConflictInfo {
  /** Odoo's current values of the fields involved (many2one as Odoo reads them: [id, name]). */
  server_data: Values;
  local_data: Values;
  base_data?: Values;
  conflicting_fields: string[];
  /** Odoo's write_date of the record when the conflict was detected (ISO-8601 UTC). */
  server_write_date: string | null;
  /** The strategy that decided the outcome. */
  strategy: ConflictStrategy;
}

/** One change's result, as returned to the device and replayed from the ledger on retries. */
export interface PushResult {
  local_id: string;
  status: ResultStatus;
  action: ChangeAction;
  model: string;
  server_id: number | null;
  server_timestamp: string;
  error?: string;
  error_code?: string;
  retryable?: boolean;
  conflict_info?: ConflictInfo;
  processing_time_ms: number;
  /** True when this result was recorded by an earlier push of the same change and nothing ran now. */
  replayed?: boolean;
}

/** A change as executed: references resolved to server ids. Kept in the ledger for resolve-conflicts. */
export interface StoredChange {
  action: ChangeAction;
  model: string;
  record_id: number | null;
  data: Values;
  base_data?: Values;
  version?: number | string;
  local_timestamp?: string;
  /** Pushed by the Flutter SDK (a map-shaped push): its resolutions are answered in the SDK's shape. */
  sdk?: true;
}

export interface PushResponse {
  success: boolean;
  total: number;
  succeeded: number;
  failed: number;
  conflicts: number;
  skipped: number;
  results: PushResult[];
  id_mapping: Record<string, number>;
  next_sync_token: string;
  server_timestamp: string;
  total_processing_time_ms: number;
  average_processing_time_ms: number;
}

export interface ResolveResponse {
  success: boolean;
  resolved: number;
  failed: number;
  results: PushResult[];
}

export interface PulledEvent {
  event_id: number;
  model: string;
  record_id: number;
  action: 'create' | 'write' | 'unlink';
  timestamp: string;
  data: Record<string, unknown> | null;
  changed_fields: string[] | null;
  priority: 'high' | 'medium' | 'low';
  category: 'business' | 'system' | 'notification' | 'custom';
  /** "self": this device's own pushed change coming back through the feed; do not re-apply it blindly. */
  origin: 'self' | 'server';
  /** For origin "self": the local_id of the change that produced it. */
  local_id?: string;
  metadata?: { source: string; user_id: number | null };
  /** Part of a snapshot: the record's current values, in the shape of a create. */
  snapshot?: boolean;
}

export interface PullResponse {
  success: boolean;
  has_updates: boolean;
  new_events_count: number;
  events: PulledEvent[];
  next_sync_token: string;
  last_event_id: number;
  last_sync_time: string | null;
  has_more: boolean;
  total_available: number;
  /** The events are a snapshot of the current records (a new or reset device), each a create. */
  snapshot: boolean;
  server_timestamp: string;
  app_type: string;
  /** This pull restarted the device with a snapshot: its position was behind the retained history. */
  restarted: boolean;
  /** The first copy of the system's records is not finished (see the v2 pull's `backfill`); null once it is. */
  backfill: CopyInProgress | null;
  /** Flutter SDK: model → the records' current values (see recordsByModel). */
  data: Record<string, Record<string, unknown>[]>;
  /** Flutter SDK: the number of records in data. */
  total_records: number;
  /** Flutter SDK: when this pull was answered. */
  synced_at: string;
}

export interface StateResponse {
  device_id: string;
  user_id: number;
  last_event_id: number;
  last_sync_time: string | null;
  /** Flutter SDK spelling of last_sync_time. */
  last_sync_at: string | null;
  next_sync_token: string;
  total_syncs: number;
  total_events_synced: number;
  sync_status: 'idle' | 'syncing' | 'conflicts';
  pending_changes: number;
  app_type: string;
  /** Flutter SDK: the state's details as one object. */
  metadata: { app_type: string; sync_status: 'idle' | 'syncing' | 'conflicts'; conflicts: number; in_progress: number };
}

export interface ResetResponse {
  success: boolean;
  message: string;
  device_id: string;
}

/** The token a device may keep to describe its position: `<user>_<device>_<last_event_id>` (informational in v1). */
export function syncToken(userId: number, deviceId: string, lastEventId: number): string {
  return `${userId}_${deviceId}_${lastEventId}`;
}
