import { Kysely } from 'kysely';

/**
 * The fingerprint of the user's Odoo read rights a device was last served under (see rightsFingerprint): when the
 * rights change, the device's next pull re-scopes what it holds (removals for records it may no longer read, the
 * records it now may). Null = not known yet (no re-scope until one is recorded).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('device_states').addColumn('rights', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('device_states').dropColumn('rights').execute();
}
