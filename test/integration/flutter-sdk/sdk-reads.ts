/**
 * What the Flutter SDK (bridgecore_flutter 3.1.0, bridgecore-flutter.md §3-§4) reads from each sync response, with
 * the Dart type it casts to. The contract suite requires every field present with that type: a missing one would
 * silently become the SDK's fallback (0 records, "no updates"), a wrong one a Dart TypeError after a 2xx.
 */
export type DartType =
  | 'bool'
  | 'int'
  | 'String'
  | 'ISO'
  | 'Map'
  | 'List<Map>'
  | 'List<String>'
  | 'List<int>'
  | 'Map<String, List<Map>>'
  | 'any'
  // A nullable cast (`as int?`): absent or null passes, a present value of another type throws.
  | 'int?'
  | 'String?'
  | 'ISO?'
  | 'Map?';

export const SDK_READS = {
  smartPull: {
    has_updates: 'bool',
    new_events_count: 'int',
    events: 'List<Map>',
    next_sync_token: 'String',
    last_sync_time: 'ISO',
    sync_state: 'Map',
  },
  smartState: {
    user_id: 'int',
    device_id: 'String',
    last_event_id: 'int',
    last_sync_at: 'ISO',
    sync_count: 'int',
    status: 'String',
    state: 'Map',
  },
  smartReset: { success: 'bool' },
  health: { status: 'String', healthy: 'bool', service: 'String', version: 'String', features: 'List<String>', details: 'Map' },
  checkUpdates: { has_updates: 'bool', pending_events: 'int', last_event_id: 'any' },
  offlinePush: { successful: 'List<String>', failed: 'List<Map>', conflicts: 'List<Map>' },
  offlinePull: { data: 'Map<String, List<Map>>', total_records: 'int', synced_at: 'ISO' },
  offlineResolve: { resolved: 'List<String>', failed: 'List<Map>' },
  offlineState: { device_id: 'String', last_sync_at: 'ISO', pending_changes: 'int', metadata: 'Map' },
  offlineReset: { success: 'bool' },
  // OdooSyncService (§7): every field is a nullable cast with a fallback, but the fallbacks lose data (no events,
  // last_id 0), so the contract requires them present.
  feedPull: { success: 'bool', events: 'List<Map>', last_id: 'int', has_more: 'bool', count: 'int', timestamp: 'ISO' },
  /** OdooEvent.fromJson, for each element of `events`. */
  feedEvent: {
    id: 'int',
    model: 'String',
    record_id: 'int',
    event: 'String',
    timestamp: 'ISO?',
    payload: 'Map?',
    priority: 'String?',
    category: 'String?',
    user_id: 'int?',
    user_name: 'String?',
  },
  feedAck: { success: 'bool', processed_count: 'int', message: 'String' },
  /** OdooSyncState.fromJson (`id` is left to its fallback 0: a device state is keyed by user and device). */
  feedSyncState: {
    user_id: 'int',
    device_id: 'String',
    app_type: 'String',
    last_event_id: 'int',
    last_sync_time: 'ISO?',
    sync_count: 'int',
    total_events_synced: 'int',
    is_active: 'bool',
  },
  feedStats: {
    user_id: 'int',
    total_devices: 'int',
    active_devices: 'int',
    total_syncs: 'int',
    total_events_synced: 'int',
    last_sync_time: 'ISO?',
    devices: 'List<Map>',
  },
  feedHealth: { status: 'String', odoo_connected: 'bool', pending_events: 'int', version: 'String?' },
} satisfies Record<string, Record<string, DartType>>;

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function matches(type: DartType, v: unknown): boolean {
  switch (type) {
    case 'bool':
      return typeof v === 'boolean';
    case 'int':
      return typeof v === 'number' && Number.isInteger(v);
    case 'String':
      return typeof v === 'string';
    case 'ISO':
      // Dart's DateTime.parse: a date, optionally a time; Date.parse is at least as lenient for these.
      return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(v);
    case 'Map':
      return isMap(v);
    case 'List<Map>':
      return Array.isArray(v) && v.every(isMap);
    case 'List<String>':
      return Array.isArray(v) && v.every((x) => typeof x === 'string');
    case 'Map<String, List<Map>>':
      return isMap(v) && Object.values(v).every((list) => Array.isArray(list) && list.every(isMap));
    case 'List<int>':
      return Array.isArray(v) && v.every((x) => Number.isInteger(x));
    case 'any':
      return v !== undefined;
    case 'int?':
    case 'String?':
    case 'ISO?':
    case 'Map?':
      return v === undefined || v === null || matches(type.slice(0, -1) as DartType, v);
  }
}

/** The fields of `reads` the body lacks or carries with another type, e.g. ["failed: List<Map>, got 0"]. */
export function sdkTypeErrors(reads: Record<string, DartType>, body: unknown): string[] {
  if (!isMap(body)) return ['body: the SDK needs a JSON object'];
  return Object.entries(reads)
    .filter(([field, type]) => !matches(type, body[field]))
    .map(([field, type]) => `${field}: ${type}, got ${JSON.stringify(body[field])}`);
}
