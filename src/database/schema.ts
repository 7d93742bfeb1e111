import type { ColumnType, Generated, Kysely, Selectable } from 'kysely';

/** Table types. Each feature adds its tables here beside its migration. */

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export interface SystemsTable {
  id: string;
  name: string;
  url: string;
  database: string;
  username: string;
  password_enc: string;
  protocol: 'jsonrpc' | 'xmlrpc';
  odoo_version: string | null;
  is_connected: boolean;
  /** Per-system options: change sources, tracked models, default app type, webhook secrets (encrypted). */
  options: Json<Record<string, unknown>>;
  /** AES-256-GCM sealed JSON {hmacSecret?, apiKey?, urlToken?} (migration 20261122001000). */
  webhook_secrets_enc: ColumnType<string | null, string | null | undefined, string | null>;
  // Timestamp already makes the insert value optional (DB default); Generated<Timestamp> would nest ColumnTypes.
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A login session's Odoo web session, sealed (see the migration). */
export interface OdooSessionsTable {
  family_id: string;
  tenant_id: string;
  user_id: number;
  session_enc: string;
  expires_at: Timestamp;
  created_at: Timestamp;
}

export interface RefreshTokensTable {
  jti: string;
  /** Every token rotated from one login shares the family; reuse of a rotated token revokes it all. */
  family_id: string;
  tenant_id: string;
  user_id: number;
  expires_at: Timestamp;
  revoked_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  replaced_by: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Timestamp;
}

type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

/** Change feed (event log). id is the per-tenant, commit-ordered sequence. */
export interface EventsTable {
  tenant_id: string;
  id: number;
  model: string;
  record_id: number;
  event: 'create' | 'write' | 'unlink';
  timestamp: Timestamp;
  payload: Json<Record<string, unknown> | null>;
  changed_fields: Json<string[] | null>;
  priority: 'high' | 'medium' | 'low';
  category: 'business' | 'system' | 'notification' | 'custom';
  user_id: number | null;
  source: 'update_webhook' | 'write_date' | 'webhook' | 'push' | 'backfill';
  source_event_id: string | null;
  archived_at: NullableTimestamp;
  created_at: Timestamp;
  /** The event as a pull sends it (see pullJson), written at append. */
  pull_json: string;
}

/** One row per tenant: the sequence head (its row lock orders appends) and the archived prefix. */
export interface TenantFeedsTable {
  tenant_id: string;
  last_id: number;
  archived_through: Generated<number>;
  /** When the latest append was logged (its events' created_at); null before the first append that set it. */
  last_logged_at: Date | null;
}

export interface DeviceStatesTable {
  tenant_id: string;
  user_id: number;
  device_id: string;
  app_type: string;
  last_event_id: Generated<number>;
  last_sync_at: NullableTimestamp;
  sync_count: Generated<number>;
  total_events_synced: Generated<number>;
  is_active: Generated<boolean>;
  /** While the device drains a snapshot: the last (model, record id) sent, as "<model>:<id>" (":0" at its start). */
  snapshot_after: ColumnType<string | null, string | null | undefined, string | null>;
  /** The models the device last pulled, sorted and comma-separated, or "*"; null = not known. */
  scope: ColumnType<string | null, string | null | undefined, string | null>;
  /** The fingerprint of the user's read rights the device was last served under; null = not known. */
  rights: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A position inside a snapshot pass given to a Flutter SDK odoo-sync device as an int (see the migration). */
export interface SyncPageTokensTable {
  id: Generated<string>;
  tenant_id: string;
  user_id: number;
  device_id: string;
  /** The position as a v2 sync token ("<cursor>:<snapshot key>"). */
  position: string;
  created_at: Generated<Date>;
}

/** The current values of one logged record, updated in the transaction of every append. */
export interface RecordStateTable {
  tenant_id: string;
  model: string;
  record_id: number;
  /** The record's values: every event's payload merged in log order. */
  data: Json<Record<string, unknown>>;
  /** The last event of the record: a snapshot at log position H holds the rows with last_event_id <= H. */
  last_event_id: number;
  timestamp: Timestamp;
  priority: 'high' | 'medium' | 'low';
  deleted: boolean;
  /**
   * What ingestion knows of the record (ingestion/sources): the write_date (second) of its last event,
   * null when ingestion never logged it; the normalised values it was decided on (null when they are `data`
   * normalised: a whole read-back, verified, stores its values once); whether they were read back from Odoo (not
   * only an addon payload); when this was last remembered.
   */
  write_date: string | null;
  snapshot: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  verified: boolean | null;
  remembered_at: Timestamp | null;
}

/** Ingestion (ingestion/sources): cursor of one source, per model ('' when the source has none). */
export interface IngestCursorsTable {
  tenant_id: string;
  source: string;
  model: string;
  cursor: Json<Record<string, unknown>>;
  updated_at: Timestamp;
}

/** Ingestion: a webhook hint waiting to be confirmed by reading the record back from Odoo. */
export interface IngestHintsTable {
  tenant_id: string;
  model: string;
  record_id: number;
  priority: 'high' | 'medium' | 'low' | null;
  category: 'business' | 'system' | 'notification' | 'custom' | null;
  version: Generated<number>;
  attempts: Generated<number>;
  due_at: Timestamp;
  created_at: Timestamp;
}

/** Offline push ledger (offline-sync): one row per (tenant, user, device, local_id), claimed before Odoo is called. */
export interface OfflinePushLedgerTable {
  tenant_id: string;
  user_id: number;
  device_id: string;
  local_id: string;
  /** sha256 of the change body (action, model, record_id, data): the same local_id with another body is refused. */
  fingerprint: string;
  model: string;
  action: 'create' | 'update' | 'delete';
  /** unconfirmed: a create was sent under its external id but its answer was lost; the next attempt checks Odoo. */
  status: 'in_progress' | 'unconfirmed' | 'success' | 'conflict' | 'error';
  /** Who holds the claim; only the holder records the outcome. */
  claim_id: string;
  server_id: number | null;
  /** Odoo write_date right after this change was applied (recognises the device's own changes in pull). */
  server_write_date: string | null;
  /** The written fields as Odoo read them right after this change: tells a same-second server write from our own. */
  server_values: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  /** The change with references resolved (what resolve-conflicts re-applies). */
  change: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  /** The result returned to the device, replayed on retries. */
  result: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  claimed_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
  /** Who resolved a conflict of this change: `device` (resolve-conflicts) or `operator` (the console); null otherwise. */
  resolved_by: ColumnType<'device' | 'operator' | null, 'device' | 'operator' | null | undefined, 'device' | 'operator' | null>;
  /** The push request that claimed the change first (null for rows older than the column). */
  batch_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface Database {
  offline_push_ledger: OfflinePushLedgerTable;
  systems: SystemsTable;
  refresh_tokens: RefreshTokensTable;
  odoo_sessions: OdooSessionsTable;
  events: EventsTable;
  tenant_feeds: TenantFeedsTable;
  device_states: DeviceStatesTable;
  sync_page_tokens: SyncPageTokensTable;
  record_state: RecordStateTable;
  ingest_cursors: IngestCursorsTable;
  ingest_hints: IngestHintsTable;
}

export type Db = Kysely<Database>;
export type SystemRow = Selectable<SystemsTable>;
