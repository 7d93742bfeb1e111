import { sql } from 'kysely';
import { Client } from 'pg';
import { createDatabase, PREPARED } from '../../../src/database/database';
import { servicesUrls } from '../../support/test-app';

const { databaseUrl: url } = servicesUrls();

describe('PostgreSQL connection loss', () => {
  it('survives the server closing an idle connection, and serves the next query', async () => {
    const { db } = await createDatabase({ url, pgliteDir: null, poolSize: 2 });
    try {
      const pid = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db)).rows[0].pid;
      const admin = new Client({ connectionString: url });
      await admin.connect();
      await admin.query('select pg_terminate_backend($1)', [pid]);
      await admin.end();
      // The pool hears the error on the idle client and drops it; the next query gets a fresh one.
      const after = await sql<{ one: number }>`select 1 as one`.execute(db);
      expect(after.rows[0].one).toBe(1);
    } finally {
      await db.destroy();
    }
  });
});

describe('prepared statements on PostgreSQL', () => {
  it('prepares only statements marked PREPARED, once per connection', async () => {
    const { db } = await createDatabase({ url, pgliteDir: null, poolSize: 1 });
    try {
      const prepared = () =>
        sql<{ name: string }>`select name from pg_prepared_statements where name like 'bc\\_%' order by name`.execute(db);
      await sql`select ${1}::int as plain`.execute(db);
      expect((await prepared()).rows).toEqual([]);
      for (const n of [1, 2, 3]) {
        const row = await sql<{ n: number }>`${sql.raw(PREPARED)} select ${n}::int as n`.execute(db);
        expect(row.rows[0].n).toBe(n);
      }
      expect((await prepared()).rows).toHaveLength(1);
    } finally {
      await db.destroy();
    }
  });
});
