import { HealthIndicatorService } from '@nestjs/terminus';
import { type DatabaseConnection, DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, type QueryResult } from 'kysely';
import { DatabaseHealthIndicator } from './database.module';
import type { Database } from './schema';

/** A Kysely whose every query gets the answer of `run` (a result, a failure, or none at all). */
function fakeDb(run: () => Promise<QueryResult<never>>): Kysely<Database> {
  class Driver extends DummyDriver {
    override async acquireConnection(): Promise<DatabaseConnection> {
      return {
        executeQuery: run,
        streamQuery: () => {
          throw new Error('not used by the health check');
        },
      };
    }
  }
  return new Kysely<Database>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new Driver(),
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
}

describe(DatabaseHealthIndicator.name, () => {
  const indicator = (run: () => Promise<QueryResult<never>>) => new DatabaseHealthIndicator(fakeDb(run), new HealthIndicatorService());

  describe('isHealthy', () => {
    it('is up when the database answers', async () => {
      const result = await indicator(async () => ({ rows: [] })).isHealthy('database', 1000);
      expect(result).toEqual({ database: { status: 'up' } });
    });

    it('is down with the driver error when the query fails', async () => {
      const result = await indicator(() => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432'))).isHealthy('database', 1000);
      expect(result).toEqual({ database: { status: 'down', message: 'connect ECONNREFUSED 127.0.0.1:5432' } });
    });

    it('is down when the database does not answer within the timeout', async () => {
      const result = await indicator(() => new Promise<never>(() => undefined)).isHealthy('db', 20);
      expect(result).toEqual({ db: { status: 'down', message: 'timed out after 20 ms' } });
    });
  });
});
