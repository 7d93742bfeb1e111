import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hiddenFields, parseFieldGroups } from './field-groups';
import { maskFields, type ChangedFieldsLoader, type FieldRights } from './field-mask';
import type { DeliveredEvent } from './read-filter';
import { readRightsOf, type AccessCatalogue } from './read-rights';

// Group ids as recorded from Odoo 18 (fixtures/access/res.groups.json): 39 Inventory / User, 40 Inventory /
// Administrator (implies 39), 26 Invoicing / Invoicing, 25 Show Accounting Features - Readonly.
const GROUP_IDS = new Map([
  ['stock.group_stock_user', 39],
  ['stock.group_stock_manager', 40],
  ['account.group_account_invoice', 26],
  ['account.group_account_readonly', 25],
  ['base.group_user', 1],
  ['base.group_portal', 10],
  ['base.group_no_one', 20],
]);
// fields_get(attributes=['groups']) as the service user: Odoo 18's `groups=` as declared on each field.
const fieldGroups = parseFieldGroups(
  new Map<string, Record<string, Record<string, unknown>>>([
    ['stock.quant', { value: { groups: 'stock.group_stock_manager' }, quantity: {} }],
    ['res.partner', { credit_limit: { groups: 'account.group_account_invoice,account.group_account_readonly' }, phone: { groups: '' } }],
    ['sale.order', { name: {} }],
  ]),
  GROUP_IDS,
);

interface FieldRightsFixture {
  demo_groups: number[];
  group_xml_ids: { id: number; xml_id: string }[];
  models: Record<string, { groups: Record<string, string>; hidden_for_demo: string[] }>;
}

const event = (e: Partial<DeliveredEvent> & { id: number }): DeliveredEvent => ({
  model: 'stock.quant',
  record_id: 1,
  event: 'write',
  timestamp: '2026-11-27T10:00:00.000Z',
  priority: 'medium',
  ...e,
});

const rightsHiding = (hidden: Record<string, string[]>): FieldRights => ({
  hiddenFields: (model) => new Set(hidden[model] ?? []),
});

/** A loader that fails the test when called for ids it was not prepared for. */
function loader(known: Record<number, string[] | null>): ChangedFieldsLoader & { calls: number[][] } {
  const calls: number[][] = [];
  const fn = (ids: number[]): Promise<Map<number, readonly string[] | null>> => {
    calls.push(ids);
    for (const id of ids) if (!(id in known)) throw new Error(`unexpected changed-fields lookup for event ${id}`);
    return Promise.resolve(new Map(ids.map((id) => [id, known[id]])));
  };
  return Object.assign(fn, { calls });
}

describe('parseFieldGroups', () => {
  it("keeps the fields fields_get reports groups for, per model, with Odoo's external ids resolved", () => {
    expect(fieldGroups).toEqual(
      new Map([
        ['stock.quant', new Map([['value', { anyOf: [40], noneOf: [] }]])],
        ['res.partner', new Map([['credit_limit', { anyOf: [26, 25], noneOf: [] }]])],
      ]),
    );
  });

  it('reads negations, "." (no one), a debug-only group and an unknown group as Odoo does over RPC', () => {
    const groups = parseFieldGroups(
      new Map<string, Record<string, Record<string, unknown>>>([['m', { a: { groups: 'base.group_user,!base.group_portal' }, b: { groups: '.' }, c: { groups: 'base.group_no_one' }, d: { groups: 'x.nope' } }]]),
      GROUP_IDS,
    );
    expect([...hiddenFields(groups, 'm', new Set([1]))].sort()).toEqual(['b', 'c', 'd']);
    expect([...hiddenFields(groups, 'm', new Set([1, 10, 20]))].sort()).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('hiddenFields', () => {
  it('hides a field from a user in none of its groups, shows it to a user in one of them', () => {
    expect([...hiddenFields(fieldGroups, 'stock.quant', new Set([39]))]).toEqual(['value']);
    expect(hiddenFields(fieldGroups, 'stock.quant', new Set([39, 40])).size).toBe(0);
    expect(hiddenFields(fieldGroups, 'res.partner', new Set([25])).size).toBe(0);
    expect(hiddenFields(fieldGroups, 'sale.order', new Set()).size).toBe(0);
  });

  it("hides from the recorded salesperson exactly the fields a real Odoo 18's fields_get leaves out for him", () => {
    const recorded = JSON.parse(readFileSync(join(__dirname, '../../../test/odoo-sim/fixtures/access/field-rights.json'), 'utf8')) as FieldRightsFixture;
    const groupsFixture = JSON.parse(readFileSync(join(__dirname, '../../../test/odoo-sim/fixtures/access/res.groups.json'), 'utf8')) as {
      id: number;
      full_name: string;
      implied: string[];
    }[];
    const byName = new Map(groupsFixture.map((g) => [g.full_name, g.id]));
    const catalogue: AccessCatalogue = {
      readAccess: new Map(),
      rules: new Map(),
      implied: new Map(groupsFixture.map((g) => [g.id, g.implied.map((n) => byName.get(n) as number)])),
      users: new Map([[6, { groups: recorded.demo_groups, partnerId: 7, commercialPartnerId: 7, companyIds: [1], companyId: 1 }]]),
      fieldGroups: parseFieldGroups(
        new Map(Object.entries(recorded.models).map(([model, m]) => [model, Object.fromEntries(Object.entries(m.groups).map(([f, g]) => [f, { groups: g }]))])),
        new Map(recorded.group_xml_ids.map((x) => [x.xml_id, x.id])),
      ),
      version: 1,
    };
    const demo = readRightsOf(catalogue, 't', 6);
    for (const [model, m] of Object.entries(recorded.models)) expect([model, [...demo.hiddenFields(model)].sort()]).toEqual([model, m.hidden_for_demo]);
    expect(recorded.models['stock.quant'].hidden_for_demo).toEqual(['currency_id', 'inventory_quantity_auto_apply', 'value']);
  });

  it('counts implied groups (ReadRights): Inventory / Administrator given through a group that implies it', () => {
    const catalogue: AccessCatalogue = {
      readAccess: new Map([['stock.quant', [39]]]),
      rules: new Map(),
      implied: new Map([
        [99, [40]],
        [40, [39]],
      ]),
      users: new Map([
        [6, { groups: [39], partnerId: 7, commercialPartnerId: 7, companyIds: [1], companyId: 1 }],
        [8, { groups: [99], partnerId: 9, commercialPartnerId: 9, companyIds: [1], companyId: 1 }],
      ]),
      fieldGroups,
      version: 1,
    };
    expect([...readRightsOf(catalogue, 't', 6).hiddenFields('stock.quant')]).toEqual(['value']);
    expect(readRightsOf(catalogue, 't', 8).hiddenFields('stock.quant').size).toBe(0);
    expect(readRightsOf(catalogue, 't', 1).hiddenFields('stock.quant').size).toBe(0);
  });
});

describe('maskFields', () => {
  const rights = rightsHiding({ 'stock.quant': ['value'] });

  it('returns the same array when no event carries a model with hidden fields (the page is served as stored)', async () => {
    const events = [event({ id: 1, model: 'sale.order', payload: { name: 'S1' } }), event({ id: 2, event: 'unlink' })];
    const load = loader({});
    expect(await maskFields(events, rights, load)).toBe(events);
    expect(load.calls).toEqual([]);
  });

  it('drops hidden fields from payloads and changed fields, keeping the other events as the same objects', async () => {
    const order = event({ id: 1, model: 'sale.order', payload: { name: 'S1' } });
    const create = event({ id: 2, event: 'create', payload: { quantity: 3, value: 30 } });
    const write = event({ id: 3, payload: { quantity: 4, value: 40 }, changed_fields: ['quantity', 'value'] });
    const out = await maskFields([order, create, write], rights, loader({}));
    expect(out[0]).toBe(order);
    expect(out[1]).toEqual({ ...create, payload: { quantity: 3 } });
    expect(out[2]).toEqual({ ...write, payload: { quantity: 4 }, changed_fields: ['quantity'] });
    expect(create.payload).toEqual({ quantity: 3, value: 30 });
  });

  it('leaves out a write that changed only hidden fields; a snapshot record or a write of unknown changes stays', async () => {
    const onlyHidden = event({ id: 1, payload: { quantity: 4, value: 50 }, changed_fields: ['value'] });
    const fromLog = event({ id: 2, payload: { quantity: 4, value: 60 } });
    const unknown = event({ id: 3, payload: { quantity: 4, value: 70 } });
    const snapshot = event({ id: 4, event: 'create', snapshot: true, payload: { quantity: 4, value: 80 } });
    const load = loader({ 2: ['value'], 3: null });
    const out = await maskFields([onlyHidden, fromLog, unknown, snapshot], rights, load);
    expect(out.map((e) => e.id)).toEqual([3, 4]);
    expect(out.map((e) => e.payload)).toEqual([{ quantity: 4 }, { quantity: 4 }]);
    // One lookup, only for the writes whose event does not carry its changed fields.
    expect(load.calls).toEqual([[2, 3]]);
  });

  it('a write that changed nothing tracked (empty changed fields) is delivered, as without field rights', async () => {
    const touched = event({ id: 1, payload: { quantity: 4, value: 50 }, changed_fields: [] });
    expect((await maskFields([touched], rights, loader({}))).map((e) => e.payload)).toEqual([{ quantity: 4 }]);
  });

  it('masks a shared event once for every user who hides the same fields, and apart for one who hides others', async () => {
    const shared = event({ id: 1, event: 'create', payload: { quantity: 3, value: 30, name: 'Q' } });
    const [forOne] = await maskFields([shared], rightsHiding({ 'stock.quant': ['value'] }), loader({}));
    const [forAnother] = await maskFields([shared], rightsHiding({ 'stock.quant': ['value'] }), loader({}));
    const [hidingMore] = await maskFields([shared], rightsHiding({ 'stock.quant': ['value', 'name'] }), loader({}));
    expect(forOne.payload).toEqual({ quantity: 3, name: 'Q' });
    expect(forAnother).toBe(forOne);
    expect(hidingMore.payload).toEqual({ quantity: 3 });
    expect(shared.payload).toEqual({ quantity: 3, value: 30, name: 'Q' });
  });

  it('keeps an own "__proto__" member of a payload as a member', async () => {
    const odd = event({ id: 1, event: 'create', payload: JSON.parse('{"__proto__": {"x": 1}, "value": 5, "quantity": 2}') as Record<string, unknown> });
    const [out] = await maskFields([odd], rights, loader({}));
    expect(JSON.stringify(out.payload)).toBe('{"__proto__":{"x":1},"quantity":2}');
    expect(Object.getPrototypeOf(out.payload)).toBe(Object.prototype);
  });

  it('an event of a restricted model without a hidden field in it is kept as the same object', async () => {
    const plain = event({ id: 1, payload: { quantity: 4 }, changed_fields: ['quantity'] });
    const out = await maskFields([plain], rights, loader({}));
    expect(out[0]).toBe(plain);
  });
});
