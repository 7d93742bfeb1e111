import { readableEvents, type DeliveredEvent, type FilterContext } from './read-filter';
import { readRightsOf, type AccessCatalogue } from './read-rights';

// Own documents only (group 10) on sale.order, as Odoo 18's 'Personal Orders' rule.
const catalogue: AccessCatalogue = {
  readAccess: new Map([['sale.order', [10]]]),
  rules: new Map([['sale.order', [{ groups: [10], domainForce: "['|',('user_id','=',user.id),('user_id','=',False)]" }]]]),
  implied: new Map(),
  fieldGroups: new Map(),
  users: new Map([[6, { groups: [10], partnerId: 7, commercialPartnerId: 7, companyIds: [1], companyId: 1 }]]),
  version: 1,
};
const demo = readRightsOf(catalogue, 't', 6);

const event = (id: number, kind: DeliveredEvent['event'], payload: Record<string, unknown> | null): DeliveredEvent => ({
  id,
  model: 'sale.order',
  record_id: 100 + id,
  event: kind,
  timestamp: '2026-12-07T00:00:00Z',
  priority: 'normal',
  payload,
});

const context = (over: Partial<FilterContext> = {}): FilterContext => ({
  changedFields: () => null,
  currentValues: () => undefined,
  ...over,
});

describe('readableEvents', () => {
  it('keeps the user’s records and drops a create of another user’s, which the device never had', () => {
    const out = readableEvents([event(1, 'create', { user_id: [6, 'Demo'] }), event(2, 'create', { user_id: [2, 'Admin'] })], demo, context());
    expect(out.map((e) => [e.id, e.event])).toEqual([[1, 'create']]);
  });

  it('sends a write that moved a record out of the user’s view as a removal without values', () => {
    const out = readableEvents([event(3, 'write', { user_id: [2, 'Admin'] })], demo, context({ changedFields: () => ['user_id'] }));
    expect(out).toEqual([{ id: 3, model: 'sale.order', record_id: 103, event: 'unlink', timestamp: '2026-12-07T00:00:00Z', priority: 'normal' }]);
  });

  it('hides a record the values cannot decide when Odoo was not asked, and follows Odoo’s answer when it was', () => {
    const undecided = [event(4, 'create', { name: 'S00004' })];
    expect(readableEvents(undecided, demo, context())).toEqual([]);
    expect(readableEvents(undecided, demo, context({ askedOdoo: () => false }))).toEqual([]);
    expect(readableEvents(undecided, demo, context({ askedOdoo: () => true })).map((e) => e.id)).toEqual([4]);
  });
});
