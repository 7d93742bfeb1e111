import { Kysely, sql } from 'kysely';

/**
 * The odoo-sync feed's page tokens (Flutter SDK OdooSyncService). The SDK holds its position as one int
 * (`last_event_id`); a position inside a snapshot pass (a log position and the last record sent) does not fit in one,
 * so it is stored here and the SDK is given the row's id, negated so it never reads as a log position. One row per
 * (device, position): a page read again is given the same token.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sync_page_tokens')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.notNull())
    .addColumn('device_id', 'text', (c) => c.notNull())
    .addColumn('position', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('sync_page_tokens_device_position', ['tenant_id', 'user_id', 'device_id', 'position'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('sync_page_tokens').execute();
}
