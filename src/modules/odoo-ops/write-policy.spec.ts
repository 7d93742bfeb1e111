import { classifyMethod, isSecurityModel, mayWrite, refusedNestedWrite, type RelationFields } from './write-policy';

const APP_TYPES = { sales_app: ['sale.order', 'res.partner'], manager_app: ['*'] };

describe('write policy', () => {
  describe(isSecurityModel.name, () => {
    it.each(['res.users', 'res.users.apikeys', 'res.groups', 'ir.model.access', 'ir.rule', 'ir.config_parameter', 'auth_totp.device'])(
      'treats %s as a security model',
      (model) => expect(isSecurityModel(model)).toBe(true),
    );
    it.each(['res.partner', 'sale.order', 'res.users_settings_like', 'stock.picking', 'irrigation.zone'])('does not treat %s as one', (model) =>
      expect(isSecurityModel(model)).toBe(false),
    );
  });

  describe(mayWrite.name, () => {
    it("allows by default the app type's own models only", () => {
      expect(mayWrite('sale.order', 'sales_app', APP_TYPES, {})).toBe(true);
      expect(mayWrite('stock.picking', 'sales_app', APP_TYPES, {})).toBe(false);
      expect(mayWrite('sale.order', 'unknown_app', APP_TYPES, {})).toBe(false);
    });

    it('follows the writable list an app type names, which may be narrower or empty', () => {
      expect(mayWrite('res.partner', 'sales_app', APP_TYPES, { sales_app: ['sale.order'] })).toBe(false);
      expect(mayWrite('sale.order', 'sales_app', APP_TYPES, { sales_app: ['sale.order'] })).toBe(true);
      expect(mayWrite('sale.order', 'sales_app', APP_TYPES, { sales_app: [] })).toBe(false);
    });

    it('never allows a security model, not even to an app type with every model', () => {
      expect(mayWrite('res.partner', 'manager_app', APP_TYPES, {})).toBe(true);
      expect(mayWrite('res.users', 'manager_app', APP_TYPES, {})).toBe(false);
      expect(mayWrite('ir.rule', 'manager_app', APP_TYPES, { manager_app: ['ir.rule'] })).toBe(false);
    });
  });

  describe(classifyMethod.name, () => {
    it('allows reads, writes and buttons, telling writes apart', () => {
      expect(classifyMethod('sale.order', 'search_read')).toEqual({ allowed: true, writes: false });
      expect(classifyMethod('sale.order', 'write')).toEqual({ allowed: true, writes: true });
      expect(classifyMethod('sale.order', 'action_confirm')).toEqual({ allowed: true, writes: true });
      expect(classifyMethod('stock.picking', 'button_validate')).toEqual({ allowed: true, writes: true });
    });

    it('refuses private methods, methods off the list and anything on a security model', () => {
      expect(classifyMethod('sale.order', '_action_confirm')).toMatchObject({ allowed: false, reason: expect.stringContaining('Private') });
      expect(classifyMethod('sale.order', 'sudo')).toMatchObject({ allowed: false, reason: expect.stringContaining('allow-list') });
      expect(classifyMethod('res.partner', 'load')).toMatchObject({ allowed: false });
      expect(classifyMethod('res.users', 'read')).toMatchObject({ allowed: false, reason: expect.stringContaining('res.users') });
    });
  });

  describe(refusedNestedWrite.name, () => {
    // fields_get (type, relation) of the models involved, as Odoo 18 reports them.
    const FIELDS: Record<string, Record<string, { type: string; relation?: string }>> = {
      'res.partner': {
        name: { type: 'char' },
        user_ids: { type: 'one2many', relation: 'res.users' },
        child_ids: { type: 'one2many', relation: 'res.partner' },
        category_id: { type: 'many2many', relation: 'res.partner.category' },
        company_id: { type: 'many2one', relation: 'res.company' },
      },
      'res.users': { groups_id: { type: 'many2many', relation: 'res.groups' } },
      'sale.order': { order_line: { type: 'one2many', relation: 'sale.order.line' }, tag_ids: { type: 'many2many', relation: 'crm.tag' } },
      'sale.order.line': { product_id: { type: 'many2one', relation: 'product.product' } },
    };
    const asked: string[] = [];
    const fieldsOf: RelationFields = (model) => {
      asked.push(model);
      return Promise.resolve(FIELDS[model] ?? {});
    };
    const allowed = (model: string) => mayWrite(model, 'sales_app', { sales_app: ['sale.order', 'sale.order.line', 'res.partner'] }, {});
    const refused = (model: string, values: unknown) => refusedNestedWrite(model, values, fieldsOf, allowed);
    beforeEach(() => (asked.length = 0));

    it("names the security model a create, update or delete command reaches, at any depth", async () => {
      expect(await refused('res.partner', { user_ids: [[1, 6, { groups_id: [[4, 4]] }]] })).toBe('res.users');
      expect(await refused('res.partner', { user_ids: [[0, 0, { name: 'x', login: 'x' }]] })).toBe('res.users');
      expect(await refused('res.partner', { user_ids: [[2, 6]] })).toBe('res.users');
      expect(await refused('res.partner', { child_ids: [[0, 0, { name: 'c', user_ids: [[0, 0, { login: 'y' }]] }]] })).toBe('res.users');
    });

    it('refuses every command of a one2many (it rewrites the linked records), not a many2many link', async () => {
      expect(await refused('res.partner', { user_ids: [[4, 2]] })).toBe('res.users');
      expect(await refused('res.partner', { user_ids: [[6, 0, [2]]] })).toBe('res.users');
      expect(await refused('sale.order', { tag_ids: [[6, 0, [1, 2]], [4, 3]] })).toBeNull();
      expect(await refused('sale.order', { tag_ids: [[0, 0, { name: 'new tag' }]] })).toBe('crm.tag');
    });

    it('lets through commands on models the app may write, and asks fields_get only for values holding commands', async () => {
      expect(await refused('sale.order', { order_line: [[0, 0, { product_id: 3 }], [1, 7, { product_id: 4 }], [2, 8]] })).toBeNull();
      expect(asked).toEqual(['sale.order']);
      asked.length = 0;
      expect(await refused('res.partner', { name: 'Plain', company_id: 1, category_id: [] })).toBeNull();
      expect(await refused('res.partner', null)).toBeNull();
      expect(asked).toEqual([]);
      // A field fields_get does not list is Odoo's to refuse.
      expect(await refused('res.partner', { no_such_field: [[0, 0, {}]] })).toBeNull();
    });
  });
});
