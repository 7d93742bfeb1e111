import { Kysely, sql } from 'kysely';

/**
 * Each event keeps the JSON a pull sends for it, written once at append: a pull page is then a
 * join of stored strings. Building it per read (json_build_object, to_char, jsonb output for 100
 * rows) was three quarters of the page statement's cost. Rows logged before this column existed
 * are filled in here with the same shape.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('events').addColumn('pull_json', 'text').execute();
  await sql`update events set pull_json = (case when coalesce(jsonb_typeof(payload), 'null') = 'null'
      then json_build_object('id', id, 'model', model, 'record_id', record_id, 'event', event,
        'timestamp', to_char(timestamp at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'priority', priority)
      else json_build_object('id', id, 'model', model, 'record_id', record_id, 'event', event,
        'timestamp', to_char(timestamp at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'priority', priority,
        'payload', payload)
    end)::text`.execute(db);
  await db.schema.alterTable('events').alterColumn('pull_json', (c) => c.setNotNull()).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('events').dropColumn('pull_json').execute();
}
