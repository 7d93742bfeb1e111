import { Kysely, sql } from 'kysely';

/**
 * The offline push ledger: one row per (tenant, user, device, local_id), claimed before Odoo is called,
 * so a change is executed at most once however often the device retries.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('offline_push_ledger')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.notNull())
    .addColumn('device_id', 'text', (c) => c.notNull())
    .addColumn('local_id', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('claim_id', 'text', (c) => c.notNull())
    .addColumn('server_id', 'integer')
    .addColumn('server_write_date', 'text')
    .addColumn('change', 'jsonb')
    .addColumn('result', 'jsonb')
    .addColumn('claimed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('offline_push_ledger_pk', ['tenant_id', 'user_id', 'device_id', 'local_id'])
    .execute();
  await db.schema
    .createIndex('offline_push_ledger_record')
    .on('offline_push_ledger')
    .columns(['tenant_id', 'user_id', 'device_id', 'model', 'server_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('offline_push_ledger').execute();
}
