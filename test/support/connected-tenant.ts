import type { INestApplication } from '@nestjs/common';
import { TokenService } from '../../src/modules/tokens/token.service';
import type { OdooSim } from '../odoo-sim';
import { connectToOdoo, startPermissiveOdoo } from './permissive-odoo';

let odoo: Promise<OdooSim> | undefined;

// One simulator per test file: Jest gives each file its own module registry, and this hook closes it after the
// file's last test.
afterAll(async () => {
  const started = odoo;
  odoo = undefined;
  await (await started)?.close();
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
    done = (async () => connectToOdoo(app, await (odoo ??= startPermissiveOdoo()), tenantId))();
    tenants.set(tenantId, done);
  }
  return done;
}

/** An access token of a user of a connected tenant (see connectTenant). */
export async function accessTokenOf(app: INestApplication, tenantId: string, userId: number, login = `user${userId}`): Promise<string> {
  await connectTenant(app, tenantId);
  return app.get(TokenService).signAccess({ tenantId, userId, login });
}
