import { ruleDomainFor, type AccessUser } from './access';
import { RECORDED_ORDERS } from './access-seed';
import { DEMO_UID, PORTAL_UID, startOdooSim, type OdooSim } from './index';
import { errorShape, executeKw, loadFixture, postJson, rawRequest } from './spec-helpers';
import { decodeResponse, encodeMethodCall } from './xml-rpc-codec';

/** Odoo 18's access model as recorded from its demo database (fixtures/access), over the simulator's RPC APIs. */

interface Envelope {
  status: number;
  body: Record<string, unknown>;
}
const envelopes = loadFixture<Record<string, Envelope>>('access/envelopes.json');
const demo = { uid: DEMO_UID, password: 'demo' };
const portal = { uid: PORTAL_UID, password: 'portal' };

const visibleToDemo = RECORDED_ORDERS.orders.map((o) => o.id).filter((id) => !RECORDED_ORDERS.hidden_from_demo.includes(id));
const hiddenId = RECORDED_ORDERS.hidden_from_demo[0];

function errorData(json: Record<string, unknown>): { name: string; message: string } {
  return (json.error as { data: { name: string; message: string } }).data;
}

describe('record rule domains (ir.rule.domain_force evaluated with the user)', () => {
  const user: AccessUser = {
    uid: 6,
    name: 'Marc Demo',
    partnerId: 7,
    commercialPartnerId: 7,
    companyIds: [2, 1],
    companyId: 2,
    groups: new Set([1]),
  };

  it('substitutes user.id, user.commercial_partner_id.id, company_ids and company_ids + [False]', () => {
    expect(ruleDomainFor("['|',('user_id','=',user.id),('user_id','=',False)]", user)).toEqual([
      '|',
      ['user_id', '=', 6],
      ['user_id', '=', false],
    ]);
    expect(ruleDomainFor("[('message_partner_ids','child_of',[user.commercial_partner_id.id])]", user)).toEqual([
      ['message_partner_ids', 'child_of', [7]],
    ]);
    expect(ruleDomainFor("[('company_id', 'in', company_ids + [False])]", user)).toEqual([['company_id', 'in', [2, 1, false]]]);
    expect(ruleDomainFor("[(1,'=',1)]", user)).toEqual([[1, '=', 1]]);
  });

  it('refuses anything that is not a literal or a known name, instead of evaluating it', () => {
    expect(() => ruleDomainFor("[('id','=',__import__('os').getpid())]", user)).toThrow(/name '__import__' is not defined/);
    expect(() => ruleDomainFor("[('id','=',user.password)]", user)).toThrow(/cannot evaluate/);
    expect(() => ruleDomainFor("'not a list'", user)).toThrow(/Invalid domain/);
  });
});

describe('Odoo access model over the APIs', () => {
  let sim: OdooSim;

  beforeEach(async () => {
    sim = await startOdooSim({ seed: 'recorded-orders' });
  });

  afterEach(async () => {
    await sim.close();
  });

  const ids = (json: Record<string, unknown>): number[] => [...(json.result as number[])].sort((a, b) => a - b);

  it('demo ("Sales / User: Own Documents Only") searches exactly the orders Odoo shows him; admin all of them', async () => {
    expect(ids(await executeKw(sim.url, 'sale.order', 'search', [[]], undefined, demo))).toEqual([...visibleToDemo].sort((a, b) => a - b));
    expect((await executeKw(sim.url, 'sale.order', 'search_count', [[]], undefined, demo)).result).toBe(RECORDED_ORDERS.demo_count);
    expect((await executeKw(sim.url, 'sale.order', 'search_count', [[]])).result).toBe(RECORDED_ORDERS.admin_count);
    // Filtering is silent and happens before offset/limit, as in Odoo's SQL.
    const page = await executeKw(sim.url, 'sale.order', 'search_read', [[['id', 'in', [1, 2, 5]]]], { fields: ['name'], order: 'id' }, demo);
    expect(page.result).toEqual([
      { id: 1, name: 'S00001' },
      { id: 5, name: 'S00005' },
    ]);
    const limited = await executeKw(sim.url, 'sale.order', 'search', [[]], { limit: 3, order: 'id' }, demo);
    expect(limited.result).toEqual([...visibleToDemo].sort((a, b) => a - b).slice(0, 3));
  });

  it('order lines follow their order through the dotted related salesman_id (rule "Personal Order Lines")', async () => {
    const lines = (await executeKw(sim.url, 'sale.order.line', 'search_read', [[]], { fields: ['order_id'] }, demo)).result as Array<{ order_id: [number, string] }>;
    const all = (await executeKw(sim.url, 'sale.order.line', 'search_read', [[]], { fields: ['order_id'] })).result as Array<{ order_id: [number, string] }>;
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.length).toBeLessThan(all.length);
    expect(lines.every((l) => visibleToDemo.includes(l.order_id[0]))).toBe(true);
    expect(all.filter((l) => visibleToDemo.includes(l.order_id[0]))).toHaveLength(lines.length);
  });

  it('reading a rule-hidden order answers the recorded AccessError envelope over JSON-RPC', async () => {
    const json = await executeKw(sim.url, 'sale.order', 'read', [[hiddenId]], { fields: ['name'] }, demo);
    const expected = envelopes.read_forbidden_record.body;
    expect(errorShape(json)).toEqual(errorShape(expected));
  });

  it('writing a rule-hidden order and writing res.users answer the recorded envelopes, and change nothing', async () => {
    const write = await executeKw(sim.url, 'sale.order', 'write', [[hiddenId], { client_order_ref: 'X' }], undefined, demo);
    expect(errorShape(write)).toEqual(errorShape(envelopes.write_forbidden_record.body));
    expect(sim.peek('sale.order', [['id', '=', hiddenId]], ['client_order_ref'])).toEqual([{ id: hiddenId, client_order_ref: false }]);
    const users = await executeKw(sim.url, 'res.users', 'write', [[2], { signature: 'x' }], undefined, demo);
    expect(errorShape(users)).toEqual(errorShape(envelopes.write_forbidden_model.body));
  });

  it('answers the same AccessError over XML-RPC (faultCode 4) and /web/dataset/call_kw', async () => {
    const body = encodeMethodCall('execute_kw', ['demo', DEMO_UID, 'demo', 'sale.order', 'read', [[hiddenId]], { fields: ['name'] }]);
    const res = await rawRequest(sim.url, '/xmlrpc/2/object', { headers: { 'Content-Type': 'text/xml' }, body });
    const expected = errorData(envelopes.read_forbidden_record.body).message;
    expect(decodeResponse(res.body).fault).toEqual({ faultCode: 4, faultString: expected });

    const login = await postJson(sim.url, '/web/session/authenticate', { jsonrpc: '2.0', method: 'call', params: { db: 'demo', login: 'demo', password: 'demo' }, id: 1 });
    const cookie = login.cookies[0].split(';')[0];
    const call = await postJson(
      sim.url,
      '/web/dataset/call_kw/sale.order/read',
      { jsonrpc: '2.0', method: 'call', params: { model: 'sale.order', method: 'read', args: [[hiddenId], ['name']], kwargs: {} }, id: 7 },
      { Cookie: cookie },
    );
    expect(errorShape(call.json)).toEqual(errorShape(envelopes.read_forbidden_record.body));
    const own = await postJson(
      sim.url,
      '/web/dataset/call_kw/sale.order/search_count',
      { jsonrpc: '2.0', method: 'call', params: { model: 'sale.order', method: 'search_count', args: [[]], kwargs: {} }, id: 8 },
      { Cookie: cookie },
    );
    expect(own.json.result).toBe(RECORDED_ORDERS.demo_count);
  });

  it('ir.model.access decides per operation: demo may create orders but not delete them', async () => {
    const unlink = await executeKw(sim.url, 'sale.order', 'unlink', [[visibleToDemo[0]]], undefined, demo);
    expect(errorData(unlink).message).toBe(
      "You are not allowed to delete 'Sales Order' (sale.order) records.\n\nThis operation is allowed for the following groups:\n\t- Sales/Administrator\n\nContact your administrator to request access if necessary.",
    );
    const created = await executeKw(sim.url, 'sale.order', 'create', [{ partner_id: 10 }], undefined, demo);
    expect(sim.peek('sale.order', [['id', '=', created.result]], ['user_id'])).toEqual([{ id: created.result, user_id: [DEMO_UID, 'Marc Demo'] }]);
  });

  it('creating an order for another salesperson breaks the create rule and rolls back', async () => {
    const before = sim.peek('sale.order').length;
    const json = await executeKw(sim.url, 'sale.order', 'create', [{ partner_id: 10, user_id: 2 }], undefined, demo);
    expect(errorData(json).message).toContain("Sorry, Marc Demo (id=6) doesn't have 'create' access to:\n- Sales Order (sale.order)");
    expect(sim.peek('sale.order')).toHaveLength(before);
  });

  it('an admin changing a rule or a user\'s groups over the API changes what demo sees', async () => {
    const [rule] = (await executeKw(sim.url, 'ir.rule', 'search', [[['name', '=', 'Personal Orders']]])).result as number[];
    await executeKw(sim.url, 'ir.rule', 'write', [[rule], { domain_force: "[('partner_id.name', '=', 'Deco Addict')]" }]);
    // Dotted path through res.partner: every recorded order is for Deco Addict except the seeded demo orders.
    const deco = sim.peek('sale.order', [['partner_id.name', '=', 'Deco Addict']]).map((r) => r.id);
    expect(ids(await executeKw(sim.url, 'sale.order', 'search', [[]], undefined, demo))).toEqual(deco.sort((a, b) => Number(a) - Number(b)));

    await executeKw(sim.url, 'ir.rule', 'write', [[rule], { active: false }]);
    // No rule of demo's groups is left: only the global multi-company rule applies.
    expect((await executeKw(sim.url, 'sale.order', 'search_count', [[]], undefined, demo)).result).toBe(RECORDED_ORDERS.admin_count);

    await executeKw(sim.url, 'ir.rule', 'write', [[rule], { active: true, domain_force: "['|',('user_id','=',user.id),('user_id','=',False)]" }]);
    const [allDocuments] = (await executeKw(sim.url, 'res.groups', 'search', [[['full_name', '=', 'Sales / User: All Documents']]])).result as number[];
    await executeKw(sim.url, 'res.users', 'write', [[DEMO_UID], { groups_id: [[4, allDocuments]] }]);
    // Group rules are OR-ed: "All Orders" now opens what "Personal Orders" closes.
    expect((await executeKw(sim.url, 'sale.order', 'search_count', [[]], undefined, demo)).result).toBe(RECORDED_ORDERS.admin_count);
  });

  it('demo cannot change rules; global rules bind admin too; only the superuser bypasses them', async () => {
    const denied = await executeKw(sim.url, 'ir.rule', 'write', [[1], { active: false }], undefined, demo);
    expect(errorData(denied).message).toContain("You are not allowed to modify 'Record Rule' (ir.rule) records.");
    const [global] = (await executeKw(sim.url, 'ir.rule', 'search', [[['name', '=', 'Sales Order multi-company']]])).result as number[];
    await executeKw(sim.url, 'ir.rule', 'write', [[global], { domain_force: "[('company_id', '=', 2)]" }]);
    expect((await executeKw(sim.url, 'sale.order', 'search_count', [[]])).result).toBe(0);
    expect(await sim.env(1).searchCount('sale.order')).toBe(RECORDED_ORDERS.admin_count);
  });

  it('parent_of on companies and the allowed_company_ids context (rule "Product multi-company")', async () => {
    const [chicagoOnly] = (await executeKw(sim.url, 'product.template', 'search', [[]], { limit: 1, order: 'id' })).result as number[];
    await executeKw(sim.url, 'product.template', 'write', [[chicagoOnly], { company_id: 2 }]);
    const inBoth = await executeKw(sim.url, 'product.template', 'search', [[['id', '=', chicagoOnly]]], undefined, demo);
    expect(inBoth.result).toEqual([chicagoOnly]);
    const sfOnly = await executeKw(sim.url, 'product.template', 'search', [[['id', '=', chicagoOnly]]], { context: { allowed_company_ids: [1] } }, demo);
    expect(sfOnly.result).toEqual([]);
  });

  it('portal sees its commercial partner\'s contacts (id child_of) and has no right to products', async () => {
    const partners = ids(await executeKw(sim.url, 'res.partner', 'search', [[]], undefined, portal));
    const family = sim.peek('res.partner', [['id', 'child_of', 1]]).map((r) => r.id);
    expect(partners).toEqual(family.sort((a, b) => Number(a) - Number(b)));
    expect(partners).toContain(8);
    const products = await executeKw(sim.url, 'product.template', 'search', [[]], undefined, portal);
    expect(errorData(products).message).toContain("You are not allowed to access 'Product' (product.template) records.");
  });
});
