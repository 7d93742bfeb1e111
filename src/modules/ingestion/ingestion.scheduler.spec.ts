import { tenantLockKey } from './ingestion-lease';
import { ingestsSystem } from './ingestion.scheduler';

describe('ingestsSystem', () => {
  it('lets every system through without a filter, and matches exact ids and prefix patterns', () => {
    expect(ingestsSystem('acme', null)).toBe(true);
    expect(ingestsSystem('acme', ['acme'])).toBe(true);
    expect(ingestsSystem('acme-2', ['acme'])).toBe(false);
    expect(ingestsSystem('ingest-ab12-x', ['other', 'ingest-ab12-*'])).toBe(true);
    expect(ingestsSystem('ingest-cd34-x', ['ingest-ab12-*'])).toBe(false);
  });
});

describe('tenantLockKey', () => {
  it('is a stable positive 31-bit key that differs between tenants', () => {
    expect(tenantLockKey('acme')).toBe(tenantLockKey('acme'));
    expect(tenantLockKey('acme')).not.toBe(tenantLockKey('acme2'));
    expect(tenantLockKey('acme')).toBeGreaterThanOrEqual(0);
    expect(tenantLockKey('acme')).toBeLessThan(2 ** 31);
  });
});
