import { startTestApp, type RunningApp } from '../../support/test-app';
import { append, call, event, newTenant, tokenFor } from './helpers';

/**
 * Legacy GET /api/v1/check-updates on the commit-ordered log: `since` is the previous answer's
 * sync_token (an event id) or, for older clients, its last_update_at (when the change was logged).
 */
describe('check-updates (integration)', () => {
  let app: RunningApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  const check = (token: string, since?: string) =>
    call(app, token, 'GET', `/api/v1/check-updates${since === undefined ? '' : `?since=${encodeURIComponent(since)}`}`);

  it('answers with a sync_token that, sent back as since, reports exactly what was appended after it', async () => {
    const tenant = newTenant();
    const token = await tokenFor(app, tenant);
    await append(app, tenant, [event('sale.order', 1), event('res.partner', 2)]);

    const first = await check(token);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ has_update: true, sync_token: '2' });

    expect((await check(token, '2')).body).toEqual({ has_update: false, last_update_at: null, sync_token: '2', summary: [] });

    // A model outside the default app type moves the token but is not an update for this app.
    await append(app, tenant, [event('stock.picking', 3)]);
    expect((await check(token, '2')).body).toMatchObject({ has_update: false, sync_token: '3', summary: [] });

    const [order] = await append(app, tenant, [event('sale.order', 4), event('sale.order', 5)]);
    const next = await check(token, '3');
    expect(next.body).toEqual({
      has_update: true,
      last_update_at: expect.any(String),
      sync_token: '5',
      summary: [{ model: 'sale.order', count: 2 }],
    });
    expect(order.id).toBe(4);
  });

  it('reports a change logged after the last_update_at an older client sends back', async () => {
    const tenant = newTenant();
    const token = await tokenFor(app, tenant);
    await append(app, tenant, [event('sale.order', 1)]);
    const first = await check(token, '2020-01-01T00:00:00Z');
    expect(first.body).toMatchObject({ has_update: true, summary: [{ model: 'sale.order', count: 1 }] });
    const since = String(first.body.last_update_at);

    // Back to back, as a client polling right after an append: the same millisecond must not hide the next one.
    expect((await check(token, since)).body).toMatchObject({ has_update: false, last_update_at: null });
    await append(app, tenant, [event('res.partner', 2)]);
    const next = await check(token, since);
    expect(next.body).toMatchObject({ has_update: true, summary: [{ model: 'res.partner', count: 1 }], sync_token: '2' });
    expect(Date.parse(String(next.body.last_update_at))).toBeGreaterThan(Date.parse(since));
  });

  it('refuses a since that is neither a sync token nor a zoned date-time, or is ahead of the log', async () => {
    const tenant = newTenant();
    const token = await tokenFor(app, tenant);
    await append(app, tenant, [event('sale.order', 1)]);

    const ahead = await check(token, '7');
    expect(ahead.status).toBe(400);
    expect(ahead.body).toMatchObject({ code: 'INVALID_SYNC_TOKEN', details: { since: '7', head: '1' } });

    for (const bad of ['-1', '1.5', '2:sale.order:3', '2025-11-16T10:25:00', '9999999999999999']) {
      const res = await check(token, bad);
      expect([bad, res.status, res.body.code]).toEqual([bad, 400, 'VALIDATION_ERROR']);
    }
  });
});
