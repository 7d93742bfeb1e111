import { Kysely, sql } from 'kysely';

/**
 * The current values of every logged record (per tenant, model, record), kept in the transaction of
 * each append: new devices start from a snapshot of it instead of the whole log. Records logged
 * before this table existed are filled from their latest event. Devices remember where a snapshot
 * they are draining stands (`snapshot_after`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('record_state')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('record_id', 'integer', (c) => c.notNull())
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('last_event_id', 'bigint', (c) => c.notNull())
    .addColumn('timestamp', 'timestamptz', (c) => c.notNull())
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('deleted', 'boolean', (c) => c.notNull())
    .addPrimaryKeyConstraint('record_state_pkey', ['tenant_id', 'model', 'record_id'])
    .execute();
  await sql`insert into record_state (tenant_id, model, record_id, data, last_event_id, timestamp, priority, deleted)
    select distinct on (tenant_id, model, record_id) tenant_id, model, record_id,
      case when jsonb_typeof(payload) = 'object' then payload else '{}'::jsonb end, id, timestamp, priority,
      event = 'unlink'
    from events order by tenant_id, model, record_id, id desc`.execute(db);
  await db.schema.alterTable('device_states').addColumn('snapshot_after', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('device_states').dropColumn('snapshot_after').execute();
  await db.schema.dropTable('record_state').execute();
}
