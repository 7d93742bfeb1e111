import { FeedWriter } from '../../../src/modules/feed/feed-writer';
import { SnapshotAdmission } from '../../../src/modules/pull/snapshot-admission';
import { waitFor } from '../../support/test-app';
import { api, newTenant, push, startHarness, unique, type Harness, type Tenant } from '../offline-sync/helpers';
import { event, pull } from './helpers';

/**
 * Snapshot pages are read a bounded number at a time per instance (SNAPSHOT_PAGES_CONCURRENT, here 1) with a bounded
 * line (SNAPSHOT_PAGES_QUEUE, here 1): a crowd of new devices beyond that gets 503 SYNC_BUSY with Retry-After, while
 * up-to-date pulls and pushes, which never wait for a snapshot page, are served as usual.
 */
describe('Snapshot admission (integration)', () => {
  let h: Harness;
  let t: Tenant;

  beforeAll(async () => {
    h = await startHarness({ SNAPSHOT_PAGES_CONCURRENT: '1', SNAPSHOT_PAGES_QUEUE: '1' });
    t = await newTenant(h, 2);
    await h.app.app.get(FeedWriter).append(t.tenantId, [1, 2, 3].map((n) => event('res.partner', n)));
  });
  afterAll(() => h?.close());

  const pullAs = (body: Record<string, unknown>) => pull(h.app, t.token, { user_id: t.userId, limit: 2, ...body });

  it('turns away snapshot pulls beyond the bound with 503 and Retry-After, and still serves an up-to-date pull and a push', async () => {
    // A device that drained its snapshot: up to date.
    let page = (await pullAs({ device_id: 'up-to-date' })).body;
    while (page.has_more) page = (await pullAs({ device_id: 'up-to-date', ack_token: page.next_sync_token })).body;
    const upToDate = page.next_sync_token;

    // The one slot is taken by a page being read, and one new device waits in line for it.
    const admission = h.app.app.get(SnapshotAdmission);
    let release!: () => void;
    const running = admission.run(() => new Promise<void>((resolve) => (release = resolve)));
    const queued = pullAs({ device_id: 'in-line' });
    await waitFor(() => admission.load.waiting === 1);

    // The crowd: new devices on v2 and on v1's offline pull.
    const crowd = await Promise.all(Array.from({ length: 8 }, (_, i) => pullAs({ device_id: `crowd-${i}` })));
    const v1 = await api(h, t.token, 'POST', '/pull', { device_id: 'crowd-v1', batch_size: 2 });
    for (const answer of [...crowd, v1]) {
      expect(answer.status).toBe(503);
      expect(answer.body).toEqual({
        error: 'SyncBusy',
        code: 'SYNC_BUSY',
        message: expect.stringMatching(/^The server is busy serving snapshots to other devices; retry in \d+ s$/),
        details: { running: 1, waiting: 1 },
      });
      expect(Number(answer.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    }

    // Meanwhile an up-to-date pull and a push are answered.
    const current = await pullAs({ device_id: 'up-to-date', ack_token: upToDate });
    expect([current.status, current.body.snapshot, current.body.events, current.body.has_more]).toEqual([200, false, [], false]);
    const name = unique('Busy day customer');
    const pushed = await push(h, t, { device_id: 'pusher', changes: [{ local_id: 'c1', action: 'create', model: 'res.partner', data: { name } }] });
    expect([pushed.status, pushed.body.succeeded]).toEqual([200, 1]);
    expect(h.sim.peek('res.partner', [['name', '=', name]])).toHaveLength(1);

    // Once the slot is free the device in line gets its first page, and a turned-away device starts its snapshot
    // from the beginning, as if it had never asked.
    release();
    await running;
    const first = await queued;
    expect([first.status, first.body.snapshot, first.body.events.map((e) => e.record_id)]).toEqual([200, true, [1, 2]]);
    const retried = await pullAs({ device_id: 'crowd-0' });
    expect([retried.status, retried.body.snapshot, retried.body.events.map((e) => e.record_id)]).toEqual([200, true, [1, 2]]);
    expect(admission.load).toEqual({ running: 0, waiting: 0 });
  });
});
