import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join, resolve } from 'node:path';

export const DEFAULT_APP_TYPES: Record<string, string[]> = {
  sales_app: ['sale.order', 'sale.order.line', 'res.partner', 'product.template', 'product.product'],
  delivery_app: ['stock.picking', 'stock.move', 'stock.move.line', 'res.partner'],
  warehouse_app: ['stock.picking', 'stock.move', 'stock.quant', 'product.product', 'stock.location'],
  manager_app: ['*'],
};

/** Tracked models when the system does not list them: every app type's models ('*' is not a model). */
export function defaultTrackedModels(appTypes: Record<string, string[]>): string[] {
  return [...new Set(Object.values(appTypes).flat())].filter((m) => m !== '*').sort();
}

export type Protocol = 'jsonrpc' | 'xmlrpc';

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

/** Express 'trust proxy': false, a hop count, or the addresses/CIDRs of trusted proxies. */
export type TrustProxy = false | number | string[];

export interface AppConfig {
  port: number;
  host: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  dataDir: string;
  bodyLimit: string;
  /** Which proxies may set X-Forwarded-For: the client IP (rate limits, logs) is read through them only. */
  trustProxy: TrustProxy;
  corsOrigins: string[] | true;
  /** PostgreSQL URL; when absent the embedded PGlite database is used (pgliteDir, or in memory when null). */
  database: { url?: string; pgliteDir: string | null };
  redisUrl?: string;
  /**
   * GET /metrics: with a token, a request must send `Authorization: Bearer <token>`; tenant ids appear in labels only
   * when tenantLabels is on (else each tenant is a stable pseudonym).
   */
  metrics: { token?: string; tenantLabels: boolean };
  /** Starts every Redis key and channel, so deployments (databases) sharing one Redis never see each other's state. */
  redisPrefix: string;
  secrets: { jwtAccess: string; jwtRefresh: string; encryptionKey: Buffer; adminApiKey: string };
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
    defaultSystem?: { id: string; url: string; database: string; username: string; password: string; protocol: Protocol };
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

export interface ConfigProblem {
  variable: string;
  problem: string;
}

/** Every problem of the configuration at once, so an operator fixes them in one go. */
export class ConfigError extends Error {
  /** The first variable at fault. */
  readonly variable: string;

  constructor(readonly problems: ConfigProblem[]) {
    const lines = problems.map((p) => `${p.variable} ${p.problem}`);
    super(lines.length === 1 ? `Invalid configuration: ${lines[0]}` : `Invalid configuration:\n${lines.map((l) => `  - ${l}`).join('\n')}`);
    this.name = 'ConfigError';
    this.variable = problems[0].variable;
  }
}

/** The variables being read and the problems found so far (reading goes on after a bad value). */
interface Env {
  vars: Record<string, string | undefined>;
  problems: ConfigProblem[];
}

/** Records a problem and returns the value to carry on with; loadConfig throws them all at the end. */
function fail<T>(env: Env, variable: string, problem: string, fallback: T): T {
  env.problems.push({ variable, problem });
  return fallback;
}

function str(env: Env, name: string, fallback: string): string {
  const v = env.vars[name];
  return v === undefined || v === '' ? fallback : v;
}

function optional(env: Env, name: string): string | undefined {
  const v = env.vars[name];
  return v === undefined || v === '' ? undefined : v;
}

function int(env: Env, name: string, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const raw = optional(env, name);
  if (raw === undefined) return fallback;
  if (!/^-?\d+$/.test(raw.trim())) return fail(env, name, `must be a whole number, got "${raw}"`, fallback);
  const n = Number(raw);
  if (n < min || n > max) return fail(env, name, `must be between ${min} and ${max}, got ${n}`, fallback);
  return n;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = optional(env, name);
  if (raw === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    return fail(env, name, `must be one of ${allowed.join(', ')}, got "${raw}"`, fallback);
  }
  return raw as T;
}

function redisPrefix(env: Env): string {
  const prefix = str(env, 'REDIS_PREFIX', 'bc:');
  if (!/^[A-Za-z0-9_.:-]{1,64}$/.test(prefix)) {
    return fail(env, 'REDIS_PREFIX', `must be 1-64 letters, digits or _ . : -, got "${prefix}"`, 'bc:');
  }
  return prefix;
}

function url(env: Env, name: string, protocols: string[]): string | undefined {
  const raw = optional(env, name);
  if (raw === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    return fail(env, name, 'must be a URL', undefined);
  }
  if (!protocols.includes(parsed.protocol)) {
    return fail(env, name, `must use ${protocols.join(' or ')}, got ${parsed.protocol}`, undefined);
  }
  return raw;
}

const NO_APP_TYPES = { models: DEFAULT_APP_TYPES, fields: {}, writable: {} };
const APP_TYPES_SHAPE = 'a JSON object of app type → model list, or {"models": [...], "fields": {model: [field, ...]}, "writable": [...]}';

interface AppTypes {
  models: Record<string, string[]>;
  fields: Record<string, Record<string, string[]>>;
  writable: Record<string, string[]>;
}

/** App types: their models, the fields each names per model (models it does not name get the defaults), the models it may write. */
function appTypes(env: Env): AppTypes {
  const file = optional(env, 'APP_TYPES_FILE');
  const json = optional(env, 'APP_TYPES_JSON');
  if (!file && !json) return NO_APP_TYPES;
  const name = file ? 'APP_TYPES_FILE' : 'APP_TYPES_JSON';
  let parsed: unknown;
  try {
    parsed = JSON.parse(file ? readFileSync(file, 'utf8') : (json as string));
  } catch (e) {
    return fail(env, name, `must be ${APP_TYPES_SHAPE} (${(e as Error).message})`, NO_APP_TYPES);
  }
  if (!isPlainObject(parsed)) return fail(env, name, `must be ${APP_TYPES_SHAPE}`, NO_APP_TYPES);
  const models: Record<string, string[]> = {};
  const fields: Record<string, Record<string, string[]>> = {};
  const writable: Record<string, string[]> = {};
  for (const [type, value] of Object.entries(parsed)) {
    const list = isPlainObject(value) ? value.models : value;
    if (!isNameList(list)) return fail(env, name, `app type "${type}" must map to a non-empty list of model names`, NO_APP_TYPES);
    models[type] = list;
    if (isPlainObject(value) && value.writable !== undefined) {
      // An empty list is allowed: a read-only app type.
      if (!Array.isArray(value.writable) || !(value.writable.length === 0 || isNameList(value.writable))) {
        return fail(env, name, `app type "${type}": "writable" must be a list of model names`, NO_APP_TYPES);
      }
      writable[type] = value.writable as string[];
    }
    if (!isPlainObject(value) || value.fields === undefined) continue;
    if (!isPlainObject(value.fields)) return fail(env, name, `app type "${type}": "fields" must map models to field lists`, NO_APP_TYPES);
    for (const [model, names] of Object.entries(value.fields)) {
      if (!isNameList(names)) return fail(env, name, `app type "${type}": fields of "${model}" must be a non-empty list of field names`, NO_APP_TYPES);
    }
    fields[type] = value.fields as Record<string, string[]>;
  }
  return { models, fields, writable };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNameList(value: unknown): value is string[] {
  return Array.isArray(value) && value.length > 0 && value.every((m) => typeof m === 'string' && m !== '');
}

function odooDefault(env: Env): AppConfig['odoo']['defaultSystem'] {
  const odooUrl = url(env, 'ODOO_URL', ['http:', 'https:']);
  if (!odooUrl) return undefined;
  const need = (name: string): string => {
    const v = optional(env, name);
    if (!v) return fail(env, name, 'is required when ODOO_URL is set', '');
    return v;
  };
  const id = str(env, 'ODOO_SYSTEM_ID', 'default');
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(id)) fail(env, 'ODOO_SYSTEM_ID', `must be 1-64 letters, digits, "_", "." or "-", got "${id}"`, id);
  return {
    id,
    url: odooUrl.replace(/\/+$/, ''),
    database: need('ODOO_DB'),
    username: need('ODOO_USERNAME'),
    password: need('ODOO_PASSWORD'),
    protocol: oneOf(env, 'ODOO_PROTOCOL', ['jsonrpc', 'xmlrpc'] as const, 'jsonrpc'),
  };
}

/**
 * Secrets the operator did not give. In embedded mode they are generated once and kept in
 * DATA_DIR/secrets.json so tokens and encrypted passwords survive a restart. With a shared
 * PostgreSQL several instances must agree on them, so there they are required.
 */
function secrets(env: Env, dataDir: string, embedded: boolean): Pick<AppConfig, 'secrets' | 'generatedSecrets'> {
  const names = ['JWT_ACCESS_SECRET', 'JWT_REFRESH_SECRET', 'ENCRYPTION_KEY', 'ADMIN_API_KEY'] as const;
  const given: Partial<Record<(typeof names)[number], string>> = {};
  for (const n of names) given[n] = optional(env, n);
  const missing = names.filter((n) => !given[n]);
  const generated: string[] = [];
  if (missing.length > 0 && !embedded) {
    for (const n of missing) fail(env, n, 'is required when DATABASE_URL is set (instances must share it)', undefined);
  } else if (missing.length > 0) {
    const file = join(dataDir, 'secrets.json');
    const stored: Record<string, string> = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
    for (const n of missing) {
      if (!stored[n]) {
        stored[n] = randomBytes(32).toString('hex');
        generated.push(n);
      }
      given[n] = stored[n];
    }
    if (generated.length > 0) {
      mkdirSync(dataDir, { recursive: true });
      writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
      chmodSync(file, 0o600);
    }
  }
  const key = given.ENCRYPTION_KEY ?? '';
  if (given.ENCRYPTION_KEY !== undefined && !/^[0-9a-fA-F]{64}$/.test(key)) {
    fail(env, 'ENCRYPTION_KEY', 'must be 64 hex characters (32 bytes)', undefined);
  }
  for (const n of ['JWT_ACCESS_SECRET', 'JWT_REFRESH_SECRET', 'ADMIN_API_KEY'] as const) {
    const value = given[n];
    if (value !== undefined && value.length < 16) fail(env, n, 'must be at least 16 characters', undefined);
  }
  if (given.JWT_ACCESS_SECRET !== undefined && given.JWT_ACCESS_SECRET === given.JWT_REFRESH_SECRET) {
    fail(env, 'JWT_REFRESH_SECRET', 'must differ from JWT_ACCESS_SECRET', undefined);
  }
  return {
    secrets: {
      jwtAccess: given.JWT_ACCESS_SECRET ?? '',
      jwtRefresh: given.JWT_REFRESH_SECRET ?? '',
      encryptionKey: Buffer.from(key, 'hex'),
      adminApiKey: given.ADMIN_API_KEY ?? '',
    },
    generatedSecrets: generated,
  };
}

/** A size as body-parser reads it: `5mb`, `512kb`, `1048576`. */
function bodyLimit(env: Env): string {
  const raw = str(env, 'BODY_LIMIT', '5mb').trim();
  if (!/^\d+(\.\d+)?\s*(b|kb|mb)?$/i.test(raw)) return fail(env, 'BODY_LIMIT', `must be a size such as 5mb, 512kb or 1048576, got "${raw}"`, '5mb');
  return raw;
}

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

function isProxyAddress(entry: string): boolean {
  if (PROXY_NAMES.includes(entry)) return true;
  const [address, bits, extra] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || extra !== undefined) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128);
}

/**
 * TRUST_PROXY: `off` (default: X-Forwarded-For is ignored, the client is the TCP peer), a hop count
 * (the number of proxies in front of BridgeCore), or a comma-separated list of proxy addresses,
 * CIDRs or `loopback`/`linklocal`/`uniquelocal`. Trusting everyone is refused: any client could
 * then pick its own IP and walk around per-IP rate limits.
 */
function trustProxy(env: Env): TrustProxy {
  const raw = str(env, 'TRUST_PROXY', 'off').trim();
  if (raw === 'off' || raw === 'false') return false;
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw);
    if (hops >= 1 && hops <= 10) return hops;
    return fail(env, 'TRUST_PROXY', `hop count must be between 1 and 10, got ${raw}`, false);
  }
  if (raw === 'on' || raw === 'true') {
    return fail(env, 'TRUST_PROXY', 'must name the proxies (a hop count or addresses/CIDRs): trusting every sender lets any client choose its IP', false);
  }
  const entries = raw.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const bad = entries.filter((e) => !isProxyAddress(e));
  if (entries.length === 0 || bad.length > 0) {
    return fail(env, 'TRUST_PROXY', `must be off, a hop count, or IP addresses/CIDRs/loopback/linklocal/uniquelocal; not "${bad.join(', ') || raw}"`, false);
  }
  return entries;
}

/** A comma-separated list of milliseconds, or "none" for an empty list. */
function delays(env: Env, name: string, fallback: string): number[] {
  const raw = str(env, name, fallback);
  if (raw === 'none') return [];
  const parts = raw.split(',').map((s) => s.trim());
  if (!parts.every((s) => /^\d+$/.test(s))) {
    return fail(env, name, `must be a comma-separated list of milliseconds or "none", got "${raw}"`, []);
  }
  return parts.map(Number);
}

/** Builds and validates the whole configuration once; bad values throw one ConfigError naming each of them. */
export function loadConfig(vars: Record<string, string | undefined> = process.env): AppConfig {
  const env: Env = { vars, problems: [] };
  const dataDir = resolve(str(env, 'DATA_DIR', './data'));
  const rawDb = optional(env, 'DATABASE_URL');
  const inMemory = rawDb === 'memory://';
  const databaseUrl = inMemory ? undefined : url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']);
  const { models: types, fields: appTypeFields, writable: appTypeWritable } = appTypes(env);
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
    defaultAppType,
    realtime: { syncNudgeIntervalMs: int(env, 'REALTIME_SYNC_NUDGE_INTERVAL_MS', 1000, 0, 60000) },
    pullTail: { eventsPerTenant: int(env, 'PULL_TAIL_EVENTS', 10000, 0, 1000000), megabytes: int(env, 'PULL_TAIL_MB', 128, 1) },
    pullAdmission: { concurrent: int(env, 'SNAPSHOT_PAGES_CONCURRENT', 2, 0, 1000), queue: int(env, 'SNAPSHOT_PAGES_QUEUE', 16, 0, 100000) },
  };
  if (env.problems.length > 0) throw new ConfigError(env.problems);
  return config;
}
