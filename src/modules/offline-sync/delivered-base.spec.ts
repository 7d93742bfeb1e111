import { needsDeliveredBase, withDeliveredBase } from './delivered-base';
import type { StoredChange } from './offline-sync.types';
import type { OwnWrite } from './push-ledger.repository';

const edit: StoredChange = { action: 'update', model: 'res.partner', record_id: 7, data: { phone: '333' } };
const delivered = { values: { phone: '111', name: 'Atlas' }, writtenAt: new Date('2026-12-07T10:00:05.000Z') };
const own = (writeDate: string): OwnWrite => ({ writeDate, values: { phone: '222' }, localId: 'x', action: 'update' });

describe('delivered base', () => {
  it('is derived only for updates and deletes that carry no base of their own', () => {
    expect(needsDeliveredBase(edit)).toBe(true);
    expect(needsDeliveredBase({ ...edit, action: 'delete', data: {} })).toBe(true);
    expect(needsDeliveredBase({ ...edit, action: 'create', record_id: null })).toBe(false);
    expect(needsDeliveredBase({ ...edit, base_data: { write_date: '2026-12-07 10:00:00' } })).toBe(false);
    expect(needsDeliveredBase({ ...edit, local_timestamp: '2026-12-07T10:00:00' })).toBe(false);
  });

  it('takes the delivered values at their write_date, with the device own later write over them', () => {
    expect(withDeliveredBase(edit, delivered, null).base_data).toEqual({ phone: '111', name: 'Atlas', write_date: '2026-12-07 10:00:05' });
    expect(withDeliveredBase(edit, delivered, own('2026-12-07 10:00:09')).base_data).toEqual({ phone: '222', name: 'Atlas', write_date: '2026-12-07 10:00:09' });
    // An own write older than what was delivered since is already in the delivered values.
    expect(withDeliveredBase(edit, delivered, own('2026-12-07 10:00:01')).base_data).toMatchObject({ phone: '111', write_date: '2026-12-07 10:00:05' });
  });

  it('leaves a record the device never received as it came', () => {
    expect(withDeliveredBase(edit, null, own('2026-12-07 10:00:09'))).toBe(edit);
  });
});
