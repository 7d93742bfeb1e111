/**
 * Records from a real Odoo 18 what the offline push relies on, into test/odoo-sim/fixtures/push-facts.json:
 * - `load` of two lines of one order at once, as a salesperson: the second answers the database conflict as a
 *   message with `ids: false` (Odoo retries a failed call itself, but load catches the error per row);
 * - a salesperson searching `ir.model.data` (the external ids): AccessError;
 * - `read` of a deleted id with a real field, and of an order the salesperson may not see.
 *
 * Run: REAL_ODOO_URL=http://127.0.0.1:18069 npx tsx scripts/real-odoo/record-push-facts.ts
 * It creates its own partner, product-less orders and lines (named "pushfix …") and deletes what it can.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const URL = (process.env.REAL_ODOO_URL ?? 'http://127.0.0.1:18069').replace(/\/$/, '');
const DB = process.env.REAL_ODOO_DB ?? 'demo';
const ADMIN = { uid: 2, password: 'admin' };
const DEMO = { uid: 6, password: 'demo' };
const TRIES = 5;

interface Answer {
  result?: unknown;
  error?: { data: { name: string; message: string } };
}

async function kw(as: { uid: number; password: string }, model: string, method: string, args: unknown[], kwargs: Record<string, unknown> = {}): Promise<Answer> {
  const res = await fetch(`${URL}/jsonrpc`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', method: 'call', params: { service: 'object', method: 'execute_kw', args: [DB, as.uid, as.password, model, method, args, kwargs] }, id: 1 }),
  });
  const body = (await res.json()) as Answer & { error?: { data: { name: string; message: string; debug?: string } } };
  // Only what a client reads: the exception's name and message, never the traceback.
  return body.error ? { error: { data: { name: body.error.data.name, message: body.error.data.message } } } : { result: body.result };
}

async function ok<T>(answer: Promise<Answer>): Promise<T> {
  const a = await answer;
  if (a.error) throw new Error(`${a.error.data.name}: ${a.error.data.message}`);
  return a.result as T;
}

async function main(): Promise<void> {
  const stamp = Date.now();
  const partner = await ok<number>(kw(DEMO, 'res.partner', 'create', [{ name: `pushfix customer ${stamp}` }]));
  const [product] = await ok<number[]>(kw(ADMIN, 'product.product', 'search', [[['sale_ok', '=', true]]], { limit: 1 }));

  // Two lines of one order loaded at the same moment, five times (a new order each time).
  const concurrentLines: Array<{ answers: unknown[]; lines_created: number }> = [];
  for (let t = 0; t < TRIES; t++) {
    const order = await ok<number>(kw(DEMO, 'sale.order', 'create', [{ partner_id: partner }]));
    const line = (n: number) =>
      kw(DEMO, 'sale.order.line', 'load', [['id', 'order_id/.id', 'product_id/.id', 'product_uom_qty'], [[`__bridgecore__.pushfix_${stamp}_${t}_${n}`, String(order), String(product), '1']]], {
        context: { tz: 'UTC' },
      });
    const answers = await Promise.all([line(1), line(2)]);
    const lines = await ok<number[]>(kw(DEMO, 'sale.order.line', 'search', [[['order_id', '=', order]]]));
    concurrentLines.push({ answers: answers.map((a) => a.result ?? a.error), lines_created: lines.length });
  }

  const xmlidAsSalesperson = await kw(DEMO, 'ir.model.data', 'search_read', [[['module', '=', '__bridgecore__']]], { fields: ['res_id'], limit: 1 });
  const xmlidAsAdmin = await kw(ADMIN, 'ir.model.data', 'search_read', [[['module', '=', '__bridgecore__'], ['model', '=', 'sale.order.line']]], { fields: ['res_id'], limit: 1 });

  const doomed = await ok<number>(kw(ADMIN, 'res.partner', 'create', [{ name: `pushfix deleted ${stamp}` }]));
  await ok(kw(ADMIN, 'res.partner', 'unlink', [[doomed]]));
  const readDeleted = {
    id_only: await kw(ADMIN, 'res.partner', 'read', [[doomed], ['id']]),
    display_name: await kw(ADMIN, 'res.partner', 'read', [[doomed], ['display_name']]),
    write_date: await kw(ADMIN, 'res.partner', 'read', [[doomed], ['write_date']]),
  };
  // An order of another salesperson (admin's), which demo's "own documents" rule hides.
  const [hidden] = await ok<number[]>(kw(ADMIN, 'sale.order', 'search', [[['user_id', '!=', DEMO.uid]]], { limit: 1 }));
  const readHidden = {
    id_only: await kw(DEMO, 'sale.order', 'read', [[hidden], ['id']]),
    display_name: await kw(DEMO, 'sale.order', 'read', [[hidden], ['display_name']]),
  };

  const facts = {
    fact: 'Odoo 18.0 over JSON-RPC execute_kw: what the offline push relies on (scripts/real-odoo/record-push-facts.ts)',
    recorded_at: new Date().toISOString(),
    concurrent_line_loads: concurrentLines,
    ir_model_data_search_as_salesperson: xmlidAsSalesperson,
    ir_model_data_search_as_admin: xmlidAsAdmin,
    read_deleted_as_admin: readDeleted,
    read_rule_hidden_as_salesperson: readHidden,
  };
  const out = join(__dirname, '..', '..', 'test', 'odoo-sim', 'fixtures', 'push-facts.json');
  writeFileSync(out, `${JSON.stringify(facts, null, 1)}\n`);
  console.log(JSON.stringify(facts, null, 1));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
