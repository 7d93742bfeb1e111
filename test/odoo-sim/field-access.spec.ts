import { DEMO_UID, PORTAL_UID, startOdooSim, type OdooSim } from './index';
import { executeKw, postJson, rawRequest } from './spec-helpers';
import { decodeResponse, encodeMethodCall } from './xml-rpc-codec';

/**
 * Odoo 18's field-level access: a field declared with `groups=` (kept in ir.model.fields) is readable and writable
 * only by users in one of those groups, implied groups included. Enforced on every RPC path, as in Odoo.
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
  async function fieldId(model: string, name: string): Promise<number> {
    const [id] = (await executeKw(sim.url, 'ir.model.fields', 'search', [[['model', '=', model], ['name', '=', name]]])).result as number[];
    return id;
  }

  beforeEach(async () => {
    sim = await startOdooSim({ seed: true });
    [quantId] = (await sim.env().search('stock.quant', [['quantity', '>', 0]], { limit: 1 })) as number[];
  });
  afterEach(async () => {
    await sim.close();
  });

  it('ir.model.fields holds the Odoo 18 groups of the tracked models, readable over the API (stock.quant.value: Inventory / Administrator)', async () => {
    const rows = (await executeKw(sim.url, 'ir.model.fields', 'search_read', [[['model', 'in', ['stock.quant', 'product.product']], ['groups', '!=', false]]], {
      fields: ['model', 'name', 'ttype', 'groups'],
    })).result as Array<{ model: string; name: string; ttype: string; groups: number[] }>;
    const byName = new Map(rows.map((r) => [`${r.model}.${r.name}`, r]));
    expect(byName.get('stock.quant.value')).toMatchObject({ ttype: 'monetary', groups: [await groupId('Inventory / Administrator')] });
    expect(byName.get('product.product.standard_price')?.groups).toEqual([await groupId('User types / Internal User')]);
    expect(byName.has('stock.quant.quantity')).toBe(false);
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

  it("naming the field in read raises Odoo's AccessError: the detailed form for a Technical Features member, the short one otherwise", async () => {
    const json = await executeKw(sim.url, 'stock.quant', 'read', [[quantId]], { fields: ['quantity', 'value'] }, demo);
    expect(errorName(json)).toBe('odoo.exceptions.AccessError');
    expect(errorMessage(json)).toBe(
      'The requested operation can not be completed due to security restrictions.\n\n' +
        'Document type: Quants (stock.quant)\nOperation: read\nUser: 6\nFields:\n' +
        "- value (allowed for groups 'Inventory / Administrator')",
    );
    // The portal user is not in Technical Features (which Internal User implies in the recorded database).
    const short = await executeKw(sim.url, 'res.partner', 'search_read', [[]], { fields: ['name', 'credit_limit'] }, { uid: PORTAL_UID, password: 'portal' });
    expect(errorMessage(short)).toBe(
      'You do not have enough rights to access the fields "credit_limit" on Contact (res.partner). Please contact your system administrator.\n\n(Operation: read)',
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

  it('an admin restricting a field in ir.model.fields makes writing it an AccessError (Operation: write) that changes nothing', async () => {
    const [partnerId] = (await sim.env().search('res.partner', [['is_company', '=', true]], { limit: 1 })) as number[];
    const creditLimit = await fieldId('res.partner', 'credit_limit');
    // Demo is an invoicing user: Odoo 18's own groups on credit_limit let him write it.
    expect((await executeKw(sim.url, 'res.partner', 'write', [[partnerId], { credit_limit: 100 }], undefined, demo)).result).toBe(true);

    await executeKw(sim.url, 'ir.model.fields', 'write', [[creditLimit], { groups: [[6, 0, [await groupId('Sales / Administrator')]]] }]);
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
    const partner = await fieldId('res.partner', 'credit_limit');
    await executeKw(sim.url, 'ir.model.fields', 'write', [[partner], { groups: [[6, 0, [await groupId('Sales / User: All Documents')]]] }]);
    const hidden = (await executeKw(sim.url, 'res.partner', 'search_read', [[]], { limit: 1 }, demo)).result as Record<string, unknown>[];
    expect(hidden[0]).not.toHaveProperty('credit_limit');
    await executeKw(sim.url, 'res.users', 'write', [[DEMO_UID], { groups_id: [[4, await groupId('Sales / Administrator')]] }]);
    const shown = (await executeKw(sim.url, 'res.partner', 'search_read', [[]], { limit: 1 }, demo)).result as Record<string, unknown>[];
    expect(shown[0]).toHaveProperty('credit_limit');
  });

  it('demo cannot change field groups (ir.model.fields is for Administration / Settings)', async () => {
    const json = await executeKw(sim.url, 'ir.model.fields', 'write', [[await fieldId('stock.quant', 'value')], { groups: [[5, 0, 0]] }], undefined, demo);
    expect(errorMessage(json)).toContain("You are not allowed to modify 'Fields' (ir.model.fields) records.");
  });
});
