import { resolveModelScope, scopeGrew, scopeKey } from './model-scope';
import { UnknownAppType } from './access.errors';

const TYPES = {
  sales_app: ['sale.order', 'res.partner', 'product.product'],
  manager_app: ['*'],
};

describe('resolveModelScope', () => {
  it("returns the app type's models, sorted, when there is no filter", () => {
    expect(resolveModelScope(TYPES, 'sales_app')).toEqual({
      appType: 'sales_app',
      models: ['product.product', 'res.partner', 'sale.order'],
      ignored: [],
    });
  });

  it('returns every model for an app type mapped to *', () => {
    expect(resolveModelScope(TYPES, 'manager_app').models).toBe('*');
  });

  it('narrows to the filtered models inside the app type', () => {
    expect(resolveModelScope(TYPES, 'sales_app', ['sale.order']).models).toEqual(['sale.order']);
  });

  it('ignores and reports filtered models outside the app type (never widens)', () => {
    const scope = resolveModelScope(TYPES, 'sales_app', ['stock.picking', 'sale.order', 'account.move']);
    expect(scope.models).toEqual(['sale.order']);
    expect(scope.ignored).toEqual(['account.move', 'stock.picking']);
  });

  it('yields an empty scope when no filtered model is in the app type', () => {
    expect(resolveModelScope(TYPES, 'sales_app', ['stock.picking']).models).toEqual([]);
  });

  it('lets a filter narrow an app type mapped to *', () => {
    expect(resolveModelScope(TYPES, 'manager_app', ['stock.picking', 'stock.picking']).models).toEqual(['stock.picking']);
  });

  it('throws UNKNOWN_APP_TYPE listing the known app types', () => {
    expect(() => resolveModelScope(TYPES, 'pos_app')).toThrow(UnknownAppType);
    try {
      resolveModelScope(TYPES, 'pos_app');
    } catch (e) {
      expect((e as UnknownAppType).details).toEqual({ app_type: 'pos_app', known_app_types: ['sales_app', 'manager_app'] });
    }
  });
});

describe('scopeKey', () => {
  it('is the same for the same models in any order and differs for different models', () => {
    const a = scopeKey(resolveModelScope(TYPES, 'manager_app', ['b', 'a']));
    const b = scopeKey(resolveModelScope(TYPES, 'manager_app', ['a', 'b']));
    const c = scopeKey(resolveModelScope(TYPES, 'manager_app', ['a']));
    expect(a).toBe(b);
    expect(a).not.toBe(c);
    expect(scopeKey(resolveModelScope(TYPES, 'manager_app'))).toBe('*');
  });
});

describe('scopeGrew', () => {
  const scope = (models: string[] | '*') => ({ appType: 'x', models, ignored: [] });

  it('is true when a model enters the scope, or the scope becomes every model', () => {
    expect(scopeGrew('sale.order', scope(['res.partner', 'sale.order']))).toBe(true);
    expect(scopeGrew('', scope(['sale.order']))).toBe(true);
    expect(scopeGrew('res.partner,sale.order', scope('*'))).toBe(true);
  });

  it('is false for the same or a narrower scope, a previous "*", and an unknown previous scope', () => {
    expect(scopeGrew('res.partner,sale.order', scope(['sale.order']))).toBe(false);
    expect(scopeGrew('res.partner,sale.order', scope(['res.partner', 'sale.order']))).toBe(false);
    expect(scopeGrew('*', scope(['sale.order']))).toBe(false);
    expect(scopeGrew(null, scope('*'))).toBe(false);
  });
});
