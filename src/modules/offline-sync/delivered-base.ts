import type { DeliveredVersion } from '../feed/delivered-version.repository';
import { dateToOdooSecond, parseOdooDatetime } from '../odoo/values';
import { baseTimestamp, type Values } from './conflict-resolver';
import type { StoredChange } from './offline-sync.types';
import type { OwnWrite } from './push-ledger.repository';

/** Whether a change says which version of the record it was made on (else one is derived from what was delivered). */
export const needsDeliveredBase = (change: StoredChange): boolean => change.action !== 'create' && baseTimestamp(change) === null;

/**
 * The change with the version of the record its device last received as its base_data: the delivered values of its
 * fields and their write_date. This device's own later write is part of what it holds: its values count over the
 * log's older ones. Without a delivered version the change stays as it came (applied without a conflict check).
 */
export function withDeliveredBase(change: StoredChange, delivered: DeliveredVersion | null, own: OwnWrite | null): StoredChange {
  if (!delivered) return change;
  let base: Values = delivered.values;
  let writtenAt = delivered.writtenAt;
  const ownAt = parseOdooDatetime(own?.writeDate);
  if (own?.values && ownAt && ownAt.getTime() > writtenAt.getTime()) {
    base = { ...base, ...own.values };
    writtenAt = ownAt;
  }
  return { ...change, base_data: { ...base, write_date: dateToOdooSecond(writtenAt) } };
}
