import { Kysely, sql } from 'kysely';

/**
 * What ingestion knows of each record (ingest_records: the write_date and normalised values of its last
 * event, whether they were read back, when remembered) moves into the record's record_state row: one row
 * written per record and append instead of two, in the append's transaction. `write_date` is null where
 * ingestion never remembered the record. A record remembered but without logged values (its events were
 * archived and deleted before record_state existed) keeps a row with last_event_id 0, which snapshots skip.
 */
const snapshot = sql`case when jsonb_typeof(r.snapshot) = 'object' then r.snapshot - '$unverified' end`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('record_state')
    .addColumn('write_date', 'text')
    .addColumn('snapshot', 'jsonb')
    .addColumn('verified', 'boolean')
    .addColumn('remembered_at', 'timestamptz')
    .execute();
  // The snapshot kept '$unverified' inside it while ingest_records had no column for it; a tombstone's is JSON null.
  await sql`update record_state s set write_date = r.write_date, snapshot = ${snapshot},
      verified = coalesce(r.snapshot -> '$unverified', 'false') <> 'true', remembered_at = r.updated_at
    from ingest_records r
    where r.tenant_id = s.tenant_id and r.model = s.model and r.record_id = s.record_id`.execute(db);
  await sql`insert into record_state (tenant_id, model, record_id, data, last_event_id, timestamp, priority, deleted,
      write_date, snapshot, verified, remembered_at)
    select r.tenant_id, r.model, r.record_id, '{}', 0, r.updated_at, 'medium', r.deleted,
      r.write_date, ${snapshot}, coalesce(r.snapshot -> '$unverified', 'false') <> 'true', r.updated_at
    from ingest_records r
    where not exists (select 1 from record_state s
      where s.tenant_id = r.tenant_id and s.model = r.model and s.record_id = r.record_id)`.execute(db);
  await db.schema.dropTable('ingest_records').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
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
  await sql`insert into ingest_records (tenant_id, model, record_id, write_date, snapshot, deleted, updated_at)
    select tenant_id, model, record_id, write_date,
      case when verified or snapshot is null then snapshot else snapshot || '{"$unverified": true}' end, deleted, remembered_at
    from record_state where write_date is not null`.execute(db);
  await sql`delete from record_state where last_event_id = 0`.execute(db);
  await db.schema
    .alterTable('record_state')
    .dropColumn('write_date')
    .dropColumn('snapshot')
    .dropColumn('verified')
    .dropColumn('remembered_at')
    .execute();
}
