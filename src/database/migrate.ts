import { loadConfig } from '../config/app.config';
import { createDatabase, migrateToLatest } from './database';

async function main(): Promise<void> {
  const config = loadConfig();
  const { db, writer, engine } = await createDatabase(config.database);
  try {
    const applied = await migrateToLatest(db);
    process.stdout.write(`${engine}: ${applied.length ? `applied ${applied.join(', ')}` : 'already up to date'}\n`);
  } finally {
    await db.destroy();
    if (writer !== db) await writer.destroy();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`migration failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
