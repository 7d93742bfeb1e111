/** Response examples of the Smart Sync endpoints in the OpenAPI document. */

export const PULL_EXAMPLE = {
  status: 'success',
  success: true,
  has_updates: true,
  new_events_count: 1,
  next_sync_token: '525',
  last_sync_time: '2025-11-16T10:25:00.000Z',
  last_sync_at: '2025-11-16T10:25:00.000Z',
  server_time: '2025-11-16T10:30:00.000Z',
  has_more: false,
  snapshot: false,
  remaining: 0,
  reset_required: false,
  backfill: null,
  sync_state: {
    user_id: 2,
    device_id: 'iphone-abc123',
    app_type: 'sales_app',
    models: ['product.product', 'product.template', 'res.partner', 'sale.order', 'sale.order.line'],
    ignored_models: [],
    last_event_id: 525,
    acknowledged: false,
    last_sync_time: '2025-11-16T10:30:00.000Z',
  },
  events: [
    {
      id: 525,
      model: 'sale.order',
      record_id: 456,
      event: 'write',
      timestamp: '2025-11-16T10:29:58.000Z',
      priority: 'medium',
      payload: { name: 'S00456', state: 'sale' },
    },
  ],
};

export const STATE_EXAMPLE = {
  user_id: 2,
  device_id: 'iphone-abc123',
  app_type: 'sales_app',
  last_event_id: 525,
  next_sync_token: '525',
  last_sync_time: '2025-11-16T10:30:00.000Z',
  last_sync_at: '2025-11-16T10:30:00.000Z',
  sync_count: 42,
  is_active: true,
  total_events_synced: 525,
};

export const RESET_EXAMPLE = {
  status: 'success',
  success: true,
  message: 'Sync state reset for device iphone-abc123; the next pull starts from the start of the retained history',
};

export const HEALTH_EXAMPLE = {
  status: 'healthy',
  ingestion: { status: 'healthy', failing_systems: 0 },
  redis: 'ok',
  service: 'smart-sync',
  version: '2.0.0',
  features: ['multi-user sync', 'per-device tracking'],
};

export const CHECK_UPDATES_EXAMPLE = {
  has_update: true,
  last_update_at: '2025-11-16T10:30:00.000Z',
  sync_token: '528',
  summary: [
    { model: 'sale.order', count: 3 },
    { model: 'res.partner', count: 1 },
  ],
};
