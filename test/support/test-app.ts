import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { createApp } from '../../src/bootstrap';
import { AppConfig, loadConfig } from '../../src/config/app.config';
import { pgliteTemplate } from './pglite-template';
import { TEST_ENV } from './test-env';

export { TEST_ENV } from './test-env';

/**
 * The database tests run against: real PostgreSQL when DATABASE_URL is set (CI), else in-memory
 * PGlite. Refuses any PostgreSQL database whose name does not contain "test".
 */
export function testDatabaseUrl(): string | undefined {
  const url = process.env.DATABASE_URL;
  if (!url) {
    if (process.env.CI) throw new Error('CI must run integration tests against PostgreSQL: set DATABASE_URL');
    return undefined;
  }
  const name = new URL(url).pathname.slice(1);
  if (!name.includes('test')) throw new Error(`Refusing to run tests against database "${name}" (name must contain "test")`);
  return url;
}

/** The servers `npm run test:services` needs: both must be given, those tests have no embedded stand-in. */
export function servicesUrls(): { databaseUrl: string; redisUrl: string } {
  const databaseUrl = testDatabaseUrl();
  const redisUrl = testRedisUrl();
  if (!databaseUrl || !redisUrl) {
    throw new Error('npm run test:services runs against PostgreSQL and Redis: set DATABASE_URL and REDIS_URL (see README, Testing)');
  }
  return { databaseUrl, redisUrl };
}

export function testRedisUrl(): string | undefined {
  const url = process.env.REDIS_URL;
  if (!url && process.env.CI) throw new Error('CI must run integration tests against Redis: set REDIS_URL');
  return url;
}

export function testConfig(overrides: Record<string, string> = {}): AppConfig {
  const env: Record<string, string> = { ...TEST_ENV, DATA_DIR: '/tmp/bridgecore-test' };
  const db = testDatabaseUrl();
  env.DATABASE_URL = db ?? 'memory://';
  const redis = testRedisUrl();
  if (redis) env.REDIS_URL = redis;
  // Lets several test runs share one Redis without seeing each other's keys and channels.
  if (process.env.TEST_REDIS_PREFIX) env.REDIS_PREFIX = process.env.TEST_REDIS_PREFIX;
  return loadConfig({ ...env, ...overrides });
}

export interface RunningApp {
  app: INestApplication;
  url: string;
  config: AppConfig;
  close(): Promise<void>;
}

/** The whole application listening on an ephemeral loopback port. */
export async function startTestApp(overrides: Record<string, string> = {}): Promise<RunningApp> {
  const config = testConfig(overrides);
  const { pgliteDir } = config.database;
  if (!config.database.url && (pgliteDir === null || !existsSync(pgliteDir))) {
    config.database = { ...config.database, pgliteSnapshot: await pgliteTemplate() };
  }
  const app = await createApp(config);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return { app, url: `http://127.0.0.1:${address.port}`, config, close: () => app.close() };
}

/** Polls until check returns a truthy value or the deadline passes (no sleeps for synchronisation). */
export async function waitFor<T>(check: () => Promise<T> | T, timeoutMs = 10000, intervalMs = 25): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      throw new Error(`condition not met within ${timeoutMs} ms${last instanceof Error ? `: ${last.message}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/**
 * Waits until change capture has completed a run for the system: the records Odoo held when it was connected are in
 * the log. A test that pulls before that races the first capture: a device that first finds the log empty gets a
 * snapshot on its next pull, and records logged during a drain are counted or delivered twice.
 */
export async function waitForFirstCapture(app: RunningApp, systemId: string, timeoutMs = 30_000): Promise<void> {
  await waitFor(async () => {
    const res = await fetch(`${app.url}/systems/${systemId}`, { headers: { 'X-Admin-Key': TEST_ENV.ADMIN_API_KEY } });
    const body = (await res.json()) as { ingestion?: { last_success_at: string | null } };
    return body.ingestion?.last_success_at ?? undefined;
  }, timeoutMs);
}

/** A loopback port free at the time of asking (for a server a test starts itself). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Overrides for apps that must see one database across restarts (or side by side): on embedded defaults a PGlite
 * directory of the test's own, since every in-memory app starts empty; on PostgreSQL the test database as usual.
 */
export function durableDatabase(): { env: Record<string, string>; remove(): void } {
  if (testDatabaseUrl()) return { env: {}, remove: () => undefined };
  const dir = mkdtempSync(join(tmpdir(), 'bridgecore-test-'));
  return { env: { DATABASE_URL: '', DATA_DIR: dir }, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

