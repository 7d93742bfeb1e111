import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDemo, type DemoResult } from '../../../scripts/demo';
import { DemoStory } from '../../../scripts/demo/story';
import { TEST_ENV, testDatabaseUrl, testRedisUrl } from '../../support/test-app';

describe('npm run demo -- --once', () => {
  let result: DemoResult;

  beforeAll(async () => {
    const redis = testRedisUrl();
    result = await runDemo({
      once: true,
      port: 0,
      simPort: 0,
      quiet: true,
      dataDir: mkdtempSync(join(tmpdir(), 'bridgecore-demo-')),
      env: {
        ...TEST_ENV,
        // The demo's own settings, as `npm run demo` runs them; a unique tenant because test databases are shared.
        INGEST: 'on',
        RATE_LIMITS: 'on',
        ODOO_SYSTEM_ID: `demo-${randomUUID().slice(0, 8)}`,
        DATABASE_URL: testDatabaseUrl() ?? 'memory://',
        ...(redis ? { REDIS_URL: redis } : {}),
      },
    });
  }, 120_000);

  it('passes every step of the story, in order', () => {
    const failed = result.steps.filter((s) => !s.ok).map((s) => `${s.name}: ${s.detail}`);
    expect(failed).toEqual([]);
    expect(result.steps.map((s) => s.name)).toEqual(DemoStory.TITLES);
    expect(result.ok).toBe(true);
  });

  it('logs the rep in as the Odoo demo user', () => {
    expect(result.facts.user).toMatchObject({ id: 6, name: 'Marc Demo' });
  });

  it('pulls the whole sales backlog in pages, then only the changed order', () => {
    const first = result.facts.firstPull;
    expect(first?.events).toBeGreaterThanOrEqual(first?.expected ?? Infinity);
    expect(first?.pages).toBe(Math.ceil((first?.events ?? 0) / 25));
    expect(Object.keys(first?.byModel ?? {}).sort()).toEqual(['product.product', 'product.template', 'res.partner', 'sale.order', 'sale.order.line']);
    expect(result.facts.orderChange?.events).toBe(1);
  });

  it('creates 1 customer, 1 order and 3 lines from the offline batch, and nothing on the retry', () => {
    expect(result.facts.offlinePush).toMatchObject({ customers: 1, orders: 1, lines: 3 });
    expect(Object.keys(result.facts.offlinePush?.idMapping ?? {}).sort()).toEqual(['customer-1', 'line-1', 'line-2', 'line-3', 'order-1']);
    expect(result.facts.retry).toEqual({ sameServerIds: true, newRecords: 0, customers: 1 });
  });

  it('resolves the conflict on the field both sides changed, keeping the clean changes of each', () => {
    expect(result.facts.conflict).toMatchObject({
      conflictingFields: ['phone'],
      resolved: 1,
      odoo: { phone: '+32 470 12 34 56', email: 'buyer@customer.example', city: 'Leuven' },
    });
  });

  it('delivers the new order to the socket as a high-priority critical event', () => {
    expect(result.facts.critical?.priority).toBe('high');
    expect(result.facts.critical?.latencyMs).toBeLessThan(15_000);
  });

  it('stops BridgeCore after the story with --once', async () => {
    await expect(fetch(`${result.urls.api.replace('localhost', '127.0.0.1')}/health/live`)).rejects.toThrow('fetch failed');
  });
});
