import { TEST_ENV, startTestApp, type RunningApp } from '../../support/test-app';
import { append, call, event, ids, newTenant, pull, tokenFor } from './helpers';

/**
 * A reset (v2, v1 or the console) means the device's next pull is a new snapshot, whatever ack_token it sends: its
 * token from before the reset must not continue where it stood.
 */
describe('Smart Sync v2 pull after a reset (integration)', () => {
  let app: RunningApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  /** A device that pulled the tenant's three orders and acked the head ("3"). */
  async function upToDate(deviceId: string): Promise<{ tenant: string; token: string; device: { user_id: number; device_id: string } }> {
    const tenant = newTenant();
    const token = await tokenFor(app, tenant);
    await append(app, tenant, [1, 2, 3].map((n) => event('sale.order', n)));
    const device = { user_id: 2, device_id: deviceId };
    const first = (await pull(app, token, { ...device, ack_token: '0' })).body;
    expect(ids(first)).toEqual([1, 2, 3]);
    for (let i = 0; i < 2; i++) expect((await pull(app, token, { ...device, ack_token: '3' })).body.events).toEqual([]);
    return { tenant, token, device };
  }

  const resets: Array<[string, (tenant: string, token: string, deviceId: string) => Promise<number>]> = [
    ['v2 POST /api/v2/sync/reset', async (_tenant, token, deviceId) => (await call(app, token, 'POST', `/api/v2/sync/reset?user_id=2&device_id=${deviceId}`)).status],
    [
      'v1 POST /api/v1/offline-sync/reset',
      async (_tenant, token, deviceId) => {
        const res = await fetch(`${app.url}/api/v1/offline-sync/reset`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ device_id: deviceId }),
        });
        return res.status;
      },
    ],
    [
      'the console (POST /api/v1/console/devices/reset)',
      async (tenant, _token, deviceId) => {
        const res = await fetch(`${app.url}/api/v1/console/devices/reset`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-admin-key': TEST_ENV.ADMIN_API_KEY },
          body: JSON.stringify({ system: tenant, user_id: 2, device_id: deviceId }),
        });
        return res.status;
      },
    ],
  ];

  it.each(resets)('gives a snapshot to a device that acks its old token after a reset through %s', async (_how, reset) => {
    const { tenant, token, device } = await upToDate('phone');
    expect(await reset(tenant, token, device.device_id)).toBe(200);

    const next = (await pull(app, token, { ...device, ack_token: '3' })).body;
    expect([next.snapshot, ids(next), next.has_more]).toEqual([true, [1, 2, 3], false]);
    // Taken where the device stood: nothing it holds can have been deleted since, so it need not drop anything.
    expect(next.reset_required).toBe(false);
    // From then on the usual rules: its last page's token continues on the log.
    const after = (await pull(app, token, { ...device, ack_token: next.next_sync_token })).body;
    expect([after.snapshot, after.events, after.next_sync_token]).toEqual([false, [], '3']);
  });

  it('never lets a token from before the reset skip the new snapshot, in the middle of a pass either', async () => {
    const tenant = newTenant();
    const token = await tokenFor(app, tenant);
    await append(app, tenant, [1, 2, 3, 4].map((n) => event('sale.order', n)));
    const device = { user_id: 2, device_id: 'mid-pass' };
    const page = (await pull(app, token, { ...device, ack_token: '0', limit: 2 })).body;
    expect(page.next_sync_token).toBe('4:sale.order:2:2');
    await call(app, token, 'POST', '/api/v2/sync/reset?user_id=2&device_id=mid-pass');

    const next = (await pull(app, token, { ...device, ack_token: page.next_sync_token, limit: 10 })).body;
    expect([next.snapshot, next.events.map((e) => e.record_id)]).toEqual([true, [1, 2, 3, 4]]);
  });

  it('gives the snapshot again when the first answer after a reset was lost and the device re-sends its old ack', async () => {
    const { tenant, token, device } = await upToDate('lossy');
    await call(app, token, 'POST', '/api/v2/sync/reset?user_id=2&device_id=lossy');
    // The head moves on, so the pass after the reset is taken at another position than the device's old ack.
    await append(app, tenant, [event('sale.order', 4)]);

    const lost = await pull(app, token, { ...device, ack_token: '3' });
    expect([lost.body.snapshot, lost.body.events.map((e) => e.record_id), lost.body.reset_required]).toEqual([true, [1, 2, 3, 4], true]);
    const again = await pull(app, token, { ...device, ack_token: '3' });
    expect(again.status).toBe(200);
    expect([again.body.snapshot, again.body.events.map((e) => e.record_id), again.body.next_sync_token]).toEqual([
      true,
      [1, 2, 3, 4],
      lost.body.next_sync_token,
    ]);
    expect(again.body.reset_required).toBe(true);
    const done = (await pull(app, token, { ...device, ack_token: again.body.next_sync_token })).body;
    expect([done.snapshot, done.events, done.next_sync_token, done.reset_required]).toEqual([false, [], '4', false]);
  });

  it('tells a device reset by an operator to drop what it holds when records were deleted since its position', async () => {
    const { tenant, token, device } = await upToDate('deleted-since');
    const res = await fetch(`${app.url}/api/v1/console/devices/reset`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-admin-key': TEST_ENV.ADMIN_API_KEY },
      body: JSON.stringify({ system: tenant, user_id: 2, device_id: device.device_id }),
    });
    expect(res.status).toBe(200);
    await append(app, tenant, [event('sale.order', 2, { event: 'unlink', payload: null, changedFields: null })]);

    // The snapshot no longer holds order 2 and the log after it is not sent: without the flag the device keeps it.
    const next = (await pull(app, token, { ...device, ack_token: '3' })).body;
    expect([next.snapshot, next.events.map((e) => e.record_id), next.reset_required]).toEqual([true, [1, 3], true]);
  });

  it('still continues a device at 0 (it pulled an empty log) from a later token it acks', async () => {
    const tenant = newTenant();
    const token = await tokenFor(app, tenant);
    const device = { user_id: 2, device_id: 'early' };
    const empty = (await pull(app, token, { ...device, ack_token: '0' })).body;
    expect([empty.events, empty.next_sync_token]).toEqual([[], '0']);
    await append(app, tenant, [1, 2, 3].map((n) => event('sale.order', n)));

    // Token 2 reached the device some other way (another of its pulls whose answer it applied): it continues there.
    const next = (await pull(app, token, { ...device, ack_token: '2' })).body;
    expect([next.snapshot, ids(next)]).toEqual([false, [3]]);
  });
});
