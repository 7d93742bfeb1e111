/** Response examples of the odoo-sync feed (Flutter SDK OdooSyncService) in the OpenAPI document. */

const SYNC_STATE = {
  user_id: 2,
  device_id: 'iphone-abc123',
  app_type: 'sales_app',
  last_event_id: 1251,
  last_sync_time: '2026-12-07T10:31:00.000Z',
  sync_count: 14,
  total_events_synced: 320,
  is_active: true,
};

export const FEED_PULL_EXAMPLE = {
  success: true,
  events: [
    {
      id: 1251,
      model: 'sale.order',
      record_id: 456,
      event: 'write',
      timestamp: '2026-12-07T10:30:58.000Z',
      payload: { id: 456, state: 'sale' },
      priority: 'medium',
      category: 'business',
      user_id: 2,
    },
  ],
  count: 1,
  last_id: 1251,
  has_more: false,
  timestamp: '2026-12-07T10:31:00.000Z',
  snapshot: false,
  reset_required: false,
};

export const FEED_ACK_EXAMPLE = { success: true, processed_count: 1, message: 'Acknowledged: the device continues after 1251' };
export const FEED_STATE_EXAMPLE = { sync_state: SYNC_STATE };
export const FEED_STATS_EXAMPLE = {
  stats: {
    user_id: 2,
    total_devices: 1,
    active_devices: 1,
    total_syncs: 14,
    total_events_synced: 320,
    last_sync_time: '2026-12-07T10:31:00.000Z',
    devices: [SYNC_STATE],
  },
};
export const FEED_SMART_PULL_EXAMPLE = { ...FEED_PULL_EXAMPLE, sync_state: SYNC_STATE };
export const FEED_LOG_STATS_EXAMPLE = {
  stats: { days: 7, total_events: 320, by_model: { 'sale.order': 250, 'res.partner': 70 }, last_event_id: 1251, last_event_time: '2026-12-07T10:30:58.000Z' },
};
export const FEED_HEALTH_EXAMPLE = { status: 'healthy', odoo_connected: true, pending_events: 0, version: '1.0.0' };
