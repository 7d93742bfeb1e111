import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN, DEMO, REAL_ODOO_URL, call, executeKw, recorded, serverVersion, type Credentials, type RpcAnswer } from './odoo-rpc';

/**
 * Records what a real Odoo answers, as the simulator's fixtures (test/odoo-sim/fixtures/real/<scenario>.json).
 *
 *   REAL_ODOO_URL=http://127.0.0.1:18069 npx tsx scripts/real-odoo/record.ts <scenario|all>
 *
 * A scenario creates its own records first (names carry a unique tag) and records each call as admin or demo. The
 * fixture keeps the setup calls with the ids Odoo gave them (`refs`), so a simulator test replays the same setup and
 * compares its answers with the recorded ones, ids mapped through the refs. Nothing is deleted afterwards.
 */

type As = 'admin' | 'demo';
type Ref = { $ref: string };

interface SetupStep {
  ref: string;
  as: As;
  model: string;
  method: 'create';
  args: unknown[];
}

interface RecordedCall {
  name: string;
  as: As;
  model: string;
  method: string;
  args: unknown[];
  kwargs?: Record<string, unknown>;
  answer: RpcAnswer;
}

export interface RealFixture {
  recorded: { server_version: string; url: string; at: string; script: string };
  note: string;
  setup: SetupStep[];
  refs: Record<string, number>;
  calls: RecordedCall[];
}

const CREDENTIALS: Record<As, Credentials> = { admin: ADMIN, demo: DEMO };

/** Replaces every `{ $ref: name }` in a value by the id the setup gave `name`. */
export function resolveRefs(value: unknown, refs: Record<string, number>): unknown {
  if (Array.isArray(value)) return value.map((v) => resolveRefs(v, refs));
  if (value && typeof value === 'object') {
    const ref = (value as Ref).$ref;
    if (typeof ref === 'string') {
      if (!(ref in refs)) throw new Error(`unknown ref ${ref}`);
      return refs[ref];
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveRefs(v, refs)]));
  }
  return value;
}

const ref = (name: string): Ref => ({ $ref: name });

class Recorder {
  readonly setup: SetupStep[] = [];
  readonly refs: Record<string, number> = {};
  readonly calls: RecordedCall[] = [];

  async create(refName: string, as: As, model: string, vals: Record<string, unknown>): Promise<number> {
    const args = [vals];
    const id = await call<number>(CREDENTIALS[as], model, 'create', resolveRefs(args, this.refs) as unknown[]);
    this.setup.push({ ref: refName, as, model, method: 'create', args });
    this.refs[refName] = id;
    return id;
  }

  async record(name: string, as: As, model: string, method: string, args: unknown[], kwargs?: Record<string, unknown>): Promise<RpcAnswer> {
    const answer = recorded(
      await executeKw(CREDENTIALS[as], model, method, resolveRefs(args, this.refs) as unknown[], resolveRefs(kwargs, this.refs) as Record<string, unknown> | undefined),
    );
    this.calls.push({ name, as, model, method, args, ...(kwargs ? { kwargs } : {}), answer });
    return answer;
  }

  async save(scenario: string, note: string): Promise<void> {
    const fixture: RealFixture = {
      recorded: { server_version: await serverVersion(), url: REAL_ODOO_URL, at: new Date().toISOString(), script: `scripts/real-odoo/record.ts ${scenario}` },
      note,
      setup: this.setup,
      refs: this.refs,
      calls: this.calls,
    };
    const path = join(__dirname, '..', '..', 'test', 'odoo-sim', 'fixtures', 'real', `${scenario}.json`);
    writeFileSync(path, `${JSON.stringify(fixture, null, 2)}\n`);
    console.log(`${scenario}: ${this.calls.length} calls recorded in ${path}`);
  }
}

/** Two orders, one demo's and one admin's, for partners of their own: what record rules leave demo. */
async function orders(r: Recorder, tag: string): Promise<void> {
  await r.create('customer', 'admin', 'res.partner', { name: `${tag} customer`, is_company: true, color: 3 });
  await r.create('product', 'admin', 'product.product', { name: `${tag} product`, list_price: 10 });
  await r.create('demo_order', 'demo', 'sale.order', { partner_id: ref('customer'), client_order_ref: tag });
  await r.create('demo_line', 'demo', 'sale.order.line', { order_id: ref('demo_order'), product_id: ref('product'), product_uom_qty: 2 });
  await r.create('admin_order', 'admin', 'sale.order', { partner_id: ref('customer'), client_order_ref: tag, user_id: ADMIN.uid });
}

const SCENARIOS: Record<string, { note: string; run: (r: Recorder, tag: string) => Promise<void> }> = {
  'search-rules': {
    note:
      'Record rules apply to search, search_read and search_count whatever the domain: given, empty, omitted or None. ' +
      'Every form of the same call answers the same, and demo (own documents only) sees fewer orders than admin.',
    async run(r, tag) {
      await orders(r, tag);
      for (const as of ['demo', 'admin'] as const) {
        for (const method of ['search_count', 'search', 'search_read']) {
          const kw = method === 'search_read' ? { fields: ['id'] } : undefined;
          await r.record(`${as} ${method} [[]]`, as, 'sale.order', method, [[]], kw);
          await r.record(`${as} ${method} no domain`, as, 'sale.order', method, [], kw);
          await r.record(`${as} ${method} domain=[] keyword`, as, 'sale.order', method, [], { ...kw, domain: [] });
          await r.record(`${as} ${method} None`, as, 'sale.order', method, [null], kw);
        }
        await r.record(`${as} search_count tagged`, as, 'sale.order', 'search_count', [[['client_order_ref', '=', tag]]]);
      }
    },
  },
  'self-write': {
    note:
      "A user writes their own res.users row as superuser only when every field is one of Odoo's SELF_WRITEABLE_FIELDS; " +
      'any other field (groups_id, login) needs the rights on res.users a salesperson does not have. The signature ' +
      'is written back with the value it had.',
    async run(r) {
      const [me] = await call<Array<{ signature: unknown }>>(DEMO, 'res.users', 'read', [[DEMO.uid], ['signature']]);
      await r.record('own signature (unchanged value)', 'demo', 'res.users', 'write', [[DEMO.uid], { signature: me.signature }]);
      await r.record('own groups_id', 'demo', 'res.users', 'write', [[DEMO.uid], { groups_id: [[4, 1]] }]);
      await r.record('own signature and groups_id', 'demo', 'res.users', 'write', [[DEMO.uid], { signature: me.signature, groups_id: [[4, 1]] }]);
      await r.record('own login', 'demo', 'res.users', 'write', [[DEMO.uid], { login: 'demo' }]);
      await r.record("admin's signature", 'demo', 'res.users', 'write', [[ADMIN.uid], { signature: false }]);
      await r.record('own groups after', 'demo', 'res.users', 'read', [[DEMO.uid], ['groups_id']]);
    },
  },
  'web-read': {
    note:
      'web_read(ids, specification) and web_search_read(domain, specification, offset, limit, order, count_limit) ' +
      'as Odoo 18 answers them: many2one as a bare id unless `fields` asks for a dict, x2many as ids or dicts, ' +
      'record rules on the records and their co-records, and `length` counting past the limit.',
    async run(r, tag) {
      await orders(r, tag);
      await r.create('contact_a', 'admin', 'res.partner', { name: `${tag} contact A`, parent_id: ref('customer'), email: 'a@example.com', color: 5 });
      await r.create('contact_b', 'admin', 'res.partner', { name: `${tag} contact B`, parent_id: ref('customer'), color: 0 });
      await r.record('partner, flat specification', 'admin', 'res.partner', 'web_read', [[ref('contact_a')], { name: {}, email: {}, parent_id: {}, color: {}, is_company: {} }]);
      await r.record('partner, many2one with display_name, one2many with fields and order', 'admin', 'res.partner', 'web_read', [
        [ref('customer')],
        { display_name: {}, child_ids: { fields: { name: {}, parent_id: { fields: { display_name: {} } } }, order: 'name desc' } },
      ]);
      await r.record('partner, x2many as ids and limit', 'admin', 'res.partner', 'web_read', [[ref('customer')], { child_ids: {}, category_id: {} }]);
      await r.record('partner, limited x2many', 'admin', 'res.partner', 'web_read', [[ref('customer')], { child_ids: { fields: { name: {} }, limit: 1, order: 'name' } }]);
      await r.record('ids only', 'admin', 'res.partner', 'web_read', [[ref('contact_a'), ref('contact_b')], {}]);
      await r.record('demo, own order with lines', 'demo', 'sale.order', 'web_read', [
        [ref('demo_order')],
        {
          client_order_ref: {},
          user_id: { fields: { display_name: {} } },
          partner_id: { fields: { name: {}, color: {} } },
          order_line: { fields: { product_uom_qty: {}, product_id: { fields: { display_name: {} } } } },
        },
      ]);
      await r.record("demo, admin's order", 'demo', 'sale.order', 'web_read', [[ref('admin_order')], { name: {} }]);
      await r.record('unknown field in the specification', 'admin', 'res.partner', 'web_read', [[ref('contact_a')], { no_such_field: {} }]);
      for (const as of ['admin', 'demo'] as const) {
        await r.record(`${as} web_search_read tagged orders`, as, 'sale.order', 'web_search_read', [
          [['client_order_ref', '=', tag]],
          { client_order_ref: {}, user_id: { fields: { display_name: {} } } },
        ], { order: 'id' });
      }
      await r.record('web_search_read, limit reached: length counts them all', 'admin', 'res.partner', 'web_search_read', [
        [['name', 'like', tag]],
        { name: {} },
      ], { limit: 2, order: 'name' });
      await r.record('web_search_read, offset and count_limit', 'admin', 'res.partner', 'web_search_read', [
        [['name', 'like', tag]],
        { name: {} },
      ], { offset: 1, limit: 1, order: 'name', count_limit: 2 });
      await r.record('web_search_read, nothing found', 'admin', 'res.partner', 'web_search_read', [[['name', '=', `${tag} nobody`]], { name: {} }]);
    },
  },
  'read-group': {
    note:
      'read_group(domain, fields, groupby, offset, limit, orderby, lazy) as Odoo 18 answers it: one group per value ' +
      '(many2one as [id, name], none as false), `<groupby>_count` when lazy and `__count` when not, aggregates ' +
      '(`field:agg` or a bare field with its default aggregator), `__domain`, `__context` for the remaining groupbys, ' +
      'and record rules applied to what is grouped.',
    async run(r, tag) {
      await orders(r, tag);
      await r.create('contact_a', 'admin', 'res.partner', { name: `${tag} contact A`, parent_id: ref('customer'), color: 5 });
      await r.create('contact_b', 'admin', 'res.partner', { name: `${tag} contact B`, parent_id: ref('customer'), color: 2 });
      await r.create('loner', 'admin', 'res.partner', { name: `${tag} loner`, color: 7 });
      const tagged = [['name', 'like', tag]];
      await r.record('partners by parent, color:sum', 'admin', 'res.partner', 'read_group', [tagged, ['color:sum'], ['parent_id']]);
      await r.record('partners by parent, bare color', 'admin', 'res.partner', 'read_group', [tagged, ['color'], ['parent_id']]);
      await r.record('partners by is_company then parent, lazy', 'admin', 'res.partner', 'read_group', [tagged, ['color:max'], ['is_company', 'parent_id']]);
      await r.record('partners by is_company and parent, not lazy', 'admin', 'res.partner', 'read_group', [tagged, ['color:min', 'color:avg'], ['is_company', 'parent_id']], { lazy: false });
      await r.record('partners, no groupby', 'admin', 'res.partner', 'read_group', [tagged, ['color:sum'], []]);
      await r.record('partners by parent, orderby and limit', 'admin', 'res.partner', 'read_group', [tagged, ['color:sum'], ['parent_id']], { orderby: 'color desc', limit: 1 });
      await r.record('partners, unknown groupby field', 'admin', 'res.partner', 'read_group', [tagged, ['color:sum'], ['no_such_field']]);
      for (const as of ['admin', 'demo'] as const) {
        await r.record(`${as} orders by salesperson`, as, 'sale.order', 'read_group', [[['client_order_ref', '=', tag]], ['__count'], ['user_id']]);
      }
    },
  },
  'sdk-odoo': {
    note:
      "The form and name methods behind the Flutter SDK's dedicated Odoo routes, as Odoo 18 answers them: " +
      'default_get(fields_list) gives only fields with a default; onchange(ids, values, field_names, fields_spec) ' +
      'with no field names gives the new record\'s defaults (false where none), with a changed field only the values ' +
      'it changed; web_save(ids, vals, specification) creates or writes and reads back (specification is required); ' +
      'name_create(name) gives [id, display_name]; copy(ids) gives a list of ids, the copy named "<name> (copy)"; check_access_rights(operation, raise_exception); name_search(name, args, operator, limit) takes its domain as `args` (`domain=` is a TypeError in 18.0). name_get, ' +
      'fields_view_get and load_views are gone since Odoo 17: AttributeError. Each user\'s groups as external ids ' +
      '(groups_id through ir.model.data), from which `me` tells an administrator (base.group_system).',
    async run(r, tag) {
      await r.create('customer', 'admin', 'res.partner', { name: `${tag} customer`, is_company: true, color: 3 });
      await r.record('default_get partner', 'admin', 'res.partner', 'default_get', [['name', 'is_company', 'type', 'active', 'color']]);
      await r.record('onchange new partner', 'admin', 'res.partner', 'onchange', [[], {}, [], { name: {}, is_company: {}, type: {}, color: {} }]);
      await r.record('onchange name of a new partner', 'admin', 'res.partner', 'onchange', [[], { name: `${tag} typed` }, ['name'], { name: {}, display_name: {} }]);
      await r.record('onchange color of a partner', 'admin', 'res.partner', 'onchange', [[ref('customer')], { color: 5 }, ['color'], { color: {} }]);
      await r.record('web_save a new partner', 'admin', 'res.partner', 'web_save', [[], { name: `${tag} saved`, color: 2 }], { specification: { name: {}, color: {} } });
      await r.record('web_save a partner', 'admin', 'res.partner', 'web_save', [[ref('customer')], { color: 4 }], { specification: { color: {} } });
      await r.record('web_save without specification', 'admin', 'res.partner', 'web_save', [[ref('customer')], { color: 4 }]);
      await r.record('copy partner', 'admin', 'res.partner', 'copy', [[ref('customer')]]);
      await r.record('copied partner', 'admin', 'res.partner', 'search_read', [[['name', '=', `${tag} customer (copy)`]]], { fields: ['name', 'is_company', 'color'] });
      await r.record('name_create partner', 'admin', 'res.partner', 'name_create', [`${tag} quick`]);
      await r.record('name_search, domain positional', 'admin', 'res.partner', 'name_search', [`${tag} customer`, [['is_company', '=', true]], 'ilike', 5]);
      await r.record('name_search, domain as args=', 'admin', 'res.partner', 'name_search', [`${tag} customer`], { args: [['is_company', '=', true]], limit: 5 });
      await r.record('name_search, domain as domain=', 'admin', 'res.partner', 'name_search', [`${tag} customer`], { domain: [['is_company', '=', true]], limit: 5 });
      await r.record('demo check_access_rights write partner', 'demo', 'res.partner', 'check_access_rights', ['write'], { raise_exception: false });
      await r.record('demo check_access_rights write users', 'demo', 'res.users', 'check_access_rights', ['write'], { raise_exception: false });
      await r.record('name_get', 'admin', 'res.partner', 'name_get', [[ref('customer')]]);
      await r.record('fields_view_get', 'admin', 'res.partner', 'fields_view_get', [], { view_type: 'form' });
      await r.record('load_views', 'admin', 'res.partner', 'load_views', [[[false, 'form']]]);
      for (const as of ['admin', 'demo'] as const) {
        await r.record(`${as} groups`, 'admin', 'res.users', 'read', [[CREDENTIALS[as].uid], ['groups_id']]);
      }
      await r.record('group external ids', 'admin', 'ir.model.data', 'search_read', [[['model', '=', 'res.groups']]], { fields: ['module', 'name', 'res_id'], order: 'res_id' });
    },
  },
};

async function main(): Promise<void> {
  const wanted = process.argv[2];
  const names = wanted === 'all' ? Object.keys(SCENARIOS) : wanted && SCENARIOS[wanted] ? [wanted] : [];
  if (!names.length) {
    console.error(`usage: REAL_ODOO_URL=http://127.0.0.1:18069 npx tsx scripts/real-odoo/record.ts <${Object.keys(SCENARIOS).join('|')}|all>`);
    process.exit(2);
  }
  for (const name of names) {
    const recorder = new Recorder();
    // Names and references unique to this run, so the scenario sees only its own records.
    const tag = `rec-${name}-${Date.now().toString(36)}`;
    await SCENARIOS[name].run(recorder, tag);
    await recorder.save(name, SCENARIOS[name].note);
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
