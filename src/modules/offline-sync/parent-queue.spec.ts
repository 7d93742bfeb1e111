import type { OdooClient } from '../odoo/odoo.client';
import { OdooAccessError, OdooConnectionError } from '../odoo/odoo.errors';
import { parentKeys, ParentQueue } from './parent-queue';

function deferred(): { promise: Promise<void>; resolve: () => void; reject: (e: Error) => void } {
  let resolve!: () => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets every settled promise's continuations run. */
const drain = () => new Promise<void>((r) => setImmediate(r));

describe(ParentQueue.name, () => {
  it('runs the tasks of one key one after another, also after a failure, and other keys side by side', async () => {
    const queue = new ParentQueue();
    const started: string[] = [];
    const gates = { a1: deferred(), a2: deferred(), b1: deferred() };
    const task = (name: keyof typeof gates) => () => {
      started.push(name);
      return gates[name].promise;
    };
    const a1 = queue.run(['sale.order:1'], task('a1'));
    const a2 = queue.run(['sale.order:1'], task('a2'));
    const b1 = queue.run(['sale.order:2'], task('b1'));
    await drain();
    expect(started).toEqual(['a1', 'b1']);

    gates.a1.reject(new Error('refused'));
    await expect(a1).rejects.toThrow('refused');
    await drain();
    expect(started).toEqual(['a1', 'b1', 'a2']);
    gates.a2.resolve();
    gates.b1.resolve();
    await Promise.all([a2, b1]);
  });

  it('runs a task without parents at once', async () => {
    const queue = new ParentQueue();
    const gate = deferred();
    void queue.run(['sale.order:1'], () => gate.promise);
    await expect(queue.run([], async () => 'free')).resolves.toBe('free');
    gate.resolve();
  });
});

describe('parentKeys', () => {
  const FIELDS: Record<string, Record<string, Record<string, unknown>>> = {
    'sale.order.line': {
      order_id: { type: 'many2one', relation: 'sale.order' },
      product_id: { type: 'many2one', relation: 'product.product' },
      product_uom_qty: { type: 'float' },
    },
    'sale.order': { order_line: { type: 'one2many', relation: 'sale.order.line', relation_field: 'order_id' } },
    'product.product': { product_variant_ids: { type: 'one2many', relation: 'product.product', relation_field: 'product_tmpl_id' } },
  };

  function fakeOdoo(fail: Record<string, Error> = {}): OdooClient & { asked: string[] } {
    const asked: string[] = [];
    return {
      asked,
      fieldsGet: async (model: string, attributes?: string[]) => {
        asked.push(model);
        expect(attributes).toEqual(['type', 'relation', 'relation_field']);
        if (fail[model]) throw fail[model];
        return FIELDS[model];
      },
    } as unknown as OdooClient & { asked: string[] };
  }

  it('names the records a create is a child of: many2one values that are the inverse of a one2many of their model', async () => {
    const odoo = fakeOdoo();
    expect(await parentKeys(odoo, 'sale.order.line', { order_id: 7, product_id: 3, product_uom_qty: 1 })).toEqual(['sale.order:7']);
    // Field descriptions are asked once per client and model.
    expect(await parentKeys(odoo, 'sale.order.line', { order_id: 8, product_id: 3 })).toEqual(['sale.order:8']);
    expect(odoo.asked).toEqual(['sale.order.line', 'sale.order', 'product.product']);
  });

  it('ignores an empty parent and a target model the user may not describe, but not Odoo being down', async () => {
    expect(await parentKeys(fakeOdoo(), 'sale.order.line', { order_id: false })).toEqual([]);
    expect(await parentKeys(fakeOdoo({ 'sale.order': new OdooAccessError('no') }), 'sale.order.line', { order_id: 7 })).toEqual([]);
    await expect(parentKeys(fakeOdoo({ 'sale.order': new OdooConnectionError('down') }), 'sale.order.line', { order_id: 7 })).rejects.toBeInstanceOf(
      OdooConnectionError,
    );
  });
});
