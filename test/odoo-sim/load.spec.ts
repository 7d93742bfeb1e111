import { DEMO_UID, startOdooSim, type OdooSim } from './index';
import { executeKw, loadFixture } from './spec-helpers';

/** Odoo 18's model.load as recorded in fixtures/load.json (the real server's answers). */
interface LoadFixture {
  first: unknown;
  validation_error: { ids: false; messages: unknown[]; nextrow: number };
  as_demo_forbidden_model: { ids: false; messages: unknown[]; nextrow: number };
  ir_model_data: Array<{ module: string; name: string; model: string }>;
}

const fixture = loadFixture<LoadFixture>('load.json');
const demo = { uid: DEMO_UID, password: 'demo' };

describe('model.load', () => {
  let sim: OdooSim;

  beforeAll(async () => {
    sim = await startOdooSim();
  });

  afterEach(() => sim.faults.reset());

  afterAll(() => sim.close());

  const load = async (model: string, fields: string[], rows: string[][], auth?: { uid: number; password: string }) => {
    const json = await executeKw(sim.url, model, 'load', [fields, rows], {}, auth);
    if (json.error) throw new Error(JSON.stringify(json.error));
    return json.result as { ids: number[] | false; messages: unknown[]; nextrow: number };
  };
  const xmlid = (name: string) => sim.peek('ir.model.data', [['module', '=', '__bridgecore__'], ['name', '=', name]], ['module', 'name', 'model', 'res_id']);

  it('creates the record and its external id in one call, and loading the same external id again updates it', async () => {
    const name = `probe_${Date.now()}_p`;
    const first = await load('res.partner', ['id', 'name'], [[`__bridgecore__.${name}`, 'Load Probe']]);
    expect(Object.keys(first)).toEqual(Object.keys(fixture.first as object));
    expect(first).toMatchObject({ messages: [], nextrow: 0 });
    const [id] = first.ids as number[];
    expect(xmlid(name)).toEqual([{ id: expect.any(Number), module: '__bridgecore__', name, model: 'res.partner', res_id: id }]);
    // Real Odoo: repeat_same_xmlid answers the same id and records_with_that_name stays 1.
    const again = await load('res.partner', ['id', 'name'], [[`__bridgecore__.${name}`, 'Load Probe']]);
    expect(again).toEqual({ ids: [id], messages: [], nextrow: 0 });
    expect(sim.peek('res.partner', [['name', '=', 'Load Probe']])).toHaveLength(1);
  });

  it('makes ir.model.data searchable by module and name over RPC, as the recorded lookup_by_xmlid', async () => {
    const name = `lookup_${Date.now()}`;
    const { ids } = await load('res.partner', ['id', 'name'], [[`__bridgecore__.${name}`, 'Lookup Probe']]);
    const json = await executeKw(sim.url, 'ir.model.data', 'search_read', [[['module', '=', '__bridgecore__'], ['name', '=', name]]], {
      fields: ['name', 'res_id'],
    });
    expect(json.result).toEqual([{ id: expect.any(Number), name, res_id: (ids as number[])[0] }]);
  });

  it('takes many2one values by database id in a field/.id column', async () => {
    const [partner] = sim.peek('res.partner', [['is_company', '=', true]], ['id']);
    const [product] = sim.peek('product.product', [['sale_ok', '=', true]], ['id']);
    const order = await load('sale.order', ['id', 'partner_id/.id'], [[`__bridgecore__.order_${Date.now()}`, String(partner.id)]]);
    const orderId = (order.ids as number[])[0];
    const line = await load(
      'sale.order.line',
      ['id', 'order_id/.id', 'product_id/.id', 'product_uom_qty'],
      [[`__bridgecore__.line_${Date.now()}`, String(orderId), String(product.id), '3']],
    );
    const [row] = sim.peek('sale.order.line', [['id', '=', (line.ids as number[])[0]]], ['order_id', 'product_id', 'product_uom_qty']);
    expect(row.order_id).toEqual([orderId, expect.any(String)]);
    expect(row.product_id).toEqual([product.id, expect.any(String)]);
    expect(row.product_uom_qty).toBe(3);
  });

  it('answers a rejected row in messages with ids false, exactly as the recorded validation_error, and keeps nothing', async () => {
    const name = `invalid_${Date.now()}`;
    const result = await load('res.partner', ['id', 'name'], [[`__bridgecore__.${name}`, '']]);
    expect(result).toEqual(fixture.validation_error);
    expect(xmlid(name)).toEqual([]);
  });

  it('answers a model the user may not create in messages, as the recorded as_demo_forbidden_model', async () => {
    const result = await load('res.users', ['id', 'name', 'login'], [[`__bridgecore__.u_${Date.now()}`, 'Nope', `nope${Date.now()}`]], demo);
    expect(result).toEqual(fixture.as_demo_forbidden_model);
  });

  it('loads as the calling user (create_uid), as the recorded as_demo_partner', async () => {
    const { ids } = await load('res.partner', ['id', 'name'], [[`__bridgecore__.demo_${Date.now()}`, 'Demo Loaded']], demo);
    const [row] = sim.peek('res.partner', [['id', '=', (ids as number[])[0]]], ['create_uid']);
    expect(row.create_uid).toEqual([DEMO_UID, 'Marc Demo']);
  });

  it("with failNext 'reset-after-commit' commits the call and drops the connection without an answer", async () => {
    const name = `lost_${Date.now()}`;
    sim.faults.failNext(1, 'reset-after-commit', { model: 'res.partner', method: 'load' });
    await expect(load('res.partner', ['id', 'name'], [[`__bridgecore__.${name}`, 'Lost Answer']])).rejects.toThrow(/ECONNRESET|socket hang up/);
    expect(xmlid(name)).toHaveLength(1);
    expect(sim.peek('res.partner', [['name', '=', 'Lost Answer']])).toHaveLength(1);
  });
});
