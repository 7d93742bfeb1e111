import { toImportRow } from './import-row';

describe(toImportRow.name, () => {
  const types = {
    name: 'char',
    date_order: 'datetime',
    qty: 'float',
    sequence: 'integer',
    active: 'boolean',
    partner_id: 'many2one',
    tag_ids: 'many2many',
    order_line: 'one2many',
    state: 'selection',
    props: 'json',
  };

  it('writes scalars as text, links by database id in field/.id columns and false as empty', () => {
    expect(
      toImportRow(
        { name: 'A', date_order: '2026-11-22 10:00:00', qty: 2.5, sequence: 3, active: true, partner_id: 7, state: 'draft', tag_ids: [[6, 0, [1, 2]]] },
        types,
      ),
    ).toEqual({
      fields: ['name', 'date_order', 'qty', 'sequence', 'active', 'partner_id/.id', 'state', 'tag_ids/.id'],
      row: ['A', '2026-11-22 10:00:00', '2.5', '3', '1', '7', 'draft', '1,2'],
    });
    expect(toImportRow({ active: false, partner_id: false, name: null, tag_ids: [] }, types)).toEqual({
      fields: ['active', 'partner_id/.id', 'name', 'tag_ids/.id'],
      row: ['', '', '', ''],
    });
    expect(toImportRow({ tag_ids: [[4, 3], [4, 5]] }, types)?.row).toEqual(['3,5']);
  });

  it('gives up (null) on values import format cannot carry', () => {
    expect(toImportRow({ order_line: [[0, 0, { product_id: 1 }]] }, types)).toBeNull();
    expect(toImportRow({ props: { a: 1 } }, types)).toBeNull();
    expect(toImportRow({ unknown_field: 'x' }, types)).toBeNull();
    expect(toImportRow({ partner_id: [7, 'Name'] }, types)).toBeNull();
    expect(toImportRow({ id: 5 }, { ...types, id: 'integer' })).toBeNull();
  });
});
