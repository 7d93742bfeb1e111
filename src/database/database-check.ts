import { Client } from 'pg';

/** Boot cannot go on: the database named by DATABASE_URL does not answer or refuses us. */
export class DatabaseUnreachable extends Error {
  constructor(url: string, cause: Error) {
    super(
      `Cannot connect to the database of DATABASE_URL (${redactUrl(url)}): ${cause.message || cause.name}. ` +
        'Check that PostgreSQL runs there and that the URL, user, password and database name are right, ' +
        'or leave DATABASE_URL unset to use the embedded PGlite database.',
    );
    this.name = 'DatabaseUnreachable';
  }
}

/** The URL without its password, fit for a log line. */
export function redactUrl(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '(unparsable URL)';
  }
}

/** Opens and closes one connection, so an unreachable database is reported in one line that names DATABASE_URL. */
export async function checkDatabaseReachable(url: string, timeoutMs = 10_000): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  // A connection refused later is reported through connect(); without a listener it would crash.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (e) {
    throw new DatabaseUnreachable(url, e as Error);
  } finally {
    await client.end().catch(() => undefined);
  }
}
