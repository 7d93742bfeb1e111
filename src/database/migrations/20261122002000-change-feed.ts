import { Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('tenant_feeds')
    .addColumn('tenant_id', 'text', (c) => c.primaryKey())
    .addColumn('last_id', 'bigint', (c) => c.notNull())
    .addColumn('archived_through', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('events')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'bigint', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('record_id', 'integer', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('timestamp', 'timestamptz', (c) => c.notNull())
    .addColumn('payload', 'jsonb')
    .addColumn('changed_fields', 'jsonb')
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('source_event_id', 'text')
    .addColumn('archived_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('events_pkey', ['tenant_id', 'id'])
    .execute();
  // Pulls filtered by model read `id > cursor` per (tenant, model); the PK serves unfiltered pulls.
  await db.schema.createIndex('events_tenant_model_id').on('events').columns(['tenant_id', 'model', 'id']).execute();
  // Ingestion dedupe and create-vs-write: the latest event of one record.
  await db.schema
    .createIndex('events_tenant_record')
    .on('events')
    .columns(['tenant_id', 'model', 'record_id', 'id'])
    .execute();
  await db.schema
    .createIndex('events_tenant_source_event')
    .on('events')
    .columns(['tenant_id', 'source_event_id'])
    .where(sql.ref('source_event_id'), 'is not', null)
    .execute();
  // The archiver selects and deletes by age.
  await db.schema.createIndex('events_tenant_created').on('events').columns(['tenant_id', 'created_at']).execute();

  await db.schema
    .createTable('device_states')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.notNull())
    .addColumn('device_id', 'text', (c) => c.notNull())
    .addColumn('app_type', 'text', (c) => c.notNull())
    .addColumn('last_event_id', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('last_sync_at', 'timestamptz')
    .addColumn('sync_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('total_events_synced', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('is_active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('device_states_pkey', ['tenant_id', 'user_id', 'device_id'])
    .execute();
  await db.schema
    .createIndex('device_states_tenant_active')
    .on('device_states')
    .columns(['tenant_id', 'is_active', 'last_event_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('device_states').execute();
  await db.schema.dropTable('events').execute();
  await db.schema.dropTable('tenant_feeds').execute();
}
