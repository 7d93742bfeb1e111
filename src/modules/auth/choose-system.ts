import { SystemNotFound } from '../systems/systems.errors';
import type { SystemRecord } from '../systems/systems.types';
import { NoSystemConnected, SystemRequired } from './auth.errors';

/**
 * Which connected system a login (or an Odoo session) belongs to: the one named by id, else the
 * one with that database name, else the only one, else the env-configured one (`default`).
 */
export function chooseSystem(
  connected: SystemRecord[],
  wanted: { systemId?: string; database?: string },
  fallbackId = 'default',
): SystemRecord {
  if (connected.length === 0) throw new NoSystemConnected();
  if (wanted.systemId !== undefined) {
    const system = connected.find((s) => s.id === wanted.systemId);
    if (!system) throw new SystemNotFound(wanted.systemId);
    return system;
  }
  if (wanted.database !== undefined) {
    const matches = connected.filter((s) => s.database === wanted.database);
    if (matches.length === 1) return matches[0];
    if (matches.length === 0) throw new SystemNotFound(wanted.database);
    throw new SystemRequired(`Several systems use database "${wanted.database}": give system_id`, { systems: matches.map((s) => s.id) });
  }
  if (connected.length === 1) return connected[0];
  const fallback = connected.find((s) => s.id === fallbackId);
  if (fallback) return fallback;
  throw new SystemRequired('Several Odoo systems are connected: give system_id (or database)', {
    systems: connected.map((s) => s.id),
  });
}
