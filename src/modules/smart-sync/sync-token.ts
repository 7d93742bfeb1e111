import { InvalidSyncToken } from './smart-sync.errors';

/**
 * A sync token is the decimal event-log sequence number the device has reached ("525"), the form the
 * previous server issued, so existing clients that store it as a string keep working. It is validated,
 * never trusted: anything but a non-negative integer, or a position the tenant's log has not reached,
 * is refused.
 */
export function encodeSyncToken(seq: number): string {
  return String(seq);
}

const TOKEN = /^\d{1,15}$/;

export function decodeSyncToken(raw: unknown): number {
  const text = typeof raw === 'number' ? String(raw) : raw;
  if (typeof text !== 'string' || !TOKEN.test(text)) {
    throw new InvalidSyncToken('ack_token is not a sync token returned by this server', { ack_token: describe(raw) });
  }
  return Number(text);
}

/** Rejects a token beyond the tenant's head: it was not issued for this tenant's log. */
export function assertNotAhead(seq: number, headId: number): void {
  if (seq > headId) {
    throw new InvalidSyncToken('ack_token is ahead of the event log', { ack_token: String(seq), head: String(headId) });
  }
}

function describe(raw: unknown): string {
  const text = typeof raw === 'string' ? raw : JSON.stringify(raw) ?? String(raw);
  return text.length > 64 ? `${text.slice(0, 64)}…` : text;
}
