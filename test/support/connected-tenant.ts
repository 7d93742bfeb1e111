import type { INestApplication } from '@nestjs/common';
import type { ConnectSystemDto } from '../../src/modules/systems/dto/connect-system.dto';
import { SystemsService } from '../../src/modules/systems/systems.service';
import { TokenService } from '../../src/modules/tokens/token.service';
import { ADMIN_UID, DEMO_UID, PORTAL_UID, startOdooSim, type OdooSim } from '../odoo-sim';

let odoo: Promise<OdooSim> | undefined;

// One simulator per test file: Jest gives each file its own module registry, and this hook closes it after the
// file's last test.
afterAll(async () => {
  const started = odoo;
  odoo = undefined;
  await (await started)?.close();
});

/**
 * The Odoo of tests whose subject is not access rights: a stock simulator without record rules, where demo and
 * portal hold the administrator's groups, so its users read every record of the models they sync. The rights are
 * still read from it and applied as for any tenant (access.integration-spec and its siblings test real rules).
 */
export function permissiveOdoo(): Promise<OdooSim> {
  odoo ??= (async () => {
    const sim = await startOdooSim();
    const root = sim.env(1);
    await root.unlink('ir.rule', await root.search('ir.rule', [], { context: { active_test: false } }));
    const [admin] = await root.read('res.users', [ADMIN_UID], ['groups_id']);
    await root.write('res.users', [DEMO_UID, PORTAL_UID], { groups_id: [[6, 0, admin.groups_id]] });
    return sim;
  })();
  return odoo;
}

const connected = new WeakMap<INestApplication, Map<string, Promise<void>>>();

/**
 * Makes `tenantId` a tenant of `app` as production has them: a system connected to an Odoo (the permissive
 * simulator), unless a system of that id exists already (a test that connected its own Odoo).
 */
export function connectTenant(app: INestApplication, tenantId: string): Promise<void> {
  let tenants = connected.get(app);
  if (!tenants) connected.set(app, (tenants = new Map()));
  let done = tenants.get(tenantId);
  if (!done) {
    done = (async () => {
      const systems = app.get(SystemsService);
      if ((await systems.connectionState(tenantId)) !== 'unknown') return;
      const sim = await permissiveOdoo();
      const input = { url: sim.url, database: sim.db, username: 'admin', password: 'admin', system_type: 'odoo' };
      await systems.connect(tenantId, input as ConnectSystemDto);
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
