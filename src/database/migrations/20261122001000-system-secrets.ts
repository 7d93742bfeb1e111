import { Kysely } from 'kysely';

/** Webhook secrets of a system (HMAC secret, API key, URL token), one AES-256-GCM sealed JSON blob. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('systems').addColumn('webhook_secrets_enc', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('systems').dropColumn('webhook_secrets_enc').execute();
}
