import { createHash } from 'node:crypto';
import { EXTERNAL_ID_MODULE } from './change-executor';
import type { LedgerKey } from './push-ledger.repository';

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** Identifies what a change would write: the same local_id must always carry the same body. */
export function fingerprintChange(change: { action: string; model: string; record_id?: unknown; data?: unknown }): string {
  const body = canonical({ action: change.action, model: change.model, record_id: change.record_id ?? null, data: change.data ?? null });
  return createHash('sha256').update(body).digest('hex');
}

/**
 * The external id a create is made under in Odoo (BridgeCore's module `__bridgecore__`): derived from the change
 * itself, so any later attempt, on any instance, asks Odoo for the same name.
 */
export function externalIdOf(key: LedgerKey, fingerprint: string): string {
  const digest = createHash('sha256').update(JSON.stringify([key.tenantId, key.userId, key.deviceId, key.localId, fingerprint])).digest('hex');
  return `${EXTERNAL_ID_MODULE}.push_${digest.slice(0, 40)}`;
}
