import { randomUUID } from 'node:crypto';
import { createDatabase, migrateToLatest } from '../../../src/database/database';
import type { Db } from '../../../src/database/schema';
import { SystemsRepository, type SystemValues } from '../../../src/modules/systems/systems.repository';
import { testDatabaseUrl } from '../../support/test-app';

describe(SystemsRepository.name, () => {
  let db: Db;
  let repository: SystemsRepository;
  // Other specs share this database: every system here carries the run's own prefix.
  const prefix = `repo-${randomUUID().slice(0, 8)}-`;

  const values = (over: Partial<SystemValues> = {}): SystemValues => ({
    name: 'Acme',
    url: 'http://odoo.test',
    database: 'acme',
    username: 'admin',
    password_enc: 'sealed-password',
    protocol: 'jsonrpc',
    odoo_version: '18.0',
    is_connected: true,
    options: JSON.stringify({ default_app_type: 'sales_app' }),
    webhook_secrets_enc: null,
    updated_at: new Date(),
    ...over,
  });

  beforeAll(async () => {
    const url = testDatabaseUrl();
    ({ db } = await createDatabase(url ? { url, pgliteDir: null } : { pgliteDir: null }));
    await migrateToLatest(db);
    repository = new SystemsRepository(db, db);
  });
  afterAll(async () => {
    await db.deleteFrom('systems').where('id', 'like', `${prefix}%`).execute();
    await db.destroy();
  });

  describe('upsert', () => {
    it('inserts a new system, then updates it in place keeping its creation time', async () => {
      await repository.upsert(`${prefix}a`, values());
      const created = await repository.find(`${prefix}a`);
      await repository.upsert(`${prefix}a`, values({ name: 'Acme 2', password_enc: 'resealed', odoo_version: null }));

      const updated = await repository.find(`${prefix}a`);
      expect(updated).toMatchObject({ name: 'Acme 2', password_enc: 'resealed', odoo_version: null, is_connected: true });
      expect(updated?.options).toEqual({ default_app_type: 'sales_app' });
      expect(updated?.created_at).toEqual(created?.created_at);
    });
  });

  describe('find', () => {
    it('returns undefined for an unknown system', async () => {
      expect(await repository.find(`${prefix}missing`)).toBeUndefined();
    });
  });

  describe('markDisconnected', () => {
    it('disconnects a known system and says false for an unknown one', async () => {
      await repository.upsert(`${prefix}b`, values());

      expect(await repository.markDisconnected(`${prefix}b`)).toBe(true);
      expect(await repository.markDisconnected(`${prefix}missing`)).toBe(false);
      expect((await repository.find(`${prefix}b`))?.is_connected).toBe(false);
    });
  });

  describe('listConnected / listAll', () => {
    it('lists connected systems only, or all of them, ordered by id', async () => {
      const list = `${prefix}list-`;
      await repository.upsert(`${list}b`, values());
      await repository.upsert(`${list}a`, values());
      await repository.upsert(`${list}c`, values({ is_connected: false }));
      const ids = (rows: { id: string }[]) => rows.map((r) => r.id).filter((id) => id.startsWith(list));

      expect(ids(await repository.listConnected())).toEqual([`${list}a`, `${list}b`]);
      expect(ids(await repository.listAll())).toEqual([`${list}a`, `${list}b`, `${list}c`]);
    });
  });
});
