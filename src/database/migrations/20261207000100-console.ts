import type { Kysely } from 'kysely';

/**
 * The operator console: who resolved a conflict (`device` through resolve-conflicts, `operator` from the console), and
 * an index so its list of recent pushes reads one page of a tenant's ledger, newest first, however long the ledger is.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('offline_push_ledger').addColumn('resolved_by', 'text').execute();
  await db.schema
    .createIndex('offline_push_ledger_recent')
    .on('offline_push_ledger')
    .columns(['tenant_id', 'updated_at', 'user_id', 'device_id', 'local_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('offline_push_ledger_recent').execute();
  await db.schema.alterTable('offline_push_ledger').dropColumn('resolved_by').execute();
}
