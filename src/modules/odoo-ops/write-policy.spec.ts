import { classifyMethod, isSecurityModel, mayWrite } from './write-policy';

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
});
