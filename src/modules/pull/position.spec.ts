import { RESCOPE_START, SNAPSHOT_START, type SnapshotKey } from '../feed/record-state.repository';
import type { SyncPosition } from '../devices/device-store';
import { assertNotAhead, claimedPosition, startPosition, type Claim } from './position';

const at = (cursor: number, snapshot: SnapshotKey | null = null): SyncPosition => ({ cursor, snapshot });
const key = (recordId: number, extra: Partial<SnapshotKey> = {}): SnapshotKey => ({ model: 'res.partner', recordId, ...extra });
const ack = (position: SyncPosition): Claim => ({ kind: 'ack', position, text: JSON.stringify(position) });
const code = (f: () => unknown): string | null => {
  try {
    f();
    return null;
  } catch (e) {
    return (e as { code: string }).code;
  }
};

describe('claimedPosition', () => {
  const draining = at(47, key(3, { left: 5 }));

  it.each([
    ['a bare log position in the middle of a snapshot pass', draining, at(46)],
    ['a token of a snapshot pass at another position', draining, at(40, key(9, { left: 1 }))],
    ["a re-scope pass's token in a plain snapshot pass", draining, at(47, key(4, { rescope: true, left: 4 }))],
    ["a plain snapshot token in a re-scope pass", at(47, key(3, { rescope: true, left: 5 })), at(47, key(4, { left: 4 }))],
    ['a snapshot token of an earlier pass to a device on the log', at(60), at(47, key(3, { left: 5 }))],
  ])('refuses %s with SYNC_TOKEN_NOT_ISSUED', (_what, device, claimed) => {
    expect(code(() => claimedPosition(ack(claimed), device))).toBe('SYNC_TOKEN_NOT_ISSUED');
  });

  it('refuses a v1 last_event_id in the middle of a snapshot pass other than its position', () => {
    expect(code(() => claimedPosition({ kind: 'cursor', cursor: 12 }, draining))).toBe('SYNC_TOKEN_NOT_ISSUED');
  });

  it.each([
    ['a token of the pass being drained', draining, at(47, key(2, { left: 6 })), at(47, key(2, { left: 6 }))],
    ['the bare position of the pass', draining, at(47), at(47)],
    ['0, from any device', draining, at(0), at(0)],
    ['anything, from a device standing at 0', at(0), at(47, key(3, { left: 5 })), at(47, key(3, { left: 5 }))],
    ['an older log position on the log (re-sent after a lost answer)', at(60), at(52), at(52)],
    ["the pass's last token to a device that finished it", at(47), at(47, key(9, { left: 0 })), at(47)],
    ['a last token re-sent once the device moved on along the log', at(60), at(47, key(9, { left: 0 })), at(47)],
    ['a token of the pass a restart replaced, at its start', at(47, RESCOPE_START), at(47, key(3, { left: 5 })), at(47, key(3, { left: 5 }))],
  ])('accepts %s', (_what, device, claimed, position) => {
    expect(claimedPosition(ack(claimed), device)?.position).toEqual(position);
  });

  it.each([
    ['a bare log position', at(60)],
    ['a snapshot token', at(47, key(3, { left: 5 }))],
    ['a re-scope token', at(47, key(3, { rescope: true, left: 5 }))],
  ])('accepts %s from a reset device', (_what, claimed) => {
    expect(claimedPosition(ack(claimed), at(0, SNAPSHOT_START))?.position).toEqual(claimed);
    expect(claimedPosition({ kind: 'cursor', cursor: 60 }, at(0, SNAPSHOT_START))?.position).toEqual(at(60));
  });

  it('accepts any earlier token at the start of a pass (an ack re-sent after the first answer after a reset was lost)', () => {
    expect(claimedPosition(ack(at(52)), at(60, SNAPSHOT_START))?.position).toEqual(at(52));
    expect(claimedPosition(ack(at(47, key(3, { left: 5 }))), at(60, SNAPSHOT_START))?.position).toEqual(at(47, key(3, { left: 5 })));
  });

  it('continues the pass a v1 device drains when it names the pass position', () => {
    expect(claimedPosition({ kind: 'cursor', cursor: 47 }, draining)?.position).toEqual(draining);
  });
});

describe('startPosition', () => {
  const start = (claimed: SyncPosition | undefined, device: SyncPosition, o: { grew?: boolean; rights?: boolean } = {}) =>
    startPosition({
      claimed: claimed && claimedPosition(ack(claimed), device),
      device,
      head: 80,
      scopeGrew: o.grew ?? false,
      rightsChanged: o.rights ?? false,
    });

  it('starts a new device with a snapshot at the head', () => {
    expect(start(undefined, at(0))).toEqual({ position: at(80, SNAPSHOT_START), restarted: false });
  });

  it('restarts at the position when the scope grew, as a re-scope pass when the rights changed', () => {
    expect(start(undefined, at(60), { grew: true })).toEqual({ position: at(60, SNAPSHOT_START), restarted: true });
    expect(start(at(52), at(60), { rights: true })).toEqual({ position: at(52, RESCOPE_START), restarted: true });
  });

  it('keeps a restart during a re-scope pass a re-scope pass', () => {
    expect(start(undefined, at(60, key(3, { rescope: true })), { grew: true }).position).toEqual(at(60, RESCOPE_START));
  });

  it('restarts a pass whose first page was lost when the device acks what it acked before', () => {
    expect(start(at(60), at(60, SNAPSHOT_START))).toEqual({ position: at(60, SNAPSHOT_START), restarted: true });
    expect(start(at(60, key(3)), at(60, RESCOPE_START))).toEqual({ position: at(60, RESCOPE_START), restarted: true });
    expect(start(at(60, key(3, { rescope: true })), at(60, RESCOPE_START))).toEqual({ position: at(60, key(3, { rescope: true })), restarted: false });
  });

  it('starts a reset device on a snapshot at the head whatever it claims, recorded at the start of that pass', () => {
    const reset = at(0, SNAPSHOT_START);
    for (const claimed of [undefined, at(0), at(60), at(80), at(47, key(3, { left: 5 })), at(47, key(9, { left: 0 }))]) {
      expect(start(claimed, reset)).toEqual({ position: at(80, SNAPSHOT_START), restarted: true });
    }
  });

  it('starts a reset device on an empty log at 0, as a new one', () => {
    const reset = at(0, SNAPSHOT_START);
    expect(startPosition({ claimed: claimedPosition(ack(at(0)), reset), device: reset, head: 0, scopeGrew: false, rightsChanged: false })).toEqual({
      position: at(0),
      restarted: false,
    });
  });

  it('restarts a pass at its position when the device acks anything earlier at its start (its first page was lost)', () => {
    expect(start(at(52), at(60, SNAPSHOT_START))).toEqual({ position: at(60, SNAPSHOT_START), restarted: true });
    expect(start(at(47, key(3, { left: 5 })), at(60, SNAPSHOT_START))).toEqual({ position: at(60, SNAPSHOT_START), restarted: true });
    expect(start(at(47, key(9, { left: 0 })), at(60, SNAPSHOT_START))).toEqual({ position: at(60, SNAPSHOT_START), restarted: true });
  });

  it('continues a device at 0 on the log (it pulled an empty log) from a later token it acks', () => {
    expect(start(at(60), at(0))).toEqual({ position: at(60), restarted: false });
  });

  it('restarts a pass, never skips its rest, when the device acks the bare pass position in the middle of it', () => {
    expect(start(at(60), at(60, key(3, { left: 5 })))).toEqual({ position: at(60, SNAPSHOT_START), restarted: true });
    expect(start(at(60), at(60, key(3, { rescope: true, left: 5 })))).toEqual({ position: at(60, RESCOPE_START), restarted: true });
    expect(start(at(60, key(9, { left: 0 })), at(60, key(3, { left: 5 })))).toEqual({ position: at(60), restarted: false });
  });
});

describe('assertNotAhead', () => {
  it('accepts a token at or behind the head', () => {
    expect(() => assertNotAhead(10, 10)).not.toThrow();
    expect(() => assertNotAhead(0, 0)).not.toThrow();
  });

  it('rejects a token beyond the head', () => {
    expect(() => assertNotAhead(11, 10)).toThrow(/ahead of the event log/);
  });
});
