import { isOwnChange, recordsByModel } from './offline-sync.service';
import type { PulledEvent } from './offline-sync.types';

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
