import { createApp } from './bootstrap';
import { ConfigError, loadConfig } from './config/app.config';
import { checkDatabaseReachable, DatabaseUnreachable } from './database/database-check';

// A library's stray promise (ioredis answers a queued command with MaxRetriesPerRequestError while Redis
// is down) must not take every tenant's server down: Node 20 exits on an unhandled rejection by default.
process.on('unhandledRejection', (reason: unknown) => {
  const what = reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason);
  process.stderr.write(`Unhandled promise rejection (kept running): ${what}\n`);
});

async function main(): Promise<void> {
  const config = loadConfig();
  if (config.database.url) await checkDatabaseReachable(config.database.url);
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  const url = await app.getUrl();
  process.stdout.write(`BridgeCore listening on ${url} (docs: ${url}/docs, metrics: ${url}/metrics)\n`);
}

main().catch((e: unknown) => {
  // What an operator must fix is said in one message; a stack trace would only bury it.
  if (e instanceof ConfigError || e instanceof DatabaseUnreachable) {
    process.stderr.write(`${e.message}\n`);
    process.exit(1);
  }
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
