import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_MODEL_FIELDS } from '../../../config/model-fields';
import { modelPriority, selectTrackedFields, wantedFields } from './model-catalog';

const FIXTURES = join(__dirname, '../../../../test/odoo-sim/fixtures');

function recordedFieldsGet(model: string): Record<string, Record<string, unknown>> {
  const fixture = JSON.parse(readFileSync(join(FIXTURES, `fields_get.${model}.json`), 'utf8')) as {
    response: { result: Record<string, Record<string, unknown>> };
  };
  return fixture.response.result;
}

describe('selectTrackedFields', () => {
  it('without a list, reads every stored, non-binary, non-one2many field of a real res.partner (79 candidates, no cap)', () => {
    const fields = recordedFieldsGet('res.partner');
    const chosen = selectTrackedFields(fields);
    expect(chosen.slice(0, 4)).toEqual(['id', 'display_name', 'name', 'active']);
    expect(chosen).toEqual(expect.arrayContaining(['write_date', 'customer_rank', 'supplier_rank', 'sale_warn_msg']));
    expect(chosen.length).toBeGreaterThan(60);
    for (const name of chosen.filter((n) => n !== 'id' && n !== 'display_name')) {
      expect(fields[name].store).not.toBe(false);
      expect(['binary', 'one2many']).not.toContain(fields[name].type);
      expect(name).not.toMatch(/^(message_|activity_)/);
    }
  });

  it('with a list, reads the essentials and the named fields this Odoo has, related ones included', () => {
    const fields = recordedFieldsGet('product.product');
    const chosen = selectTrackedFields(fields, ['name', 'lst_price', 'qty_available', 'image_1920', 'no_such_field']);
    expect(chosen).toEqual(['id', 'display_name', 'active', 'write_date', 'write_uid', 'create_date', 'create_uid', 'name', 'lst_price', 'qty_available']);
  });

  it('never reads portal access tokens', () => {
    expect(selectTrackedFields(recordedFieldsGet('sale.order'))).not.toContain('access_token');
  });
});

describe('wantedFields', () => {
  const appTypes = { sales_app: ['res.partner', 'x.model'], delivery_app: ['res.partner'], manager_app: ['*'] };

  it('gives a model the built-in list of model-fields.ts unless an app type names its own', () => {
    expect(wantedFields('res.partner', appTypes, {})).toEqual(DEFAULT_MODEL_FIELDS['res.partner']);
    expect(wantedFields('res.partner', appTypes, { sales_app: { 'res.partner': ['name', 'x_custom'] } })).toEqual(
      expect.arrayContaining(['x_custom', 'customer_rank']),
    );
  });

  it('unions the lists of every app type covering the model, and reads everything when one names "*"', () => {
    const own = { sales_app: { 'res.partner': ['name', 'email'] }, delivery_app: { 'res.partner': ['phone'] }, manager_app: { 'res.partner': ['name'] } };
    expect(wantedFields('res.partner', appTypes, own)).toEqual(['name', 'email', 'phone']);
    expect(wantedFields('res.partner', appTypes, { ...own, delivery_app: { 'res.partner': ['*'] } })).toBe('*');
  });

  it('reads every stored field of a model without any list', () => {
    expect(wantedFields('x.model', appTypes, {})).toBe('*');
    expect(wantedFields('stock.move.line', {}, {})).toBe('*');
  });
});

describe('modelPriority', () => {
  it('uses the system override, else the addon defaults, else medium', () => {
    expect(modelPriority('sale.order', undefined)).toBe('high');
    expect(modelPriority('sale.order', { 'sale.order': 'low' })).toBe('low');
    expect(modelPriority('res.partner', undefined)).toBe('medium');
  });
});
