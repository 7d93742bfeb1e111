import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import type { ConnectSystemDto } from '../../../src/modules/systems/dto/connect-system.dto';
import { SystemsService } from '../../../src/modules/systems/systems.service';
import type { PushResponse } from '../../../src/modules/offline-sync/offline-sync.types';
import { startOdooSim, type OdooSim } from '../../odoo-sim';
import { startTestApp, type RunningApp } from '../../support/test-app';

export interface Harness {
  sim: OdooSim;
  app: RunningApp;
  close(): Promise<void>;
}

/** The simulator as Odoo and the whole app; Odoo client retries off so failures show at once. */
export async function startHarness(env: Record<string, string> = {}): Promise<Harness> {
  const sim = await startOdooSim();
  const app = await startTestApp({ ODOO_RETRY_DELAYS_MS: 'none', ODOO_TIMEOUT_MS: '5000', ...env });
  return {
    sim,
    app,
    close: async () => {
      await app.close();
      await sim.close();
    },
  };
}

/**
 * The push suites' setup: one harness per file, three saleable products, and the simulator's faults cleared after
 * each test. `ready` receives them once the harness runs.
 */
export function usePushHarness(ready: (h: Harness, productIds: number[]) => void): void {
  let harness: Harness | undefined;
  beforeAll(async () => {
    harness = await startHarness();
    ready(harness, await harness.sim.env().search('product.product', [['sale_ok', '=', true]], { limit: 3 }));
  });
  afterAll(() => harness?.close());
  afterEach(() => {
    harness?.sim.faults.reset();
    harness?.sim.faults.clearAccessErrors();
  });
}

export interface Tenant {
  tenantId: string;
  token: string;
  refreshToken: string;
  userId: number;
}

const PASSWORDS: Record<number, [string, string]> = { 2: ['admin', 'admin'], 6: ['demo', 'demo'], 7: ['portal', 'portal'] };

/**
 * A fresh connected system (= tenant) pointing at the simulator, and an access token for its user from a real
 * login: pushes act in Odoo as the user, through the Odoo session that login keeps.
 */
export async function newTenant(h: Harness, userId = 6): Promise<Tenant> {
  const tenantId = `os-${randomUUID()}`;
  await h.app.app.get(SystemsService).connect(tenantId, {
    url: h.sim.url,
    database: 'demo',
    username: 'admin',
    password: 'admin',
    system_type: 'odoo',
  } as ConnectSystemDto);
  const [username, password] = PASSWORDS[userId];
  const res = await fetch(`${h.app.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password, system_id: tenantId }),
  });
  const body = (await res.json()) as { access_token: string; refresh_token: string };
  if (res.status !== 200) throw new Error(`login as ${username} failed: ${res.status} ${JSON.stringify(body)}`);
  return { tenantId, token: body.access_token, refreshToken: body.refresh_token, userId };
}

export interface Answer<T> {
  status: number;
  body: T;
  headers: Headers;
}

export async function api<T = Record<string, unknown>>(
  h: Harness,
  token: string | null,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<Answer<T>> {
  const res = await fetch(`${h.app.url}/api/v1/offline-sync${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T, headers: res.headers };
}

export function push(h: Harness, t: Tenant, body: Record<string, unknown>): Promise<Answer<PushResponse>> {
  return api<PushResponse>(h, t.token, 'POST', '/push', body);
}

/** Sends a push and drops the connection as soon as the body is written, never reading the answer. */
export function pushAndHangUp(h: Harness, t: Tenant, body: Record<string, unknown>): Promise<void> {
  const payload = JSON.stringify(body);
  const url = new URL(`${h.app.url}/api/v1/offline-sync/push`);
  return new Promise((resolve) => {
    const req = request(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), authorization: `Bearer ${t.token}` } },
      () => undefined,
    );
    req.on('error', () => undefined);
    req.on('finish', () => {
      req.destroy();
      resolve();
    });
    req.end(payload);
  });
}

export function resultOf(response: PushResponse, localId: string) {
  const r = response.results.find((x) => x.local_id === localId);
  if (!r) throw new Error(`no result for ${localId}`);
  return r;
}

export const unique = (prefix: string): string => `${prefix} ${randomUUID().slice(0, 8)}`;
