import { buildPage, emptyPage, estimateRemaining, renderPullBody } from './pull-response';

/** A JSON page as EventLogRepository.readPageJson returns it, for events with these ids. */
function json(ids: number[], more = false) {
  const events = JSON.stringify(ids.map((id) => ({ id, model: 'sale.order', record_id: id * 10 })));
  return { count: ids.length, lastId: ids.length ? ids[ids.length - 1] : null, more, events };
}

describe('buildPage', () => {
  it('stops at the last event returned when more follow', () => {
    const page = buildPage(json([4, 6], true), 3, 20);
    expect(page).toMatchObject({ count: 2, next: 6, more: true });
    expect(JSON.parse(page.events).map((e: { id: number }) => e.id)).toEqual([4, 6]);
  });

  it('moves the cursor to the head when the page reaches the end of the log', () => {
    expect(buildPage(json([4]), 3, 20)).toMatchObject({ count: 1, next: 20, more: false });
  });

  it('moves the cursor to the head when nothing matched', () => {
    expect(buildPage(json([]), 3, 20)).toEqual({ count: 0, next: 20, nextSnapshot: null, snapshot: false, more: false, remaining: 0, events: '[]' });
  });

  it('keeps an event committed after the head was read', () => {
    expect(buildPage(json([21]), 3, 20).next).toBe(21);
  });
});

describe('renderPullBody', () => {
  const base = {
    userId: 2,
    deviceId: 'd1',
    scope: { appType: 'sales_app', models: ['sale.order'], ignored: ['x.y'] },
    recorded: { cursor: 7, snapshot: null },
    acknowledged: false,
    resetRequired: false,
    backfill: null,
    now: Date.UTC(2025, 10, 16, 10, 30, 0),
  };

  it('writes valid JSON with the SDK aliases and events last', () => {
    const body = JSON.parse(renderPullBody({ ...base, page: buildPage(json([7]), 0, 7), previousSyncAt: Date.UTC(2025, 10, 16, 10, 25, 0) }));
    expect(body).toMatchObject({
      status: 'success',
      success: true,
      has_updates: true,
      new_events_count: 1,
      next_sync_token: '7',
      last_sync_time: '2025-11-16T10:25:00.000Z',
      last_sync_at: '2025-11-16T10:25:00.000Z',
      has_more: false,
      sync_state: { user_id: 2, device_id: 'd1', app_type: 'sales_app', models: ['sale.order'], ignored_models: ['x.y'], last_event_id: 7 },
    });
    expect(body.events).toHaveLength(1);
  });

  it('gives the epoch as last_sync_time for a device that never synced', () => {
    const body = JSON.parse(renderPullBody({ ...base, page: emptyPage(0), previousSyncAt: 0 }));
    expect(body.last_sync_time).toBe('1970-01-01T00:00:00.000Z');
    expect(body.has_updates).toBe(false);
    expect(body.events).toEqual([]);
  });

  it('gives a snapshot page its position as the token, the snapshot flag and what is left', () => {
    const page = { ...emptyPage(40), count: 1, nextSnapshot: { model: 'res.partner', recordId: 9 }, snapshot: true, more: true, remaining: 12 };
    const recorded = { cursor: 40, snapshot: { model: 'res.partner', recordId: 9 } };
    const body = JSON.parse(renderPullBody({ ...base, recorded, page, previousSyncAt: 0 }));
    expect(body).toMatchObject({ next_sync_token: '40:res.partner:9', snapshot: true, remaining: 12, has_more: true, reset_required: false });
    expect(body.sync_state).toMatchObject({ last_event_id: 40, snapshot_token: '40:res.partner:9' });
  });

  it('says reset_required when the snapshot replaces a position behind retention', () => {
    const body = JSON.parse(renderPullBody({ ...base, resetRequired: true, page: { ...emptyPage(40), snapshot: true }, previousSyncAt: 0 }));
    expect([body.reset_required, body.snapshot]).toEqual([true, true]);
  });

  it("says while the system's first copy runs, with its progress, and null once it is done", () => {
    const backfill = { status: 'running' as const, records_copied: 2, records_total: 39 };
    const page = { ...emptyPage(40), count: 2, snapshot: true, end: { model: 'res.partner', recordId: 2, left: 0 } };
    const running = JSON.parse(renderPullBody({ ...base, backfill, page, previousSyncAt: 0 }));
    expect([running.snapshot, running.has_more, running.backfill]).toEqual([true, false, backfill]);
    expect(JSON.parse(renderPullBody({ ...base, page: emptyPage(0), previousSyncAt: 0 })).backfill).toBeNull();
  });

  it('echoes * for an app type covering every model', () => {
    const body = JSON.parse(renderPullBody({ ...base, scope: { appType: 'manager_app', models: '*', ignored: [] }, page: emptyPage(0), previousSyncAt: 0 }));
    expect(body.sync_state.models).toEqual(['*']);
  });
});

describe('estimateRemaining', () => {
  it('is exact when every event the page covered was in scope', () => {
    expect(estimateRemaining(100, 1000, 1100, 5000)).toBe(3900);
  });

  it('scales the ids left by the share of the scope among the ids the page covered', () => {
    // 100 of 400 ids were the device's models: about a quarter of the 4,000 ids left will be.
    expect(estimateRemaining(100, 1000, 1400, 5400)).toBe(1000);
  });

  it('never says nothing is left when the page said more follow', () => {
    expect(estimateRemaining(1, 0, 10_000, 10_001)).toBe(1);
  });
});

