/** Response examples of the Offline Sync v1 endpoints in the OpenAPI document. */

export const PUSH_EXAMPLE = {
  success: true,
  total: 2,
  succeeded: 2,
  failed: 0,
  conflicts: 0,
  skipped: 0,
  results: [
    { local_id: 'cust-1', status: 'success', action: 'create', model: 'res.partner', server_id: 57, server_timestamp: '2026-11-22T10:31:00.000Z', processing_time_ms: 41.2 },
    { local_id: 'order-1', status: 'success', action: 'create', model: 'sale.order', server_id: 31, server_timestamp: '2026-11-22T10:31:00.000Z', processing_time_ms: 45.9 },
  ],
  id_mapping: { 'cust-1': 57, 'order-1': 31 },
  next_sync_token: '6_iphone-abc123_1275',
  server_timestamp: '2026-11-22T10:31:00.120Z',
  total_processing_time_ms: 92.4,
  average_processing_time_ms: 46.2,
};

export const PULL_EXAMPLE = {
  success: true,
  has_updates: true,
  new_events_count: 1,
  events: [
    {
      event_id: 1251,
      model: 'sale.order',
      record_id: 456,
      action: 'write',
      timestamp: '2026-11-22T10:30:00.000Z',
      data: { id: 456, state: 'sale' },
      changed_fields: ['state'],
      priority: 'high',
      category: 'business',
      origin: 'server',
    },
  ],
  next_sync_token: '6_iphone-abc123_1251',
  last_event_id: 1251,
  last_sync_time: '2026-11-22T10:31:00.000Z',
  has_more: false,
  total_available: 1,
  server_timestamp: '2026-11-22T10:31:00.000Z',
  app_type: 'sales_app',
};

export const RESOLVE_EXAMPLE = {
  success: true,
  resolved: 1,
  failed: 0,
  results: [{ local_id: 'edit-5', status: 'success', action: 'update', model: 'res.partner', server_id: 123, server_timestamp: '2026-11-22T10:32:00.000Z', processing_time_ms: 38 }],
};

export const STATE_EXAMPLE = {
  device_id: 'iphone-abc123',
  user_id: 6,
  last_event_id: 1275,
  last_sync_time: '2026-11-22T10:31:00.000Z',
  next_sync_token: '6_iphone-abc123_1275',
  total_syncs: 150,
  total_events_synced: 3500,
  sync_status: 'idle',
  pending_changes: 0,
  app_type: 'sales_app',
};

export const RESET_EXAMPLE = { success: true, message: 'Sync state reset', device_id: 'iphone-abc123' };
