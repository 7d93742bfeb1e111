import { Kysely, sql } from 'kysely';

/**
 * The Odoo web session each login obtained, sealed, one row per login session (refresh-token family): BridgeCore
 * acts in Odoo as the user through it and deletes it when the login session ends. Never the user's password.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('odoo_sessions')
    .addColumn('family_id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'bigint', (c) => c.notNull())
    .addColumn('session_enc', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('odoo_sessions_expires_idx').on('odoo_sessions').column('expires_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('odoo_sessions').execute();
}
