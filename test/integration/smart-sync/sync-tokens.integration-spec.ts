import { startTestApp, type RunningApp } from '../../support/test-app';
import { append, event, newTenant, pull, tokenFor } from './helpers';

/** A position the server did not give this device in its current pass is refused, never taken as its position. */
describe('Sync tokens not issued to the device (integration)', () => {
  let app: RunningApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  const v1Pull = async (token: string, body: Record<string, unknown>) => {
    const res = await fetch(`${app.url}/api/v1/offline-sync/pull`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> & { events: { record_id: number }[] } };
  };

  it('v2: refuses a bare position acked in the middle of a snapshot with 400 SYNC_TOKEN_NOT_ISSUED, and the snapshot goes on', async () => {
    const tenant = newTenant();
    const token = await tokenFor(app, tenant);
    const stored = await append(app, tenant, [1, 2, 3, 4, 5].map((n) => event('res.partner', n)));
    const device = { user_id: 2, device_id: 'walkthrough', limit: 2 };
    const first = (await pull(app, token, device)).body;
    expect([first.snapshot, first.next_sync_token]).toEqual([true, `${stored[4].id}:res.partner:2:3`]);

    // The README walkthrough's "47": a log position this device was never given.
    const refused = await pull(app, token, { ...device, ack_token: String(stored[1].id) });
    expect([refused.status, refused.body.code, refused.body.details]).toEqual([
      400,
      'SYNC_TOKEN_NOT_ISSUED',
      { token: String(stored[1].id), position: `${stored[4].id} (snapshot pass)` },
    ]);
    // The device still stands in its snapshot: the rest of it comes, acked with the token it was given.
    const next = (await pull(app, token, { ...device, ack_token: first.next_sync_token })).body;
    expect([next.snapshot, next.events.map((e) => e.record_id)]).toEqual([true, [3, 4]]);
    // Re-sending the previous ack after a lost answer keeps working.
    const again = (await pull(app, token, { ...device, ack_token: first.next_sync_token })).body;
    expect(again.events.map((e) => e.record_id)).toEqual([3, 4]);
  });

  it("v2: refuses a snapshot token of an earlier pass once the device is on the log", async () => {
    const tenant = newTenant();
    const token = await tokenFor(app, tenant);
    const stored = await append(app, tenant, [1, 2, 3].map((n) => event('res.partner', n)));
    const device = { user_id: 2, device_id: 'earlier-pass', limit: 2 };
    const first = (await pull(app, token, device)).body;
    expect(first.next_sync_token).toBe(`${stored[2].id}:res.partner:2:1`);
    await pull(app, token, device);
    const later = await append(app, tenant, [event('res.partner', 4)]);
    expect((await pull(app, token, device)).body.next_sync_token).toBe(String(later[0].id));

    const refused = await pull(app, token, { ...device, ack_token: `${stored[1].id}:res.partner:2:1` });
    expect([refused.status, refused.body.code]).toEqual([400, 'SYNC_TOKEN_NOT_ISSUED']);
  });

  it('v1: refuses a last_event_id in the middle of a snapshot other than its position, and the snapshot goes on', async () => {
    const tenant = newTenant();
    const token = await tokenFor(app, tenant);
    const stored = await append(app, tenant, [1, 2, 3, 4].map((n) => event('res.partner', n)));
    const first = await v1Pull(token, { device_id: 'v1-walkthrough', limit: 2 });
    expect([first.body.snapshot, first.body.last_event_id]).toEqual([true, stored[3].id]);

    const refused = await v1Pull(token, { device_id: 'v1-walkthrough', limit: 2, last_event_id: stored[0].id });
    expect([refused.status, refused.body.code]).toEqual([400, 'SYNC_TOKEN_NOT_ISSUED']);
    const next = await v1Pull(token, { device_id: 'v1-walkthrough', limit: 2, last_event_id: stored[3].id });
    expect([next.body.snapshot, next.body.events.map((e) => e.record_id)]).toEqual([true, [3, 4]]);
  });
});
