import { startTestApp, type RunningApp } from '../../support/test-app';
import { call, newTenant, pull, tokenFor } from './helpers';

/** Per-user limits from config (Redis-backed counters when REDIS_URL is set). */
describe('Smart Sync v2 rate limits (integration)', () => {
  let app: RunningApp;

  beforeAll(async () => {
    app = await startTestApp({
      RATE_LIMITS: 'on',
      RATE_LIMIT_PULL_PER_MINUTE: '3',
      RATE_LIMIT_STATE_PER_MINUTE: '2',
      RATE_LIMIT_RESET_PER_HOUR: '1',
    });
  });
  afterAll(() => app.close());

  it('answers 429 with Retry-After, X-RateLimit-* headers and the error body after the pull limit', async () => {
    const tenant = newTenant();
    const token = await tokenFor(app, tenant);
    const statuses: number[] = [];
    const remaining: (string | null)[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await pull(app, token, { user_id: 2, device_id: 'd' });
      statuses.push(res.status);
      remaining.push(res.headers.get('x-ratelimit-remaining'));
      if (res.status === 429) {
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
        expect(Number(res.headers.get('retry-after'))).toBeLessThanOrEqual(60);
        expect(res.headers.get('x-ratelimit-limit')).toBe('3');
        expect(res.body).toEqual({
          error: 'RateLimited',
          message: expect.stringMatching(/retry/i),
          code: 'RATE_LIMITED',
          details: { bucket: 'pull', limit: 3 },
        });
      }
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(remaining).toEqual(['2', '1', '0', '0']);
  });

  it('counts per user, not per IP: a second user from the same address still gets through', async () => {
    const tenant = newTenant();
    const first = await tokenFor(app, tenant, 2);
    const second = await tokenFor(app, tenant, 6);
    for (let i = 0; i < 3; i++) expect((await pull(app, first, { user_id: 2, device_id: 'd' })).status).toBe(200);
    expect((await pull(app, first, { user_id: 2, device_id: 'd' })).status).toBe(429);
    expect((await pull(app, second, { user_id: 6, device_id: 'd' })).status).toBe(200);
  });

  it('limits state and reset with their own buckets', async () => {
    const tenant = newTenant();
    const token = await tokenFor(app, tenant);
    await pull(app, token, { user_id: 2, device_id: 'd' });
    const state = [];
    for (let i = 0; i < 3; i++) state.push((await call(app, token, 'GET', '/api/v2/sync/state?user_id=2&device_id=d')).status);
    expect(state).toEqual([200, 200, 429]);
    const reset = [];
    for (let i = 0; i < 2; i++) reset.push((await call(app, token, 'POST', '/api/v2/sync/reset?user_id=2&device_id=d')).status);
    expect(reset).toEqual([200, 429]);
  });
});
