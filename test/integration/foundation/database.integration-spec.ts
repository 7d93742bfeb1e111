import { randomUUID } from 'node:crypto';
import { Migrator, sql } from 'kysely';
import { Client } from 'pg';
import { createDatabase, migrateToLatest } from '../../../src/database/database';
import { migrations } from '../../../src/database/migrations';
import type { Db } from '../../../src/database/schema';
import { pullJson, type StoredEvent } from '../../../src/modules/feed/event.types';
import { testDatabaseUrl } from '../../support/test-app';

/** A throw-away PostgreSQL database next to the test database, so migrations run from scratch. */
async function freshPostgres(baseUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `bridgecore_test_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = new Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

interface Engine {
  name: string;
  open: () => Promise<{ db: Db; close: () => Promise<void> }>;
}

const engines: Engine[] = [
  {
    name: 'PGlite',
    open: async () => {
      const { db } = await createDatabase({ pgliteDir: null });
      return { db, close: () => db.destroy() };
    },
  },
];
const pgUrl = testDatabaseUrl();
if (pgUrl) {
  engines.push({
    name: 'PostgreSQL',
    open: async () => {
      const fresh = await freshPostgres(pgUrl);
      const { db } = await createDatabase({ url: fresh.url, pgliteDir: null });
      return {
        db,
        close: async () => {
          await db.destroy();
          await fresh.drop();
        },
      };
    },
  });
}

describe.each(engines)('database on $name', ({ open }) => {
  let db: Db;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ db, close } = await open());
  });
  afterAll(async () => close());

  it('applies every migration from scratch, then none on a second run', async () => {
    expect(await migrateToLatest(db)).toEqual(Object.keys(migrations));
    expect(await migrateToLatest(db)).toEqual([]);
    const tables = await db.introspection.getTables();
    expect(tables.map((t) => t.name)).toContain('systems');
  });

  it('returns bigint columns as numbers', async () => {
    const row = await sql<{ big: number; n: string }>`select 9007199254740991::int8 as big, 1.50::numeric as n`.execute(db);
    expect(row.rows[0]).toEqual({ big: 9007199254740991, n: '1.50' });
  });

  it('rolls back one transaction while another commits concurrently', async () => {
    await sql`create table if not exists tx_probe (id text primary key)`.execute(db);
    const a = `a-${randomUUID()}`;
    const b = `b-${randomUUID()}`;
    const failing = db.transaction().execute(async (trx) => {
      await sql`insert into tx_probe values (${a})`.execute(trx);
      await new Promise((r) => setTimeout(r, 20));
      throw new Error('abort');
    });
    const committing = db.transaction().execute(async (trx) => {
      await sql`insert into tx_probe values (${b})`.execute(trx);
    });
    await expect(failing).rejects.toThrow('abort');
    await committing;
    const rows = await sql<{ id: string }>`select id from tx_probe where id in (${a}, ${b})`.execute(db);
    expect(rows.rows.map((r) => r.id)).toEqual([b]);
  });

  it('keeps queries outside a transaction from seeing its uncommitted rows', async () => {
    await sql`create table if not exists tx_probe (id text primary key)`.execute(db);
    const id = `c-${randomUUID()}`;
    let seenOutside: number | undefined;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const tx = db.transaction().execute(async (trx) => {
      await sql`insert into tx_probe values (${id})`.execute(trx);
      await gate;
    });
    const outside = sql<{ n: number }>`select count(*)::int8 as n from tx_probe where id = ${id}`
      .execute(db)
      .then((r) => (seenOutside = r.rows[0].n));
    release();
    await tx;
    await outside;
    // On PGlite the outside query waits for the transaction (one connection); on PostgreSQL it may run first.
    expect([0, 1]).toContain(seenOutside);
    const after = await sql<{ n: number }>`select count(*)::int8 as n from tx_probe where id = ${id}`.execute(db);
    expect(after.rows[0].n).toBe(1);
  });
});

describe.each(engines)('event pull_json migration on $name', ({ open }) => {
  it('fills pull_json of events logged before it, in the shape new events get', async () => {
    const { db, close } = await open();
    try {
      const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
      const { error } = await migrator.migrateTo('20261122005000-offline-push-ledger');
      expect(error).toBeUndefined();
      const base = { tenantId: 't1', model: 'sale.order', event: 'write' as const, priority: 'high' as const, changedFields: null };
      const older: StoredEvent[] = [
        { ...base, id: 1, recordId: 7, timestamp: new Date('2026-03-04T05:06:07.089Z'), payload: { name: 'Café "Ü"', lines: [1, 2], note: null } },
        { ...base, id: 2, recordId: 8, timestamp: new Date('2026-03-04T05:06:08.000Z'), payload: null },
      ].map((e) => ({ ...e, category: 'business', userId: null, source: 'write_date', sourceEventId: null }));
      for (const e of older) {
        await sql`insert into events (tenant_id, id, model, record_id, event, timestamp, payload, priority, category, source)
          values (${e.tenantId}, ${e.id}, ${e.model}, ${e.recordId}, ${e.event}, ${e.timestamp},
                  ${e.payload === null ? null : JSON.stringify(e.payload)}::jsonb, ${e.priority}, ${e.category}, ${e.source})`.execute(db);
      }
      await migrateToLatest(db);
      const rows = await sql<{ pull_json: string }>`select pull_json from events order by id`.execute(db);
      expect(rows.rows.map((r) => JSON.parse(r.pull_json))).toEqual(older.map((e) => JSON.parse(pullJson(e))));
    } finally {
      await close();
    }
  });
});

describe('test database guard', () => {
  it('refuses a database whose name lacks "test"', () => {
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/production';
    try {
      expect(() => testDatabaseUrl()).toThrow(/Refusing to run tests against database "production"/);
    } finally {
      process.env.DATABASE_URL = saved;
    }
  });
});
