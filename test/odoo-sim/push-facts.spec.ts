import { DEMO_UID, startOdooSim, type OdooSim } from './index';
import { executeKw, loadFixture } from './spec-helpers';

/** What a real Odoo 18 answered to the offline push's calls (scripts/real-odoo/record-push-facts.ts). */
interface PushFacts {
  concurrent_line_loads: Array<{ answers: Array<{ ids: number[] | false; messages: unknown[]; nextrow: number }>; lines_created: number }>;
  ir_model_data_search_as_salesperson: { error: { data: { name: string; message: string } } };
  read_deleted_as_admin: { id_only: { result: unknown[] }; display_name: { result: unknown[] }; write_date: { result: unknown[] } };
}

const facts = loadFixture<PushFacts>('push-facts.json');
const demo = { uid: DEMO_UID, password: 'demo' };

describe('the offline push as the recorded Odoo 18 answers it', () => {
  let sim: OdooSim;

  beforeAll(async () => {
    sim = await startOdooSim();
  });

  afterEach(() => sim.faults.reset());

  afterAll(() => sim.close());

  const result = async (json: Promise<Record<string, unknown>>) => {
    const answer = await json;
    if (answer.error) throw new Error(JSON.stringify(answer.error));
    return answer.result;
  };

  it('answers the second of two loads of lines of one order at once with the serialization failure, as a message', async () => {
    const [partner] = sim.peek('res.partner', [['is_company', '=', true]], ['id']);
    const [product] = sim.peek('product.product', [['sale_ok', '=', true]], ['id']);
    const order = (await result(executeKw(sim.url, 'sale.order', 'create', [{ partner_id: partner.id }], {}, demo))) as number;
    // Odoo takes its time over a line (totals, taxes): the two calls overlap as they did on the real server. Long
    // enough that they still overlap when a loaded machine sends the second call late.
    sim.faults.setMethodLatency('sale.order.line.load', 500);
    const line = (n: number) =>
      result(
        executeKw(
          sim.url,
          'sale.order.line',
          'load',
          [['id', 'order_id/.id', 'product_id/.id', 'product_uom_qty'], [[`__bridgecore__.facts_${Date.now()}_${n}`, String(order), String(product.id), '1']]],
          { context: { tz: 'UTC' } },
          demo,
        ),
      );
    const answers = (await Promise.all([line(1), line(2)])) as Array<{ ids: number[] | false }>;

    for (const recorded of facts.concurrent_line_loads) {
      expect(recorded.answers[1]).toEqual(answers.find((a) => a.ids === false));
      expect(recorded.lines_created).toBe(sim.peek('sale.order.line', [['order_id', '=', order]]).length);
    }
    expect(answers.filter((a) => a.ids !== false)).toHaveLength(1);
  });

  it('loads lines of one order one after another, and lines of two orders at once, without a conflict', async () => {
    const [partner] = sim.peek('res.partner', [['is_company', '=', true]], ['id']);
    const [product] = sim.peek('product.product', [['sale_ok', '=', true]], ['id']);
    const orders = (await result(executeKw(sim.url, 'sale.order', 'create', [[{ partner_id: partner.id }, { partner_id: partner.id }]], {}, demo))) as number[];
    sim.faults.setMethodLatency('sale.order.line.load', 50);
    const line = (order: number, n: number) =>
      result(
        executeKw(
          sim.url,
          'sale.order.line',
          'load',
          [['id', 'order_id/.id', 'product_id/.id'], [[`__bridgecore__.seq_${Date.now()}_${order}_${n}`, String(order), String(product.id)]]],
          {},
          demo,
        ),
      ) as Promise<{ ids: number[] | false }>;
    const first = await line(orders[0], 1);
    const second = await line(orders[0], 2);
    const side = await Promise.all([line(orders[0], 3), line(orders[1], 1)]);
    expect([first, second, ...side].map((a) => a.ids !== false)).toEqual([true, true, true, true]);
  });

  it('refuses a salesperson a search of the external ids, with the recorded AccessError', async () => {
    const answer = await executeKw(sim.url, 'ir.model.data', 'search_read', [[['module', '=', '__bridgecore__']]], { fields: ['res_id'], limit: 1 }, demo);
    const error = answer.error as { data: { name: string; message: string } };
    expect({ name: error.data.name, message: error.data.message }).toEqual(facts.ir_model_data_search_as_salesperson.error.data);
    expect((await executeKw(sim.url, 'ir.model.data', 'search_read', [[['module', '=', '__bridgecore__']]], { fields: ['res_id'], limit: 1 })).error).toBeUndefined();
  });

  it('reads a deleted id as recorded: echoed with only id, nothing with a real field', async () => {
    const id = (await result(executeKw(sim.url, 'res.partner', 'create', [{ name: 'facts deleted' }]))) as number;
    await result(executeKw(sim.url, 'res.partner', 'unlink', [[id]]));
    const recorded = facts.read_deleted_as_admin;
    expect(await result(executeKw(sim.url, 'res.partner', 'read', [[id], ['id']]))).toEqual([{ id }]);
    expect(recorded.id_only.result).toHaveLength(1);
    expect(await result(executeKw(sim.url, 'res.partner', 'read', [[id], ['display_name']]))).toEqual(recorded.display_name.result);
    expect(await result(executeKw(sim.url, 'res.partner', 'read', [[id], ['write_date']]))).toEqual(recorded.write_date.result);
  });
});
