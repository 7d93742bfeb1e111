import { RunningApp, startTestApp } from '../../support/test-app';

describe('the application on a real port', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startTestApp();
  });
  afterAll(async () => running.close());

  it('GET /health/live answers 200', async () => {
    const res = await fetch(`${running.url}/health/live`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('GET /health/ready checks the database, and Redis when configured', async () => {
    const res = await fetch(`${running.url}/health/ready`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; info: Record<string, { status: string }> };
    expect(body.status).toBe('ok');
    expect(body.info.database).toEqual({ status: 'up' });
    if (running.config.redisUrl) expect(body.info.redis).toEqual({ status: 'up' });
    else expect(body.info.redis).toBeUndefined();
  });

  it('GET /metrics exposes the named metrics', async () => {
    const text = await (await fetch(`${running.url}/metrics`)).text();
    for (const name of [
      'sync_requests_total',
      'sync_events_returned_total',
      'sync_cache_hits_total',
      'sync_cache_misses_total',
      'sync_errors_total',
      'sync_duration_seconds',
      'odoo_rpc_duration_seconds',
      'ingest_events_total',
      'ingest_lag_seconds',
      'realtime_connections',
      'push_changes_total',
    ]) {
      expect(text).toContain(`# TYPE ${name} `);
    }
  });

  it('serves the OpenAPI document and UI at /docs', async () => {
    const ui = await fetch(`${running.url}/docs`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('swagger');
    const doc = (await (await fetch(`${running.url}/docs-json`)).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toContain('/health/ready');
  });

  it('echoes a caller request id and makes one when none is given', async () => {
    const given = await fetch(`${running.url}/health/live`, { headers: { 'X-Request-Id': 'lb-abc-1' } });
    expect(given.headers.get('x-request-id')).toBe('lb-abc-1');
    const made = await fetch(`${running.url}/health/live`);
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('hashes no response body for an ETag (no client revalidates; a 100-event page would pay ~75 µs for it)', async () => {
    const res = await fetch(`${running.url}/api/v2/sync/health`);
    expect(res.status).toBe(200);
    expect((await res.text()).length).toBeGreaterThan(0);
    expect(res.headers.get('etag')).toBeNull();
  });

  it('answers an unknown route with the error body', async () => {
    const res = await fetch(`${running.url}/api/v9/nothing`, { method: 'POST' });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: 'NotFound', code: 'NOT_FOUND' });
  });
});
