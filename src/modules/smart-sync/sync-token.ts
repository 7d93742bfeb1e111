import { formatSnapshotKey, parseSnapshotKey } from '../feed/record-state.repository';
import type { SyncPosition } from '../devices/device-store';
import { InvalidSyncToken } from '../pull/pull.errors';

/**
 * A sync token is the decimal event-log sequence number the device has reached ("525"), the form the
 * previous server issued, so existing clients that store it as a string keep working. While a device drains a
 * snapshot it is "<cursor>:<model>:<record id>" (the snapshot's log position and the last record sent). It is
 * validated, never trusted: anything else, or a position the tenant's log has not reached, is refused.
 */
export function encodeSyncToken(position: SyncPosition | number): string {
  if (typeof position === 'number') return String(position);
  return position.snapshot ? `${position.cursor}:${formatSnapshotKey(position.snapshot)}` : String(position.cursor);
}

const TOKEN = /^(\d{1,15})(?::(.*))?$/s;

export function decodeSyncToken(raw: unknown): SyncPosition {
  const text = typeof raw === 'number' ? String(raw) : raw;
  const m = typeof text === 'string' ? TOKEN.exec(text) : null;
  const snapshot = m?.[2] === undefined ? null : parseSnapshotKey(m[2]);
  if (!m || (m[2] !== undefined && !snapshot)) {
    throw new InvalidSyncToken('ack_token is not a sync token returned by this server', { ack_token: describe(raw) });
  }
  return { cursor: Number(m[1]), snapshot };
}

function describe(raw: unknown): string {
  const text = typeof raw === 'string' ? raw : JSON.stringify(raw) ?? String(raw);
  return text.length > 64 ? `${text.slice(0, 64)}…` : text;
}
