import { isOwnChange, recordsByModel } from './offline-sync.service';
import type { PulledEvent } from './offline-sync.types';
import { fingerprintChange } from './push-ledger.repository';

describe('fingerprintChange', () => {
  const base = { action: 'create', model: 'res.partner', data: { name: 'A', tags: [1, 2], nested: { x: 1, y: 2 } } };

  it('ignores key order', () => {
    const reordered = { model: 'res.partner', data: { nested: { y: 2, x: 1 }, tags: [1, 2], name: 'A' }, action: 'create' };
    expect(fingerprintChange(reordered)).toBe(fingerprintChange(base));
  });

  it('changes with any value, list order, action, model or record id', () => {
    const fp = fingerprintChange(base);
    expect(fingerprintChange({ ...base, data: { ...base.data, name: 'B' } })).not.toBe(fp);
    expect(fingerprintChange({ ...base, data: { ...base.data, tags: [2, 1] } })).not.toBe(fp);
    expect(fingerprintChange({ ...base, action: 'update' })).not.toBe(fp);
    expect(fingerprintChange({ ...base, model: 'res.users' })).not.toBe(fp);
    expect(fingerprintChange({ ...base, record_id: 5 })).not.toBe(fp);
  });

  it('treats a missing record_id like null', () => {
    expect(fingerprintChange({ ...base, record_id: null })).toBe(fingerprintChange(base));
  });
});

describe(recordsByModel.name, () => {
  const ev = (record_id: number, action: PulledEvent['action'], data: Record<string, unknown> | null, model = 'res.partner'): PulledEvent => ({
    event_id: 0,
    model,
    record_id,
    action,
    timestamp: 't',
    data,
    changed_fields: null,
    priority: 'medium',
    category: 'business',
    origin: 'server',
  });

  it('gives one entry per record, later values over earlier, a delete as {id, _action: "delete"}', () => {
    expect(
      recordsByModel([
        ev(1, 'create', { name: 'A', phone: '1' }),
        ev(2, 'create', { name: 'B' }),
        ev(1, 'write', { phone: '2' }),
        ev(2, 'unlink', null),
        ev(5, 'write', { state: 'sale' }, 'sale.order'),
      ]),
    ).toEqual({
      'res.partner': [
        { id: 1, name: 'A', phone: '2' },
        { id: 2, _action: 'delete' },
      ],
      'sale.order': [{ id: 5, state: 'sale' }],
    });
  });

  it('starts a record recreated after a delete afresh', () => {
    expect(recordsByModel([ev(1, 'unlink', null), ev(1, 'create', { name: 'again' })])).toEqual({ 'res.partner': [{ id: 1, name: 'again' }] });
  });
});

describe(isOwnChange.name, () => {
  const pushed = { action: 'update' as const, writeDate: '2026-11-22 10:00:05' };

  it('matches a write in the second the push recorded, by the event\'s write_date', () => {
    const at = new Date('2026-11-22T11:00:00Z');
    expect(isOwnChange(pushed, { event: 'write', payload: { write_date: '2026-11-22 10:00:05' }, timestamp: at })).toBe(true);
    expect(isOwnChange(pushed, { event: 'write', payload: { write_date: '2026-11-22 10:00:06' }, timestamp: at })).toBe(false);
  });

  it('falls back to the time the event was logged when its payload has no write_date', () => {
    expect(isOwnChange(pushed, { event: 'write', payload: { name: 'A' }, timestamp: new Date('2026-11-22T10:00:05.400Z') })).toBe(true);
    expect(isOwnChange(pushed, { event: 'write', payload: null, timestamp: new Date('2026-11-22T10:00:07.000Z') })).toBe(false);
  });

  it('matches a delete only with the device\'s own delete', () => {
    const at = new Date('2026-11-22T10:00:05Z');
    expect(isOwnChange({ action: 'delete', writeDate: null }, { event: 'unlink', payload: null, timestamp: at })).toBe(true);
    expect(isOwnChange(pushed, { event: 'unlink', payload: null, timestamp: at })).toBe(false);
  });
});
