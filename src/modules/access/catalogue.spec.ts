import { catalogueOf, modelIdsOf, partnerIdsOf, type CatalogueRows } from './catalogue';

// Rows as Odoo 18's search_read and read return them (many2one as [id, display name]).
const rows: CatalogueRows = {
  access: [
    { model_id: [1, 'Sales Order'], group_id: [10, 'Sales / User: Own Documents Only'] },
    { model_id: [2, 'Contact'], group_id: false },
    { model_id: [99, 'Uninstalled'], group_id: [10, 'Sales / User: Own Documents Only'] },
  ],
  rules: [
    { id: 31, name: 'Personal Orders', model_id: [1, 'Sales Order'], groups: [10], domain_force: "[('user_id','=',user.id)]" },
    { id: 32, name: false, model_id: [1, 'Sales Order'], groups: [], domain_force: false },
  ],
  groups: [
    { id: 11, implied_ids: [10] },
    { id: 10, implied_ids: [] },
  ],
  users: [
    { id: 6, groups_id: [10], partner_id: [7, 'Marc Demo'], company_ids: [1, 2], company_id: [2, 'B'] },
    { id: 8, groups_id: [], partner_id: [9, 'Joel Willis'], company_ids: [3], company_id: false },
    { id: 9, groups_id: [], partner_id: false, company_ids: [], company_id: false },
  ],
  models: [
    { id: 1, model: 'sale.order' },
    { id: 2, model: 'res.partner' },
  ],
  partners: [
    { id: 7, commercial_partner_id: [7, 'Marc Demo'] },
    { id: 9, commercial_partner_id: [14, 'Azure Interior'] },
  ],
};

describe('catalogueOf', () => {
  it('names models by their technical name, and leaves out lines of a model ir.model does not name', () => {
    const catalogue = catalogueOf(rows, new Map(), 3);
    expect([...catalogue.readAccess]).toEqual([
      ['sale.order', [10]],
      ['res.partner', [null]],
    ]);
    expect(catalogue.rules.get('sale.order')).toEqual([
      { id: 31, name: 'Personal Orders', groups: [10], domainForce: "[('user_id','=',user.id)]" },
      { id: 32, name: 'ir.rule 32', groups: [], domainForce: '' },
    ]);
    expect(catalogue.version).toBe(3);
  });

  it('keeps each group’s implied groups and each user’s groups, partners and companies as rules evaluate them', () => {
    const catalogue = catalogueOf(rows, new Map(), 1);
    expect(catalogue.implied.get(11)).toEqual([10]);
    expect(catalogue.users.get(6)).toEqual({ groups: [10], partnerId: 7, commercialPartnerId: 7, companyIds: [1, 2], companyId: 2 });
    // A contact of a company: rules on user.commercial_partner_id name the company; no current company: the first.
    expect(catalogue.users.get(8)).toEqual({ groups: [], partnerId: 9, commercialPartnerId: 14, companyIds: [3], companyId: 3 });
    expect(catalogue.users.get(9)).toEqual({ groups: [], partnerId: false, commercialPartnerId: false, companyIds: [], companyId: false });
  });

  it('asks ir.model and res.partner only for the ids the rows name, each once', () => {
    expect(modelIdsOf(rows).sort((a, b) => a - b)).toEqual([1, 2, 99]);
    expect(partnerIdsOf(rows.users)).toEqual([7, 9]);
  });
});
