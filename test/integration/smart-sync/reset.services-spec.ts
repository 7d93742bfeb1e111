import { DeviceStore } from '../../../src/modules/devices/device-store';
import { startTestApp, waitFor, type RunningApp } from '../../support/test-app';
import { append, call, event, ids, newTenant, pull, tokenFor } from './helpers';

// Two instances share PostgreSQL and Redis: a reset on one reaches the other's memory of the device through Redis.
describe('A reset on another instance (two instances)', () => {
  let a: RunningApp;
  let b: RunningApp;

  beforeAll(async () => {
    [a, b] = await Promise.all([startTestApp(), startTestApp()]);
  }, 60_000);
  afterAll(async () => Promise.all([a?.close(), b?.close()]));

  it("gives a snapshot to an up-to-date device that B answers from memory, reset through A", async () => {
    const tenant = newTenant();
    const token = await tokenFor(a, tenant);
    await append(a, tenant, [1, 2, 3].map((n) => event('sale.order', n)));
    const device = { user_id: 2, device_id: 'polling-b' };
    expect(ids((await pull(b, token, { ...device, ack_token: '0' })).body)).toEqual([1, 2, 3]);
    // B now answers the device's ack of the head from its memory (DeviceStore.recentlyAt).
    for (let i = 0; i < 2; i++) expect((await pull(b, token, { ...device, ack_token: '3' })).body.events).toEqual([]);
    const onB = b.app.get(DeviceStore);
    expect(onB.recentlyAt(tenant, 2, device.device_id, 3)).not.toBeNull();

    expect((await call(a, token, 'POST', `/api/v2/sync/reset?user_id=2&device_id=${device.device_id}`)).status).toBe(200);
    // The reset's announcement reaches B moments later; a device pulling meanwhile is answered from B's memory.
    await waitFor(() => onB.recentlyAt(tenant, 2, device.device_id, 3) === null, 5_000).catch(() => undefined);

    const next = (await pull(b, token, { ...device, ack_token: '3' })).body;
    expect([next.snapshot, ids(next)]).toEqual([true, [1, 2, 3]]);
  });
});
