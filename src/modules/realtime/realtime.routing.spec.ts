import type { CriticalEventMessage, WireEvent } from '../feed/event.types';
import { assigneesOf, criticalDeliveries, parseCriticalMessage, parseSyncMessage, syncDelivery } from './realtime.routing';

function wire(over: Partial<WireEvent> = {}): WireEvent {
  return {
    id: 42,
    model: 'sale.order',
    record_id: 7,
    event: 'create',
    timestamp: '2026-11-22T10:00:00.000Z',
    payload: { name: 'S0007', user_id: [6, 'Marc Demo'] },
    changed_fields: ['name'],
    priority: 'high',
    category: 'business',
    user_id: 2,
    source: 'update_webhook',
    ...over,
  };
}

describe('realtime routing', () => {
  describe(parseCriticalMessage.name, () => {
    it('returns the message when it has a tenant and a wire event', () => {
      const msg = { tenant_id: 't1', event: wire() };
      expect(parseCriticalMessage(JSON.stringify(msg))).toEqual(msg);
    });

    it.each([
      ['not JSON', '{oops'],
      ['no tenant', JSON.stringify({ event: wire() })],
      ['an empty tenant', JSON.stringify({ tenant_id: '', event: wire() })],
      ['no event', JSON.stringify({ tenant_id: 't1' })],
      ['an event without id', JSON.stringify({ tenant_id: 't1', event: { ...wire(), id: undefined } })],
      ['an unknown event type', JSON.stringify({ tenant_id: 't1', event: { ...wire(), event: 'archive' } })],
      ['an array payload', JSON.stringify({ tenant_id: 't1', event: { ...wire(), payload: [1] } })],
    ])('returns null for %s', (_case, raw) => {
      expect(parseCriticalMessage(raw)).toBeNull();
    });
  });

  describe(parseSyncMessage.name, () => {
    it('keeps only string models', () => {
      expect(parseSyncMessage(JSON.stringify({ tenant_id: 't1', head_id: 9, models: ['res.partner', 3] }))).toEqual({
        tenant_id: 't1',
        head_id: 9,
        models: ['res.partner'],
      });
    });

    it('returns null without a numeric head id', () => {
      expect(parseSyncMessage(JSON.stringify({ tenant_id: 't1', head_id: '9', models: [] }))).toBeNull();
    });
  });

  describe(assigneesOf.name, () => {
    it('reads a many2one as [id, name], {id, name} (the addon) and a bare id (native webhook)', () => {
      expect(assigneesOf({ user_id: [6, 'Marc Demo'] })).toEqual([6]);
      expect(assigneesOf({ user_id: { id: 6, name: 'Marc Demo' } })).toEqual([6]);
      expect(assigneesOf({ user_id: 6 })).toEqual([6]);
    });

    it('adds a many2many user_ids list without duplicates', () => {
      expect(assigneesOf({ user_id: 6, user_ids: [6, 9, { id: 11, name: 'x' }, 'x', 0] })).toEqual([6, 9, 11]);
    });

    it('returns nobody for an empty many2one, no values or a non-id', () => {
      expect(assigneesOf({ user_id: false })).toEqual([]);
      expect(assigneesOf({ user_id: { id: false, name: '' } })).toEqual([]);
      expect(assigneesOf(null)).toEqual([]);
      expect(assigneesOf({ user_id: -1 })).toEqual([]);
    });
  });

  describe(criticalDeliveries.name, () => {
    const msg: CriticalEventMessage = { tenant_id: 'acme', event: wire() };

    it('sends critical_event to the room of each user who may read the record, with the SPEC §6 shape', () => {
      const [first] = criticalDeliveries(msg, [2]);
      expect(first).toEqual({
        room: '/ws/acme/2',
        event: 'critical_event',
        payload: {
          channel: 'critical_events',
          priority: 'high',
          event: {
            id: 42,
            event_type: 'create',
            model: 'sale.order',
            record_id: 7,
            data: { name: 'S0007', user_id: [6, 'Marc Demo'] },
            timestamp: '2026-11-22T10:00:00.000Z',
            changed_fields: ['name'],
            category: 'business',
            user_id: 2,
          },
        },
      });
    });

    it('sends urgent_update to the room of the user the record is assigned to', () => {
      const deliveries = criticalDeliveries(msg, [6]);
      expect(deliveries.map((d) => [d.room, d.event])).toEqual([
        ['/ws/acme/6', 'critical_event'],
        ['/ws/acme/6', 'urgent_update'],
      ]);
      expect(deliveries[1].payload).toMatchObject({ channel: 'urgent_updates', priority: 'high', event: { id: 42 } });
    });

    it('sends no urgent_update for an unlink or an unassigned record', () => {
      expect(criticalDeliveries({ tenant_id: 'acme', event: wire({ event: 'unlink' }) }, [6]).map((d) => d.event)).toEqual(['critical_event']);
      expect(criticalDeliveries({ tenant_id: 'acme', event: wire({ payload: null }) }, [6]).map((d) => d.event)).toEqual(['critical_event']);
    });

    it('sends nothing to a user who may not read the record, assignee or not', () => {
      expect(criticalDeliveries(msg, [])).toEqual([]);
      expect(criticalDeliveries(msg, [2]).map((d) => [d.room, d.event])).toEqual([['/ws/acme/2', 'critical_event']]);
    });

    it('only targets rooms of the message tenant', () => {
      const rooms = criticalDeliveries({ tenant_id: 'a/1', event: wire() }, [6]).map((d) => d.room);
      expect(rooms).toEqual(['/ws/a%2F1/6', '/ws/a%2F1/6']);
    });
  });

  describe(syncDelivery.name, () => {
    it('asks the tenant room to pull', () => {
      expect(syncDelivery('acme', { head_id: 12, models: ['res.partner'] })).toEqual({
        room: '/ws/acme',
        event: 'sync_event',
        payload: { channel: 'sync_events', event: { head_id: 12, models: ['res.partner'] }, action: 'trigger_sync' },
      });
    });
  });
});
