import type { OdooClient } from '../odoo/odoo.client';
import { OdooError } from '../odoo/odoo.errors';
import type { Values } from './conflict-resolver';

/**
 * Runs tasks one after another per key, and tasks of different keys side by side. Creates of children of one
 * parent record (lines of one order) go through it: each updates the parent (the order's totals), and of two at
 * once Odoo rejects one with a database conflict.
 */
export class ParentQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(keys: readonly string[], task: () => Promise<T>): Promise<T> {
    if (keys.length === 0) return task();
    // Registered on every key at once, in the order tasks arrive: a task only ever waits for earlier ones.
    const done = Promise.allSettled(keys.map((k) => this.tails.get(k))).then(task);
    const tail = done.then(
      () => undefined,
      () => undefined,
    );
    for (const key of keys) this.tails.set(key, tail);
    void tail.then(() => {
      for (const key of keys) if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return done;
  }
}

type Fields = Record<string, Record<string, unknown>>;

const fieldsCache = new WeakMap<OdooClient, Map<string, Promise<Fields>>>();

/** fields_get with the attributes parent links need, once per client and model (a failure is not kept). */
function fieldsOf(client: OdooClient, model: string): Promise<Fields> {
  let byModel = fieldsCache.get(client);
  if (!byModel) fieldsCache.set(client, (byModel = new Map()));
  let fields = byModel.get(model);
  if (!fields) {
    fields = client.fieldsGet(model, ['type', 'relation', 'relation_field']);
    byModel.set(model, fields);
    fields.catch(() => byModel.delete(model));
  }
  return fields;
}

/**
 * The parent records a create's values attach it to, as `model:id` keys: its many2one values whose field is the
 * inverse of a one2many of the target model (sale.order.line's order_id is sale.order's order_line).
 */
export async function parentKeys(client: OdooClient, model: string, values: Values): Promise<string[]> {
  const fields = await fieldsOf(client, model);
  const keys: string[] = [];
  for (const [name, value] of Object.entries(values)) {
    const relation = fields[name]?.relation;
    if (fields[name]?.type !== 'many2one' || typeof relation !== 'string' || typeof value !== 'number') continue;
    const parent = await fieldsOf(client, relation).catch((error: unknown) => {
      // A target model the user may not describe holds no lines of theirs; Odoo being down is the push's failure.
      if (error instanceof OdooError && !error.retryable) return {};
      throw error;
    });
    const inverse = Object.values(parent).some((f) => f.type === 'one2many' && f.relation === model && f.relation_field === name);
    if (inverse) keys.push(`${relation}:${value}`);
  }
  return keys;
}
