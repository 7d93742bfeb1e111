import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const DEFAULT_APP_TYPES: Record<string, string[]> = {
  sales_app: ['sale.order', 'sale.order.line', 'res.partner', 'product.template', 'product.product'],
  delivery_app: ['stock.picking', 'stock.move', 'stock.move.line', 'res.partner'],
  warehouse_app: ['stock.picking', 'stock.move', 'stock.quant', 'product.product', 'stock.location'],
  manager_app: ['*'],
};

export type Protocol = 'jsonrpc' | 'xmlrpc';

export interface RateLimits {
  enabled: boolean;
  pullPerMinute: number;
  statePerMinute: number;
  resetPerHour: number;
  pushPerMinute: number;
  resolvePerMinute: number;
  loginPerMinute: number;
}

export interface AppConfig {
  port: number;
  host: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  dataDir: string;
  bodyLimit: string;
  corsOrigins: string[] | true;
  /** PostgreSQL URL; when absent the embedded PGlite database is used (pgliteDir, or in memory when null). */
  database: { url?: string; pgliteDir: string | null };
  redisUrl?: string;
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
    defaultSystem?: { id: string; url: string; database: string; username: string; password: string; protocol: Protocol };
  };
  ingest: {
    enabled: boolean;
    pollIntervalMs: number;
    reconcileIntervalMs: number;
    gapWindowMs: number;
    /** Re-checks of a webhook hint whose record shows nothing new yet (then it is dropped). */
    hintRetryDelaysMs: number[];
    /** Only these system ids are ingested by this instance ("prefix*" matches a prefix); null = all. */
    systems: string[] | null;
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
  defaultAppType: string;
  /** Socket.IO: at most one sync_event nudge per tenant per this many ms (0 = every append). */
  realtime: { syncNudgeIntervalMs: number };
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`Invalid configuration: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function str(env: Env, name: string, fallback: string): string {
  const v = env[name];
  return v === undefined || v === '' ? fallback : v;
}

function optional(env: Env, name: string): string | undefined {
  const v = env[name];
  return v === undefined || v === '' ? undefined : v;
}

function int(env: Env, name: string, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const raw = optional(env, name);
  if (raw === undefined) return fallback;
  if (!/^-?\d+$/.test(raw.trim())) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const n = Number(raw);
  if (n < min || n > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${n}`);
  return n;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = optional(env, name);
  if (raw === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')}, got "${raw}"`);
  }
  return raw as T;
}

function redisPrefix(env: Env): string {
  const prefix = str(env, 'REDIS_PREFIX', 'bc:');
  if (!/^[A-Za-z0-9_.:-]{1,64}$/.test(prefix)) {
    throw new ConfigError('REDIS_PREFIX', `must be 1-64 letters, digits or _ . : -, got "${prefix}"`);
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
    throw new ConfigError(name, 'must be a URL');
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `must use ${protocols.join(' or ')}, got ${parsed.protocol}`);
  }
  return raw;
}

const APP_TYPES_SHAPE = 'a JSON object of app type → model list, or {"models": [...], "fields": {model: [field, ...]}}';

/** App types: their models, and the fields each names per model (models it does not name get the defaults). */
function appTypes(env: Env): { models: Record<string, string[]>; fields: Record<string, Record<string, string[]>> } {
  const file = optional(env, 'APP_TYPES_FILE');
  const json = optional(env, 'APP_TYPES_JSON');
  if (!file && !json) return { models: DEFAULT_APP_TYPES, fields: {} };
  const name = file ? 'APP_TYPES_FILE' : 'APP_TYPES_JSON';
  let parsed: unknown;
  try {
    parsed = JSON.parse(file ? readFileSync(file, 'utf8') : (json as string));
  } catch (e) {
    throw new ConfigError(name, `must be ${APP_TYPES_SHAPE} (${(e as Error).message})`);
  }
  if (!isPlainObject(parsed)) throw new ConfigError(name, `must be ${APP_TYPES_SHAPE}`);
  const models: Record<string, string[]> = {};
  const fields: Record<string, Record<string, string[]>> = {};
  for (const [type, value] of Object.entries(parsed)) {
    const list = isPlainObject(value) ? value.models : value;
    if (!isNameList(list)) throw new ConfigError(name, `app type "${type}" must map to a non-empty list of model names`);
    models[type] = list;
    if (!isPlainObject(value) || value.fields === undefined) continue;
    if (!isPlainObject(value.fields)) throw new ConfigError(name, `app type "${type}": "fields" must map models to field lists`);
    for (const [model, names] of Object.entries(value.fields)) {
      if (!isNameList(names)) throw new ConfigError(name, `app type "${type}": fields of "${model}" must be a non-empty list of field names`);
    }
    fields[type] = value.fields as Record<string, string[]>;
  }
  return { models, fields };
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
    if (!v) throw new ConfigError(name, 'is required when ODOO_URL is set');
    return v;
  };
  const id = str(env, 'ODOO_SYSTEM_ID', 'default');
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(id)) throw new ConfigError('ODOO_SYSTEM_ID', `must be 1-64 letters, digits, "_", "." or "-", got "${id}"`);
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
  if (missing.length > 0) {
    if (!embedded) throw new ConfigError(missing[0], 'is required when DATABASE_URL is set (instances must share it)');
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
  const key = given.ENCRYPTION_KEY as string;
  if (!/^[0-9a-fA-F]{64}$/.test(key)) throw new ConfigError('ENCRYPTION_KEY', 'must be 64 hex characters (32 bytes)');
  for (const n of ['JWT_ACCESS_SECRET', 'JWT_REFRESH_SECRET', 'ADMIN_API_KEY'] as const) {
    if ((given[n] as string).length < 16) throw new ConfigError(n, 'must be at least 16 characters');
  }
  if (given.JWT_ACCESS_SECRET === given.JWT_REFRESH_SECRET) {
    throw new ConfigError('JWT_REFRESH_SECRET', 'must differ from JWT_ACCESS_SECRET');
  }
  return {
    secrets: {
      jwtAccess: given.JWT_ACCESS_SECRET as string,
      jwtRefresh: given.JWT_REFRESH_SECRET as string,
      encryptionKey: Buffer.from(key, 'hex'),
      adminApiKey: given.ADMIN_API_KEY as string,
    },
    generatedSecrets: generated,
  };
}

/** A comma-separated list of milliseconds, or "none" for an empty list. */
function delays(env: Env, name: string, fallback: string): number[] {
  const raw = str(env, name, fallback);
  if (raw === 'none') return [];
  const parts = raw.split(',').map((s) => s.trim());
  if (!parts.every((s) => /^\d+$/.test(s))) {
    throw new ConfigError(name, `must be a comma-separated list of milliseconds or "none", got "${raw}"`);
  }
  return parts.map(Number);
}

/** Builds and validates the whole configuration once; a bad value throws a ConfigError naming it. */
export function loadConfig(env: Env = process.env): AppConfig {
  const dataDir = resolve(str(env, 'DATA_DIR', './data'));
  const rawDb = optional(env, 'DATABASE_URL');
  const inMemory = rawDb === 'memory://';
  const databaseUrl = inMemory ? undefined : url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']);
  const { models: types, fields: appTypeFields } = appTypes(env);
  const defaultAppType = str(env, 'DEFAULT_APP_TYPE', 'sales_app');
  if (!types[defaultAppType]) {
    throw new ConfigError('DEFAULT_APP_TYPE', `must be one of ${Object.keys(types).join(', ')}, got "${defaultAppType}"`);
  }
  const cors = str(env, 'CORS_ORIGINS', '*');
  const retryRaw = str(env, 'ODOO_RETRY_DELAYS_MS', '1000,2000,4000');
  const retryDelaysMs = retryRaw === 'none' ? [] : retryRaw.split(',').map((s) => s.trim());
  if (!retryDelaysMs.every((s) => /^\d+$/.test(s))) {
    throw new ConfigError('ODOO_RETRY_DELAYS_MS', `must be a comma-separated list of milliseconds or "none", got "${retryRaw}"`);
  }

  return {
    port: int(env, 'PORT', 3000, 0, 65535),
    host: str(env, 'HOST', '0.0.0.0'),
    logLevel: oneOf(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
    dataDir,
    bodyLimit: str(env, 'BODY_LIMIT', '5mb'),
    corsOrigins: cors === '*' ? true : cors.split(',').map((s) => s.trim()),
    database: { url: databaseUrl, pgliteDir: inMemory ? null : join(dataDir, 'pglite') },
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:']),
    redisPrefix: redisPrefix(env),
    ...secrets(env, dataDir, !databaseUrl),
    jwt: {
      accessTtlSeconds: int(env, 'JWT_ACCESS_TTL_SECONDS', 3600, 60),
      refreshTtlSeconds: int(env, 'JWT_REFRESH_TTL_SECONDS', 30 * 86400, 60),
    },
    odoo: {
      timeoutMs: int(env, 'ODOO_TIMEOUT_MS', 30000, 100),
      retryDelaysMs: retryDelaysMs.map(Number),
      sessionCacheSeconds: int(env, 'ODOO_SESSION_CACHE_SECONDS', 60, 0),
      defaultSystem: odooDefault(env),
    },
    ingest: {
      enabled: oneOf(env, 'INGEST', ['on', 'off'] as const, 'on') === 'on',
      pollIntervalMs: int(env, 'POLL_INTERVAL_MS', 2000, 50),
      reconcileIntervalMs: int(env, 'RECONCILE_INTERVAL_MS', 60000, 100),
      gapWindowMs: int(env, 'GAP_WINDOW_MS', 120000, 0),
      hintRetryDelaysMs: delays(env, 'HINT_RETRY_DELAYS_MS', '500,1000,2000,4000'),
      systems: optional(env, 'INGEST_SYSTEMS')?.split(',').map((s) => s.trim()).filter((s) => s !== '') ?? null,
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
    },
    offlineSync: {
      concurrency: int(env, 'PUSH_CONCURRENCY', 8, 1, 64),
      claimTimeoutMs: int(env, 'PUSH_CLAIM_TIMEOUT_MS', 300000, 1000),
      claimWaitMs: int(env, 'PUSH_CLAIM_WAIT_MS', 20000, 0),
    },
    appTypes: types,
    appTypeFields,
    defaultAppType,
    realtime: { syncNudgeIntervalMs: int(env, 'REALTIME_SYNC_NUDGE_INTERVAL_MS', 1000, 0, 60000) },
  };
}
