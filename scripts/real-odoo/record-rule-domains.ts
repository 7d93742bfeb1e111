import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN, REAL_ODOO_URL, call, executeKw, serverVersion } from './odoo-rpc';
import { resolveRefs } from './record';

/**
 * Records how a real Odoo 18 answers record-rule domains, as the expected values of the product's rule evaluator
 * (src/modules/access/rule-domain.spec.ts) and of the simulator's domains (test/odoo-sim/rule-domains.spec.ts):
 * test/odoo-sim/fixtures/real/rule-domains.json.
 *
 *   REAL_ODOO_URL=http://127.0.0.1:18069 npx tsx scripts/real-odoo/record-rule-domains.ts
 *
 * Six partners (a small hierarchy, tags, users, empty and set values of every field type a rule reads) are
 * created, read back as Odoo reads them (what the product evaluates a rule on), then every domain is searched
 * among those six with active_test off: a record is visible under a domain when the search finds it. The rules
 * Odoo applies are the same domains (ir.rule domain_force is searched as is), so this is what a rule answers.
 */

type Ref = { $ref: string };
const ref = (name: string): Ref => ({ $ref: name });

export interface RuleDomainFixture {
  recorded: { server_version: string; url: string; at: string; script: string };
  note: string;
  setup: { ref: string; as: 'admin'; model: string; method: 'create'; args: unknown[] }[];
  refs: Record<string, number>;
  /** The partners as `read` returns them (fields SUBJECT_FIELDS), by ref. */
  subjects: Record<string, Record<string, unknown>>;
  /** Per domain (refs as `{ $ref }`), the refs of the partners Odoo finds, or the error it raises. */
  cases: { name: string; domain: unknown[]; visible?: string[]; error?: { name: string; message: string } }[];
}

export const SUBJECT_FIELDS = [
  'name',
  'ref',
  'color',
  'partner_latitude',
  'is_company',
  'employee',
  'active',
  'type',
  'email',
  'parent_id',
  'child_ids',
  'user_id',
  'company_id',
  'category_id',
  'create_date',
];

const SUBJECTS = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot'];

function cases(tag: string, today: string, alphaCreated: string): [string, unknown[]][] {
  const alpha = ref('alpha');
  const bravo = ref('bravo');
  const charlie = ref('charlie');
  const catA = ref('cat_a');
  const catB = ref('cat_b');
  return [
    // Structure
    ['empty domain', []],
    ['TRUE leaf (1, =, 1)', [[1, '=', 1]]],
    ['FALSE leaf (0, =, 1)', [[0, '=', 1]]],
    ['implicit & of two leaves', [['is_company', '=', false], ['color', '=', 7]]],
    ['& prefix', ['&', ['user_id', '=', 6], ['is_company', '=', true]]],
    ['| prefix', ['|', ['color', '=', 3], ['color', '=', 7]]],
    ['! prefix', ['!', ['color', '=', 3]]],
    ['! over |', ['!', '|', ['user_id', '=', 6], ['color', '=', 7]]],
    ['! over !', ['!', '!', ['color', '=', 3]]],
    ['! over TRUE leaf', ['!', [1, '=', 1]]],
    ['| of & and leaf', ['|', '&', ['color', '>', 0], ['is_company', '=', false], ['user_id', '=', 2]]],
    ['implicit & after |', ['|', ['color', '=', 3], ['color', '=', 5], ['active', '=', true]]],
    ['! over ilike', ['!', ['name', 'ilike', 'alpha']]],
    ['! over child_of', ['!', ['parent_id', 'child_of', [alpha]]]],
    ['| of unknown and true', ['|', ['name', 'ilike', 'zzz-nothing'], ['color', '=', 3]]],
    ['& of unknown and false', ['&', ['name', 'ilike', tag], ['color', '=', 99]]],
    ['truncated & (one operand)', ['&', ['color', '=', 3]]],
    ['truncated | (no operand)', ['|']],
    ['truncated ! (no operand)', ['!']],
    ['unknown operator', [['color', '~', 3]]],
    ['operator in capitals: NOT IN', [['color', 'NOT IN', [3]]]],
    ['operator in capitals: IN', [['color', 'IN', [3]]]],
    // Integer
    ['integer = 3', [['color', '=', 3]]],
    ['integer = 0', [['color', '=', 0]]],
    ['integer = False', [['color', '=', false]]],
    ['integer != 0', [['color', '!=', 0]]],
    ['integer != False', [['color', '!=', false]]],
    ['integer != 3', [['color', '!=', 3]]],
    ['integer <> 3', [['color', '<>', 3]]],
    ['integer = "3" (string)', [['color', '=', '3']]],
    ['integer != "3" (string)', [['color', '!=', '3']]],
    ['integer < 3', [['color', '<', 3]]],
    ['integer <= 3', [['color', '<=', 3]]],
    ['integer > 3', [['color', '>', 3]]],
    ['integer >= 3', [['color', '>=', 3]]],
    ['integer < 0', [['color', '<', 0]]],
    ['integer > -5', [['color', '>', -5]]],
    ['integer < False', [['color', '<', false]]],
    ['integer > False', [['color', '>', false]]],
    ['integer in [3, 7]', [['color', 'in', [3, 7]]]],
    ['integer not in [3, 7]', [['color', 'not in', [3, 7]]]],
    ['integer in []', [['color', 'in', []]]],
    ['integer not in []', [['color', 'not in', []]]],
    ['integer in 3 (not a list)', [['color', 'in', 3]]],
    ['integer = [3, 7] (a list)', [['color', '=', [3, 7]]]],
    ['integer in [0]', [['color', 'in', [0]]]],
    ['integer not in [0]', [['color', 'not in', [0]]]],
    ['integer in [False]', [['color', 'in', [false]]]],
    ['integer not in [False]', [['color', 'not in', [false]]]],
    ['integer = []', [['color', '=', []]]],
    ['integer != []', [['color', '!=', []]]],
    ['integer != [3, 7] (a list)', [['color', '!=', [3, 7]]]],
    ['integer = True', [['color', '=', true]]],
    ['integer != True', [['color', '!=', true]]],
    ['integer =? False', [['color', '=?', false]]],
    ['integer =? None', [['color', '=?', null]]],
    ['integer =? 0', [['color', '=?', 0]]],
    ['integer =? 3', [['color', '=?', 3]]],
    ['integer =? []', [['color', '=?', []]]],
    // Float: unset reads 0.0 (NULL in the database)
    ['float = 0', [['partner_latitude', '=', 0]]],
    ['float != 0', [['partner_latitude', '!=', 0]]],
    ['float = False', [['partner_latitude', '=', false]]],
    ['float != False', [['partner_latitude', '!=', false]]],
    ['float < 1', [['partner_latitude', '<', 1]]],
    ['float > -1', [['partner_latitude', '>', -1]]],
    ['float >= 0', [['partner_latitude', '>=', 0]]],
    ['float in [0, 1.5]', [['partner_latitude', 'in', [0, 1.5]]]],
    ['float in [False]', [['partner_latitude', 'in', [false]]]],
    ['float not in [0]', [['partner_latitude', 'not in', [0]]]],
    ['float not in [1.5]', [['partner_latitude', 'not in', [1.5]]]],
    // Char
    ['char = value', [['ref', '=', 'AL-1']]],
    ['char != value', [['ref', '!=', 'AL-1']]],
    ['char = False', [['ref', '=', false]]],
    ['char != False', [['ref', '!=', false]]],
    ['char = None', [['ref', '=', null]]],
    ['char != None', [['ref', '!=', null]]],
    ['char = ""', [['ref', '=', '']]],
    ['char != ""', [['ref', '!=', '']]],
    ['char in values', [['ref', 'in', ['AL-1', 'ch-2']]]],
    ['char not in values', [['ref', 'not in', ['AL-1']]]],
    ['char in [False]', [['ref', 'in', [false]]]],
    ['char not in [value, False]', [['ref', 'not in', ['AL-1', false]]]],
    ['char in [value, False]', [['ref', 'in', ['AL-1', false]]]],
    ['char in [""]', [['ref', 'in', ['']]]],
    ['char not in [""]', [['ref', 'not in', ['']]]],
    ['char < "B"', [['ref', '<', 'B']]],
    ['char > "AL-1"', [['ref', '>', 'AL-1']]],
    ['char >= "al"', [['ref', '>=', 'al']]],
    ['char < "b" (case)', [['ref', '<', 'b']]],
    ['char =? ""', [['ref', '=?', '']]],
    ['char =? value', [['ref', '=?', 'AL-1']]],
    ['char = 5 (number)', [['ref', '=', 5]]],
    ['char like', [['ref', 'like', 'AL']]],
    ['char ilike', [['ref', 'ilike', 'al']]],
    ['char not like', [['ref', 'not like', 'AL']]],
    ['char not ilike', [['ref', 'not ilike', 'al']]],
    ['char =like', [['ref', '=like', 'AL-_']]],
    ['char =ilike', [['ref', '=ilike', 'al-%']]],
    ['char like False', [['ref', 'like', false]]],
    ['char ilike ""', [['ref', 'ilike', '']]],
    ['char not ilike ""', [['ref', 'not ilike', '']]],
    ['email ilike domain', [['email', 'ilike', 'example.COM']]],
    // Boolean
    ['boolean = True', [['is_company', '=', true]]],
    ['boolean = False', [['is_company', '=', false]]],
    ['boolean != True', [['is_company', '!=', true]]],
    ['boolean != False', [['is_company', '!=', false]]],
    ['boolean in [True]', [['is_company', 'in', [true]]]],
    ['boolean in [False]', [['is_company', 'in', [false]]]],
    ['boolean not in [True]', [['is_company', 'not in', [true]]]],
    ['boolean not in [False]', [['is_company', 'not in', [false]]]],
    ['boolean != 1', [['is_company', '!=', 1]]],
    ['boolean = 1', [['is_company', '=', 1]]],
    ['boolean = 0', [['is_company', '=', 0]]],
    ['boolean employee = False', [['employee', '=', false]]],
    ['active = False', [['active', '=', false]]],
    ['active = True', [['active', '=', true]]],
    // Selection
    ['selection =', [['type', '=', 'invoice']]],
    ['selection !=', [['type', '!=', 'contact']]],
    ['selection in', [['type', 'in', ['invoice', 'other']]]],
    ['selection not in', [['type', 'not in', ['contact']]]],
    // Many2one, compared by id
    ['many2one = id', [['user_id', '=', 6]]],
    ['many2one != id', [['user_id', '!=', 6]]],
    ['many2one = False', [['user_id', '=', false]]],
    ['many2one != False', [['user_id', '!=', false]]],
    ['many2one = None', [['user_id', '=', null]]],
    ['many2one in ids', [['user_id', 'in', [6, 2]]]],
    ['many2one not in ids', [['user_id', 'not in', [6]]]],
    ['many2one not in [id, False]', [['user_id', 'not in', [6, false]]]],
    ['many2one in [False, id]', [['user_id', 'in', [false, 2]]]],
    ['many2one in []', [['user_id', 'in', []]]],
    ['many2one not in []', [['user_id', 'not in', []]]],
    ['many2one = 0', [['user_id', '=', 0]]],
    ['many2one = True', [['user_id', '=', true]]],
    ['many2one != True', [['user_id', '!=', true]]],
    ['many2one < id', [['user_id', '<', 6]]],
    ['many2one > id', [['user_id', '>', 2]]],
    ['many2one = name', [['user_id', '=', 'Marc Demo']]],
    ['many2one != name', [['user_id', '!=', 'Marc Demo']]],
    ['many2one in [name]', [['user_id', 'in', ['Marc Demo']]]],
    ['many2one ilike name', [['user_id', 'ilike', 'demo']]],
    ['many2one not ilike name', [['user_id', 'not ilike', 'demo']]],
    ['many2one =? False', [['user_id', '=?', false]]],
    ['many2one =? id', [['user_id', '=?', 6]]],
    ['company many2one = False or in ids', ['|', ['company_id', '=', false], ['company_id', 'in', [1]]]],
    ['parent many2one = record', [['parent_id', '=', alpha]]],
    ['parent many2one in [record]', [['parent_id', 'in', [alpha]]]],
    // Hierarchy
    ['parent_id child_of record', [['parent_id', 'child_of', [alpha]]]],
    ['parent_id child_of record (bare id)', [['parent_id', 'child_of', alpha]]],
    ['parent_id parent_of record', [['parent_id', 'parent_of', [charlie]]]],
    ['id child_of record', [['id', 'child_of', [alpha]]]],
    ['id child_of two records', [['id', 'child_of', [bravo, ref('echo')]]]],
    ['id parent_of record', [['id', 'parent_of', [charlie]]]],
    ['company many2one parent_of company', [['company_id', 'parent_of', [1]]]],
    ['company many2one child_of company', [['company_id', 'child_of', [1]]]],
    ['! company many2one parent_of company', ['!', ['company_id', 'parent_of', [1]]]],
    ['users many2one child_of user', [['user_id', 'child_of', [6]]]],
    ['many2many child_of tag', [['category_id', 'child_of', [catA]]]],
    ['id child_of []', [['id', 'child_of', []]]],
    ['id child_of False', [['id', 'child_of', false]]],
    ['! id child_of record', ['!', ['id', 'child_of', [bravo]]]],
    // id
    ['id = record', [['id', '=', alpha]]],
    ['id != record', [['id', '!=', alpha]]],
    ['id in records', [['id', 'in', [alpha, charlie]]]],
    ['id not in records', [['id', 'not in', [alpha, charlie]]]],
    ['id > record', [['id', '>', bravo]]],
    // x2many
    ['many2many in [tag]', [['category_id', 'in', [catA]]]],
    ['many2many not in [tag]', [['category_id', 'not in', [catA]]]],
    ['many2many = tag', [['category_id', '=', catB]]],
    ['many2many != tag', [['category_id', '!=', catA]]],
    ['many2many = False', [['category_id', '=', false]]],
    ['many2many != False', [['category_id', '!=', false]]],
    ['many2many in [tag, False]', [['category_id', 'in', [catA, false]]]],
    ['many2many not in [tag, False]', [['category_id', 'not in', [catA, false]]]],
    ['many2many = []', [['category_id', '=', []]]],
    ['many2many != []', [['category_id', '!=', []]]],
    ['many2many in []', [['category_id', 'in', []]]],
    ['many2many = tag name', [['category_id', '=', `${tag} tag A`]]],
    ['one2many = False', [['child_ids', '=', false]]],
    ['one2many != False', [['child_ids', '!=', false]]],
    ['one2many in [child]', [['child_ids', 'in', [bravo]]]],
    ['one2many not in [child]', [['child_ids', 'not in', [bravo]]]],
    // any / not any
    ['many2one any', [['parent_id', 'any', [['is_company', '=', true]]]]],
    ['many2one not any', [['parent_id', 'not any', [['is_company', '=', true]]]]],
    ['many2many any', [['category_id', 'any', [['id', '=', catA]]]]],
    ['many2many not any', [['category_id', 'not any', [['id', '=', catA]]]]],
    ['one2many any []', [['child_ids', 'any', []]]],
    ['one2many not any []', [['child_ids', 'not any', []]]],
    // Dotted paths
    ['dotted many2one field', [['parent_id.is_company', '=', true]]],
    ['dotted many2one many2one', [['parent_id.user_id', '=', 6]]],
    ['dotted negative', [['parent_id.user_id', '!=', 6]]],
    ['dotted many2many field', [['category_id.name', '=', `${tag} tag A`]]],
    ['dotted .id', [['user_id.id', '=', 6]]],
    // Datetime
    ['datetime > date long ago', [['create_date', '>', '2000-01-01']]],
    ['datetime < date long ago', [['create_date', '<', '2000-01-01']]],
    ['datetime > datetime long ago', [['create_date', '>', '2000-01-01 00:00:00']]],
    ['datetime < far future', [['create_date', '<', '2999-12-31']]],
    ['datetime > today (date only)', [['create_date', '>', today]]],
    ['datetime >= today (date only)', [['create_date', '>=', today]]],
    ['datetime < today (date only)', [['create_date', '<', today]]],
    ['datetime <= today (date only)', [['create_date', '<=', today]]],
    ['datetime = today (date only)', [['create_date', '=', today]]],
    ['datetime != today (date only)', [['create_date', '!=', today]]],
    ['datetime = exact', [['create_date', '=', alphaCreated]]],
    ['datetime > exact', [['create_date', '>', alphaCreated]]],
    ['datetime <= exact', [['create_date', '<=', alphaCreated]]],
    ['datetime != False', [['create_date', '!=', false]]],
    // '!' over each operator, on records whose value is empty (NULL) too
    ['! =', ['!', ['ref', '=', 'AL-1']]],
    ['! !=', ['!', ['ref', '!=', 'AL-1']]],
    ['! < char', ['!', ['ref', '<', 'B']]],
    ['! >= char', ['!', ['ref', '>=', 'B']]],
    ['! < integer', ['!', ['color', '<', 3]]],
    ['! > float', ['!', ['partner_latitude', '>', 0]]],
    ['! < many2one', ['!', ['user_id', '<', 6]]],
    ['! <= datetime', ['!', ['create_date', '<=', alphaCreated]]],
    ['! in char', ['!', ['ref', 'in', ['AL-1']]]],
    ['! not in char', ['!', ['ref', 'not in', ['AL-1']]]],
    ['! in many2one', ['!', ['user_id', 'in', [6]]]],
    ['! = False many2one', ['!', ['user_id', '=', false]]],
    ['! like', ['!', ['ref', 'like', 'AL']]],
    ['! not like', ['!', ['ref', 'not like', 'AL']]],
    ['! =like', ['!', ['ref', '=like', 'AL%']]],
    ['! =ilike', ['!', ['ref', '=ilike', 'al%']]],
    ['! =? value', ['!', ['ref', '=?', 'AL-1']]],
    ['! =? False', ['!', ['ref', '=?', false]]],
    ['! parent_of', ['!', ['parent_id', 'parent_of', [charlie]]]],
    ['! any', ['!', ['parent_id', 'any', [['is_company', '=', true]]]]],
    ['! not any', ['!', ['parent_id', 'not any', [['is_company', '=', true]]]]],
    ['! over & with a NULL', ['!', '&', ['ref', '<', 'B'], ['color', '>', 0]]],
    ['! over | with a NULL', ['!', '|', ['ref', '<', 'B'], ['color', '=', 3]]],
    ['! ! < char', ['!', '!', ['ref', '<', 'B']]],
    // Typical ir.rule shapes
    ['own or unassigned', ['|', ['user_id', '=', 6], ['user_id', '=', false]]],
    ['multi-company', ['|', ['company_id', '=', false], ['company_id', 'in', [1, 2]]]],
    ['commercial partner hierarchy', ['|', ['id', 'child_of', [alpha]], ['parent_id', '=', false]]],
  ];
}

async function main(): Promise<void> {
  const tag = `rec-rule-domains-${Date.now().toString(36)}`;
  const setup: RuleDomainFixture['setup'] = [];
  const refs: Record<string, number> = {};
  const create = async (name: string, model: string, vals: Record<string, unknown>): Promise<void> => {
    const args = [vals];
    refs[name] = await call<number>(ADMIN, model, 'create', resolveRefs(args, refs) as unknown[]);
    setup.push({ ref: name, as: 'admin', model, method: 'create', args });
  };
  await create('cat_a', 'res.partner.category', { name: `${tag} tag A` });
  await create('cat_b', 'res.partner.category', { name: `${tag} tag B` });
  const tags = (...names: string[]): unknown[] => [[6, 0, names.map(ref)]];
  await create('alpha', 'res.partner', {
    name: `${tag} alpha`,
    is_company: true,
    ref: 'AL-1',
    color: 3,
    partner_latitude: 1.5,
    user_id: 6,
    email: 'Alpha@Example.com',
    category_id: tags('cat_a', 'cat_b'),
  });
  await create('bravo', 'res.partner', { name: `${tag} bravo`, parent_id: ref('alpha'), type: 'invoice', user_id: 6 });
  await create('charlie', 'res.partner', {
    name: `${tag} charlie`,
    parent_id: ref('bravo'),
    ref: 'ch-2',
    color: 7,
    partner_latitude: -2.25,
    user_id: 2,
    employee: true,
    type: 'other',
    category_id: tags('cat_b'),
  });
  await create('delta', 'res.partner', { name: `${tag} delta`, active: false, color: 5, ref: '', email: 'delta@example.org' });
  await create('echo', 'res.partner', { name: `${tag} echo`, parent_id: ref('alpha'), user_id: 6, color: -1, ref: 'AL-10', category_id: tags('cat_a') });
  await create('foxtrot', 'res.partner', { name: `${tag} foxtrot`, parent_id: ref('charlie'), company_id: 1, user_id: false });

  const ids = SUBJECTS.map((s) => refs[s]);
  const context = { active_test: false };
  const rows = await call<Record<string, unknown>[]>(ADMIN, 'res.partner', 'read', [ids, SUBJECT_FIELDS], { context });
  const subjects = Object.fromEntries(rows.map((row) => [SUBJECTS[ids.indexOf(row.id as number)], row]));
  const alphaCreated = String(subjects.alpha.create_date);
  const today = alphaCreated.slice(0, 10);

  const recordedCases: RuleDomainFixture['cases'] = [];
  for (const [name, domain] of cases(tag, today, alphaCreated)) {
    const answer = await executeKw(ADMIN, 'res.partner', 'search', [[['id', 'in', ids], ...(resolveRefs(domain, refs) as unknown[])]], { context });
    if (answer.error) {
      recordedCases.push({ name, domain, error: { name: answer.error.data.name, message: answer.error.data.message } });
    } else {
      const found = new Set(answer.result as number[]);
      recordedCases.push({ name, domain, visible: SUBJECTS.filter((s) => found.has(refs[s])) });
    }
  }
  const fixture: RuleDomainFixture = {
    recorded: { server_version: await serverVersion(), url: REAL_ODOO_URL, at: new Date().toISOString(), script: 'scripts/real-odoo/record-rule-domains.ts' },
    note:
      'res.partner.search([("id", "in", <the six partners>)] + domain, context={"active_test": False}) as admin, per domain: ' +
      'the partners found (`visible`, by ref) or the error raised. `subjects` are the partners as read() returns them.',
    setup,
    refs,
    subjects,
    cases: recordedCases,
  };
  const path = join(__dirname, '..', '..', 'test', 'odoo-sim', 'fixtures', 'real', 'rule-domains.json');
  writeFileSync(path, `${JSON.stringify(fixture, null, 1)}\n`);
  console.log(`${recordedCases.length} domains recorded (${recordedCases.filter((c) => c.error).length} errors) in ${path}`);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
