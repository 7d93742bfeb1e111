import { formatDatetime, formatDatetimeIso, formatDatetimePy, truncateToSecond } from './datetime';
import type { Transaction } from './db';
import { relationIds, type ChangeListener, type Env, type EventKind, type FieldDef } from './orm';
import { PyFloat, pyJsonDumps } from './py-format';
import type { Priority, Row } from './types';

/**
 * What reaches the outside world when data changes:
 * - the auto_webhook addon's `update.webhook` rows (same transaction as the change; optional 3 s debounce that
 *   drops events; rows can be held back to reproduce ids that commit out of order);
 * - Odoo 18's native "Send Webhook Notification" automations, POSTed before commit (and even for a transaction
 *   that then rolls back).
 */

export const DEFAULT_TRACKED: Readonly<Record<string, Priority>> = {
  'sale.order': 'high',
  'sale.order.line': 'medium',
  'res.partner': 'medium',
  'stock.picking': 'medium',
  'stock.move': 'medium',
  'stock.move.line': 'medium',
  'stock.quant': 'medium',
  'product.template': 'low',
  'product.product': 'low',
  'stock.location': 'low',
};

export interface AddonOptions {
  /** Record update.webhook rows at all (only where the addon is installed: `startOdooSim({ addon })`). Default true. */
  enabled?: boolean;
  /** Tracked models and their priority. Default DEFAULT_TRACKED. */
  tracked?: Record<string, Priority>;
  /** The addon's in-memory debounce: a create/write within this many ms of the record's last event is dropped. 0 = off. */
  debounceMs?: number;
}

export type NativeTrigger = 'on_create' | 'on_write' | 'on_create_or_write' | 'on_unlink';

export interface NativeWebhookOptions {
  url: string;
  model: string;
  trigger: NativeTrigger;
  /** webhook_field_ids: the fields sent besides `id` (read with load=None). */
  fields?: string[];
  /** Identical POSTs per change (a real Odoo sends up to 13 for one partner create). Default 1. */
  repeat?: number;
  /** ir.actions.server id shown in `_action`. Default: allocated from 451. */
  actionId?: number;
  /** Per-POST timeout; Odoo uses 1 s and never retries. */
  timeoutMs?: number;
}

export interface NativeWebhookRule extends Required<NativeWebhookOptions> {
  active: boolean;
}

export interface NativeDelivery {
  url: string;
  body: string;
  status?: number;
  error?: string;
  at: number;
  /** Whether the transaction that posted it committed (false: a phantom change). */
  committed?: boolean;
}

interface PendingPost {
  rule: NativeWebhookRule;
  body: string;
}

interface TxState {
  /** model:id:kind keys already turned into an event in this transaction (one event per record per call). */
  seen: Set<string>;
  webhookIds: number[];
  posts: PendingPost[];
}

export interface WebhookHold {
  /** update.webhook ids held back (allocated, invisible to every reader until release). */
  readonly ids: readonly number[];
  /** Makes the held rows visible, as if their long transaction finally committed. */
  release(): void;
}

const EVENT_LABEL: Record<EventKind, string> = { create: 'Create', write: 'Update', unlink: 'Delete' };

/** Rule names of the addon's default webhook.rule records, as seen in recorded `_metadata.rule_name`. */
const RULE_LABELS: Record<string, string> = {
  'sale.order': 'Sale Orders',
  'res.partner': 'Partners',
  'product.template': 'Products',
  'stock.picking': 'Stock Picking',
  'stock.move': 'Stock Move',
};

export class ChangeCapture implements ChangeListener {
  readonly hiddenWebhookIds = new Set<number>();
  readonly deliveries: NativeDelivery[] = [];
  private readonly rules: NativeWebhookRule[] = [];
  private readonly txStates = new WeakMap<Transaction, TxState>();
  private readonly lastEvent = new Map<string, number>();
  private readonly holds: Array<{ remaining: number; ids: number[] }> = [];
  private nextActionId = 451;
  options: Required<AddonOptions>;

  constructor(options: AddonOptions = {}) {
    this.options = {
      enabled: options.enabled ?? true,
      tracked: { ...(options.tracked ?? DEFAULT_TRACKED) },
      debounceMs: options.debounceMs ?? 0,
    };
  }

  // ------------------------------------------------------------ configuration

  addNativeWebhook(options: NativeWebhookOptions): NativeWebhookRule {
    const rule: NativeWebhookRule = {
      url: options.url,
      model: options.model,
      trigger: options.trigger,
      fields: options.fields ?? [],
      repeat: Math.max(1, options.repeat ?? 1),
      actionId: options.actionId ?? this.nextActionId++,
      timeoutMs: options.timeoutMs ?? 1000,
      active: true,
    };
    this.rules.push(rule);
    return rule;
  }

  removeNativeWebhooks(): void {
    this.rules.length = 0;
  }

  /** Rows of the next `transactions` transactions that record update.webhook rows stay invisible until released. */
  holdWebhookRows(transactions = 1): WebhookHold {
    const hold = { remaining: transactions, ids: [] as number[] };
    this.holds.push(hold);
    return {
      get ids() {
        return hold.ids;
      },
      release: () => {
        hold.remaining = 0;
        for (const id of hold.ids) this.hiddenWebhookIds.delete(id);
      },
    };
  }

  // ------------------------------------------------------------ ChangeListener

  private state(tx: Transaction): TxState {
    let state = this.txStates.get(tx);
    if (!state) {
      state = { seen: new Set(), webhookIds: [], posts: [] };
      this.txStates.set(tx, state);
    }
    return state;
  }

  afterCreate(env: Env, model: string, ids: number[]): void {
    for (const id of ids) this.event(env, model, id, 'create', []);
  }

  afterWrite(env: Env, model: string, ids: number[], changed: string[]): void {
    for (const id of ids) this.event(env, model, id, 'write', changed);
  }

  beforeUnlink(env: Env, model: string, ids: number[]): void {
    for (const id of ids) this.event(env, model, id, 'unlink', []);
  }

  private event(env: Env, model: string, id: number, kind: EventKind, changed: string[]): void {
    if (model === 'update.webhook') return;
    this.queueNative(env, model, id, kind);
    this.recordRow(env, model, id, kind, changed);
  }

  private recordRow(env: Env, model: string, id: number, kind: EventKind, changed: string[]): void {
    const priority = this.options.tracked[model];
    if (!this.options.enabled || !priority || !env.registry.has('update.webhook')) return;
    const state = this.state(env.tx);
    // create and write share one key: a record created and then written in the same call yields one event.
    const windowKey = kind === 'unlink' ? `${model}:${id}:unlink` : `${model}:${id}`;
    if (state.seen.has(windowKey)) return;
    state.seen.add(windowKey);
    if (this.options.debounceMs > 0) {
      const last = this.lastEvent.get(windowKey);
      // The addon drops (does not delay) an event inside the window, and a rolled-back one still arms it.
      if (last !== undefined && env.now - last < this.options.debounceMs) return;
      this.lastEvent.set(windowKey, env.now);
    }
    const payload = this.payload(env, model, id, kind, changed);
    const timestamp = formatDatetime(truncateToSecond(env.now));
    const [rowId] = env.create('update.webhook', [
      {
        model,
        record_id: id,
        event: kind,
        payload,
        timestamp,
        user_id: env.uid,
        priority,
        category: 'business',
      },
    ]);
    state.webhookIds.push(rowId);
  }

  private ruleRef(env: Env, model: string, kind: EventKind): { id: number; name: string } {
    const models = Object.keys(this.options.tracked);
    const index = Math.max(0, models.indexOf(model));
    const offset = kind === 'create' ? 1 : kind === 'write' ? 2 : 3;
    const label = RULE_LABELS[model] ?? env.def(model).description;
    return { id: index * 3 + offset, name: `${label} - ${EVENT_LABEL[kind]}` };
  }

  /** The addon's payload: every stored field, many2one {id, name}, x2many [{id, name}] (≤ 50), ISO datetimes. */
  payload(env: Env, model: string, id: number, kind: EventKind, changed: string[]): Row {
    const def = env.def(model);
    const payload: Row = {};
    for (const [name, field] of Object.entries(def.fields)) {
      if (!field.store && name !== 'id') continue;
      payload[name] = this.payloadValue(env, field, env.value(model, id, name));
    }
    const rule = this.ruleRef(env, model, kind);
    payload._metadata = { id, model, rule_id: rule.id, rule_name: rule.name, display_name: env.displayName(model, id) };
    if (kind === 'write') payload._changed_fields = changed;
    return payload;
  }

  private payloadValue(env: Env, field: FieldDef, value: unknown): unknown {
    const relation = field.relation;
    switch (field.type) {
      case 'many2one': {
        const target = relationIds(value)[0];
        if (target === undefined || !relation || !env.registry.has(relation) || !env.exists(relation, target)) {
          return { id: false, name: '' };
        }
        return { id: target, name: env.displayName(relation, target) };
      }
      case 'one2many':
      case 'many2many': {
        if (!relation || !env.registry.has(relation)) return [];
        return relationIds(value)
          .filter((rid) => env.exists(relation, rid))
          .slice(0, 50)
          .map((rid) => ({ id: rid, name: env.displayName(relation, rid) }));
      }
      case 'datetime':
        return typeof value === 'number' ? formatDatetimeIso(value) : false;
      case 'integer':
        return typeof value === 'number' ? value : 0;
      case 'float':
      case 'monetary':
        // Kept as a Python float so it reads back as 44.0, not 44, like the recorded jsonb payloads.
        return new PyFloat(typeof value === 'number' ? value : 0);
      case 'boolean':
        return value === true;
      default:
        return value === undefined || value === null ? false : value;
    }
  }

  private queueNative(env: Env, model: string, id: number, kind: EventKind): void {
    const triggers: NativeTrigger[] =
      kind === 'create' ? ['on_create', 'on_create_or_write'] : kind === 'write' ? ['on_write', 'on_create_or_write'] : ['on_unlink'];
    const rules = this.rules.filter((r) => r.active && r.model === model && triggers.includes(r.trigger));
    if (!rules.length) return;
    const state = this.state(env.tx);
    for (const rule of rules) {
      const body = nativeWebhookBody(env, rule, model, id);
      for (let i = 0; i < rule.repeat; i++) state.posts.push({ rule, body });
    }
  }

  // ------------------------------------------------------------ transaction hooks (called by the engine)

  /** Posts the transaction's native webhooks, in order, before it commits (each blocks up to its timeout). */
  async deliverBeforeCommit(tx: Transaction): Promise<NativeDelivery[]> {
    const posts = this.txStates.get(tx)?.posts ?? [];
    const sent: NativeDelivery[] = [];
    for (const post of posts) {
      const delivery: NativeDelivery = { url: post.rule.url, body: post.body, at: Date.now() };
      try {
        const response = await fetch(post.rule.url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'User-Agent': 'python-requests/2.28.1', Accept: '*/*' },
          body: post.body,
          signal: AbortSignal.timeout(post.rule.timeoutMs),
        });
        delivery.status = response.status;
        await response.arrayBuffer().catch(() => undefined);
      } catch (err) {
        // Odoo logs a WARNING and carries on: the user's write still commits, nothing is retried.
        delivery.error = err instanceof Error ? err.message : String(err);
      }
      this.deliveries.push(delivery);
      sent.push(delivery);
    }
    return sent;
  }

  committed(tx: Transaction, sent: NativeDelivery[]): void {
    for (const delivery of sent) delivery.committed = true;
    const ids = this.txStates.get(tx)?.webhookIds ?? [];
    if (!ids.length) return;
    const hold = this.holds.find((h) => h.remaining > 0);
    if (!hold) return;
    hold.remaining -= 1;
    for (const id of ids) {
      hold.ids.push(id);
      this.hiddenWebhookIds.add(id);
    }
  }

  rolledBack(_tx: Transaction, sent: NativeDelivery[]): void {
    for (const delivery of sent) delivery.committed = false;
  }
}

/** Native automation body: sorted keys, many2one as bare ids, datetimes as Python str() with microseconds. */
export function nativeWebhookBody(env: Env, rule: NativeWebhookRule, model: string, id: number): string {
  const body: Record<string, unknown> = {
    _action: `Send Webhook Notification(#${rule.actionId})`,
    _id: id,
    _model: model,
    id,
  };
  const def = env.def(model);
  for (const name of rule.fields) {
    const field = def.fields[name];
    if (!field || name === 'id') continue;
    const value = env.value(model, id, name);
    switch (field.type) {
      case 'many2one':
        body[name] = relationIds(value)[0] ?? false;
        break;
      case 'one2many':
      case 'many2many':
        body[name] = relationIds(value);
        break;
      case 'datetime':
        body[name] = typeof value === 'number' ? formatDatetimePy(value) : false;
        break;
      case 'float':
      case 'monetary':
        body[name] = new PyFloat(typeof value === 'number' ? value : 0);
        break;
      case 'integer':
        body[name] = typeof value === 'number' ? value : 0;
        break;
      case 'boolean':
        body[name] = value === true;
        break;
      default:
        body[name] = value === undefined || value === null ? false : value;
    }
  }
  return pyJsonDumps(body, { sortKeys: true });
}
