import { Kysely } from 'kysely';

/**
 * The models a device last pulled (its scope, "*" for every model): a pull whose scope has grown restarts
 * the device's snapshot, so records of models that entered it are not skipped. Null = not known yet.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('device_states').addColumn('scope', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('device_states').dropColumn('scope').execute();
}
