import { join, resolve } from 'node:path';
import { appTypes, type ConflictStrategy } from './app-types';
import { ConfigError, delays, fail, int, oneOf, optional, str, url, type Env } from './env';
import { bodyLimit, trustProxy, type TrustProxy } from './http';
import { odooDefault, type DefaultSystem } from './odoo-default';
import { secrets, type Secrets } from './secrets';

export interface RateLimits {
  enabled: boolean;
  pullPerMinute: number;
  statePerMinute: number;
  resetPerHour: number;
  pushPerMinute: number;
  resolvePerMinute: number;
  /** Login attempts per account (system + login), whatever the client IP. */
  loginPerMinute: number;
  /** Login attempts per client IP, whatever the account. */
  loginPerIpPerMinute: number;
  /** X-Session-Id validations that reach Odoo (not answered from cache), per client IP. */
  sessionLookupsPerMinute: number;
}

/**
 * The one validated, typed configuration, read from the environment once at boot (loadConfig). The parts with rules
 * of their own are read in files by concern: app-types.ts, odoo-default.ts, secrets.ts, http.ts; env.ts reads values.
 */
export interface AppConfig {
  port: number;
  host: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  dataDir: string;
  bodyLimit: string;
  /** Which proxies may set X-Forwarded-For: the client IP (rate limits, logs) is read through them only. */
  trustProxy: TrustProxy;
  corsOrigins: string[] | true;
  /**
   * PostgreSQL URL; when absent the embedded PGlite database is used (pgliteDir, or in memory when null), started
   * from pgliteSnapshot (a data-dir tarball) when that is given and the directory is new (tests: skips initdb).
   */
  database: { url?: string; pgliteDir: string | null; pgliteSnapshot?: Blob };
  redisUrl?: string;
  /**
   * GET /metrics: with a token, a request must send `Authorization: Bearer <token>`; tenant ids appear in labels only
   * when tenantLabels is on (else each tenant is a stable pseudonym).
   */
  metrics: { token?: string; tenantLabels: boolean };
  /** Starts every Redis key and channel, so deployments (databases) sharing one Redis never see each other's state. */
  redisPrefix: string;
  secrets: Secrets;
  /** Which secrets were generated and kept under DATA_DIR (reported once in the boot log). */
  generatedSecrets: string[];
  jwt: { accessTtlSeconds: number; refreshTtlSeconds: number };
  odoo: {
    timeoutMs: number;
    retryDelaysMs: number[];
    sessionCacheSeconds: number;
    /**
     * Odoo's login cooldown (base.login_cooldown_after, base.login_cooldown_duration): after `after` failed web
     * logins from one address, each within `seconds` of the last, Odoo refuses every login from it; 0 = off.
     */
    loginCooldown: { after: number; seconds: number };
    defaultSystem?: DefaultSystem;
  };
  ingest: {
    enabled: boolean;
    pollIntervalMs: number;
    /** Longest interval an idle model's write_date poll backs off to (never below pollIntervalMs). */
    pollMaxIntervalMs: number;
    reconcileIntervalMs: number;
    gapWindowMs: number;
    /** Re-checks of a webhook hint whose record shows nothing new yet (then it is dropped). */
    hintRetryDelaysMs: number[];
    /** Only these system ids are ingested by this instance ("prefix*" matches a prefix); null = all. */
    systems: string[] | null;
    /** Records the backfill copies from Odoo per ingestion run (its throttle); 0 turns it off. */
    backfillRecordsPerRun: number;
  };
  archive: {
    intervalMs: number;
    archiveAfterDays: number;
    forceArchiveAfterDays: number;
    deleteArchivedAfterDays: number;
    inactiveDeviceDays: number;
    deleteInactiveDeviceDays: number;
  };
  rateLimits: RateLimits;
  /** Offline push: changes run concurrently per push; a claim older than claimTimeoutMs is treated as crashed. */
  offlineSync: { concurrency: number; claimTimeoutMs: number; claimWaitMs: number };
  appTypes: Record<string, string[]>;
  /** Per app type, the fields it names per model (`["*"]` = every stored field); see model-fields.ts for the rest. */
  appTypeFields: Record<string, Record<string, string[]>>;
  /** Per app type that names them, the models its devices may write (others: the app type's own models). */
  appTypeWritable: Record<string, string[]>;
  /** Per app type that names one, the conflict strategy of its pushes that name none. */
  appTypeConflictStrategy: Record<string, ConflictStrategy>;
  defaultAppType: string;
  /** Socket.IO: at most one sync_event nudge per tenant per this many ms (0 = every append). */
  realtime: { syncNudgeIntervalMs: number };
  /** The in-process tail of recent events pull pages are cut from (see FeedTail); events 0 = off. */
  pullTail: { eventsPerTenant: number; megabytes: number };
  /**
   * Snapshot pages read at once by this instance (v2 and v1 pulls of new, reset or re-scoped devices) and how many
   * more may wait for a turn; beyond that a pull gets 503 SYNC_BUSY with Retry-After. concurrent 0 = no bound.
   */
  pullAdmission: { concurrent: number; queue: number };
}

function redisPrefix(env: Env): string {
  const prefix = str(env, 'REDIS_PREFIX', 'bc:');
  if (!/^[A-Za-z0-9_.:-]{1,64}$/.test(prefix)) {
    return fail(env, 'REDIS_PREFIX', `must be 1-64 letters, digits or _ . : -, got "${prefix}"`, 'bc:');
  }
  return prefix;
}

/** Builds and validates the whole configuration once; bad values throw one ConfigError naming each of them. */
export function loadConfig(vars: Record<string, string | undefined> = process.env): AppConfig {
  const env: Env = { vars, problems: [] };
  const dataDir = resolve(str(env, 'DATA_DIR', './data'));
  const rawDb = optional(env, 'DATABASE_URL');
  const inMemory = rawDb === 'memory://';
  const databaseUrl = inMemory ? undefined : url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']);
  const { models: types, fields: appTypeFields, writable: appTypeWritable, conflictStrategy: appTypeConflictStrategy } = appTypes(env);
  const defaultAppType = str(env, 'DEFAULT_APP_TYPE', 'sales_app');
  if (!Object.hasOwn(types, defaultAppType)) {
    fail(env, 'DEFAULT_APP_TYPE', `must be one of ${Object.keys(types).join(', ')}, got "${defaultAppType}"`, undefined);
  }
  const cors = str(env, 'CORS_ORIGINS', '*');
  const retryRaw = str(env, 'ODOO_RETRY_DELAYS_MS', '1000,2000,4000');
  const retryDelaysMs = retryRaw === 'none' ? [] : retryRaw.split(',').map((s) => s.trim());
  if (!retryDelaysMs.every((s) => /^\d+$/.test(s))) {
    fail(env, 'ODOO_RETRY_DELAYS_MS', `must be a comma-separated list of milliseconds or "none", got "${retryRaw}"`, undefined);
  }

  const config: AppConfig = {
    port: int(env, 'PORT', 3000, 0, 65535),
    host: str(env, 'HOST', '0.0.0.0'),
    logLevel: oneOf(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
    dataDir,
    bodyLimit: bodyLimit(env),
    trustProxy: trustProxy(env),
    corsOrigins: cors === '*' ? true : cors.split(',').map((s) => s.trim()),
    database: { url: databaseUrl, pgliteDir: inMemory ? null : join(dataDir, 'pglite') },
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:']),
    metrics: { token: optional(env, 'METRICS_TOKEN'), tenantLabels: oneOf(env, 'METRICS_TENANT_LABELS', ['on', 'off'] as const, 'off') === 'on' },
    redisPrefix: redisPrefix(env),
    // A DATABASE_URL that is set but invalid is not embedded mode: nothing is generated for it.
    ...secrets(env, dataDir, rawDb === undefined || inMemory),
    jwt: {
      accessTtlSeconds: int(env, 'JWT_ACCESS_TTL_SECONDS', 3600, 60),
      refreshTtlSeconds: int(env, 'JWT_REFRESH_TTL_SECONDS', 30 * 86400, 60),
    },
    odoo: {
      timeoutMs: int(env, 'ODOO_TIMEOUT_MS', 30000, 100),
      retryDelaysMs: retryDelaysMs.map(Number),
      sessionCacheSeconds: int(env, 'ODOO_SESSION_CACHE_SECONDS', 60, 0),
      // As a new Odoo 18 database is installed (its code's default is 5 when the parameters are removed).
      loginCooldown: { after: int(env, 'ODOO_LOGIN_COOLDOWN_AFTER', 10, 0), seconds: int(env, 'ODOO_LOGIN_COOLDOWN_SECONDS', 60, 1) },
      defaultSystem: odooDefault(env),
    },
    ingest: {
      enabled: oneOf(env, 'INGEST', ['on', 'off'] as const, 'on') === 'on',
      pollIntervalMs: int(env, 'POLL_INTERVAL_MS', 2000, 50),
      pollMaxIntervalMs: int(env, 'POLL_MAX_INTERVAL_MS', 30000, 50),
      reconcileIntervalMs: int(env, 'RECONCILE_INTERVAL_MS', 60000, 100),
      gapWindowMs: int(env, 'GAP_WINDOW_MS', 120000, 0),
      hintRetryDelaysMs: delays(env, 'HINT_RETRY_DELAYS_MS', '500,1000,2000,4000'),
      systems: optional(env, 'INGEST_SYSTEMS')?.split(',').map((s) => s.trim()).filter((s) => s !== '') ?? null,
      backfillRecordsPerRun: int(env, 'BACKFILL_RECORDS_PER_RUN', 2000, 0),
    },
    archive: {
      intervalMs: int(env, 'ARCHIVE_INTERVAL_MS', 3600000, 1000),
      archiveAfterDays: int(env, 'ARCHIVE_AFTER_DAYS', 7, 0),
      forceArchiveAfterDays: int(env, 'ARCHIVE_FORCE_AFTER_DAYS', 30, 0),
      deleteArchivedAfterDays: int(env, 'ARCHIVE_DELETE_AFTER_DAYS', 90, 0),
      inactiveDeviceDays: int(env, 'DEVICE_INACTIVE_AFTER_DAYS', 30, 1),
      deleteInactiveDeviceDays: int(env, 'DEVICE_DELETE_AFTER_DAYS', 90, 1),
    },
    rateLimits: {
      enabled: oneOf(env, 'RATE_LIMITS', ['on', 'off'] as const, 'on') === 'on',
      pullPerMinute: int(env, 'RATE_LIMIT_PULL_PER_MINUTE', 200, 1),
      statePerMinute: int(env, 'RATE_LIMIT_STATE_PER_MINUTE', 100, 1),
      resetPerHour: int(env, 'RATE_LIMIT_RESET_PER_HOUR', 10, 1),
      pushPerMinute: int(env, 'RATE_LIMIT_PUSH_PER_MINUTE', 100, 1),
      resolvePerMinute: int(env, 'RATE_LIMIT_RESOLVE_PER_MINUTE', 50, 1),
      loginPerMinute: int(env, 'RATE_LIMIT_LOGIN_PER_MINUTE', 10, 1),
      loginPerIpPerMinute: int(env, 'RATE_LIMIT_LOGIN_IP_PER_MINUTE', 60, 1),
      sessionLookupsPerMinute: int(env, 'RATE_LIMIT_SESSION_LOOKUPS_PER_MINUTE', 30, 1),
    },
    offlineSync: {
      concurrency: int(env, 'PUSH_CONCURRENCY', 8, 1, 64),
      claimTimeoutMs: int(env, 'PUSH_CLAIM_TIMEOUT_MS', 300000, 1000),
      claimWaitMs: int(env, 'PUSH_CLAIM_WAIT_MS', 20000, 0),
    },
    appTypes: types,
    appTypeFields,
    appTypeWritable,
    appTypeConflictStrategy,
    defaultAppType,
    realtime: { syncNudgeIntervalMs: int(env, 'REALTIME_SYNC_NUDGE_INTERVAL_MS', 1000, 0, 60000) },
    pullTail: { eventsPerTenant: int(env, 'PULL_TAIL_EVENTS', 10000, 0, 1000000), megabytes: int(env, 'PULL_TAIL_MB', 128, 1) },
    pullAdmission: { concurrent: int(env, 'SNAPSHOT_PAGES_CONCURRENT', 2, 0, 1000), queue: int(env, 'SNAPSHOT_PAGES_QUEUE', 16, 0, 100000) },
  };
  if (env.problems.length > 0) throw new ConfigError(env.problems);
  return config;
}
