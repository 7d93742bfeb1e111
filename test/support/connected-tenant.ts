import type { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import { TokenService } from '../../src/modules/tokens/token.service';
import type { OdooSim } from '../odoo-sim';
import { connectToOdoo, startPermissiveOdoo } from './permissive-odoo';
import { testDatabaseUrl } from './test-app';

let odoo: Promise<OdooSim> | undefined;
const tenantIds = new Set<string>();

// One simulator per test file: Jest gives each file its own module registry, and this hook closes it after the
// file's last test. The file's systems go with it: on a shared PostgreSQL, the ingestion of a later file with
// ingestion on would otherwise poll every tenant of every earlier file, at a simulator long gone.
afterAll(async () => {
  const started = odoo;
  odoo = undefined;
  await (await started)?.close();
  const url = testDatabaseUrl();
  if (!url || tenantIds.size === 0) return;
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    await db.query('DELETE FROM systems WHERE id = ANY($1)', [[...tenantIds]]);
  } finally {
    await db.end();
  }
  tenantIds.clear();
});

const connected = new WeakMap<INestApplication, Map<string, Promise<void>>>();

/**
 * Makes `tenantId` a tenant of `app` as production has them: a system connected to an Odoo (the file's permissive
 * simulator, see startPermissiveOdoo), unless a system of that id exists already.
 */
export function connectTenant(app: INestApplication, tenantId: string): Promise<void> {
  let tenants = connected.get(app);
  if (!tenants) connected.set(app, (tenants = new Map()));
  let done = tenants.get(tenantId);
  if (!done) {
    done = (async () => {
      if (await connectToOdoo(app, await (odoo ??= startPermissiveOdoo()), tenantId)) tenantIds.add(tenantId);
    })();
    tenants.set(tenantId, done);
  }
  return done;
}

/** An access token of a user of a connected tenant (see connectTenant). */
export async function accessTokenOf(app: INestApplication, tenantId: string, userId: number, login = `user${userId}`): Promise<string> {
  await connectTenant(app, tenantId);
  return app.get(TokenService).signAccess({ tenantId, userId, login });
}
