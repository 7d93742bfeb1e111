/**
 * Record-rule domains evaluated in BridgeCore against a record's stored values (an event payload or its
 * record_state row), so checking what a user may read costs Odoo nothing. Values are in Odoo's read format:
 * many2one `[id, "name"]` (or a bare id, or `{id}` from the addon), x2many a list of ids, `false` for empty.
 *
 * Three-valued: a leaf whose answer the values cannot give (a field the payload lacks, a dotted path into
 * another record, a hierarchy or text operator that needs more than the value) is 'unknown', and AND/OR/NOT
 * follow Kleene logic, so `['|', ('user_id', '=', 6), ('order_id.x', …)]` is still true for a record of user 6.
 */
export type Truth = boolean | 'unknown';

type Values = Readonly<Record<string, unknown>>;

const isId = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);

/** A relational or scalar value as a list of ids when it is relational, else null. */
function relationIds(v: unknown): number[] | null {
  if (Array.isArray(v)) {
    // many2one as read: [id, "name"]; x2many: [id, id, …].
    if (v.length === 2 && isId(v[0]) && typeof v[1] === 'string') return [v[0]];
    return v.every(isId) ? v : null;
  }
  if (typeof v === 'object' && v !== null && isId((v as { id?: unknown }).id)) return [(v as { id: number }).id];
  return null;
}

const isEmpty = (v: unknown): boolean => v === false || v === null || v === undefined || (Array.isArray(v) && v.length === 0);

const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : [v]);

function leaf(values: Values, path: unknown, operator: unknown, value: unknown): Truth {
  if ((path === 1 || path === 0 || path === true || path === false) && operator === '=' && value === 1) {
    return path === 1 || path === true;
  }
  if (typeof path !== 'string' || typeof operator !== 'string') return 'unknown';
  if (path.includes('.') || !Object.hasOwn(values, path)) return 'unknown';
  const stored = values[path];
  const op = operator.toLowerCase();
  const ids = path === 'id' && isId(stored) ? [stored] : relationIds(stored);
  if (op === '=?') return isEmpty(value) ? true : leaf(values, path, '=', value);
  if (op === '<>') return leaf(values, path, '!=', value);
  if (op === 'child_of' || op === 'parent_of') {
    // A record is its own child and parent; anything further needs the hierarchy, which is not stored here.
    if (ids === null) return 'unknown';
    const wanted = new Set(asList(value).filter(isId));
    return ids.some((id) => wanted.has(id)) ? true : 'unknown';
  }
  const negative = op === '!=' || op === 'not in';
  if (op === '=' || op === '!=' || op === 'in' || op === 'not in') {
    const wanted = asList(value);
    if (wanted.some((w) => typeof w === 'string') && ids !== null) return 'unknown'; // by name
    const wantsEmpty = wanted.some(isEmpty);
    let hit: boolean;
    if (isEmpty(stored)) hit = wantsEmpty;
    else if (ids !== null) hit = ids.some((id) => wanted.includes(id));
    else hit = wanted.some((w) => w === stored);
    return negative ? !hit : hit;
  }
  if (op === '<' || op === '<=' || op === '>' || op === '>=') {
    const a = ids !== null ? ids[0] : stored;
    if (isEmpty(a) || isEmpty(value)) return false;
    if (typeof a !== typeof value || (typeof a !== 'number' && typeof a !== 'string')) return 'unknown';
    const b = value as number | string;
    return op === '<' ? a < b : op === '<=' ? a <= b : op === '>' ? a > b : a >= b;
  }
  return 'unknown';
}

const and = (a: Truth, b: Truth): Truth => (a === false || b === false ? false : a === true && b === true ? true : 'unknown');
const or = (a: Truth, b: Truth): Truth => (a === true || b === true ? true : a === false && b === false ? false : 'unknown');
const not = (a: Truth): Truth => (a === 'unknown' ? a : !a);

/** Evaluates a domain (prefix notation, top level implicitly AND-ed) on one record's values. */
export function evaluateDomain(domain: readonly unknown[], values: Values): Truth {
  let pos = 0;
  const term = (): Truth => {
    if (pos >= domain.length) return 'unknown';
    const t = domain[pos++];
    if (t === '&') return and(term(), term());
    if (t === '|') return or(term(), term());
    if (t === '!') return not(term());
    if (Array.isArray(t) && t.length === 3) return leaf(values, t[0], t[1], t[2]);
    return 'unknown';
  };
  let result: Truth = true;
  while (pos < domain.length) result = and(result, term());
  return result;
}

/** The fields of a record a domain reads (the first segment of each leaf's path). */
export function domainFields(domain: readonly unknown[]): string[] {
  const fields = new Set<string>();
  for (const t of domain) {
    if (Array.isArray(t) && t.length === 3 && typeof t[0] === 'string') fields.add(t[0].split('.')[0]);
  }
  return [...fields];
}
