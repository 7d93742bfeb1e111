import type { Migration } from 'kysely';
import * as systems from './20261122000100-systems';
import * as systemSecrets from './20261122001000-system-secrets';
import * as refreshTokens from './20261122001100-refresh-tokens';
import * as changeFeed from './20261122002000-change-feed';
import * as ingestion from './20261122003000-ingestion';
import * as offlinePushLedger from './20261122005000-offline-push-ledger';
import * as eventPullJson from './20261122006000-event-pull-json';
import * as recordState from './20261127000100-record-state';
import * as pushLedgerServerValues from './20261127001000-push-ledger-server-values';
import * as odooSessions from './20261127002000-odoo-sessions';
import * as deviceScope from './20261127003000-device-scope';
import * as deviceRights from './20261127004000-device-rights';
import * as ingestMemoryInRecordState from './20261127005000-ingest-memory-in-record-state';
import * as appendLookups from './20261128000100-append-lookups';
import * as liveRecordsIndex from './20261128010000-live-records-index';
import * as consoleLedger from './20261207000100-console';
import * as syncPageTokens from './20261207000200-sync-page-tokens';
import * as pushBatch from './20261207000300-push-batch';

/** Every migration, in order. Listed explicitly so the same set runs from src/, dist/ and tests. */
export const migrations: Record<string, Migration> = {
  '20261122000100-systems': systems,
  '20261122001000-system-secrets': systemSecrets,
  '20261122001100-refresh-tokens': refreshTokens,
  '20261122002000-change-feed': changeFeed,
  '20261122003000-ingestion': ingestion,
  '20261122005000-offline-push-ledger': offlinePushLedger,
  '20261122006000-event-pull-json': eventPullJson,
  '20261127000100-record-state': recordState,
  '20261127001000-push-ledger-server-values': pushLedgerServerValues,
  '20261127002000-odoo-sessions': odooSessions,
  '20261127003000-device-scope': deviceScope,
  '20261127004000-device-rights': deviceRights,
  '20261127005000-ingest-memory-in-record-state': ingestMemoryInRecordState,
  '20261128000100-append-lookups': appendLookups,
  '20261128010000-live-records-index': liveRecordsIndex,
  '20261207000100-console': consoleLedger,
  '20261207000200-sync-page-tokens': syncPageTokens,
  '20261207000300-push-batch': pushBatch,
};
