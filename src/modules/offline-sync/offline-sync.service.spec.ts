import { recordsByModel } from './offline-sync.service';
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
