import type { Kysely } from 'kysely';

/** The push request a ledger row came in, so the operator console shows pushes as the batches devices sent. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('offline_push_ledger').addColumn('batch_id', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('offline_push_ledger').dropColumn('batch_id').execute();
}
