import { randomUUID } from 'node:crypto';
import { startOdooSim, type OdooSim } from '../../odoo-sim';
import { startTestApp, TEST_ENV, type RunningApp } from '../../support/test-app';

export interface Target {
  sim: OdooSim;
  app: RunningApp;
  systemId: string;
  /** Access token of Odoo user 6 of the connected system. */
  token: string;
  close(): Promise<void>;
}

/** The app with one connected system (the simulator) and a user's token. */
export async function startTarget(env: Record<string, string> = {}): Promise<Target> {
  const sim = await startOdooSim();
  const app = await startTestApp({ ODOO_RETRY_DELAYS_MS: 'none', ...env });
  const systemId = `hostile-${randomUUID().slice(0, 8)}`;
  const connected = await fetch(`${app.url}/systems/${systemId}/connect`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Admin-Key': TEST_ENV.ADMIN_API_KEY },
    body: JSON.stringify({ url: sim.url, database: 'demo', username: 'admin', password: 'admin', system_type: 'odoo' }),
  });
  if (connected.status !== 200) throw new Error(`connect answered ${connected.status}: ${await connected.text()}`);
  // A real login: pushes act in Odoo as the user, through the Odoo session the login keeps.
  const login = await fetch(`${app.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'demo', password: 'demo', system_id: systemId }),
  });
  if (login.status !== 200) throw new Error(`login answered ${login.status}: ${await login.text()}`);
  const { access_token: token } = (await login.json()) as { access_token: string };
  return {
    sim,
    app,
    systemId,
    token,
    close: async () => {
      await app.close();
      await sim.close();
    },
  };
}

export interface RawAnswer {
  status: number;
  text: string;
  json: unknown;
  ms: number;
}

/** Sends `body` exactly as given (a string is not re-encoded: hostile JSON stays hostile). */
export async function send(
  t: Target,
  method: string,
  path: string,
  body?: string,
  headers: Record<string, string> = {},
): Promise<RawAnswer> {
  const started = performance.now();
  const res = await fetch(`${t.app.url}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${t.token}`, ...headers },
    body,
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json, ms: performance.now() - started };
}

/** SPEC §5: `{error, message, code, details}` and nothing else, with an UPPER_SNAKE code. */
export function isErrorBody(json: unknown): boolean {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return false;
  const body = json as Record<string, unknown>;
  return (
    Object.keys(body).sort().join(',') === 'code,details,error,message' &&
    typeof body.error === 'string' &&
    body.error !== '' &&
    typeof body.message === 'string' &&
    typeof body.code === 'string' &&
    /^[A-Z][A-Z0-9_]*$/.test(body.code) &&
    typeof body.details === 'object' &&
    body.details !== null &&
    !Array.isArray(body.details)
  );
}

/** Watches the event loop (the app runs in the test's process): stop() gives the longest stall in ms. */
export function watchEventLoop(intervalMs = 5): { stop(): number } {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last - intervalMs);
    last = now;
  }, intervalMs);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(longest, performance.now() - last - intervalMs);
    },
  };
}
