import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_TRACKED_FIELDS, modelPriority, selectTrackedFields } from './model-catalog';

const FIXTURES = join(__dirname, '../../../../test/odoo-sim/fixtures');

function recordedFieldsGet(model: string): Record<string, Record<string, unknown>> {
  const fixture = JSON.parse(readFileSync(join(FIXTURES, `fields_get.${model}.json`), 'utf8')) as {
    response: { result: Record<string, Record<string, unknown>> };
  };
  return fixture.response.result;
}

describe('selectTrackedFields', () => {
  it('picks stored, non-binary, non-one2many fields of a real res.partner, identity first, capped', () => {
    const fields = recordedFieldsGet('res.partner');
    const chosen = selectTrackedFields(fields);
    expect(chosen.slice(0, 4)).toEqual(['id', 'display_name', 'name', 'active']);
    expect(chosen).toContain('write_date');
    expect(chosen.length).toBeLessThanOrEqual(MAX_TRACKED_FIELDS);
    for (const name of chosen.filter((n) => n !== 'id' && n !== 'display_name')) {
      expect(fields[name].store).not.toBe(false);
      expect(['binary', 'one2many']).not.toContain(fields[name].type);
      expect(name).not.toMatch(/^(message_|activity_)/);
    }
  });

  it('never reads portal access tokens', () => {
    expect(selectTrackedFields(recordedFieldsGet('sale.order'))).not.toContain('access_token');
  });
});

describe('modelPriority', () => {
  it('uses the system override, else the addon defaults, else medium', () => {
    expect(modelPriority('sale.order', undefined)).toBe('high');
    expect(modelPriority('sale.order', { 'sale.order': 'low' })).toBe('low');
    expect(modelPriority('res.partner', undefined)).toBe('medium');
  });
});
