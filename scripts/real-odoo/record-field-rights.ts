/**
 * Records Odoo 18's field-level read rights from a real server into test/odoo-sim/fixtures/access/field-rights.json:
 * per tracked model, the `groups` fields_get reports to the administrator, the fields fields_get answers the
 * administrator and the demo salesperson, whether ir.model.fields holds any groups, the external ids of res.groups,
 * and the AccessError a read of a field the user may not read raises.
 *
 *   REAL_ODOO_URL=http://127.0.0.1:18069 npx tsx scripts/real-odoo/record-field-rights.ts
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const URL = (process.env.REAL_ODOO_URL ?? 'http://127.0.0.1:18069').replace(/\/$/, '');
const DB = process.env.REAL_ODOO_DB ?? 'demo';
const ADMIN = { uid: 2, password: 'admin' };
const DEMO = { uid: 6, password: 'demo' };
const MODELS = [
  'product.product',
  'product.template',
  'res.partner',
  'sale.order',
  'sale.order.line',
  'stock.location',
  'stock.move',
  'stock.move.line',
  'stock.picking',
  'stock.quant',
];
const OUT = join(__dirname, '../../test/odoo-sim/fixtures/access/field-rights.json');

interface Answer {
  result?: unknown;
  error?: { data: { name: string; message: string } };
}

async function executeKw(as: { uid: number; password: string }, model: string, method: string, args: unknown[], kwargs: object = {}): Promise<Answer> {
  const res = await fetch(`${URL}/jsonrpc`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', method: 'call', params: { service: 'object', method: 'execute_kw', args: [DB, as.uid, as.password, model, method, args, kwargs] }, id: 1 }),
  });
  return (await res.json()) as Answer;
}

async function call<T>(as: { uid: number; password: string }, model: string, method: string, args: unknown[], kwargs: object = {}): Promise<T> {
  const answer = await executeKw(as, model, method, args, kwargs);
  if (answer.error) throw new Error(`${model}.${method}: ${answer.error.data.message}`);
  return answer.result as T;
}

async function main(): Promise<void> {
  const models: Record<string, { groups: Record<string, string>; admin_fields: number; hidden_for_demo: string[] }> = {};
  for (const model of MODELS) {
    const admin = await call<Record<string, { groups?: string }>>(ADMIN, model, 'fields_get', [], { attributes: ['groups'] });
    const demo = await call<Record<string, unknown>>(DEMO, model, 'fields_get', [], { attributes: ['type'] });
    models[model] = {
      groups: Object.fromEntries(Object.entries(admin).filter(([, f]) => f.groups).map(([name, f]) => [name, f.groups as string])),
      admin_fields: Object.keys(admin).length,
      hidden_for_demo: Object.keys(admin).filter((f) => !(f in demo)).sort(),
    };
  }
  const storedGroups = await call<number>(ADMIN, 'ir.model.fields', 'search_count', [[['model', 'in', MODELS], ['groups', '!=', false]]]);
  const xmlIds = await call<{ module: string; name: string; res_id: number }[]>(ADMIN, 'ir.model.data', 'search_read', [[['model', '=', 'res.groups']]], {
    fields: ['module', 'name', 'res_id'],
    order: 'res_id',
  });
  const [demoUser] = await call<{ groups_id: number[] }[]>(ADMIN, 'res.users', 'read', [[DEMO.uid], ['groups_id']]);
  const [quant] = await call<number[]>(DEMO, 'stock.quant', 'search', [[]], { limit: 1 });
  const denied = await executeKw(DEMO, 'stock.quant', 'read', [[quant], ['quantity', 'value']]);
  const fixture = {
    server_version: ((await (await fetch(`${URL}/web/webclient/version_info`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"jsonrpc":"2.0","params":{}}' })).json()) as { result: { server_version: string } }).result.server_version,
    note: 'fields_get(attributes=["groups"]) as admin (uid 2); fields_get as demo (uid 6); hidden_for_demo = fields admin gets that demo does not',
    ir_model_fields_with_groups: storedGroups,
    demo_groups: [...demoUser.groups_id].sort((a, b) => a - b),
    group_xml_ids: xmlIds.map((x) => ({ id: x.res_id, xml_id: `${x.module}.${x.name}` })),
    models,
    demo_reads_stock_quant_value: { name: denied.error?.data.name ?? null, message: denied.error?.data.message ?? null },
  };
  writeFileSync(OUT, `${JSON.stringify(fixture, null, 1)}\n`);
  for (const [model, m] of Object.entries(models)) console.log(`${model}: ${Object.keys(m.groups).length} restricted, hidden for demo: ${m.hidden_for_demo.join(', ') || '-'}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
