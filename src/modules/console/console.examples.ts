/** Response examples of the console's JSON endpoints in the OpenAPI document. */

export const SYSTEMS_EXAMPLE = {
  systems: [
    {
      id: 'demo',
      name: 'demo',
      url: 'http://127.0.0.1:8069',
      database: 'demo',
      odoo_version: '18.0',
      status: 'connected',
      ingestion: { status: 'healthy', last_success_at: '2026-12-07T21:00:00.000Z', failing_since: null, error: null, lag_seconds: 1 },
      models: [{ model: 'sale.order', source: 'update_webhook', cursor_updated_at: '2026-12-07T21:00:00.000Z', lag_seconds: 1 }],
      odoo_calls_per_minute: 42,
      first_copy: null,
      head: 1234,
    },
  ],
};

export const PUSHES_EXAMPLE = {
  pushes: [
    {
      user_id: 6,
      device_id: 'demo-phone',
      local_id: 'edit-partner-1',
      model: 'res.partner',
      action: 'update',
      outcome: 'conflict',
      server_id: 14,
      conflict_info: {
        server_data: { phone: '+32 9 000 11 22' },
        local_data: { phone: '+32 470 12 34 56' },
        conflicting_fields: ['phone'],
        server_write_date: '2026-12-07T20:59:58.000Z',
        strategy: 'manual',
      },
      change: { action: 'update', model: 'res.partner', record_id: 14, data: { phone: '+32 470 12 34 56' } },
      resolved_by: null,
      batch_id: '0b7f6c1e-3f0a-4c4e-9a51-2d7c1f0e9b12',
      pushed_at: '2026-12-07T21:00:00.000Z',
      updated_at: '2026-12-07T21:00:00.120Z',
    },
  ],
  next_cursor: null,
};
