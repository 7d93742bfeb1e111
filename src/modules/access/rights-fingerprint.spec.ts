import type { AccessCatalogue, CatalogueUser } from './read-rights';
import { readRightsOf } from './read-rights';
import { rightsFingerprint } from './rights-fingerprint';

// Odoo 18's sale.order rules as recorded: multi-company, 'Personal Orders' (group 10), 'All Orders' (group 11).
function catalogue(overrides: Partial<AccessCatalogue> = {}): AccessCatalogue {
  return {
    readAccess: new Map([
      ['sale.order', [10]],
      ['res.partner', [null]],
    ]),
    rules: new Map([
      [
        'sale.order',
        [
          { groups: [], domainForce: "[('company_id', 'in', company_ids)]" },
          { groups: [10], domainForce: "['|',('user_id','=',user.id),('user_id','=',False)]" },
          { groups: [11], domainForce: "[(1,'=',1)]" },
        ],
      ],
    ]),
    implied: new Map([[11, [10]]]),
    users: new Map([
      [6, { groups: [10], partnerId: 7, commercialPartnerId: 7, companyIds: [1], companyId: 1 }],
      [7, { groups: [10], partnerId: 8, commercialPartnerId: 8, companyIds: [1], companyId: 1 }],
    ]),
    fieldGroups: new Map(),
    version: 1,
    ...overrides,
  };
}
const fingerprint = (c: AccessCatalogue, uid = 6, models: string[] | '*' = ['res.partner', 'sale.order']) =>
  rightsFingerprint(readRightsOf(c, 't', uid), models);

describe('rightsFingerprint', () => {
  it('is the same after a reload that changed nothing (another catalogue version)', () => {
    expect(fingerprint(catalogue({ version: 2 }))).toBe(fingerprint(catalogue()));
  });

  it('changes when a field of the models is restricted to groups the user is not in (groups= on the field)', () => {
    const restricted = catalogue({ fieldGroups: new Map([['sale.order', new Map([['client_order_ref', { anyOf: [99], noneOf: [] }]])]]) });
    expect(fingerprint(restricted)).not.toBe(fingerprint(catalogue()));
    // A group the user has: nothing is hidden from him, nothing changes.
    const granted = catalogue({ fieldGroups: new Map([['sale.order', new Map([['client_order_ref', { anyOf: [10], noneOf: [] }]])]]) });
    expect(fingerprint(granted)).toBe(fingerprint(catalogue()));
  });

  it("changes when the user's groups change, also through an implied group", () => {
    const before = fingerprint(catalogue());
    const users = catalogue().users;
    users.set(6, { ...(users.get(6) as CatalogueUser), groups: [11] });
    expect(fingerprint(catalogue({ users }))).not.toBe(before);
  });

  it("changes when a rule of the device's models changes, and not for a model outside them", () => {
    const before = fingerprint(catalogue(), 6, ['sale.order']);
    const rules = catalogue().rules;
    rules.set('sale.order', [{ groups: [10], domainForce: "[('user_id','=',user.id)]" }]);
    expect(fingerprint(catalogue({ rules }), 6, ['sale.order'])).not.toBe(before);
    const other = catalogue().rules;
    other.set('stock.picking', [{ groups: [], domainForce: "[('company_id', 'in', company_ids)]" }]);
    expect(fingerprint(catalogue({ rules: other }), 6, ['sale.order'])).toBe(before);
  });

  it("changes when the model's access lines change, and with the user's companies", () => {
    const before = fingerprint(catalogue());
    expect(fingerprint(catalogue({ readAccess: new Map([['sale.order', [10]]]) }))).not.toBe(before);
    const users = catalogue().users;
    users.set(6, { ...(users.get(6) as CatalogueUser), companyIds: [1, 2] });
    expect(fingerprint(catalogue({ users }))).not.toBe(before);
  });

  it('covers the models the access model names for an app type of every model', () => {
    const rules = catalogue().rules;
    rules.set('stock.picking', [{ groups: [], domainForce: "[('company_id', 'in', company_ids)]" }]);
    expect(fingerprint(catalogue({ rules }), 6, '*')).not.toBe(fingerprint(catalogue(), 6, '*'));
  });

  it('differs between users whose rules evaluate differently', () => {
    expect(fingerprint(catalogue(), 7)).not.toBe(fingerprint(catalogue(), 6));
  });
});
