import { randomUUID } from 'node:crypto';
import { startOdooSim, type OdooSim } from '../../odoo-sim';
import { connectSystem, loginAs } from '../../support/odoo-tenant';
import { startTestApp, type RunningApp } from '../../support/test-app';

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
  await connectSystem(app, sim, systemId);
  // A real login: pushes act in Odoo as the user, through the Odoo session the login keeps.
  const token = await loginAs(app, systemId, 'demo');
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
