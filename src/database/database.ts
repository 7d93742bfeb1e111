import { PGlite } from '@electric-sql/pglite';
import { Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Kysely, Migrator, PostgresDialect, type PostgresPool, type PostgresPoolClient } from 'kysely';
import { Pool, types } from 'pg';
import { migrations } from './migrations';
import { PGliteDialect } from './pglite.dialect';
import type { Database, Db } from './schema';

const INT8 = 20;
const NUMERIC = 1700;

/**
 * bigint (int8) columns come back as strings from pg and as numbers from PGlite; both engines are
 * made to return numbers (sequences and counts stay far below 2^53). numeric stays a string.
 */
const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 ? (v: string) => Number(v) : types.getTypeParser(oid, format)) as typeof types.getTypeParser,
};

/**
 * SQL starting with this marker runs as a named prepared statement on PostgreSQL (see
 * withPreparedStatements). Mark only fixed texts: each distinct text is prepared on every connection.
 */
export const PREPARED = '/* prepared */';

/**
 * Hot, complex statements are planned once per connection instead of on every call: Kysely sends
 * unnamed statements, and planning was ~1 ms of the pull's page query. Only marked SQL is prepared,
 * so schema changes at migration time never meet a stale cached plan of an ordinary query.
 */
function withPreparedStatements(pool: Pool): PostgresPool {
  const names = new Map<string, string>();
  const nameOf = (text: string): string => {
    let name = names.get(text);
    if (name === undefined) {
      name = `bc_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
      names.set(text, name);
    }
    return name;
  };
  return {
    connect: async () => {
      const client = await pool.connect();
      const query = (text: string, values: unknown[]) =>
        text.startsWith(PREPARED) ? client.query({ name: nameOf(text), text, values }) : client.query(text, values);
      // pg's result type declares `command` as string where Kysely's names the verbs; the object is the same.
      return { query, release: () => client.release() } as unknown as PostgresPoolClient;
    },
    end: () => pool.end(),
  };
}

export interface DatabaseOptions {
  url?: string;
  /** PGlite data directory; null for an in-memory database. */
  pgliteDir: string | null;
  /** Optional tarball of a PGlite data dir to start from (tests: skips the slow initdb). */
  pgliteSnapshot?: Blob;
  poolSize?: number;
}

/** Connections kept apart for the log's writers (WRITE_DB): appends, and change capture with its reads. */
const WRITE_POOL_SIZE = 4;

export interface DatabaseHandle {
  db: Db;
  /**
   * The same database over connections of its own (PostgreSQL): devices' reads can hold every connection of `db`
   * with hundreds of queries waiting behind them, and change capture, a chain of short queries, waited seconds at
   * each one (measured in the soak: 1–3 s a query, a run of 30 s). PGlite has one connection: `db` itself.
   */
  writer: Db;
  engine: 'postgres' | 'pglite';
}

export async function createDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.url) {
    const open = (max: number): Db => {
      const pool = new Pool({ connectionString: options.url, max, types: pgTypes });
      // An idle connection the server closes (restart, failover, admin) is an 'error' event on the pool;
      // unheard it would crash the process. The pool replaces the connection on the next query.
      pool.on('error', (e) => new Logger('Database').warn(`Idle PostgreSQL connection lost: ${e.message}`));
      return new Kysely<Database>({ dialect: new PostgresDialect({ pool: withPreparedStatements(pool) }) });
    };
    return { db: open(options.poolSize ?? 20), writer: open(WRITE_POOL_SIZE), engine: 'postgres' };
  }
  const pglite = await PGlite.create({
    dataDir: options.pgliteDir ?? undefined,
    loadDataDir: options.pgliteSnapshot,
    parsers: { [INT8]: (v: string) => Number(v), [NUMERIC]: (v: string) => v },
  });
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  return { db, writer: db, engine: 'pglite' };
}

export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
