import { startOdooSim, type OdooSim } from './index';
import { OdooError } from './errors';
import { loadFixture } from './spec-helpers';

describe('ORM semantics (direct env, frozen clock)', () => {
  let sim: OdooSim;

  beforeAll(async () => {
    sim = await startOdooSim({ now: '2026-11-22 03:48:12.766' });
  });

  afterAll(() => sim.close());

  describe('write_date', () => {
    it('is second precision outside, sub-second inside, and the transaction start time', async () => {
      const admin = sim.env();
      sim.clock.set('2026-11-22 03:48:12.766');
      const id = await admin.create('res.partner', { name: 'Fixture WriteDate Partner' });
      const [afterCreate] = await admin.read('res.partner', id, ['write_date', 'create_date', 'name']);
      expect(afterCreate).toEqual({
        id,
        write_date: '2026-11-22 03:48:12',
        create_date: '2026-11-22 03:48:12',
        name: 'Fixture WriteDate Partner',
      });

      sim.clock.set('2026-11-22 03:48:13.020');
      await admin.write('res.partner', id, { name: 'Fixture WriteDate Partner v2' });
      sim.clock.set('2026-11-22 03:48:13.340');
      await admin.write('res.partner', id, { name: 'Fixture WriteDate Partner v3' });
      const [afterWrites] = await admin.read('res.partner', id, ['write_date', 'create_date']);
      expect(afterWrites).toEqual({ id, write_date: '2026-11-22 03:48:13', create_date: '2026-11-22 03:48:12' });

      const q = (op: string, value: string): Promise<number[]> =>
        admin.search('res.partner', [['id', '=', id], ['write_date', op, value]]);
      expect(await q('>=', '2026-11-22 03:48:13')).toEqual([id]);
      expect(await q('>', '2026-11-22 03:48:13')).toEqual([id]);
      expect(await q('>', '2026-11-22 03:48:12')).toEqual([id]);
      expect(await q('=', '2026-11-22 03:48:13')).toEqual([]);
      expect(await q('<=', '2026-11-22 03:48:13')).toEqual([]);
      expect(await q('>', '2026-11-22T03:48:13')).toEqual([id]);
      expect(await q('>', '2026-11-22')).toEqual([]);
    });

    it('orders by the stored sub-second value, so many writes in one second stay ordered', async () => {
      const admin = sim.env();
      sim.clock.set('2026-11-22 05:00:00.900');
      const first = await admin.create('res.partner', { name: 'Same Second A' });
      sim.clock.set('2026-11-22 05:00:00.100');
      const second = await admin.create('res.partner', { name: 'Same Second B' });
      const rows = await admin.searchRead('res.partner', [['write_date', '>=', '2026-11-22 05:00:00']], {
        fields: ['write_date'],
        order: 'write_date asc, id asc',
      });
      expect(rows).toEqual([
        { id: second, write_date: '2026-11-22 05:00:00' },
        { id: first, write_date: '2026-11-22 05:00:00' },
      ]);
    });

    it('write({}) changes nothing', async () => {
      const admin = sim.env();
      sim.clock.set('2026-11-22 06:00:00');
      const id = await admin.create('res.partner', { name: 'Empty Write' });
      sim.clock.set('2026-11-22 06:00:05');
      expect(await admin.write('res.partner', id, {})).toBe(true);
      expect((await admin.read('res.partner', id, ['write_date']))[0].write_date).toBe('2026-11-22 06:00:00');
    });
  });

  describe('create', () => {
    it('returns an int for a dict and a list for a list of dicts', async () => {
      const admin = sim.env();
      const single = await admin.call('res.partner', 'create', [{ name: 'Fixture Single Create' }]);
      const batch = await admin.call('res.partner', 'create', [[{ name: 'Fixture Batch A' }, { name: 'Fixture Batch B' }]]);
      const one = await admin.call('res.partner', 'create', [[{ name: 'Fixture Batch C' }]]);
      const none = await admin.call('res.partner', 'create', [[]]);
      expect(typeof single).toBe('number');
      expect(batch).toEqual([Number(single) + 1, Number(single) + 2]);
      expect(one).toEqual([Number(single) + 3]);
      expect(none).toEqual([]);
    });

    it('raises the recorded ValidationError for a partner without a name and commits nothing', async () => {
      const admin = sim.env();
      const before = await admin.searchCount('res.partner', [], { active_test: false });
      await expect(admin.create('res.partner', { email: 'noname@example.com' })).rejects.toThrow(
        'The operation cannot be completed: Contacts require a name',
      );
      expect(await admin.searchCount('res.partner', [], { active_test: false })).toBe(before);
    });

    it('rejects an unknown field with the recorded ValueError', async () => {
      await expect(sim.env().create('res.partner', { name: 'x', nosuchfield: 1 })).rejects.toThrow(
        "Invalid field 'nosuchfield' on model 'res.partner'",
      );
    });

    it('rejects a value outside a selection', async () => {
      await expect(sim.env().create('res.partner', { name: 'x', type: 'bogus' })).rejects.toThrow(
        "Wrong value for res.partner.type: 'bogus'",
      );
    });
  });

  describe('deleted records', () => {
    it('read skips them, write and unlink raise MissingError, exists filters', async () => {
      const admin = sim.env();
      const id = await admin.create('res.partner', { name: 'Fixture To Delete' });
      expect(await admin.unlink('res.partner', id)).toBe(true);
      expect(await admin.read('res.partner', id, ['name'])).toEqual([]);
      expect(await admin.read('res.partner', [id, 1], ['name'])).toEqual([{ id: 1, name: 'My Company (San Francisco)' }]);
      expect(await admin.search('res.partner', [['id', '=', id]])).toEqual([]);
      const expected = `Record does not exist or has been deleted.\n(Record: res.partner(${id},), User: 2)`;
      await expect(admin.write('res.partner', id, { name: 'x' })).rejects.toThrow(expected);
      await expect(admin.unlink('res.partner', id)).rejects.toThrow(expected);
      expect(await admin.call('res.partner', 'exists', [[id, 1]])).toEqual([1]);
    });
  });

  describe('a deleted id asked for by id (fixtures/deleted-and-archived.json)', () => {
    const recorded = loadFixture<{
      read_only_id_field: Array<{ id: number }>;
      read_name_field: unknown[];
      read_no_fields: unknown[];
      search_by_id_inactive_too: unknown[];
      search_read_id_only: unknown[];
      archived: { search_default: unknown[]; search_active_test_false: number[] };
    }>('deleted-and-archived.json');

    it("a deleted id read with ['id'] answers [{id}] as Odoo 18 does; any other field, search and search_read answer nothing", async () => {
      const admin = sim.env();
      const id = await admin.create('res.partner', { name: 'Fixture Deleted Probe' });
      await admin.unlink('res.partner', id);
      // Recorded for the deleted id 170: the same shape, with this simulator's id.
      expect(await admin.read('res.partner', id, ['id'])).toEqual(recorded.read_only_id_field.map(() => ({ id })));
      expect(await admin.read('res.partner', id, ['name'])).toEqual(recorded.read_name_field);
      expect(await admin.read('res.partner', id)).toEqual(recorded.read_no_fields);
      const inactiveToo = { context: { active_test: false } };
      expect(await admin.search('res.partner', [['id', 'in', [id]]], inactiveToo)).toEqual(recorded.search_by_id_inactive_too);
      expect(await admin.searchRead('res.partner', [['id', '=', id]], { fields: ['id'] })).toEqual(recorded.search_read_id_only);
    });

    it('an archived id is found by search only with active_test false, and read returns it with active false', async () => {
      const admin = sim.env();
      const id = await admin.create('res.partner', { name: 'archived-probe' });
      await admin.write('res.partner', id, { active: false });
      expect(await admin.search('res.partner', [['id', '=', id]])).toEqual(recorded.archived.search_default);
      expect(await admin.search('res.partner', [['id', '=', id]], { context: { active_test: false } })).toEqual([id]);
      expect(await admin.read('res.partner', id, ['active', 'name'])).toEqual([{ id, active: false, name: 'archived-probe' }]);
    });
  });

  describe('demo data', () => {
    it("has write_dates spread over two years of history like a real database's, not one instant", () => {
      const rows = sim.peek('res.partner', [['name', 'not like', 'Fixture%']], ['write_date', 'create_date']);
      const seconds = rows.map((r) => Date.parse(`${String(r.write_date).replace(' ', 'T')}Z`));
      expect(rows.length).toBeGreaterThan(10);
      expect(new Set(seconds).size).toBeGreaterThan(rows.length * 0.9);
      expect(Math.max(...seconds) - Math.min(...seconds)).toBeGreaterThan(180 * 86_400_000);
      for (const r of rows) expect(String(r.write_date) >= String(r.create_date)).toBe(true);
    });
  });

  describe('archived records', () => {
    it('are hidden from search unless active_test is false or active is in the domain', async () => {
      const admin = sim.env();
      const id = await admin.create('res.partner', { name: 'Fixture Archived Partner' });
      expect(await admin.call('res.partner', 'action_archive', [[id]])).toBeUndefined();
      expect(await admin.search('res.partner', [['id', '=', id]])).toEqual([]);
      expect(await admin.search('res.partner', [['id', '=', id]], { context: { active_test: false } })).toEqual([id]);
      expect(await admin.search('res.partner', [['id', '=', id], ['active', '=', false]])).toEqual([id]);
      expect(
        await admin.searchCount('res.partner', [['active', 'in', [true, false]], ['name', 'like', 'Fixture Archived']]),
      ).toBe(1);
      expect(await admin.read('res.partner', id, ['name', 'active'])).toEqual([
        { id, name: 'Fixture Archived Partner', active: false },
      ]);
      await admin.write('res.partner', id, { active: true });
      expect(await admin.search('res.partner', [['id', '=', id]])).toEqual([id]);
    });
  });

  describe('search options', () => {
    it('supports limit, offset and multi-key order', async () => {
      const admin = sim.env();
      const all = await admin.search('res.partner', [], { order: 'id desc' });
      expect(await admin.search('res.partner', [], { limit: 5, offset: 2, order: 'id desc' })).toEqual(all.slice(2, 7));
      const byCity = await admin.searchRead('res.partner', [['is_company', '=', true], ['city', '!=', false]], {
        fields: ['city'],
        order: 'city desc, id asc',
      });
      const cities = byCity.map((r) => String(r.city));
      expect(cities).toEqual([...cities].sort((a, b) => b.localeCompare(a, 'en')));
    });

    it('defaults to the model order (res.partner: complete_name)', async () => {
      const rows = await sim.env().searchRead('res.partner', [['id', 'in', [1, 3, 10]]], { fields: ['display_name'] });
      expect(rows).toEqual([
        { id: 10, display_name: 'Deco Addict' },
        { id: 3, display_name: 'Mitchell Admin' },
        { id: 1, display_name: 'My Company (San Francisco)' },
      ]);
    });

    it('name_search matches the complete name and honours limit', async () => {
      const found = await sim.env().call('res.partner', 'name_search', [], { name: 'Deco', limit: 5 });
      expect(found).toEqual([
        [10, 'Deco Addict'],
        [36, 'Deco Addict, Addison Olson'],
        [19, 'Deco Addict, Douglas Fletcher'],
        [20, 'Deco Addict, Floyd Steward'],
      ]);
      expect(await sim.env().call('res.partner', 'name_search', ['gemini'], { limit: 2 })).toEqual([
        [11, 'Gemini Furniture'],
        [21, 'Gemini Furniture, Edwin Hansen'],
      ]);
    });

    it('rejects an unknown order field', async () => {
      await expect(sim.env().search('res.partner', [], { order: 'nope asc' })).rejects.toThrow(OdooError);
    });
  });

  describe('x2many commands (write-date.json one2many_commands)', () => {
    it('creates, updates, deletes order lines and recomputes totals', async () => {
      const admin = sim.env();
      const chair = (await admin.search('product.product', [['default_code', '=', 'FURN_7777']]))[0];
      const lamp = (await admin.search('product.product', [['default_code', '=', 'FURN_8888']]))[0];
      const orderId = await admin.create('sale.order', {
        partner_id: 10,
        order_line: [[0, 0, { product_id: chair, product_uom_qty: 2 }]],
      });
      const [order] = await admin.read('sale.order', orderId, ['name', 'state', 'partner_id', 'order_line', 'amount_untaxed', 'amount_tax', 'amount_total', 'user_id', 'currency_id']);
      expect(order).toMatchObject({
        state: 'draft',
        partner_id: [10, 'Deco Addict'],
        amount_untaxed: 140,
        amount_tax: 21,
        amount_total: 161,
        user_id: [2, 'Mitchell Admin'],
        currency_id: [1, 'USD'],
      });
      const [lineId] = order.order_line as number[];
      const [line] = await admin.read('sale.order.line', lineId, ['order_id', 'sequence', 'product_id', 'name', 'price_unit', 'tax_id', 'price_subtotal', 'price_tax', 'price_total', 'display_type']);
      expect(line).toEqual({
        id: lineId,
        order_id: [orderId, order.name],
        sequence: 10,
        product_id: [chair, '[FURN_7777] Office Chair'],
        name: '[FURN_7777] Office Chair',
        price_unit: 70,
        tax_id: [1],
        price_subtotal: 140,
        price_tax: 21,
        price_total: 161,
        display_type: false,
      });

      await admin.write('sale.order', orderId, {
        order_line: [[1, lineId, { product_uom_qty: 5 }], [0, 0, { product_id: lamp, product_uom_qty: 1, price_unit: 99.5 }]],
      });
      const [updated] = await admin.read('sale.order', orderId, ['order_line', 'amount_untaxed', 'amount_total']);
      const lines = updated.order_line as number[];
      expect(lines).toHaveLength(2);
      expect(updated).toMatchObject({ amount_untaxed: 449.5, amount_total: 516.93 });

      await admin.write('sale.order', orderId, { order_line: [[2, lines[1], 0]] });
      expect(await admin.read('sale.order', orderId, ['order_line', 'amount_total'])).toEqual([
        { id: orderId, order_line: [lineId], amount_total: 402.5 },
      ]);
      expect(await admin.read('sale.order.line', lines[1], ['name'])).toEqual([]);

      await admin.write('sale.order', orderId, { order_line: [[0, 0, { name: 'Section A', display_type: 'line_section' }]] });
      const [withSection] = await admin.read('sale.order', orderId, ['order_line', 'amount_total']);
      expect((withSection.order_line as number[]).length).toBe(2);
      expect(withSection.amount_total).toBe(402.5);
    });

    it('rejects a line without product or description with the recorded not-null message', async () => {
      await expect(
        sim.env().create('sale.order', { partner_id: 10, order_line: [[0, 0, { product_uom_qty: 1 }]] }),
      ).rejects.toThrow(
        'The operation cannot be completed:\n- Create/update: a mandatory field is not set.\n' +
          '- Delete: another model requires the record being deleted. If possible, archive it instead.\n\n' +
          'Model: Sales Order Line (sale.order.line)\nField: Description (name)\n',
      );
    });

    it('applies many2many [6,0,ids], [3,id] and [4,id]', async () => {
      const admin = sim.env();
      await admin.write('res.partner', 10, { category_id: [[6, 0, [5, 7]]] });
      expect((await admin.read('res.partner', 10, ['category_id']))[0].category_id).toEqual([5, 7]);
      await admin.write('res.partner', 10, { category_id: [[3, 5]] });
      expect((await admin.read('res.partner', 10, ['category_id']))[0].category_id).toEqual([7]);
      await admin.write('res.partner', 10, { category_id: [[4, 5]] });
      expect((await admin.read('res.partner', 10, ['category_id']))[0].category_id).toEqual([7, 5]);
      await admin.write('res.partner', 10, { category_id: [[6, 0, [7]]] });
    });

    it('rolls back the whole call when a nested create fails', async () => {
      const admin = sim.env();
      const before = await admin.searchCount('sale.order');
      await expect(
        admin.create('sale.order', { partner_id: 10, order_line: [[0, 0, { name: 'ok line' }], [0, 0, { product_uom_qty: 1 }]] }),
      ).rejects.toThrow(OdooError);
      expect(await admin.searchCount('sale.order')).toBe(before);
    });
  });

  describe('fields_get', () => {
    it('returns requested attributes in alphabetical key order', async () => {
      const fields = (await sim.env().call('sale.order', 'fields_get', [], { attributes: ['type', 'relation', 'string'] })) as Record<
        string,
        Record<string, unknown>
      >;
      expect(Object.keys(fields.partner_id)).toEqual(['relation', 'string', 'type']);
      expect(fields.partner_id).toEqual({ relation: 'res.partner', string: 'Customer', type: 'many2one' });
      expect(fields.order_line).toEqual({ relation: 'sale.order.line', string: 'Order Lines', type: 'one2many' });
    });

    it.each(['res.partner', 'product.product'])(
      '%s reports every stored, non-one2many field a real Odoo 18 reports, with its type and relation',
      async (model) => {
        const recorded = loadFixture<{ response: { result: Record<string, { type: string; store: boolean; relation?: string }> } }>(
          `fields_get.${model}.json`,
        ).response.result;
        const wanted = Object.entries(recorded).filter(
          ([, f]) => f.store && !['one2many', 'properties', 'properties_definition'].includes(f.type),
        );
        const fields = (await sim.env().call(model, 'fields_get', [], { attributes: ['type', 'store', 'relation'] })) as Record<
          string,
          { type: string; store: boolean; relation?: string }
        >;
        for (const [name, f] of wanted) {
          expect([name, fields[name]]).toEqual([name, expect.objectContaining({ type: f.type, store: true, ...(f.relation ? { relation: f.relation } : {}) })]);
        }
        expect(wanted.length).toBeGreaterThan(model === 'res.partner' ? 60 : 15);
      },
    );

    it("a new partner reads with a real partner's defaults for the accounting and warning fields", async () => {
      const admin = sim.env();
      const id = await admin.create('res.partner', { name: 'Defaults Probe', email: ' Probe@Example.com' });
      const [row] = await admin.read('res.partner', id, ['autopost_bills', 'trust', 'sale_warn', 'customer_rank', 'email_normalized']);
      expect(row).toEqual({ id, autopost_bills: 'ask', trust: 'normal', sale_warn: 'no-message', customer_rank: 0, email_normalized: 'probe@example.com' });
    });
  });
});
