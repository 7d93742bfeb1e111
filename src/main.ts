import type { AddressInfo } from 'node:net';
import { createApp } from './bootstrap';
import { loadConfig } from './config/app.config';
import { ConfigError } from './config/env';
import { checkDatabaseReachable, DatabaseUnreachable } from './database/database-check';

/**
 * The address the server is bound to, as bound: Nest's getUrl() shows 0.0.0.0 as 127.0.0.1, which told operators
 * the server was reachable from this machine only when it listened on every interface.
 */
export function listeningBanner(address: AddressInfo): string {
  const everywhere = address.address === '0.0.0.0' || address.address === '::';
  const bound = address.family === 'IPv6' ? `[${address.address}]:${address.port}` : `${address.address}:${address.port}`;
  const local = `http://${everywhere ? 'localhost' : bound.replace(/:\d+$/, '')}:${address.port}`;
  const where = everywhere ? `${bound} (every interface)` : bound;
  return `BridgeCore listening on ${where}; here: ${local} (docs: ${local}/docs, metrics: ${local}/metrics)\n`;
}

async function main(): Promise<void> {
  const config = loadConfig();
  if (config.database.url) await checkDatabaseReachable(config.database.url);
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  process.stdout.write(listeningBanner(app.getHttpServer().address() as AddressInfo));
}

if (require.main === module) {
  // A library's stray promise (ioredis answers a queued command with MaxRetriesPerRequestError while Redis
  // is down) must not take every tenant's server down: Node 20 exits on an unhandled rejection by default.
  process.on('unhandledRejection', (reason: unknown) => {
    const what = reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason);
    process.stderr.write(`Unhandled promise rejection (kept running): ${what}\n`);
  });

  main().catch((e: unknown) => {
    // What an operator must fix is said in one message; a stack trace would only bury it.
    if (e instanceof ConfigError || e instanceof DatabaseUnreachable) {
      process.stderr.write(`${e.message}\n`);
      process.exit(1);
    }
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  });
}
