import {
  makeCounterProvider,
  makeGaugeProvider,
  makeHistogramProvider,
} from '@willsoto/nestjs-prometheus';

/** Every metric the service exports, in one place (SPEC §5 Operations). */
export const METRICS = {
  syncRequests: 'sync_requests_total',
  syncEventsReturned: 'sync_events_returned_total',
  syncCacheHits: 'sync_cache_hits_total',
  syncCacheMisses: 'sync_cache_misses_total',
  syncTailPages: 'sync_tail_pages_total',
  syncErrors: 'sync_errors_total',
  syncDuration: 'sync_duration_seconds',
  syncActiveDevices: 'sync_active_devices',
  odooRpcDuration: 'odoo_rpc_duration_seconds',
  ingestEvents: 'ingest_events_total',
  ingestLag: 'ingest_lag_seconds',
  ingestBackfillRemaining: 'ingest_backfill_remaining',
  realtimeConnections: 'realtime_connections',
  realtimeMessages: 'realtime_messages_total',
  pushChanges: 'push_changes_total',
  redisUp: 'redis_up',
  redisFallbacks: 'redis_fallbacks_total',
  ingestHealthy: 'ingest_healthy',
} as const;

const FAST_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

export const metricProviders = [
  makeCounterProvider({ name: METRICS.syncRequests, help: 'Sync API requests', labelNames: ['endpoint', 'status'] }),
  makeCounterProvider({ name: METRICS.syncEventsReturned, help: 'Events returned to devices', labelNames: ['endpoint'] }),
  makeCounterProvider({ name: METRICS.syncCacheHits, help: 'Pulls answered from cache', labelNames: ['endpoint'] }),
  makeCounterProvider({ name: METRICS.syncCacheMisses, help: 'Pulls that had to read the event log', labelNames: ['endpoint'] }),
  makeCounterProvider({
    name: METRICS.syncTailPages,
    help: 'Pull pages cut from the in-process tail of recent events (no database read)',
    labelNames: ['endpoint'],
  }),
  makeCounterProvider({ name: METRICS.syncErrors, help: 'Sync requests that failed', labelNames: ['endpoint', 'code'] }),
  makeHistogramProvider({
    name: METRICS.syncDuration,
    help: 'Sync request duration',
    labelNames: ['endpoint'],
    buckets: FAST_BUCKETS,
  }),
  makeGaugeProvider({ name: METRICS.syncActiveDevices, help: 'Active device sync states', labelNames: ['tenant'] }),
  makeHistogramProvider({
    name: METRICS.odooRpcDuration,
    help: 'Odoo RPC call duration',
    labelNames: ['method', 'model', 'outcome'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  }),
  makeCounterProvider({ name: METRICS.ingestEvents, help: 'Events written to the event log', labelNames: ['source'] }),
  makeGaugeProvider({ name: METRICS.ingestLag, help: 'Seconds since a tenant last ingested successfully', labelNames: ['tenant'] }),
  makeGaugeProvider({
    name: METRICS.ingestBackfillRemaining,
    help: 'Records of a tenant still to copy from Odoo by the backfill (estimate)',
    labelNames: ['tenant'],
  }),
  makeGaugeProvider({ name: METRICS.realtimeConnections, help: 'Open Socket.IO connections on this instance' }),
  makeCounterProvider({ name: METRICS.realtimeMessages, help: 'Real-time messages emitted', labelNames: ['event'] }),
  makeCounterProvider({ name: METRICS.pushChanges, help: 'Offline changes processed', labelNames: ['status'] }),
  makeGaugeProvider({ name: METRICS.redisUp, help: 'Redis answers (1), or the instance runs degraded without it (0)' }),
  makeCounterProvider({
    name: METRICS.redisFallbacks,
    help: 'Operations served from in-process state because Redis was unavailable',
    labelNames: ['use'],
  }),
  makeGaugeProvider({
    name: METRICS.ingestHealthy,
    help: 'A tenant whose ingestion runs on this instance last succeeded (1) or failed (0)',
    labelNames: ['tenant'],
  }),
];
