import { Kysely, sql } from 'kysely';

/**
 * Two lookups of every append read the events table through an index led by tenant_id, and for a tenant whose
 * statistics predate its import (its log far larger than analyzed; autovacuum never re-analyzes while a new tenant's
 * import stays under 10 % of the table) the planner read all of the tenant's index entries each time: 10 ms and 70 ms
 * a batch at 40,000 events, growing with the log.
 * - The time of the latest append (max(created_at)) is kept in the tenant's feed row, which the append locks anyway.
 * - Ingestion's dedupe by source event id uses an index led by that id, so probing it is the only plan; rows of other
 *   tenants with the same id are dropped after.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('tenant_feeds').addColumn('last_logged_at', 'timestamptz').execute();
  await sql`update tenant_feeds f set last_logged_at = (select max(created_at) from events e where e.tenant_id = f.tenant_id)`.execute(db);
  await db.schema.dropIndex('events_tenant_source_event').execute();
  await db.schema
    .createIndex('events_source_event')
    .on('events')
    .column('source_event_id')
    .where(sql.ref('source_event_id'), 'is not', null)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('events_source_event').execute();
  await db.schema
    .createIndex('events_tenant_source_event')
    .on('events')
    .columns(['tenant_id', 'source_event_id'])
    .where(sql.ref('source_event_id'), 'is not', null)
    .execute();
  await db.schema.alterTable('tenant_feeds').dropColumn('last_logged_at').execute();
}
