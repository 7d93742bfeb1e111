import type { StoredEvent } from '../change-feed/event.types';
import { buildPage, decodePage, emptyPage, encodePage, renderPullBody, wireEvent } from './pull-response';

function event(id: number, payload: Record<string, unknown> | null = { name: `R${id}` }): StoredEvent {
  return {
    id,
    tenantId: 't',
    model: 'sale.order',
    recordId: id * 10,
    event: 'write',
    timestamp: new Date(Date.UTC(2025, 10, 16, 10, 30, id)),
    payload,
    changedFields: ['name'],
    priority: 'medium',
    category: 'business',
    userId: 2,
    source: 'write_date',
    sourceEventId: null,
  };
}

describe('wireEvent', () => {
  it('has the SPEC §5 fields with an ISO-8601 UTC timestamp', () => {
    expect(wireEvent(event(3))).toEqual({
      id: 3,
      model: 'sale.order',
      record_id: 30,
      event: 'write',
      timestamp: '2025-11-16T10:30:03.000Z',
      priority: 'medium',
      payload: { name: 'R3' },
    });
  });

  it('omits a null payload', () => {
    expect(wireEvent(event(3, null))).not.toHaveProperty('payload');
  });
});

describe('buildPage', () => {
  it('reports has_more and stops at the last event returned when more rows than the limit exist', () => {
    const page = buildPage([event(4), event(6), event(9)], 2, 3, 20);
    expect(page).toMatchObject({ count: 2, next: 6, more: true });
    expect(JSON.parse(page.events).map((e: { id: number }) => e.id)).toEqual([4, 6]);
  });

  it('moves the cursor to the head when the page reaches the end of the log', () => {
    expect(buildPage([event(4)], 2, 3, 20)).toMatchObject({ count: 1, next: 20, more: false });
  });

  it('moves the cursor to the head when nothing matched', () => {
    expect(buildPage([], 100, 3, 20)).toEqual({ count: 0, next: 20, more: false, events: '[]' });
  });

  it('keeps an event committed after the head was read', () => {
    expect(buildPage([event(21)], 100, 3, 20).next).toBe(21);
  });
});

describe('encodePage / decodePage', () => {
  it('round-trips a page without touching the events JSON', () => {
    const page = buildPage([event(1), event(2)], 1, 0, 5);
    expect(decodePage(encodePage(page))).toEqual(page);
  });

  it('rejects a value that is not a page', () => {
    expect(decodePage('garbage')).toBeNull();
  });
});

describe('renderPullBody', () => {
  const base = {
    userId: 2,
    deviceId: 'd1',
    scope: { appType: 'sales_app', models: ['sale.order'], ignored: ['x.y'] },
    recordedCursor: 7,
    acknowledged: false,
    now: Date.UTC(2025, 10, 16, 10, 30, 0),
  };

  it('writes valid JSON with the SDK aliases and events last', () => {
    const body = JSON.parse(renderPullBody({ ...base, page: buildPage([event(7)], 100, 0, 7), previousSyncAt: Date.UTC(2025, 10, 16, 10, 25, 0) }));
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

  it('echoes * for an app type covering every model', () => {
    const body = JSON.parse(renderPullBody({ ...base, scope: { appType: 'manager_app', models: '*', ignored: [] }, page: emptyPage(0), previousSyncAt: 0 }));
    expect(body.sync_state.models).toEqual(['*']);
  });
});
