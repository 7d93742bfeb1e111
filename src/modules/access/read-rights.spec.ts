import type { AccessCatalogue } from './read-rights';
import { readRightsOf } from './read-rights';
import { evaluateDomain } from './rule-domain';

// Odoo 18's sale.order rules as recorded (../shared/odoo-fixtures/access/ir.rule.json): a global multi-company
// rule, 'Personal Orders' for Own Documents Only (group 10), 'All Orders' for All Documents (group 11, implies 10).
const catalogue: AccessCatalogue = {
  readAccess: new Map([['sale.order', [10]]]),
  rules: new Map([
    [
      'sale.order',
      [
        { id: 1, name: 'Sales Order multi-company', groups: [], domainForce: "[('company_id', 'in', company_ids)]" },
        { id: 2, name: 'Personal Orders', groups: [10], domainForce: "['|',('user_id','=',user.id),('user_id','=',False)]" },
        { id: 3, name: 'All Orders', groups: [11], domainForce: "[(1,'=',1)]" },
      ],
    ],
  ]),
  implied: new Map([[11, [10]]]),
  fieldGroups: new Map(),
  users: new Map([
    [6, { groups: [10], partnerId: 7, commercialPartnerId: 7, companyIds: [1, 2], companyId: 1 }],
    [2, { groups: [11], partnerId: 3, commercialPartnerId: 3, companyIds: [1], companyId: 1 }],
    [9, { groups: [], partnerId: 9, commercialPartnerId: 9, companyIds: [1], companyId: 1 }],
  ]),
  version: 1,
};
const order = (userId: number | false, companyId = 1) => ({
  user_id: userId === false ? false : [userId, 'x'],
  company_id: [companyId, 'Company'],
});

describe('readRightsOf', () => {
  it('shows an own-documents user his orders and unassigned ones, not the administrator’s', () => {
    const demo = readRightsOf(catalogue, 't', 6);
    expect(demo.visible('sale.order', order(6))).toBe(true);
    expect(demo.visible('sale.order', order(false))).toBe(true);
    expect(demo.visible('sale.order', order(2))).toBe(false);
    expect([...demo.fieldsOfRules('sale.order')].sort()).toEqual(['company_id', 'user_id']);
  });

  it('ANDs the global rule: another company hides even an own order', () => {
    expect(readRightsOf(catalogue, 't', 2).visible('sale.order', order(2, 3))).toBe(false);
    expect(readRightsOf(catalogue, 't', 2).visible('sale.order', order(6))).toBe(true);
  });

  it('says unknown when the values lack a field a rule reads', () => {
    expect(readRightsOf(catalogue, 't', 6).visible('sale.order', { company_id: [1, 'C'] })).toBe('unknown');
  });

  it('works out an event payload’s verdict once per user and keeps it with the payload', () => {
    const demo = readRightsOf(catalogue, 't', 6);
    const admin = readRightsOf(catalogue, 't', 2);
    const adminsOrder = order(2);
    const rules = jest.spyOn(demo, 'visible');
    expect(demo.visibleEvent('sale.order', adminsOrder)).toBe(false);
    expect(demo.visibleEvent('sale.order', adminsOrder)).toBe(false);
    expect(demo.visibleEvent('sale.order', order(6))).toBe(true);
    expect(rules).toHaveBeenCalledTimes(2);
    // Another user's rules decide for themselves on the same shared payload.
    expect(admin.visibleEvent('sale.order', adminsOrder)).toBe(true);
  });

  it('refuses a model without read access for the user’s groups, and any model for an unknown user', () => {
    expect(readRightsOf(catalogue, 't', 9).readable('sale.order')).toBe(false);
    expect(readRightsOf(catalogue, 't', 6).readable('res.partner')).toBe(false);
    expect(readRightsOf(catalogue, 't', 404).readable('sale.order')).toBe(false);
  });
});

describe('ReadRights.explain', () => {
  const verdicts = (uid: number, values: Record<string, unknown>) =>
    readRightsOf(catalogue, 't', uid)
      .explain('sale.order', values)
      .rules.map((r) => [r.name, r.global, r.verdict]);

  it("names each rule that applies to the user with its verdict: the own-documents rule hides another salesperson's order", () => {
    const demo = readRightsOf(catalogue, 't', 6).explain('sale.order', order(2));
    expect(demo.modelAccess).toBe(true);
    expect(demo.verdict).toBe(false);
    expect(demo.rules.map((r) => [r.name, r.global, r.verdict])).toEqual([
      ['Sales Order multi-company', true, true],
      ['Personal Orders', false, false],
    ]);
    // The domain as evaluated for the user: user.id and company_ids filled in.
    expect(demo.rules[1].domain).toEqual(['|', ['user_id', '=', 6], ['user_id', '=', false]]);
    expect(demo.rules[0].domain).toEqual([['company_id', 'in', [1, 2]]]);
  });

  it('ORs the group rules and ANDs the global ones, as visible does', () => {
    // The administrator holds both group rules through implied groups: 'All Orders' shows what 'Personal Orders' does not.
    expect(verdicts(2, order(6))).toEqual([
      ['Sales Order multi-company', true, true],
      ['Personal Orders', false, false],
      ['All Orders', false, true],
    ]);
    expect(readRightsOf(catalogue, 't', 2).explain('sale.order', order(6)).verdict).toBe(true);
    // Another company: the global rule alone hides it.
    expect(readRightsOf(catalogue, 't', 2).explain('sale.order', order(2, 3)).verdict).toBe(false);
    expect(verdicts(2, order(2, 3))[0]).toEqual(['Sales Order multi-company', true, false]);
  });

  it('says unknown per rule and combined when the values lack a field a rule reads', () => {
    const demo = readRightsOf(catalogue, 't', 6).explain('sale.order', { company_id: [1, 'C'] });
    expect(demo.rules.map((r) => r.verdict)).toEqual([true, 'unknown']);
    expect(demo.verdict).toBe('unknown');
  });

  it('looks at no rule without model access', () => {
    expect(readRightsOf(catalogue, 't', 9).explain('sale.order', order(9))).toEqual({ modelAccess: false, rules: [], verdict: false });
  });
});

describe('evaluateDomain', () => {
  it('follows Kleene logic: a known true branch decides an OR with an unknown one', () => {
    expect(evaluateDomain(['|', ['user_id', '=', 6], ['order_id.user_id', '=', 6]], { user_id: [6, 'x'] })).toBe(true);
    expect(evaluateDomain(['|', ['user_id', '=', 6], ['order_id.user_id', '=', 6]], { user_id: [2, 'x'] })).toBe('unknown');
    expect(evaluateDomain(['!', ['user_id', '=', 6]], { user_id: 6 })).toBe(false);
  });

  it('compares many2one, x2many and scalars as Odoo stores them', () => {
    expect(evaluateDomain([['company_id', 'in', [1, 2]]], { company_id: false })).toBe(false);
    expect(evaluateDomain([['company_id', '=', false]], { company_id: false })).toBe(true);
    expect(evaluateDomain([['tag_ids', 'in', [4]]], { tag_ids: [3, 4] })).toBe(true);
    expect(evaluateDomain([['share', '=', false]], { share: false })).toBe(true);
    expect(evaluateDomain([['company_id', 'parent_of', [1]]], { company_id: [1, 'C'] })).toBe(true);
    expect(evaluateDomain([['company_id', 'parent_of', [1]]], { company_id: [5, 'C'] })).toBe('unknown');
  });
});
