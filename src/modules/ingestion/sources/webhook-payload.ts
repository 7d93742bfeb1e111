import type { Category, EventType, Priority } from '../../feed/event.types';
import { InvalidWebhookPayload } from './webhook.errors';

/**
 * A webhook delivery reduced to what BridgeCore trusts of it: which record to look at. Everything else
 * is advisory (SPEC §4: a webhook is a hint, not a fact); the record is read back from Odoo.
 */
export interface WebhookHint {
  model: string;
  recordId: number;
  /** What the sender claims happened; Odoo's native webhook says nothing. */
  claimedEvent: EventType | null;
  priority: Priority | null;
  category: Category | null;
  /** The sender's id for the delivery (the addon's webhook.event id), kept for tracing only. */
  senderEventId: string | null;
}

export const MAX_HINTS_PER_DELIVERY = 1000;

type Body = Record<string, unknown>;

const MODEL_NAME = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$|^[a-z][a-z0-9_]*$/;
const EVENTS: readonly EventType[] = ['create', 'write', 'unlink'];
const PRIORITIES: readonly Priority[] = ['high', 'medium', 'low'];
const CATEGORIES: readonly Category[] = ['business', 'system', 'notification', 'custom'];

/**
 * Accepts the four shapes recorded from a real Odoo 18 (test/odoo-sim/fixtures/webhooks):
 * - the addon's cron envelope `{event_id, model, record_id, event, timestamp, priority, category, data, changed_fields}`;
 * - the addon's batch `{batch: true, events: [envelope…]}`;
 * - the addon's instant push: the flat record plus `_webhook_metadata {event_id, event_type, model, record_id, timestamp}`;
 * - Odoo 17+ native "Send Webhook Notification": `{_action, _id, _model, id, …fields}` (no event type at all).
 */
export function parseWebhookBody(body: unknown): WebhookHint[] {
  if (!isObject(body)) throw new InvalidWebhookPayload('the body must be a JSON object');
  if (body.batch === true || Array.isArray(body.events)) {
    if (!Array.isArray(body.events)) throw new InvalidWebhookPayload('a batch needs an "events" array');
    if (body.events.length > MAX_HINTS_PER_DELIVERY) {
      throw new InvalidWebhookPayload(`a batch holds at most ${MAX_HINTS_PER_DELIVERY} events`, { count: body.events.length });
    }
    return body.events.map((event, index) => {
      if (!isObject(event)) throw new InvalidWebhookPayload('each batch event must be an object', { index });
      return parseOne(event, `events.${index}`);
    });
  }
  return [parseOne(body, '')];
}

function parseOne(body: Body, path: string): WebhookHint {
  const at = (field: string) => (path ? `${path}.${field}` : field);
  const metadata = body._webhook_metadata;
  if (isObject(metadata)) {
    return {
      model: modelName(metadata.model, at('_webhook_metadata.model')),
      recordId: recordId(metadata.record_id, at('_webhook_metadata.record_id')),
      claimedEvent: oneOf(metadata.event_type, EVENTS),
      priority: null,
      category: null,
      senderEventId: idString(metadata.event_id),
    };
  }
  if ('_model' in body || '_id' in body) {
    return {
      model: modelName(body._model, at('_model')),
      recordId: recordId(body._id ?? body.id, at('_id')),
      claimedEvent: null,
      priority: null,
      category: null,
      senderEventId: null,
    };
  }
  if ('model' in body && 'record_id' in body) {
    return {
      model: modelName(body.model, at('model')),
      recordId: recordId(body.record_id, at('record_id')),
      claimedEvent: oneOf(body.event, EVENTS),
      priority: oneOf(body.priority, PRIORITIES),
      category: oneOf(body.category, CATEGORIES),
      senderEventId: idString(body.event_id),
    };
  }
  throw new InvalidWebhookPayload('unrecognised webhook body: expected the addon envelope, batch or instant form, or an Odoo automation body', {
    path: path || undefined,
  });
}

function isObject(v: unknown): v is Body {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function modelName(v: unknown, field: string): string {
  if (typeof v !== 'string' || v.length > 128 || !MODEL_NAME.test(v)) {
    throw new InvalidWebhookPayload(`${field} must be an Odoo model name`, { field });
  }
  return v;
}

function recordId(v: unknown, field: string): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v <= 0) {
    throw new InvalidWebhookPayload(`${field} must be a positive integer`, { field });
  }
  return v;
}

function oneOf<T extends string>(v: unknown, allowed: readonly T[]): T | null {
  return typeof v === 'string' && (allowed as readonly string[]).includes(v) ? (v as T) : null;
}

function idString(v: unknown): string | null {
  return typeof v === 'number' || (typeof v === 'string' && v !== '') ? String(v) : null;
}

