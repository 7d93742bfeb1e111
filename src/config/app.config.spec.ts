import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from './app.config';
import { DEFAULT_APP_TYPES, defaultTrackedModels } from './app-types';
import { ConfigError } from './env';

const SECRETS = {
  JWT_ACCESS_SECRET: 'access-secret-0123456789',
  JWT_REFRESH_SECRET: 'refresh-secret-0123456789',
  ENCRYPTION_KEY: 'ab'.repeat(32),
  ADMIN_API_KEY: 'admin-key-0123456789',
};

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'bc-config-'));
}

function expectConfigError(env: Record<string, string>, variable: string): ConfigError {
  try {
    loadConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    expect((e as ConfigError).variable).toBe(variable);
    expect((e as ConfigError).message).toContain(variable);
    return e as ConfigError;
  }
  throw new Error(`expected a ConfigError naming ${variable}`);
}

describe(loadConfig.name, () => {
  describe('embedded defaults', () => {
    it('uses PGlite under DATA_DIR, in-process cache and the default app types when nothing is set', () => {
      const dir = tempDir();
      const config = loadConfig({ DATA_DIR: dir });
      expect(config.port).toBe(3000);
      expect(config.database).toEqual({ url: undefined, pgliteDir: join(dir, 'pglite') });
      expect(config.redisUrl).toBeUndefined();
      expect(config.redisPrefix).toBe('bc:');
      expect(config.appTypes).toEqual(DEFAULT_APP_TYPES);
      expect(config.defaultAppType).toBe('sales_app');
      expect(config.rateLimits).toEqual({
        enabled: true,
        pullPerMinute: 200,
        statePerMinute: 100,
        resetPerHour: 10,
        pushPerMinute: 100,
        resolvePerMinute: 50,
        loginPerMinute: 10,
        loginPerIpPerMinute: 60,
        sessionLookupsPerMinute: 30,
      });
      expect(config.trustProxy).toBe(false);
      expect(config.odoo.retryDelaysMs).toEqual([1000, 2000, 4000]);
      expect(config.archive.archiveAfterDays).toBe(7);
    });

    it('generates missing secrets once, keeps them under DATA_DIR and reuses them on restart', () => {
      const dir = tempDir();
      const first = loadConfig({ DATA_DIR: dir });
      expect(first.generatedSecrets.sort()).toEqual(['ADMIN_API_KEY', 'ENCRYPTION_KEY', 'JWT_ACCESS_SECRET', 'JWT_REFRESH_SECRET']);
      const file = join(dir, 'secrets.json');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const second = loadConfig({ DATA_DIR: dir });
      expect(second.generatedSecrets).toEqual([]);
      expect(second.secrets.jwtAccess).toBe(first.secrets.jwtAccess);
      expect(second.secrets.encryptionKey.equals(first.secrets.encryptionKey)).toBe(true);
      expect(second.secrets.jwtAccess).not.toBe(second.secrets.jwtRefresh);
      expect(JSON.parse(readFileSync(file, 'utf8')).ADMIN_API_KEY).toBe(first.secrets.adminApiKey);
    });

    it('takes given secrets over stored ones', () => {
      const config = loadConfig({ DATA_DIR: tempDir(), ...SECRETS });
      expect(config.generatedSecrets).toEqual([]);
      expect(config.secrets.adminApiKey).toBe(SECRETS.ADMIN_API_KEY);
      expect(config.secrets.encryptionKey.toString('hex')).toBe(SECRETS.ENCRYPTION_KEY);
    });

    it('treats DATABASE_URL=memory:// as an in-memory PGlite', () => {
      expect(loadConfig({ DATA_DIR: tempDir(), DATABASE_URL: 'memory://' }).database).toEqual({ url: undefined, pgliteDir: null });
    });
  });

  describe('production values', () => {
    it('reads PostgreSQL, Redis, limits, Odoo and the app-type map', () => {
      const config = loadConfig({
        ...SECRETS,
        DATABASE_URL: 'postgres://u:p@db:5432/bc',
        REDIS_URL: 'redis://cache:6379',
        REDIS_PREFIX: 'bc-staging:',
        PORT: '8080',
        RATE_LIMITS: 'off',
        RATE_LIMIT_PULL_PER_MINUTE: '500',
        ODOO_URL: 'https://erp.example.com/',
        ODOO_DB: 'prod',
        ODOO_USERNAME: 'sync',
        ODOO_PASSWORD: 'pw',
        ODOO_PROTOCOL: 'xmlrpc',
        ODOO_RETRY_DELAYS_MS: 'none',
        APP_TYPES_JSON:
          '{"van_app": {"models": ["stock.picking"], "fields": {"stock.picking": ["name", "x_van"]}, "writable": ["stock.picking"], "conflict_strategy": "client_wins"}, "viewer": {"models": ["res.partner"], "writable": []}, "boss": ["*"]}',
        DEFAULT_APP_TYPE: 'van_app',
      });
      expect(config.appTypes).toEqual({ van_app: ['stock.picking'], viewer: ['res.partner'], boss: ['*'] });
      expect(config.appTypeFields).toEqual({ van_app: { 'stock.picking': ['name', 'x_van'] } });
      expect(config.appTypeWritable).toEqual({ van_app: ['stock.picking'], viewer: [] });
      expect(config.appTypeConflictStrategy).toEqual({ van_app: 'client_wins' });
      expect(config.database.url).toBe('postgres://u:p@db:5432/bc');
      expect(config.redisUrl).toBe('redis://cache:6379');
      expect(config.redisPrefix).toBe('bc-staging:');
      expect(config.port).toBe(8080);
      expect(config.rateLimits.enabled).toBe(false);
      expect(config.rateLimits.pullPerMinute).toBe(500);
      expect(config.odoo.defaultSystem).toEqual({
        id: 'default',
        url: 'https://erp.example.com',
        database: 'prod',
        username: 'sync',
        password: 'pw',
        protocol: 'xmlrpc',
      });
      expect(config.odoo.retryDelaysMs).toEqual([]);
      expect(config.appTypes).toEqual({ van_app: ['stock.picking'], viewer: ['res.partner'], boss: ['*'] });
      expect(config.defaultAppType).toBe('van_app');
    });

    it.each([
      ['off', false],
      ['2', 2],
      ['10.0.0.0/8, loopback,fd00::/8', ['10.0.0.0/8', 'loopback', 'fd00::/8']],
      ['192.168.1.10', ['192.168.1.10']],
    ])('TRUST_PROXY=%s trusts %j', (value, expected) => {
      expect(loadConfig({ DATA_DIR: tempDir(), TRUST_PROXY: value }).trustProxy).toEqual(expected);
    });

    it('reads the app-type map from a file', () => {
      const file = join(tempDir(), 'types.json');
      writeFileSync(file, JSON.stringify({ field: ['res.partner'] }));
      const config = loadConfig({ DATA_DIR: tempDir(), APP_TYPES_FILE: file, DEFAULT_APP_TYPE: 'field' });
      expect(config.appTypes).toEqual({ field: ['res.partner'] });
    });
  });

  describe('bad values stop the boot naming the variable', () => {
    const base = { DATA_DIR: '/tmp/bc-config-unused', ...SECRETS };
    it.each([
      [{ PORT: 'eighty' }, 'PORT'],
      [{ PORT: '70000' }, 'PORT'],
      [{ DATABASE_URL: 'mysql://x/y' }, 'DATABASE_URL'],
      [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL'],
      [{ REDIS_URL: 'http://cache' }, 'REDIS_URL'],
      [{ REDIS_PREFIX: 'bc *' }, 'REDIS_PREFIX'],
      [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
      [{ RATE_LIMITS: 'maybe' }, 'RATE_LIMITS'],
      [{ RATE_LIMIT_PUSH_PER_MINUTE: '0' }, 'RATE_LIMIT_PUSH_PER_MINUTE'],
      [{ ENCRYPTION_KEY: 'short' }, 'ENCRYPTION_KEY'],
      [{ JWT_ACCESS_SECRET: 'tiny' }, 'JWT_ACCESS_SECRET'],
      [{ JWT_REFRESH_SECRET: SECRETS.JWT_ACCESS_SECRET }, 'JWT_REFRESH_SECRET'],
      [{ ODOO_URL: 'ftp://erp' }, 'ODOO_URL'],
      [{ ODOO_URL: 'http://erp', ODOO_DB: 'x', ODOO_USERNAME: 'u' }, 'ODOO_PASSWORD'],
      [{ ODOO_RETRY_DELAYS_MS: '1s,2s' }, 'ODOO_RETRY_DELAYS_MS'],
      [{ APP_TYPES_JSON: '{"a": []}' }, 'APP_TYPES_JSON'],
      [{ APP_TYPES_JSON: '[1,2]' }, 'APP_TYPES_JSON'],
      [{ APP_TYPES_JSON: '{oops' }, 'APP_TYPES_JSON'],
      [{ APP_TYPES_JSON: '{"a": {"models": ["res.partner"], "fields": {"res.partner": []}}}' }, 'APP_TYPES_JSON'],
      [{ APP_TYPES_JSON: '{"a": {"models": ["res.partner"], "fields": ["name"]}}' }, 'APP_TYPES_JSON'],
      [{ APP_TYPES_JSON: '{"a": {"models": ["res.partner"], "writable": "res.partner"}}' }, 'APP_TYPES_JSON'],
      [{ APP_TYPES_JSON: '{"a": {"models": ["res.partner"], "writable": [""]}}' }, 'APP_TYPES_JSON'],
      [{ APP_TYPES_JSON: '{"a": {"models": ["res.partner"], "conflict_strategy": "office_wins"}}' }, 'APP_TYPES_JSON'],
      [{ DEFAULT_APP_TYPE: 'nope_app' }, 'DEFAULT_APP_TYPE'],
      [{ DEFAULT_APP_TYPE: '__proto__' }, 'DEFAULT_APP_TYPE'],
      [{ ADMIN_API_KEY: 'fifteen-chars..' }, 'ADMIN_API_KEY'],
      [{ BODY_LIMIT: 'lots' }, 'BODY_LIMIT'],
      [{ TRUST_PROXY: 'on' }, 'TRUST_PROXY'],
      [{ TRUST_PROXY: 'true' }, 'TRUST_PROXY'],
      [{ TRUST_PROXY: '0' }, 'TRUST_PROXY'],
      [{ TRUST_PROXY: '10.0.0.0/33' }, 'TRUST_PROXY'],
      [{ TRUST_PROXY: '10.0.0.1, proxy.example.com' }, 'TRUST_PROXY'],
    ])('%j → %s', (env, variable) => {
      expectConfigError({ ...base, ...env }, variable);
    });

    it('requires secrets when DATABASE_URL points at a shared PostgreSQL', () => {
      const error = expectConfigError({ DATABASE_URL: 'postgres://db/bc' }, 'JWT_ACCESS_SECRET');
      expect(error.message).toContain('DATABASE_URL');
      expect(error.problems.map((p) => p.variable)).toEqual(['JWT_ACCESS_SECRET', 'JWT_REFRESH_SECRET', 'ENCRYPTION_KEY', 'ADMIN_API_KEY']);
    });

    it('reports every bad value of one run at once, one line each', () => {
      const error = expectConfigError(
        { ...base, PORT: 'eighty', LOG_LEVEL: 'loud', ADMIN_API_KEY: 'short', TRUST_PROXY: 'yes please' },
        'PORT',
      );
      expect(error.problems.map((p) => p.variable)).toEqual(['PORT', 'LOG_LEVEL', 'TRUST_PROXY', 'ADMIN_API_KEY']);
      const lines = error.message.split('\n');
      expect(lines[0]).toBe('Invalid configuration:');
      expect(lines.slice(1)).toEqual([
        '  - PORT must be a whole number, got "eighty"',
        '  - LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "loud"',
        expect.stringMatching(/^ {2}- TRUST_PROXY must be off, a hop count, or IP addresses/),
        '  - ADMIN_API_KEY must be at least 16 characters',
      ]);
    });

    it('generates no secrets for a DATABASE_URL that is set but invalid', () => {
      const dir = tempDir();
      const error = expectConfigError({ DATA_DIR: dir, DATABASE_URL: 'not a url' }, 'DATABASE_URL');
      expect(error.problems.map((p) => p.variable)).toContain('JWT_ACCESS_SECRET');
      expect(() => statSync(join(dir, 'secrets.json'))).toThrow(/ENOENT/);
    });
  });
});

describe('defaultTrackedModels', () => {
  it("is the union of the app types' models, without the '*' wildcard", () => {
    const models = defaultTrackedModels(DEFAULT_APP_TYPES);
    expect(models).toContain('sale.order');
    expect(models).toContain('stock.quant');
    expect(models).not.toContain('*');
    expect(new Set(models).size).toBe(models.length);
  });
});
