import type { NewEvent } from '../../../src/modules/feed/event.types';

export function newEvent(overrides: Partial<NewEvent> = {}): NewEvent {
  return {
    model: 'sale.order',
    recordId: 1,
    event: 'write',
    timestamp: new Date('2026-01-02T03:04:05.000Z'),
    payload: { name: 'SO001', amount_total: 10 },
    changedFields: ['amount_total'],
    priority: 'medium',
    category: 'business',
    userId: 2,
    source: 'write_date',
    sourceEventId: null,
    ...overrides,
  };
}
