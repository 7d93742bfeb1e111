import { Kysely } from 'kysely';

/**
 * What a pushed change left on its record, as Odoo reads it back: write_date has second precision, so a
 * server write in the same second is told from the device's own write by comparing these values.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('offline_push_ledger').addColumn('server_values', 'jsonb').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('offline_push_ledger').dropColumn('server_values').execute();
}
