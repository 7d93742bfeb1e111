import { TEST_ENV } from '../../support/test-app';
import { Fuzz } from './fuzz';
import { isErrorBody, send, startTarget, type RawAnswer, type Target } from './hostile-helpers';

/** Generated hostile requests per route; the seed makes every run send the same ones. */
const CASES = 200;
const SEED = 0x5eed_b0c;
const CONCURRENCY = 8;

interface Route {
  method: 'GET' | 'POST';
  path: string;
  body?: Record<string, unknown>;
  query?: Record<string, string>;
  headers?: Record<string, string>;
}

/** Every route with a body or query, with one valid request each; hostile ones are derived from it. */
const routes = (odooUrl: string): Route[] => [
  { method: 'POST', path: '/api/v1/auth/login', body: { username: 'demo', password: 'demo', system_id: 'x', database: 'demo' } },
  { method: 'POST', path: '/api/v1/auth/tenant/login', body: { email: 'demo', password: 'demo', system_id: 'x' } },
  { method: 'POST', path: '/api/v1/auth/refresh', body: { refresh_token: 'eyJhbGciOiJIUzI1NiJ9.e30.x' } },
  { method: 'POST', path: '/api/v1/auth/logout', body: { refresh_token: 'eyJhbGciOiJIUzI1NiJ9.e30.x' } },
  {
    method: 'POST',
    path: '/api/v2/sync/pull',
    body: { user_id: 6, device_id: 'fuzz', app_type: 'sales_app', limit: 10, models_filter: ['sale.order'], ack_token: '0' },
  },
  { method: 'GET', path: '/api/v2/sync/state', query: { user_id: '6', device_id: 'fuzz' } },
  { method: 'POST', path: '/api/v2/sync/reset', query: { user_id: '6', device_id: 'fuzz' } },
  { method: 'GET', path: '/api/v1/check-updates', query: { since: '2025-11-16T10:25:00Z', limit: '5' } },
  {
    method: 'POST',
    path: '/api/v1/offline-sync/pull',
    body: { device_id: 'fuzz', app_type: 'sales_app', last_event_id: 0, limit: 5, offset: 0, models_filter: ['res.partner'], priority_filter: ['high'] },
  },
  {
    method: 'POST',
    path: '/api/v1/offline-sync/push',
    body: {
      device_id: 'fuzz',
      changes: [{ local_id: 'l1', action: 'update', model: 'res.partner', record_id: 1, data: { name: 'x' }, version: '2025-01-01 00:00:00' }],
    },
  },
  {
    method: 'POST',
    path: '/api/v1/offline-sync/resolve-conflicts',
    body: { device_id: 'fuzz', resolutions: [{ local_id: 'l1', strategy: 'client_wins', merged_data: { name: 'x' } }] },
  },
  { method: 'GET', path: '/api/v1/offline-sync/state', query: { device_id: 'fuzz' } },
  { method: 'POST', path: '/api/v1/offline-sync/reset', body: { device_id: 'fuzz' } },
  {
    method: 'POST',
    path: '/systems/fuzz-system/connect',
    headers: { 'X-Admin-Key': TEST_ENV.ADMIN_API_KEY },
    body: { url: odooUrl, database: 'demo', username: 'admin', password: 'admin', system_type: 'odoo', options: {} },
  },
  { method: 'POST', path: '/api/v1/webhooks/receive/x', body: { model: 'res.partner', record_id: 1, event: 'write', data: {} } },
];

/**
 * Hundreds of generated hostile requests per route must each get a non-5xx answer, and every error
 * the SPEC §5 body. Keeps the hardening from regressing as routes and DTOs change.
 */
describe('fuzz: hostile requests never get a 5xx (integration)', () => {
  let t: Target;

  beforeAll(async () => {
    t = await startTarget();
  });
  afterAll(() => t?.close());

  it.each(routes('').map((r, i) => [`${r.method} ${r.path}`, i] as const))('%s', async (_name, index) => {
    const route = routes(t.sim.url)[index];
    const fuzz = new Fuzz(SEED + index);
    const requests = Array.from({ length: CASES }, () => {
      const query = route.query ? `?${fuzz.query(route.query)}` : '';
      const body = route.body ? fuzz.body(route.body) : undefined;
      return { path: `${route.path}${query}`, body };
    });
    const failures: string[] = [];
    for (let i = 0; i < requests.length; i += CONCURRENCY) {
      const batch = requests.slice(i, i + CONCURRENCY);
      const answers = await Promise.all(batch.map((r) => send(t, route.method, r.path, r.body, route.headers)));
      answers.forEach((answer: RawAnswer, j) => {
        const bad = answer.status >= 500 || (answer.status >= 400 && !isErrorBody(answer.json));
        if (bad) {
          const r = batch[j];
          failures.push(`#${i + j} (seed ${SEED + index}) ${answer.status} ${answer.text.slice(0, 200)} ← ${r.path.slice(0, 200)} ${r.body?.slice(0, 200) ?? ''}`);
        }
      });
    }
    expect(failures).toEqual([]);
  });
});
