import { randomUUID } from 'node:crypto';
import { DefaultQueryExecutor } from 'kysely';
import { FeedWriter } from '../../../src/modules/feed/feed-writer';
import type { NewEvent, StoredEvent } from '../../../src/modules/feed/event.types';
import { accessTokenOf } from '../../support/connected-tenant';
import type { RunningApp } from '../../support/test-app';
import { newEvent } from '../change-feed/events.fixture';

export interface PulledEvent {
  id: number;
  model: string;
  record_id: number;
  event: string;
  timestamp: string;
  priority: string;
  payload?: Record<string, unknown>;
}

export interface PullBody {
  status: string;
  success: boolean;
  has_updates: boolean;
  new_events_count: number;
  events: PulledEvent[];
  next_sync_token: string;
  last_sync_time: string;
  last_sync_at: string;
  has_more: boolean;
  /** The page comes from a snapshot of the current records. */
  snapshot: boolean;
  /** Records and events left to pull after this page. */
  remaining: number;
  /** The device was behind the retained history: this page starts a snapshot to apply from empty. */
  reset_required: boolean;
  sync_state: Record<string, unknown>;
}

export const newTenant = (): string => `ss-${randomUUID()}`;

/** An access token of a user of the tenant, connected to an Odoo first when it is not (see connectTenant). */
export function tokenFor(app: RunningApp, tenantId: string, userId = 2): Promise<string> {
  return accessTokenOf(app.app, tenantId, userId);
}

export function event(model: string, recordId: number, overrides: Partial<NewEvent> = {}): NewEvent {
  return newEvent({
    model,
    recordId,
    timestamp: new Date(),
    payload: { id: recordId, name: `${model} ${recordId}` },
    changedFields: ['name'],
    ...overrides,
  });
}

export function append(app: RunningApp, tenantId: string, events: NewEvent[]): Promise<StoredEvent[]> {
  return app.app.get(FeedWriter).append(tenantId, events);
}

/** POST /api/v2/sync/pull; returns the status, parsed body and headers. */
export async function pull(
  app: RunningApp,
  token: string,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: PullBody & Record<string, unknown>; headers: Headers }> {
  const res = await fetch(`${app.url}/api/v2/sync/pull`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as PullBody & Record<string, unknown>, headers: res.headers };
}

export async function call(
  app: RunningApp,
  token: string | null,
  method: string,
  path: string,
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const res = await fetch(`${app.url}${path}`, { method, headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, headers: res.headers };
}

export const ids = (body: PullBody): number[] => body.events.map((e) => e.id);

/**
 * Records every SQL statement the app runs (both engines go through Kysely's query executor), so a
 * test can prove that a request did not touch the database.
 */
export function recordQueries(): { sql: string[]; stop: () => void } {
  const sql: string[] = [];
  const original = DefaultQueryExecutor.prototype.executeQuery;
  const spy = jest
    .spyOn(DefaultQueryExecutor.prototype, 'executeQuery')
    .mockImplementation(function (this: DefaultQueryExecutor, ...args: Parameters<DefaultQueryExecutor['executeQuery']>) {
      sql.push(args[0].sql);
      return original.apply(this, args);
    });
  return { sql, stop: () => spy.mockRestore() };
}
