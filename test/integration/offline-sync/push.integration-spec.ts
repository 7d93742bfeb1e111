import { api, newTenant, push, resultOf, unique, type Harness, type Tenant, usePushHarness } from './helpers';

describe('Offline push (integration)', () => {
  let h: Harness;
  let productIds: number[];

  usePushHarness((harness, products) => {
    h = harness;
    productIds = products;
  });

  const count = (model: string, domain: unknown[]) => h.sim.peek(model, domain).length;

  describe('dependencies', () => {
    it('creates a customer, an order and three separate lines pushed in any order, with the full id_mapping', async () => {
      const t = await newTenant(h);
      const name = unique('Customer');
      const changes = [
        { local_id: 'line-3', action: 'create', model: 'sale.order.line', data: { order_id: { $local: 'order' }, product_id: productIds[2], product_uom_qty: 3 } },
        { local_id: 'order', action: 'create', model: 'sale.order', data: { partner_id: { $local: 'cust' } } },
        { local_id: 'line-1', action: 'create', model: 'sale.order.line', data: { order_id: { $local: 'order' }, product_id: productIds[0], product_uom_qty: 1 } },
        { local_id: 'cust', action: 'create', model: 'res.partner', data: { name } },
        { local_id: 'line-2', action: 'create', model: 'sale.order.line', data: { order_id: { $local: 'order' }, product_id: productIds[1], product_uom_qty: 2 } },
      ];
      const res = await push(h, t, { device_id: 'phone-1', changes });

      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ success: true, total: 5, succeeded: 5, failed: 0, conflicts: 0 });
      expect(res.body.results.map((r) => r.local_id)).toEqual(['line-3', 'order', 'line-1', 'cust', 'line-2']);
      const ids = res.body.id_mapping;
      expect(Object.keys(ids).sort()).toEqual(['cust', 'line-1', 'line-2', 'line-3', 'order']);

      const partners = h.sim.peek('res.partner', [['name', '=', name]], ['id']);
      expect(partners.map((p) => p.id)).toEqual([ids.cust]);
      const [order] = h.sim.peek('sale.order', [['id', '=', ids.order]], ['partner_id', 'order_line']);
      expect((order.partner_id as [number, string])[0]).toBe(ids.cust);
      expect([...(order.order_line as number[])].sort((a, b) => a - b)).toEqual([ids['line-1'], ids['line-2'], ids['line-3']].sort((a, b) => a - b));
      const lines = h.sim.peek('sale.order.line', [['order_id', '=', ids.order]], ['product_uom_qty']);
      expect(lines.map((l) => l.product_uom_qty).sort()).toEqual([1, 2, 3]);
    });

    it('creates the lines of one order one after another, so none meets a conflict on the order, and other records side by side', async () => {
      const t = await newTenant(h);
      // Odoo takes its time over a line (totals, taxes): two at once on one order conflict, as on the real server.
      h.sim.faults.setMethodLatency('sale.order.line.load', 60);
      const loads = h.sim.stats.count('sale.order.line', 'load');
      const changes = [
        { local_id: 'line-a', action: 'create', model: 'sale.order.line', data: { order_id: { $local: 'order' }, product_id: productIds[0], product_uom_qty: 2 } },
        { local_id: 'line-b', action: 'create', model: 'sale.order.line', data: { order_id: { $local: 'order' }, product_id: productIds[1], product_uom_qty: 1 } },
        { local_id: 'order', action: 'create', model: 'sale.order', data: { partner_id: { $local: 'cust' } } },
        { local_id: 'cust', action: 'create', model: 'res.partner', data: { name: unique('Walkthrough Customer') } },
      ];
      const res = await push(h, t, { device_id: 'phone-1', changes });
      expect(res.body).toMatchObject({ success: true, succeeded: 4 });
      const lines = h.sim.peek('sale.order.line', [['order_id', '=', res.body.id_mapping.order]], ['product_uom_qty']);
      expect(lines.map((l) => l.product_uom_qty).sort()).toEqual([1, 2]);
      // One load per line: none was refused and loaded again.
      expect(h.sim.stats.count('sale.order.line', 'load') - loads).toBe(2);
    });

    it('resolves references inside inline order_line commands', async () => {
      const t = await newTenant(h);
      const name = unique('Inline');
      const res = await push(h, t, {
        device_id: 'phone-1',
        changes: [
          {
            local_id: 'order',
            action: 'create',
            model: 'sale.order',
            data: {
              partner_id: { $local: 'cust' },
              order_line: productIds.map((p, i) => [0, 0, { product_id: p, product_uom_qty: i + 1 }]),
            },
          },
          { local_id: 'cust', action: 'create', model: 'res.partner', data: { name } },
        ],
      });
      expect(res.body.succeeded).toBe(2);
      const [order] = h.sim.peek('sale.order', [['id', '=', res.body.id_mapping.order]], ['partner_id', 'order_line']);
      expect((order.partner_id as [number, string])[0]).toBe(res.body.id_mapping.cust);
      expect(order.order_line).toHaveLength(3);
    });

    it('resolves references to changes the device pushed earlier', async () => {
      const t = await newTenant(h);
      const first = await push(h, t, { device_id: 'phone-1', changes: [{ local_id: 'cust', action: 'create', model: 'res.partner', data: { name: unique('Early') } }] });
      const second = await push(h, t, {
        device_id: 'phone-1',
        changes: [{ local_id: 'order', action: 'create', model: 'sale.order', data: { partner_id: { $local: 'cust' } } }],
      });
      expect(resultOf(second.body, 'order').status).toBe('success');
      const [order] = h.sim.peek('sale.order', [['id', '=', second.body.id_mapping.order]], ['partner_id']);
      expect((order.partner_id as [number, string])[0]).toBe(first.body.id_mapping.cust);

      // Another device of the same user does not see this device's local ids.
      const other = await push(h, t, {
        device_id: 'phone-2',
        changes: [{ local_id: 'order', action: 'create', model: 'sale.order', data: { partner_id: { $local: 'cust' } } }],
      });
      expect(resultOf(other.body, 'order')).toMatchObject({ status: 'error', error_code: 'UNRESOLVED_REFERENCE', retryable: false });
    });

    it('resolves a reference to an earlier change that ended in conflict to its record', async () => {
      const t = await newTenant(h);
      const id = await h.sim.env().create('res.partner', { name: unique('Contested'), phone: '1' });
      // Both sides changed the phone since the device's base: a conflict, kept under server_wins, on a known record.
      const edit = { local_id: 'edit', action: 'update', model: 'res.partner', record_id: id, data: { phone: '2' }, base_data: { write_date: '2000-01-01 00:00:00', phone: '0' } };
      const first = await push(h, t, { device_id: 'phone-1', changes: [edit] });
      expect(resultOf(first.body, 'edit')).toMatchObject({ status: 'conflict', server_id: id });

      const name = unique('Contact');
      const second = await push(h, t, {
        device_id: 'phone-1',
        changes: [{ local_id: 'contact', action: 'create', model: 'res.partner', data: { name, parent_id: { $local: 'edit' } } }],
      });
      expect(resultOf(second.body, 'contact').status).toBe('success');
      expect((h.sim.peek('res.partner', [['name', '=', name]], ['parent_id'])[0].parent_id as [number, string])[0]).toBe(id);
    });

    it('fails only the changes in a cycle, with a dangling reference, or depending on them', async () => {
      const t = await newTenant(h);
      const names = { a: unique('A'), b: unique('B'), c: unique('C'), d: unique('D'), e: unique('E') };
      const res = await push(h, t, {
        device_id: 'phone-1',
        changes: [
          { local_id: 'a', action: 'create', model: 'res.partner', data: { name: names.a, parent_id: { $local: 'b' } } },
          { local_id: 'b', action: 'create', model: 'res.partner', data: { name: names.b }, dependencies: ['a'] },
          { local_id: 'c', action: 'create', model: 'res.partner', data: { name: names.c, parent_id: { $local: 'ghost' } } },
          { local_id: 'd', action: 'create', model: 'res.partner', data: { name: names.d, parent_id: { $local: 'a' } } },
          { local_id: 'e', action: 'create', model: 'res.partner', data: { name: names.e } },
        ],
      });
      expect(res.status).toBe(200);
      expect(resultOf(res.body, 'a')).toMatchObject({ status: 'error', error_code: 'DEPENDENCY_CYCLE' });
      expect(resultOf(res.body, 'b')).toMatchObject({ status: 'error', error_code: 'DEPENDENCY_CYCLE' });
      expect(resultOf(res.body, 'c')).toMatchObject({ status: 'error', error_code: 'UNRESOLVED_REFERENCE' });
      expect(resultOf(res.body, 'd')).toMatchObject({ status: 'error', error_code: 'DEPENDENCY_FAILED' });
      expect(resultOf(res.body, 'e').status).toBe('success');
      expect(res.body).toMatchObject({ success: false, succeeded: 1, failed: 4 });
      for (const key of ['a', 'b', 'c', 'd'] as const) expect(count('res.partner', [['name', '=', names[key]]])).toBe(0);
      expect(count('res.partner', [['name', '=', names.e]])).toBe(1);
    });

    it('fails the dependents of a change Odoo rejected, without running them', async () => {
      const t = await newTenant(h);
      const ordersBefore = h.sim.stats.count('sale.order', 'create');
      const res = await push(h, t, {
        device_id: 'phone-1',
        changes: [
          { local_id: 'cust', action: 'create', model: 'res.partner', data: { name: unique('X'), no_such_field: 1 } },
          { local_id: 'order', action: 'create', model: 'sale.order', data: { partner_id: { $local: 'cust' } } },
        ],
      });
      expect(resultOf(res.body, 'cust')).toMatchObject({ status: 'error', error_code: 'ODOO_VALIDATION_ERROR', retryable: false });
      expect(resultOf(res.body, 'order')).toMatchObject({ status: 'error', error_code: 'DEPENDENCY_FAILED', retryable: false });
      expect(h.sim.stats.count('sale.order', 'create')).toBe(ordersBefore);
    });
  });

  describe('limits and validation', () => {
    let t: Tenant;
    beforeAll(async () => {
      t = await newTenant(h);
    });

    it('answers 413 above 1000 changes, while parsing, and executes none', async () => {
      const changes = Array.from({ length: 1001 }, (_, i) => ({ local_id: `c${i}`, action: 'create', model: 'res.partner', data: { name: 'n' } }));
      const before = h.sim.stats.count('res.partner', 'create');
      const res = await api(h, t.token, 'POST', '/push', { device_id: 'phone-1', changes });
      expect(res.status).toBe(413);
      expect(res.body).toMatchObject({ code: 'JSON_TOO_MANY_ITEMS', error: 'JsonTooManyItems', details: { max_items: 1000 } });
      expect(h.sim.stats.count('res.partner', 'create')).toBe(before);
    });

    it('answers 400 with the offending fields for a bad change, changing nothing', async () => {
      const name = unique('Valid');
      const res = await api<{ code: string; details: { fields: Array<{ field: string }> } }>(h, t.token, 'POST', '/push', {
        device_id: 'phone-1',
        changes: [
          { local_id: 'ok', action: 'create', model: 'res.partner', data: { name } },
          { local_id: 'x'.repeat(129), action: 'upsert', model: 'Res Partner!', data: {} },
          { local_id: 'u', action: 'update', model: 'res.partner', data: { name: 'n' } },
        ],
      });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_ERROR');
      const fields = res.body.details.fields.map((f) => f.field);
      expect(fields).toEqual(expect.arrayContaining(['changes.1.local_id', 'changes.1.action', 'changes.1.model', 'changes.2.record_id']));
      expect(count('res.partner', [['name', '=', name]])).toBe(0);
    });

    it('answers 400 DUPLICATE_LOCAL_ID when a push repeats a local_id', async () => {
      const res = await api(h, t.token, 'POST', '/push', {
        device_id: 'phone-1',
        changes: [
          { local_id: 'same', action: 'create', model: 'res.partner', data: { name: 'a' } },
          { local_id: 'same', action: 'create', model: 'res.partner', data: { name: 'b' } },
        ],
      });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('DUPLICATE_LOCAL_ID');
    });

    it('answers 401 without a token', async () => {
      const res = await api(h, null, 'POST', '/push', { device_id: 'phone-1', changes: [] });
      expect(res.status).toBe(401);
    });
  });
});
