import { AppConfig, loadConfig } from '../../src/config/app.config';

/** Test secrets: fixed so tokens minted in a test verify in every app instance of that test. */
export const TEST_ENV: Record<string, string> = {
  JWT_ACCESS_SECRET: 'test-access-secret-0123456789',
  JWT_REFRESH_SECRET: 'test-refresh-secret-0123456789',
  ENCRYPTION_KEY: '0'.repeat(63) + '1',
  ADMIN_API_KEY: 'test-admin-key-0123456789',
  LOG_LEVEL: 'silent',
  RATE_LIMITS: 'off',
  INGEST: 'off',
  // Tests read a tenant's series by its id.
  METRICS_TENANT_LABELS: 'on',
};

/** Config for unit tests: the test secrets, in-memory database, nothing external. */
export function unitConfig(overrides: Record<string, string> = {}): AppConfig {
  return loadConfig({ ...TEST_ENV, DATABASE_URL: 'memory://', DATA_DIR: '/tmp/bridgecore-test', ...overrides });
}
