import { isSnapshotStart, RESCOPE_START, SNAPSHOT_START, type SnapshotKey } from '../feed/record-state.repository';
import { isResetMark, type SyncPosition } from '../devices/device-store';
import { InvalidSyncToken, SyncTokenNotIssued } from './pull.errors';

/** What a pull names as the device's position, in one of the two APIs' forms. */
export type Claim =
  /** v2's ack_token: the position the device durably applied, snapshot key included. */
  | { kind: 'ack'; position: SyncPosition; text: string }
  /** v1's last_event_id: a log position; the position of the pass the device drains continues that pass. */
  | { kind: 'cursor'; cursor: number };

/** Rejects a token beyond the tenant's head: it was not issued for this tenant's log. */
export function assertNotAhead(seq: number, headId: number): void {
  if (seq > headId) {
    throw new InvalidSyncToken('ack_token is ahead of the event log', { ack_token: String(seq), head: String(headId) });
  }
}

const describe = (p: SyncPosition): string =>
  p.snapshot ? `${p.cursor} (snapshot${p.snapshot.rescope ? ' re-scope' : ''} pass)` : String(p.cursor);

export interface Claimed {
  position: SyncPosition;
  /** The token of a snapshot's last page (its last record, 0 left): the device holds the whole pass. */
  passDone: boolean;
}

/**
 * The position a claim names, refused (SyncTokenNotIssued) when this device was not given it in its current pass.
 * Without a record of every token issued, what is checked is what the device's stored position rules out:
 * - anything from a reset device: its next pull is a new snapshot whatever it claims (startPosition);
 * - while it drains a pass (snapshot or re-scope) taken at log position P, only that pass's tokens (P with a key of
 *   the same kind) or P itself (a restarted pass's position, or a last page's token before it carried the end); at
 *   the start of a pass also a token of the pass it replaced at P, or any token before P (an ack re-sent after the
 *   answer was lost: after a reset, whatever the device held before it);
 * - on the log, a snapshot token only of the pass that ended at its position (re-sent after a lost answer);
 * - 0 (nothing applied) from any device, and anything from a device at 0 (one that acked 0 stands there).
 * A bare log position is accepted on the log: an older ack re-sent after a lost answer is one.
 */
export function claimedPosition(claim: Claim | undefined, device: SyncPosition): Claimed | undefined {
  if (claim === undefined) return undefined;
  if (isResetMark(device)) {
    return { position: claim.kind === 'cursor' ? { cursor: claim.cursor, snapshot: null } : claim.position, passDone: false };
  }
  if (claim.kind === 'cursor') {
    const samePass = claim.cursor === device.cursor;
    if (device.snapshot && !samePass && claim.cursor > 0) throw new SyncTokenNotIssued(String(claim.cursor), describe(device));
    return { position: { cursor: claim.cursor, snapshot: samePass ? device.snapshot : null }, passDone: false };
  }
  const key = claim.position.snapshot;
  const passDone = key?.left === 0;
  const position = passDone ? { cursor: claim.position.cursor, snapshot: null } : claim.position;
  const samePass = position.cursor === device.cursor;
  const fresh = (p: SyncPosition) => p.cursor === 0 && p.snapshot === null;
  const pass = device.snapshot;
  const issued =
    fresh(position) ||
    fresh(device) ||
    (pass
      ? (samePass && (position.snapshot === null || isSnapshotStart(pass) || sameKind(position.snapshot, pass))) ||
        (isSnapshotStart(pass) && position.cursor < device.cursor)
      : position.snapshot === null || samePass);
  if (!issued) throw new SyncTokenNotIssued(claim.text, describe(device));
  return { position, passDone };
}

const sameKind = (a: SnapshotKey, b: SnapshotKey): boolean => (a.rescope === true) === (b.rescope === true);

export interface Start {
  position: SyncPosition;
  /** The device was moved onto a new pass at its position (scope grew, rights changed, or its first page was lost). */
  restarted: boolean;
}

/**
 * Where a pull reads from: the claimed position, else the device's. A new or reset device starts with a snapshot of
 * the current records taken at the head; a reset one whatever it claims (an ack from before the reset would skip
 * the snapshot the reset promised), recorded at the start of that pass like a restart. A scope that grew (another
 * models_filter or app type) restarts the snapshot at the device's position: the records of the models that entered
 * it come (with the others again), then the log from there, so nothing before the cursor is skipped. Rights that changed since the device was last served (an
 * admin changed rules, groups or the user's groups) start a re-scope pass there instead: the same snapshot, with
 * every record the user may no longer read sent as a removal; a restart during a re-scope pass stays one. A device
 * that acks its position is recorded at the start of that pass until it acks a page of it, so an ack of the bare
 * position (or of a token of the pass it replaced, or of any earlier position) with that start recorded restarts it
 * too (its first page was lost).
 * The bare position acked in the middle of a pass (a last page's token from before it carried the end) restarts the
 * pass as well: read as the log position, it would skip the rest of the snapshot without a word.
 */
export function startPosition(o: {
  claimed: Claimed | undefined;
  device: SyncPosition;
  head: number;
  scopeGrew: boolean;
  rightsChanged: boolean;
}): Start {
  if (isResetMark(o.device)) {
    // An empty log has nothing to snapshot: the device starts on it as a new one does.
    return o.head > 0 ? { position: { cursor: o.head, snapshot: SNAPSHOT_START }, restarted: true } : { position: { cursor: 0, snapshot: null }, restarted: false };
  }
  const claim = o.claimed?.position;
  let position = claim ?? { cursor: o.device.cursor, snapshot: o.device.snapshot };
  if (position.cursor === 0 && !position.snapshot && o.head > 0) position = { cursor: o.head, snapshot: SNAPSHOT_START };
  const pass = o.device.snapshot;
  const firstPageLost =
    claim !== undefined &&
    pass !== null &&
    (claim.cursor < o.device.cursor
      ? isSnapshotStart(pass)
      : claim.cursor === o.device.cursor && !o.claimed?.passDone && (claim.snapshot === null || !sameKind(claim.snapshot, pass)));
  const restarted = (position.cursor > 0 && (o.rightsChanged || o.scopeGrew)) || firstPageLost;
  if (!restarted) return { position, restarted };
  const rescope = o.rightsChanged || o.device.snapshot?.rescope === true;
  const cursor = firstPageLost ? o.device.cursor : position.cursor;
  return { position: { cursor, snapshot: rescope ? RESCOPE_START : SNAPSHOT_START }, restarted };
}
