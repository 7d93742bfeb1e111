import { fingerprintChange } from './change-identity';

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
