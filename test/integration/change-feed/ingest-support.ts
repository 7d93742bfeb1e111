import { randomUUID } from 'node:crypto';
import { EventLogRepository } from '../../../src/modules/feed/event-log.repository';
import type { StoredEvent } from '../../../src/modules/feed/event.types';
import { IngestionScheduler } from '../../../src/modules/ingestion/ingestion.scheduler';
import { IngestStateRepository } from '../../../src/modules/ingestion/sources/ingest-state.repository';
import { ODOO_CLIENT_FACTORY, type OdooClient, type OdooClientFactory } from '../../../src/modules/odoo/odoo.client';
import type { SystemOptions } from '../../../src/modules/systems/systems.types';
import type { OdooSim } from '../../odoo-sim';
import { startTestApp, TEST_ENV, waitFor, type RunningApp } from '../../support/test-app';

/** Ingestion on, fast: the sources run every 100 ms and hints are re-checked within a second. */
export const FAST_INGEST: Record<string, string> = {
  INGEST: 'on',
  POLL_INTERVAL_MS: '100',
  POLL_MAX_INTERVAL_MS: '800',
  RECONCILE_INTERVAL_MS: '600000',
  HINT_RETRY_DELAYS_MS: '100,200,300,400',
  ODOO_RETRY_DELAYS_MS: 'none',
};

/**
 * The test database is shared by every test file: each app only ingests systems with its own prefix,
 * so apps of other files never take this file's tenants (pass the same prefix to share them).
 */
export function startIngestApp(overrides: Record<string, string> = {}, prefix = systemPrefix()): Promise<RunningApp> {
  return startTestApp({ ...FAST_INGEST, INGEST_SYSTEMS: `${prefix}*`, ...overrides });
}

export function systemPrefix(): string {
  return `ingest-${randomUUID().slice(0, 8)}-`;
}

export interface ConnectedSystem {
  id: string;
  urlToken: string;
}

/** Connects the simulator as a new system (unique id) through the operator API. */
export async function connectSim(
  app: RunningApp,
  sim: OdooSim,
  options: SystemOptions,
  secrets: { webhook_secret?: string; webhook_api_key?: string } = {},
): Promise<ConnectedSystem> {
  const pattern = app.config.ingest.systems?.[0] ?? 'ingest-*';
  const id = `${pattern.replace(/\*$/, '')}${randomUUID()}`;
  const response = await fetch(`${app.url}/systems/${id}/connect`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Admin-Key': TEST_ENV.ADMIN_API_KEY },
    body: JSON.stringify({
      url: sim.url,
      database: sim.db,
      username: 'admin',
      password: 'admin',
      system_type: 'odoo',
      options,
      ...secrets,
    }),
  });
  const body = (await response.json()) as { webhook_url_token?: string };
  if (response.status !== 200) throw new Error(`connect failed: ${response.status} ${JSON.stringify(body)}`);
  return { id, urlToken: body.webhook_url_token as string };
}

/** An Odoo user's own client over JSON-RPC: changes made the way a real Odoo user's app would. */
export function odooUser(app: RunningApp, sim: OdooSim, login = 'admin'): OdooClient {
  const factory = app.app.get<OdooClientFactory>(ODOO_CLIENT_FACTORY);
  return factory.create({ url: sim.url, database: sim.db, username: login, password: login, protocol: 'jsonrpc' });
}

export function allEvents(app: RunningApp, tenantId: string): Promise<StoredEvent[]> {
  return app.app.get(EventLogRepository).readAfter(tenantId, 0, { models: '*', limit: 100_000 });
}

export async function eventsFor(app: RunningApp, tenantId: string, model: string, recordIds: number[]): Promise<StoredEvent[]> {
  const ids = new Set(recordIds);
  return (await allEvents(app, tenantId)).filter((e) => e.model === model && ids.has(e.recordId));
}

/** Waits until at least `atLeast` events exist for these records, and returns them. */
export async function waitForEvents(
  app: RunningApp,
  tenantId: string,
  model: string,
  recordIds: number[],
  atLeast = 1,
  // A limit for a capture that never comes, not a speed check: a loaded CI machine took over 20 s for 700 events.
  timeoutMs = 60000,
): Promise<StoredEvent[]> {
  let events: StoredEvent[] = [];
  await waitFor(async () => {
    events = await eventsFor(app, tenantId, model, recordIds);
    return events.length >= atLeast;
  }, timeoutMs);
  return events;
}

/** Waits until this instance completed `n` ingestion runs of the tenant (its first run sets the baselines). */
export function waitForCycles(app: RunningApp, tenantId: string, n = 1, timeoutMs = 15000): Promise<boolean> {
  return waitFor(() => app.app.get(IngestionScheduler).cycles(tenantId) >= n, timeoutMs);
}

/** Lets the tenant's sources run `runs` more times (to show that nothing further gets logged). */
export async function moreCycles(app: RunningApp, tenantId: string, runs = 3): Promise<void> {
  const now = app.app.get(IngestionScheduler).cycles(tenantId);
  await waitForCycles(app, tenantId, now + runs);
}

export function pendingHints(app: RunningApp, tenantId: string): Promise<number> {
  return app.app.get(IngestStateRepository).pendingHintCount(tenantId);
}
