import type { INestApplication } from '@nestjs/common';
import type { ConnectSystemDto } from '../../src/modules/systems/dto/connect-system.dto';
import { SystemsService } from '../../src/modules/systems/systems.service';
import { ADMIN_UID, DEMO_UID, PORTAL_UID, startOdooSim, type OdooSim } from '../odoo-sim';

/**
 * The Odoo of tests and benches whose subject is not access rights: a stock simulator without record rules, where
 * demo and portal hold the administrator's groups, so its users read every record of the models they sync. The
 * rights are still read from it and applied as for any tenant (access.integration-spec and its siblings, and the
 * storm and soak benches, run real rules).
 */
export async function startPermissiveOdoo(): Promise<OdooSim> {
  const sim = await startOdooSim();
  const root = sim.env(1);
  await root.unlink('ir.rule', await root.search('ir.rule', [], { context: { active_test: false } }));
  const [admin] = await root.read('res.users', [ADMIN_UID], ['groups_id']);
  await root.write('res.users', [DEMO_UID, PORTAL_UID], { groups_id: [[6, 0, admin.groups_id]] });
  return sim;
}

/** `count` users of a permissive Odoo, the administrator first; users it lacks are created with his groups. */
export async function permissiveUsers(sim: OdooSim, count: number): Promise<number[]> {
  const root = sim.env(1);
  const users = [ADMIN_UID, DEMO_UID, PORTAL_UID];
  if (count > users.length) {
    const [admin] = await root.read('res.users', [ADMIN_UID], ['groups_id']);
    const created = await root.createMany(
      'res.users',
      Array.from({ length: count - users.length }, (_, i) => ({ login: `user-${i}-${Date.now()}`, name: `User ${i}`, groups_id: [[6, 0, admin.groups_id]] })),
    );
    users.push(...created);
  }
  return users.slice(0, count);
}

/**
 * Makes `tenantId` a tenant of `app` as production has them, a system connected to an Odoo (`sim`), unless a
 * system of that id exists already (one connected to an Odoo of its own). True when it connected one.
 */
export async function connectToOdoo(app: INestApplication, sim: OdooSim, tenantId: string): Promise<boolean> {
  const systems = app.get(SystemsService);
  if ((await systems.connectionState(tenantId)) !== 'unknown') return false;
  const input = { url: sim.url, database: sim.db, username: 'admin', password: 'admin', system_type: 'odoo' };
  await systems.connect(tenantId, input as ConnectSystemDto);
  return true;
}
