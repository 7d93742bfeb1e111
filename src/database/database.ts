import { PGlite } from '@electric-sql/pglite';
import { Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Kysely, Migrator, PostgresDialect, type PostgresPool, type PostgresPoolClient } from 'kysely';
import { Client, Pool, types, type ClientConfig, type PoolClient } from 'pg';
import { DatabaseUnavailable } from '../common/errors';
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
 * borrowedFrom). Mark only fixed texts: each distinct text is prepared on every connection.
 */
export const PREPARED = '/* prepared */';

/**
 * SQLSTATEs PostgreSQL answers when the server, not the statement, is the problem: connection exceptions (08…),
 * shutdown, crash or startup of the server (57P01–57P03), too many connections (53300).
 */
const SERVER_GONE = /^(08...|57P0[123]|53300)$/;

/** Whether a statement failed because the server went away (the same statement may succeed on a new connection). */
export function isServerGone(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && SERVER_GONE.test(code);
}

/** Logs a database outage once when it starts and once when it ends, however many queries meet it. */
export class OutageLog {
  private readonly logger = new Logger('Database');
  private since: number | null = null;

  failed(error: unknown): DatabaseUnavailable {
    const reason = error instanceof Error ? error.message || error.name : String(error);
    if (this.since === null) {
      this.since = Date.now();
      this.logger.error(`PostgreSQL unavailable (${reason}): answering 503 DATABASE_UNAVAILABLE until it is back`);
    }
    return new DatabaseUnavailable(reason);
  }

  answered(): void {
    if (this.since === null) return;
    this.logger.log(`PostgreSQL is back after ${((Date.now() - this.since) / 1000).toFixed(1)} s`);
    this.since = null;
  }
}

/**
 * The pool as Kysely borrows from it. Hot, complex statements are planned once per connection instead of on every
 * call: Kysely sends unnamed statements, and planning was ~1 ms of the pull's page query. Only marked SQL is
 * prepared, so schema changes at migration time never meet a stale cached plan of an ordinary query.
 *
 * A connection that cannot be had, or that the server drops under a statement, is a DatabaseUnavailable (503 with
 * Retry-After); other failures (constraint violations…) pass through as pg raised them.
 */
export function borrowedFrom(pool: Pool, outage: OutageLog): PostgresPool {
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
      let client: PoolClient;
      try {
        client = await pool.connect();
      } catch (e) {
        throw outage.failed(e);
      }
      // The pool listens for errors of idle connections only: a borrowed one that the server drops emits 'error' on
      // the client, which unheard would take the process down. The statement running on it fails on its own.
      let lost: Error | undefined;
      const onError = (e: Error) => {
        lost = e;
      };
      client.on('error', onError);
      const query = async (text: string, values: unknown[]) => {
        try {
          const result = await (text.startsWith(PREPARED) ? client.query({ name: nameOf(text), text, values }) : client.query(text, values));
          outage.answered();
          return result;
        } catch (e) {
          if (lost !== undefined || isServerGone(e)) {
            lost ??= e as Error;
            throw outage.failed(e);
          }
          throw e;
        }
      };
      const release = () => {
        client.removeListener('error', onError);
        // A lost connection is closed, not put back for the next request to fail on.
        client.release(lost);
      };
      // pg's result type declares `command` as string where Kysely's names the verbs; the object is the same.
      return { query, release } as unknown as PostgresPoolClient;
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

/**
 * A server that vanishes without closing its sockets (a failed-over host, a network partition) must not hold
 * requests for the kernel's minutes: connecting gives up after CONNECT_TIMEOUT_MS, and keepalive probes find a
 * dead open connection. (The pool's own connectionTimeoutMillis would also bound the wait for a free connection,
 * which under load is normal queueing, not an outage.)
 */
const CONNECT_TIMEOUT_MS = 5000;
const KEEPALIVE_DELAY_MS = 10_000;

class BoundedClient extends Client {
  constructor(config: ClientConfig = {}) {
    super({ ...config, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, keepAlive: true, keepAliveInitialDelayMillis: KEEPALIVE_DELAY_MS });
  }
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
    const outage = new OutageLog();
    const open = (max: number): Db => {
      const pool = new Pool({ connectionString: options.url, max, types: pgTypes, Client: BoundedClient });
      // An idle connection the server closes (restart, failover, admin) is an 'error' event on the pool;
      // unheard it would crash the process. The pool replaces the connection on the next query.
      pool.on('error', (e) => new Logger('Database').warn(`Idle PostgreSQL connection lost: ${e.message}`));
      return new Kysely<Database>({ dialect: new PostgresDialect({ pool: borrowedFrom(pool, outage) }) });
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
