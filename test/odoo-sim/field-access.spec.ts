import recorded from './fixtures/access/field-rights.json';
import { DEMO_UID, PORTAL_UID, startOdooSim, type OdooSim } from './index';
import { executeKw, postJson, rawRequest } from './spec-helpers';
import { decodeResponse, encodeMethodCall } from './xml-rpc-codec';

/**
 * Odoo 18's field-level access, as recorded from a real server (fixtures/access/field-rights.json): a field declared
 * with `groups=` (in its definition; ir.model.fields.groups stays empty) is readable and writable only by users
 * that Odoo's has_groups lets in, implied groups included. Enforced on every RPC path, as in Odoo.
 */
const demo = { uid: DEMO_UID, password: 'demo' };

function errorMessage(json: Record<string, unknown>): string | undefined {
  return (json.error as { data?: { name: string; message: string } } | undefined)?.data?.message;
}
function errorName(json: Record<string, unknown>): string | undefined {
  return (json.error as { data?: { name: string } } | undefined)?.data?.name;
}

describe('Odoo 18 field-level access (groups= on fields) over the APIs', () => {
  let sim: OdooSim;
  let quantId: number;

  async function groupId(fullName: string): Promise<number> {
    const [id] = (await executeKw(sim.url, 'res.groups', 'search', [[['full_name', '=', fullName]]])).result as number[];
    return id;
  }
  beforeEach(async () => {
    sim = await startOdooSim({ seed: true });
    [quantId] = (await sim.env().search('stock.quant', [['quantity', '>', 0]], { limit: 1 })) as number[];
  });
  afterEach(async () => {
    await sim.close();
  });

  it('ir.model.fields holds no groups, as recorded; fields_get reports groups= as external ids, resolvable in ir.model.data', async () => {
    const stored = (await executeKw(sim.url, 'ir.model.fields', 'search_count', [[['model', 'in', Object.keys(recorded.models)], ['groups', '!=', false]]])).result;
    expect(stored).toBe(recorded.ir_model_fields_with_groups);
    expect(stored).toBe(0);
    for (const model of ['stock.quant', 'res.partner', 'product.product', 'product.template', 'sale.order']) {
      const fields = (await executeKw(sim.url, model, 'fields_get', [], { attributes: ['groups'] })).result as Record<string, { groups?: string }>;
      const recordedGroups = (recorded.models as Record<string, { groups: Record<string, string> }>)[model].groups;
      // Every restricted field the simulator has carries the recorded groups; no other field carries any.
      const withGroups = Object.fromEntries(Object.entries(fields).filter(([, f]) => f.groups).map(([name, f]) => [name, f.groups]));
      expect(withGroups).toEqual(Object.fromEntries(Object.entries(recordedGroups).filter(([name]) => name in fields)));
    }
    const [xmlId] = (await executeKw(sim.url, 'ir.model.data', 'search_read', [[['model', '=', 'res.groups'], ['module', '=', 'stock'], ['name', '=', 'group_stock_manager']]], {
      fields: ['res_id'],
    })).result as { res_id: number }[];
    expect(xmlId.res_id).toBe(await groupId('Inventory / Administrator'));
  });

  it('fields_get as demo leaves out what the recorded fields_get left out for him, of the fields the simulator has', async () => {
    for (const [model, m] of Object.entries(recorded.models as Record<string, { hidden_for_demo: string[] }>)) {
      const forAdmin = (await executeKw(sim.url, model, 'fields_get', [], { attributes: ['type'] })).result as Record<string, unknown>;
      const forDemo = (await executeKw(sim.url, model, 'fields_get', [], { attributes: ['type'] }, demo)).result as Record<string, unknown>;
      const hidden = Object.keys(forAdmin).filter((f) => !(f in forDemo)).sort();
      expect([model, hidden]).toEqual([model, m.hidden_for_demo.filter((f) => f in forAdmin)]);
    }
  });

  it('fields_get leaves out a field the user is not in the groups of (demo, "Inventory / User", and stock.quant.value)', async () => {
    const forDemo = (await executeKw(sim.url, 'stock.quant', 'fields_get', [], { attributes: ['type'] }, demo)).result as Record<string, unknown>;
    const forAdmin = (await executeKw(sim.url, 'stock.quant', 'fields_get', [], { attributes: ['type'] })).result as Record<string, unknown>;
    expect(forAdmin).toHaveProperty('value');
    expect(forDemo).not.toHaveProperty('value');
    expect(forDemo).toHaveProperty('quantity');
    // Asked for by name, it is left out too.
    expect((await executeKw(sim.url, 'stock.quant', 'fields_get', [['value', 'quantity']], undefined, demo)).result).toEqual({
      quantity: expect.any(Object),
    });
  });

  it('search_read and read without a field list silently leave the field out; the administrator gets it', async () => {
    const [own] = (await executeKw(sim.url, 'stock.quant', 'search_read', [[['id', '=', quantId]]], undefined, demo)).result as Record<string, unknown>[];
    expect(own).toHaveProperty('quantity');
    expect(own).not.toHaveProperty('value');
    const [read] = (await executeKw(sim.url, 'stock.quant', 'read', [[quantId]], undefined, demo)).result as Record<string, unknown>[];
    expect(read).not.toHaveProperty('value');
    const [admin] = (await executeKw(sim.url, 'stock.quant', 'search_read', [[['id', '=', quantId]]], { fields: ['value', 'quantity'] })).result as Record<string, number>[];
    expect(admin.value).toBeGreaterThan(0);
  });

  it("naming the field in read raises Odoo's AccessError as recorded: the detailed form for a Technical Features member, the short one otherwise", async () => {
    const json = await executeKw(sim.url, 'stock.quant', 'read', [[quantId]], { fields: ['quantity', 'value'] }, demo);
    expect(errorName(json)).toBe(recorded.demo_reads_stock_quant_value.name);
    expect(errorMessage(json)).toBe(recorded.demo_reads_stock_quant_value.message);
    // The portal user is not in Technical Features (which Internal User implies in the recorded database).
    const short = await executeKw(sim.url, 'res.partner', 'search_read', [[]], { fields: ['name', 'credit_limit'] }, { uid: PORTAL_UID, password: 'portal' });
    expect(errorMessage(short)).toBe(
      'You do not have enough rights to access the fields "credit_limit" on Contact (res.partner). Please contact your system administrator.\n\nOperation: read',
    );
  });

  it('answers the same AccessError over XML-RPC (faultCode 4) and /web/dataset/call_kw', async () => {
    const body = encodeMethodCall('execute_kw', ['demo', DEMO_UID, 'demo', 'stock.quant', 'read', [[quantId]], { fields: ['value'] }]);
    const res = await rawRequest(sim.url, '/xmlrpc/2/object', { headers: { 'Content-Type': 'text/xml' }, body });
    const fault = decodeResponse(res.body).fault as { faultCode: number; faultString: string };
    expect(fault.faultCode).toBe(4);
    expect(fault.faultString).toContain("- value (allowed for groups 'Inventory / Administrator')");

    const login = await postJson(sim.url, '/web/session/authenticate', { jsonrpc: '2.0', method: 'call', params: { db: 'demo', login: 'demo', password: 'demo' }, id: 1 });
    const cookie = login.cookies[0].split(';')[0];
    const call = await postJson(
      sim.url,
      '/web/dataset/call_kw/stock.quant/read',
      { jsonrpc: '2.0', method: 'call', params: { model: 'stock.quant', method: 'read', args: [[quantId], ['value']], kwargs: {} }, id: 7 },
      { Cookie: cookie },
    );
    expect(errorName(call.json)).toBe('odoo.exceptions.AccessError');
    const fine = await postJson(
      sim.url,
      '/web/dataset/call_kw/stock.quant/read',
      { jsonrpc: '2.0', method: 'call', params: { model: 'stock.quant', method: 'read', args: [[quantId], ['quantity']], kwargs: {} }, id: 8 },
      { Cookie: cookie },
    );
    expect(fine.json.result).toEqual([{ id: quantId, quantity: expect.any(Number) }]);
  });

  it('a module restricting a field further makes writing it an AccessError (Operation: write) that changes nothing', async () => {
    const [partnerId] = (await sim.env().search('res.partner', [['is_company', '=', true]], { limit: 1 })) as number[];
    // Demo is an invoicing user: Odoo 18's own groups on credit_limit let him write it.
    expect((await executeKw(sim.url, 'res.partner', 'write', [[partnerId], { credit_limit: 100 }], undefined, demo)).result).toBe(true);

    sim.setFieldGroups('res.partner', 'credit_limit', 'sales_team.group_sale_manager');
    const json = await executeKw(sim.url, 'res.partner', 'write', [[partnerId], { credit_limit: 5000, phone: '+1 555' }], undefined, demo);
    expect(errorName(json)).toBe('odoo.exceptions.AccessError');
    expect(errorMessage(json)).toContain("Operation: write\nUser: 6\nFields:\n- credit_limit (allowed for groups 'Sales / Administrator')");
    expect(sim.peek('res.partner', [['id', '=', partnerId]], ['credit_limit', 'phone'])[0]).toMatchObject({ credit_limit: 100 });
    expect(sim.peek('res.partner', [['id', '=', partnerId]], ['phone'])[0].phone).not.toBe('+1 555');
    // create and load (an import writes its columns) are refused the same way.
    const created = await executeKw(sim.url, 'res.partner', 'create', [{ name: 'X', credit_limit: 1 }], undefined, demo);
    expect(errorName(created)).toBe('odoo.exceptions.AccessError');
    const loaded = (await executeKw(sim.url, 'res.partner', 'load', [['name', 'credit_limit'], [['Y', '1']]], undefined, demo)).result as {
      ids: unknown;
      messages: { message: string }[];
    };
    expect(loaded.ids).toBe(false);
    expect(loaded.messages[0].message).toContain('credit_limit');
  });

  it('groups count through implied groups: demo made Sales / Administrator reads a field of "Sales / User: All Documents"', async () => {
    sim.setFieldGroups('res.partner', 'credit_limit', 'sales_team.group_sale_salesman_all_leads');
    const hidden = (await executeKw(sim.url, 'res.partner', 'search_read', [[]], { limit: 1 }, demo)).result as Record<string, unknown>[];
    expect(hidden[0]).not.toHaveProperty('credit_limit');
    await executeKw(sim.url, 'res.users', 'write', [[DEMO_UID], { groups_id: [[4, await groupId('Sales / Administrator')]] }]);
    const shown = (await executeKw(sim.url, 'res.partner', 'search_read', [[]], { limit: 1 }, demo)).result as Record<string, unknown>[];
    expect(shown[0]).toHaveProperty('credit_limit');
  });

  it('a negated group and "." are read as Odoo does: "!" shuts a member out, "." everyone', async () => {
    sim.setFieldGroups('res.partner', 'credit_limit', 'base.group_user,!sales_team.group_sale_salesman');
    sim.setFieldGroups('res.partner', 'phone', '.');
    const forDemo = (await executeKw(sim.url, 'res.partner', 'fields_get', [], { attributes: ['type'] }, demo)).result as Record<string, unknown>;
    expect(forDemo).not.toHaveProperty('credit_limit');
    expect(forDemo).not.toHaveProperty('phone');
    expect(forDemo).toHaveProperty('email');
  });
});
