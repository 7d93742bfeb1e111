import { Kysely, sql } from 'kysely';

/** Ingestion state: per-source cursors, what the log knows of each record, and webhook hints awaiting read-back. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('ingest_cursors')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('cursor', 'jsonb', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('ingest_cursors_pkey', ['tenant_id', 'source', 'model'])
    .execute();

  await db.schema
    .createTable('ingest_records')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('record_id', 'integer', (c) => c.notNull())
    .addColumn('write_date', 'text', (c) => c.notNull())
    .addColumn('snapshot', 'jsonb')
    .addColumn('deleted', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('ingest_records_pkey', ['tenant_id', 'model', 'record_id'])
    .execute();

  await db.schema
    .createTable('ingest_hints')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('record_id', 'integer', (c) => c.notNull())
    .addColumn('priority', 'text')
    .addColumn('category', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('ingest_hints_pkey', ['tenant_id', 'model', 'record_id'])
    .execute();
  await db.schema.createIndex('ingest_hints_due').on('ingest_hints').columns(['tenant_id', 'due_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('ingest_hints').execute();
  await db.schema.dropTable('ingest_records').execute();
  await db.schema.dropTable('ingest_cursors').execute();
}
