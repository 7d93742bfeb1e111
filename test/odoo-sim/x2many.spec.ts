import { OdooError } from './errors';
import { planX2ManyCommands } from './x2many';

describe('planX2ManyCommands', () => {
  it('[0, 0, vals] appends a record to create', () => {
    const plan = planX2ManyCommands([51], [[0, 0, { product_id: 6 }]]);
    expect(plan.create).toEqual([{ product_id: 6 }]);
    expect(plan.items).toEqual([{ id: 51 }, { newIndex: 0 }]);
  });

  it('[1, id, vals] updates in place', () => {
    const plan = planX2ManyCommands([51], [[1, 51, { product_uom_qty: 5 }]]);
    expect(plan.update).toEqual([{ id: 51, vals: { product_uom_qty: 5 } }]);
    expect(plan.items).toEqual([{ id: 51 }]);
  });

  it('[2, id] deletes the record (third element ignored)', () => {
    const plan = planX2ManyCommands([51, 52], [[2, 52, 0]]);
    expect(plan.delete).toEqual([52]);
    expect(plan.items).toEqual([{ id: 51 }]);
  });

  it('[3, id] removes from the relation without deleting', () => {
    const plan = planX2ManyCommands([5, 7], [[3, 5]]);
    expect(plan.unlink).toEqual([5]);
    expect(plan.delete).toEqual([]);
    expect(plan.items).toEqual([{ id: 7 }]);
  });

  it('[4, id] links once', () => {
    const plan = planX2ManyCommands([7], [[4, 5], [4, 5], [4, 7]]);
    expect(plan.link).toEqual([5]);
    expect(plan.items).toEqual([{ id: 7 }, { id: 5 }]);
  });

  it('[5] clears the relation', () => {
    const plan = planX2ManyCommands([5, 7], [[5]]);
    expect(plan.unlink).toEqual([5, 7]);
    expect(plan.items).toEqual([]);
  });

  it('[6, 0, ids] replaces the relation', () => {
    const plan = planX2ManyCommands([7, 9], [[6, 0, [5, 7]]]);
    expect(plan.unlink).toEqual([9]);
    expect(plan.link).toEqual([5]);
    expect(plan.items).toEqual([{ id: 5 }, { id: 7 }]);
  });

  it('a bare id list means [6, 0, ids]', () => {
    expect(planX2ManyCommands([1], [2, 3]).items).toEqual([{ id: 2 }, { id: 3 }]);
  });

  it('False clears', () => {
    expect(planX2ManyCommands([1, 2], false).items).toEqual([]);
  });

  it('applies commands in order', () => {
    const plan = planX2ManyCommands([1, 2], [[5], [4, 3], [0, 0, { name: 'n' }], [3, 3]]);
    expect(plan.items).toEqual([{ newIndex: 0 }]);
    expect(plan.link).toEqual([3]);
    expect(plan.unlink).toEqual([1, 2, 3]);
  });

  it('rejects malformed commands with ValueError', () => {
    expect(() => planX2ManyCommands([], [[9, 0]])).toThrow(OdooError);
    expect(() => planX2ManyCommands([], [[0, 0, 'x']])).toThrow('Invalid x2many command');
    expect(() => planX2ManyCommands([], [[1, 'a', {}]])).toThrow('Invalid x2many command');
    expect(() => planX2ManyCommands([], 'x')).toThrow('Invalid x2many value');
  });
});
