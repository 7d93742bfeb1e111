import { Kysely, sql } from 'kysely';

/**
 * A deleted record keeps its record_state row (a tombstone: ingestion must not log its delete again or take a stale
 * read for it), so a tenant whose records come and go gathers tombstones for good. Snapshot pages, their count of the
 * records left and the delete sweep's live ids read only live rows; through the primary key they stepped over every
 * tombstone in their range (a new device's count walked all of them). This index holds the live rows alone.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('record_state_live')
    .on('record_state')
    .columns(['tenant_id', 'model', 'record_id'])
    .where(sql<boolean>`not deleted`)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('record_state_live').execute();
}
