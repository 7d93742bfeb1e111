import type { OdooSim } from '../odoo-sim';
import { startTestApp, TEST_ENV, waitForFirstCapture, type RunningApp } from './test-app';

/** Connects system `systemId` of the app to the simulator through the admin API, as Odoo's administrator. */
export async function connectSystem(app: RunningApp, sim: OdooSim, systemId: string): Promise<void> {
  const res = await fetch(`${app.url}/systems/${systemId}/connect`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Admin-Key': TEST_ENV.ADMIN_API_KEY },
    body: JSON.stringify({ url: sim.url, database: sim.db, username: 'admin', password: 'admin', system_type: 'odoo' }),
  });
  if (res.status !== 200) throw new Error(`connect answered ${res.status}: ${await res.text()}`);
}

/** A real login: BridgeCore keeps the user's Odoo session, through which Odoo is asked as the user. The access token. */
export async function loginAs(app: RunningApp, systemId: string, username: string, password = username): Promise<string> {
  const res = await fetch(`${app.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password, system_id: systemId }),
  });
  if (res.status !== 200) throw new Error(`login answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

/**
 * The app capturing Odoo's changes every 100 ms, with `systemId` connected to the simulator and its first capture
 * done: what Odoo held is in the log before a test pulls.
 */
export async function startCapturingApp(sim: OdooSim, systemId: string, overrides: Record<string, string> = {}): Promise<RunningApp> {
  const app = await startTestApp({ INGEST: 'on', POLL_INTERVAL_MS: '100', POLL_MAX_INTERVAL_MS: '800', ODOO_RETRY_DELAYS_MS: 'none', ...overrides });
  await connectSystem(app, sim, systemId);
  await waitForFirstCapture(app, systemId);
  return app;
}
