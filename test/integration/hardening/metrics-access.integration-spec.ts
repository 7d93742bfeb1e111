import { register, type Gauge } from 'prom-client';
import { METRICS } from '../../../src/modules/metrics/metrics';
import { startTestApp, type RunningApp } from '../../support/test-app';
import { isErrorBody } from './hostile-helpers';

const TENANT = 'acme-metrics-tenant';

describe('/metrics access (integration)', () => {
  const apps: RunningApp[] = [];
  const scrape = async (app: RunningApp, token?: string) => {
    const res = await fetch(`${app.url}/metrics`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
    return { status: res.status, text: await res.text() };
  };

  afterAll(async () => {
    await Promise.all(apps.map((a) => a.close()));
  });

  async function start(env: Record<string, string>): Promise<RunningApp> {
    const app = await startTestApp(env);
    apps.push(app);
    // A series labelled with a tenant, as ingestion reports its lag.
    (register.getSingleMetric(METRICS.ingestLag) as Gauge).set({ tenant: TENANT }, 3);
    return app;
  }

  it('asks for METRICS_TOKEN when one is set: 401 without it or with another, the metrics with it', async () => {
    const app = await start({ METRICS_TOKEN: 'scrape-secret-0123456789' });
    const missing = await scrape(app);
    const wrong = await scrape(app, 'not-the-token');
    expect([missing.status, wrong.status]).toEqual([401, 401]);
    expect(JSON.parse(missing.text)).toMatchObject({ code: 'METRICS_TOKEN_REQUIRED' });
    expect(isErrorBody(JSON.parse(wrong.text))).toBe(true);
    const ok = await scrape(app, 'scrape-secret-0123456789');
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('# TYPE sync_requests_total counter');
  });

  it('labels series with a pseudonym of the tenant by default, and with its id when the operator asks', async () => {
    const hidden = await scrape(await start({ METRICS_TENANT_LABELS: 'off' }));
    expect(hidden.status).toBe(200);
    expect(hidden.text).not.toContain(TENANT);
    const pseudonym = /ingest_lag_seconds\{tenant="(t-[0-9a-f]{12})"\} 3/.exec(hidden.text)?.[1];
    expect(pseudonym).toBeDefined();
    // Stable: the same tenant is the same series on every scrape.
    expect((await scrape(apps[apps.length - 1])).text).toContain(`tenant="${pseudonym}"`);
    const shown = await scrape(await start({ METRICS_TENANT_LABELS: 'on' }));
    expect(shown.text).toContain(`ingest_lag_seconds{tenant="${TENANT}"} 3`);
  });
});
