/**
 * Record-rule domains evaluated in BridgeCore against a record's stored values (an event payload or its
 * record_state row), so checking what a user may read costs Odoo nothing. Values are in Odoo's read format:
 * many2one `[id, "name"]` (or a bare id, or `{id}` from the addon), x2many a list of ids, `false` for empty.
 *
 * Three-valued: a leaf whose answer the values cannot give (a field the payload lacks, a dotted path into
 * another record, a text or hierarchy operator, an order that depends on the database's collation) is 'unknown',
 * and AND/OR follow Kleene logic, so `['|', ('user_id', '=', 6), ('order_id.x', …)]` is still true for a record
 * of user 6. A domain Odoo refuses (truncated, an unknown operator, `in` without a list) is 'unknown' as a whole.
 *
 * Every rule here is what a real Odoo 18 answered (test/odoo-sim/fixtures/real/rule-domains.json), and some are
 * not what two-valued logic suggests: Odoo pushes '!' into the leaves (`!(a < 3)` is `a >= 3`, false on an empty
 * value like `a < 3`), an empty number, string or relation equals False, 0 and '' alike, and read values lose what
 * the database keeps (a datetime's microseconds, NULL read as 0).
 */
export type Truth = boolean | 'unknown';

type Values = Readonly<Record<string, unknown>>;

type Node =
  | { kind: 'and' | 'or'; left: Node; right: Node }
  | { kind: 'not'; child: Node }
  | { kind: 'const'; value: boolean }
  | { kind: 'leaf'; path: string; operator: string; value: unknown };

const OPERATORS = new Set([
  '=', '!=', '<>', '<', '<=', '>', '>=', '=?', 'in', 'not in',
  'like', 'not like', 'ilike', 'not ilike', '=like', '=ilike', 'child_of', 'parent_of', 'any', 'not any',
]);

/** The operator Odoo puts in place of `!` over a leaf; the others keep a NOT, false on an empty value. */
const NEGATION: Readonly<Record<string, string>> = {
  '=': '!=', '!=': '=', '<': '>=', '>=': '<', '>': '<=', '<=': '>', in: 'not in', 'not in': 'in',
  like: 'not like', 'not like': 'like', ilike: 'not ilike', 'not ilike': 'ilike', any: 'not any', 'not any': 'any',
};

/** The domain as a tree, or null where Odoo raises (so its answer is no record at all). */
function parse(domain: readonly unknown[]): Node | null {
  let pos = 0;
  const term = (): Node | null => {
    if (pos >= domain.length) return null;
    const t = domain[pos++];
    if (t === '&' || t === '|') {
      const left = term();
      const right = left && term();
      return right ? { kind: t === '&' ? 'and' : 'or', left: left as Node, right } : null;
    }
    if (t === '!') {
      const child = term();
      return child && { kind: 'not', child };
    }
    if (!Array.isArray(t) || t.length !== 3) return null;
    const [path, operator, value] = t as unknown[];
    if ((path === 1 || path === 0 || path === true || path === false) && operator === '=' && value === 1) {
      return { kind: 'const', value: path === 1 || path === true };
    }
    if (typeof path !== 'string' || typeof operator !== 'string' || !OPERATORS.has(operator)) return null;
    if ((operator === 'in' || operator === 'not in') && !Array.isArray(value)) return null;
    return { kind: 'leaf', path, operator, value };
  };
  let root: Node = { kind: 'const', value: true };
  while (pos < domain.length) {
    const next = term();
    if (!next) return null;
    root = { kind: 'and', left: root, right: next };
  }
  return root;
}

const and = (a: Truth, b: Truth): Truth => (a === false || b === false ? false : a === true && b === true ? true : 'unknown');
const or = (a: Truth, b: Truth): Truth => (a === true || b === true ? true : a === false && b === false ? false : 'unknown');
const not = (a: Truth): Truth => (a === 'unknown' ? a : !a);

function evaluate(node: Node, values: Values, negated: boolean): Truth {
  switch (node.kind) {
    case 'and':
    case 'or': {
      const asAnd = (node.kind === 'and') !== negated;
      const left = evaluate(node.left, values, negated);
      const right = evaluate(node.right, values, negated);
      return asAnd ? and(left, right) : or(left, right);
    }
    case 'not':
      return evaluate(node.child, values, !negated);
    case 'const':
      return node.value !== negated;
    default:
      return leaf(values, node.path, node.operator, node.value, negated);
  }
}

const isId = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;

/** A many2one as read: `[id, "name"]` or the addon's `{id}`; its id, else null. */
function many2oneId(v: unknown): number | null {
  if (Array.isArray(v) && v.length === 2 && isId(v[0]) && typeof v[1] === 'string') return v[0];
  if (typeof v === 'object' && v !== null && !Array.isArray(v) && isId((v as { id?: unknown }).id)) return (v as { id: number }).id;
  return null;
}

/** A many2one or an x2many as a list of ids, else null (a scalar, or `false` whose field type is unknown). */
function relationIds(v: unknown): number[] | null {
  const id = many2oneId(v);
  if (id !== null) return [id];
  return Array.isArray(v) && v.every(isId) ? v : null;
}

/** What Odoo's `=` and `in` take for "no value": NULL reads as false, 0 or '', and False, 0 and '' ask for it. */
const isBlank = (v: unknown): boolean => v === false || v === null || v === undefined || v === 0 || v === '';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

/**
 * `stored = wanted` for a scalar. `negative`: the leaf keeps the records where this is false (`!=`, `not in`),
 * so a comparison Odoo may refuse (a many2one with True) is 'unknown' there rather than a match.
 */
function equals(stored: unknown, wanted: unknown, negative: boolean): Truth {
  if (wanted === true) return stored === true ? true : stored === false && !negative ? false : 'unknown';
  if (isBlank(wanted) || isBlank(stored)) return isBlank(wanted) && isBlank(stored);
  if (typeof stored === 'boolean' && typeof wanted === 'number') return (stored ? 1 : 0) === wanted;
  if (typeof stored === 'number' && typeof wanted === 'number') return stored === wanted;
  if (typeof stored === 'string' && typeof wanted === 'string') {
    // A datetime is read to the second; the database keeps microseconds.
    if (stored === wanted && DATETIME.test(stored)) return 'unknown';
    return stored === wanted;
  }
  return 'unknown';
}

/**
 * `stored in wanted` (`=` with a list is `in`), for a relation or a scalar. `list`: the domain gave a list, where
 * False does not find an empty x2many as `= False` does (`in [tag, False]` left one out): 'unknown' there.
 */
function isIn(stored: unknown, wanted: readonly unknown[], negative: boolean, list: boolean): Truth {
  const ids = relationIds(stored);
  const x2many = Array.isArray(stored) && many2oneId(stored) === null;
  let hit: Truth = false;
  for (const w of wanted) {
    let t: Truth;
    if (ids === null) t = equals(stored, w, negative);
    else if (isBlank(w)) t = x2many && list ? 'unknown' : ids.length === 0;
    else if (isId(w)) t = ids.includes(w);
    else if (w === true && !negative) t = false;
    else t = 'unknown'; // a name (Odoo searches it) or True (Odoo refuses it)
    hit = or(hit, t);
  }
  return hit;
}

/** `<`, `<=`, `>`, `>=` between read values: numbers, and dates or datetimes written alike. */
function compare(op: string, stored: unknown, bound: unknown): Truth {
  if (stored === false || stored === null || stored === undefined) return false; // NULL compares false either way
  const a = many2oneId(stored) ?? stored;
  if (typeof a === 'number') {
    // An empty bound is 0 to Odoo; a number read as 0 may be NULL, which Odoo compares as 0 too.
    const b = bound === false || bound === null ? 0 : bound;
    return typeof b === 'number' ? order(op, a, b) : 'unknown';
  }
  if (typeof a !== 'string' || typeof bound !== 'string') return 'unknown';
  if (DATE.test(a) && DATE.test(bound)) return order(op, a, bound);
  if (DATETIME.test(a) && DATE.test(bound)) {
    // A date bound on a datetime spans its day: `<`/`>=` from its first instant, `>`/`<=` from its last.
    const day = a.slice(0, 10);
    return day === bound ? op === '>=' || op === '<=' : order(op, day, bound);
  }
  if (DATETIME.test(a) && DATETIME.test(bound)) {
    // Read to the second: the stored instant lies in [a, a + 1 s), so equal seconds decide only < and >=.
    if (a === bound) return op === '>=' ? true : op === '<' ? false : 'unknown';
    return order(op, a, bound);
  }
  return 'unknown'; // text order follows the database's collation
}

function order<T extends number | string>(op: string, a: T, b: T): boolean {
  return op === '<' ? a < b : op === '<=' ? a <= b : op === '>' ? a > b : a >= b;
}

function leaf(values: Values, path: string, operator: string, value: unknown, negated: boolean): Truth {
  let op = operator === '<>' ? '!=' : operator;
  if (op === '=?') {
    if (value === false || value === null || value === undefined) return !negated;
    if (Array.isArray(value)) return 'unknown'; // Odoo answers `=? []` unlike `= []`
    op = '=';
  }
  if (negated) {
    const flipped = NEGATION[op];
    if (!flipped) return not(leaf(values, path, op, value, false));
    op = flipped;
  }
  if (path.includes('.') || !Object.hasOwn(values, path)) return 'unknown';
  const stored = values[path];
  switch (op) {
    case '=':
    case '!=':
    case 'in':
    case 'not in': {
      const negative = op === '!=' || op === 'not in';
      const hit = Array.isArray(value) ? isIn(stored, value, negative, true) : isIn(stored, [value], negative, false);
      return negative ? not(hit) : hit;
    }
    case '<':
    case '<=':
    case '>':
    case '>=':
      if (Array.isArray(stored) && many2oneId(stored) === null) return 'unknown';
      return compare(op, stored, value);
    case 'child_of':
    case 'parent_of':
      return hierarchy(path, op, stored, value);
    case 'any':
    case 'not any': {
      // Only an empty relation answers without its records.
      const ids = stored === false ? [] : relationIds(stored);
      return ids !== null && ids.length === 0 ? op === 'not any' : 'unknown';
    }
    default:
      return 'unknown'; // like, ilike, =like, =ilike: Odoo's pattern and case rules, translations, unaccent
  }
}

/**
 * A record is its own child and parent, so an id among the wanted ones decides; anything further needs the
 * hierarchy, which is not stored here. `parent_of` on a many2one into the record's own model (`parent_id`) is
 * applied by Odoo to the record itself, not to the value, so only `company_id` — a many2one into res.company on
 * every model but res.company — decides on its value.
 */
function hierarchy(path: string, op: string, stored: unknown, value: unknown): Truth {
  const wanted = new Set((Array.isArray(value) ? value : [value]).filter(isId));
  if (path === 'id') return isId(stored) && wanted.has(stored) ? true : 'unknown';
  if (op === 'parent_of' && path !== 'company_id') return 'unknown';
  const ids = relationIds(stored);
  return ids !== null && ids.some((id) => wanted.has(id)) ? true : 'unknown';
}

/** Evaluates a domain (prefix notation, top level implicitly AND-ed) on one record's values. */
export function evaluateDomain(domain: readonly unknown[], values: Values): Truth {
  const root = parse(domain);
  return root ? evaluate(root, values, false) : 'unknown';
}

/** The fields of a record a domain reads (the first segment of each leaf's path). */
export function domainFields(domain: readonly unknown[]): string[] {
  const fields = new Set<string>();
  for (const t of domain) {
    if (Array.isArray(t) && t.length === 3 && typeof t[0] === 'string') fields.add(t[0].split('.')[0]);
  }
  return [...fields];
}
