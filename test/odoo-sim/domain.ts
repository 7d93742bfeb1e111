import { domainDatetimeBound, parseDatetime } from './datetime';
import { OdooError, valueError } from './errors';
import { pyRepr, pyTupleRepr } from './py-format';
import type { FieldType } from './types';

/**
 * Odoo domains: a list in Polish (prefix) notation of '&', '|', '!' and leaves `[field, operator, value]`,
 * implicitly AND-ed at the top level. Parsing and evaluation are pure; records are reached through DomainSubject.
 */

export type DomainNode =
  | { kind: 'and'; children: DomainNode[] }
  | { kind: 'or'; children: DomainNode[] }
  | { kind: 'not'; child: DomainNode }
  | { kind: 'const'; value: boolean }
  | DomainLeaf;

export interface DomainLeaf {
  kind: 'leaf';
  path: string;
  operator: string;
  value: unknown;
}

/** One record as the domain evaluator sees it. Values are in stored form (many2one → id | false, ...). */
export interface DomainSubject {
  readonly model: string;
  readonly id: number;
  fieldType(name: string): FieldType | undefined;
  value(name: string): unknown;
  /** Records a relational field points to (zero or one for many2one). */
  related(name: string): DomainSubject[];
  /** The model a relational field points to. */
  relation(name: string): string | undefined;
  /** The field a model's hierarchy follows (child_of / parent_of), undefined when it has none. */
  parentField(model: string): string | undefined;
  displayName(): string;
  /** This record's id followed by its parents' ids (for child_of / parent_of); just [id] when not hierarchical. */
  ancestors(): number[];
  /** Ids of this record and all records below it (for parent_of). */
  descendants(): number[];
}

const OPERATORS = new Set([
  '=',
  '!=',
  '<>',
  '<=',
  '<',
  '>',
  '>=',
  '=?',
  '=like',
  '=ilike',
  'like',
  'not like',
  'ilike',
  'not ilike',
  'in',
  'not in',
  'child_of',
  'parent_of',
  'any',
  'not any',
]);

function isLeafArray(term: unknown): term is unknown[] {
  return Array.isArray(term) && term.length === 3;
}

function parseTerm(terms: readonly unknown[], index: number): [DomainNode, number] {
  if (index >= terms.length) throw valueError(`Invalid domain: ${pyRepr(terms)}`);
  const term = terms[index];
  if (term === '&' || term === '|') {
    const [left, afterLeft] = parseTerm(terms, index + 1);
    const [right, afterRight] = parseTerm(terms, afterLeft);
    return [{ kind: term === '&' ? 'and' : 'or', children: [left, right] }, afterRight];
  }
  if (term === '!') {
    const [child, after] = parseTerm(terms, index + 1);
    return [{ kind: 'not', child }, after];
  }
  if (isLeafArray(term)) {
    const [path, operator, value] = term;
    if ((path === 1 || path === 0 || path === true || path === false) && operator === '=' && value === 1) {
      return [{ kind: 'const', value: path === 1 || path === true }, index + 1];
    }
    // Odoo 18 takes operators as written: 'IN' is refused.
    if (typeof path !== 'string' || typeof operator !== 'string' || !OPERATORS.has(operator)) {
      throw valueError(`Invalid leaf ${pyTupleRepr(term)}`);
    }
    if ((operator === 'in' || operator === 'not in') && !Array.isArray(value)) {
      throw valueError(`Invalid domain term ${pyTupleRepr(term)}`);
    }
    // `=` and `!=` with a list are `in` and `not in` (fixtures/real/rule-domains.json).
    const op = Array.isArray(value) && (operator === '=' || operator === '!=') ? (operator === '=' ? 'in' : 'not in') : operator;
    return [{ kind: 'leaf', path, operator: op, value }, index + 1];
  }
  throw valueError(`Invalid leaf ${pyRepr(term)}`);
}

export function parseDomain(domain: unknown): DomainNode {
  if (domain === undefined || domain === null || domain === false) return { kind: 'and', children: [] };
  if (!Array.isArray(domain)) throw valueError(`Invalid domain: ${pyRepr(domain)}`);
  const children: DomainNode[] = [];
  let index = 0;
  while (index < domain.length) {
    const [node, next] = parseTerm(domain, index);
    children.push(node);
    index = next;
  }
  return children.length === 1 ? children[0] : { kind: 'and', children };
}

/** Whether a top-level leaf names `field` (Odoo only adds its implicit `active = True` when none does). */
export function domainMentions(domain: unknown, field: string): boolean {
  return Array.isArray(domain) && domain.some((term) => isLeafArray(term) && term[0] === field);
}

/** Every field path used by a domain (to validate field names before touching any record). */
export function domainPaths(node: DomainNode): DomainLeaf[] {
  switch (node.kind) {
    case 'and':
    case 'or':
      return node.children.flatMap(domainPaths);
    case 'not':
      return domainPaths(node.child);
    case 'const':
      return [];
    default:
      return [node];
  }
}

export function evaluateDomain(node: DomainNode, subject: DomainSubject): boolean {
  switch (node.kind) {
    case 'and':
      return node.children.every((child) => evaluateDomain(child, subject));
    case 'or':
      return node.children.some((child) => evaluateDomain(child, subject));
    case 'not':
      return evaluateNegated(node.child, subject);
    case 'const':
      return node.value;
    default:
      return evaluateLeaf(node, subject);
  }
}

/** The operator Odoo puts in place of `!` over a leaf. */
const NEGATION: Readonly<Record<string, string>> = {
  '=': '!=', '!=': '=', '<>': '=', '<': '>=', '>=': '<', '>': '<=', '<=': '>', in: 'not in', 'not in': 'in',
  like: 'not like', 'not like': 'like', ilike: 'not ilike', 'not ilike': 'ilike', any: 'not any', 'not any': 'any',
};

/**
 * `!` as Odoo 18 applies it: pushed into the leaves (De Morgan, then the negated operator), so `!(a < 3)` is
 * `a >= 3`, false where `a` is empty; a leaf without a negated operator (=like, child_of, …) keeps a SQL NOT,
 * false where its field is empty too.
 */
function evaluateNegated(node: DomainNode, subject: DomainSubject): boolean {
  switch (node.kind) {
    case 'and':
      return node.children.some((child) => evaluateNegated(child, subject));
    case 'or':
      return node.children.every((child) => evaluateNegated(child, subject));
    case 'not':
      return evaluateDomain(node.child, subject);
    case 'const':
      return !node.value;
    default: {
      if (node.operator === '=?') {
        if (node.value === false || node.value === null || node.value === undefined) return false;
        return evaluateNegated({ ...node, operator: Array.isArray(node.value) ? 'in' : '=' }, subject);
      }
      const negated = NEGATION[node.operator];
      if (negated) return evaluateLeaf({ ...node, operator: negated }, subject);
      if (!node.path.includes('.') && node.path !== 'id' && !followsOwnHierarchy(node, subject)) {
        const type = subject.fieldType(node.path);
        if (type && type !== 'boolean' && isNull(type, subject.value(node.path))) return false;
      }
      return !evaluateLeaf(node, subject);
    }
  }
}

export function matchesDomain(domain: unknown, subject: DomainSubject): boolean {
  return evaluateDomain(parseDomain(domain), subject);
}

function invalidField(subject: DomainSubject, leaf: DomainLeaf, name: string): never {
  throw valueError(
    `Invalid field ${subject.model}.${name} in leaf ${pyTupleRepr([leaf.path, leaf.operator, leaf.value])}`,
  );
}

const RELATIONAL: ReadonlySet<FieldType> = new Set(['many2one', 'one2many', 'many2many']);

function evaluateLeaf(leaf: DomainLeaf, subject: DomainSubject): boolean {
  const dot = leaf.path.indexOf('.');
  const name = dot === -1 ? leaf.path : leaf.path.slice(0, dot);
  const type = subject.fieldType(name);
  if (!type) invalidField(subject, leaf, name);
  if (dot !== -1) {
    if (!RELATIONAL.has(type)) invalidField(subject, leaf, leaf.path);
    const rest: DomainLeaf = { ...leaf, path: leaf.path.slice(dot + 1) };
    // A path leaf is "some related record matches", negative operators too: Odoo 18 finds no record without a
    // related one for `parent_id.user_id != 6` (fixtures/real/rule-domains.json).
    return subject.related(name).some((r) => evaluateLeaf(rest, r));
  }
  if (leaf.operator === '=?') {
    if (leaf.value === false || leaf.value === null || leaf.value === undefined) return true;
    // Recorded: `=? []` finds the records `= False` finds, where `= []` finds none.
    return evaluateLeaf({ ...leaf, operator: '=', value: Array.isArray(leaf.value) && leaf.value.length === 0 ? false : leaf.value }, subject);
  }
  if (leaf.operator === '<>') return evaluateLeaf({ ...leaf, operator: '!=' }, subject);
  const hierarchy = leaf.operator === 'child_of' || leaf.operator === 'parent_of';
  if (hierarchy && name !== 'id') {
    const comodel = subject.relation(name);
    if (comodel && !subject.parentField(comodel)) throw valueError(`Invalid parent field: ${comodel}.parent_id`);
    if (followsOwnHierarchy(leaf, subject)) return evaluateLeaf({ ...leaf, path: 'id' }, subject);
  }
  if (name === 'id' && hierarchy) {
    const wanted = new Set(asList(leaf.value).filter((v): v is number => typeof v === 'number'));
    return (leaf.operator === 'child_of' ? subject.ancestors() : subject.descendants()).some((id) => wanted.has(id));
  }
  if (RELATIONAL.has(type)) return evaluateRelational(leaf, name, type, subject);
  return compareScalar(leaf.operator, type, subject.value(name), leaf.value, subject.id);
}

/** A many2one into the record's own model is followed from the record itself (`parent_id child_of x` finds x). */
function followsOwnHierarchy(leaf: DomainLeaf, subject: DomainSubject): boolean {
  return (leaf.operator === 'child_of' || leaf.operator === 'parent_of') && leaf.path !== 'id' && subject.relation(leaf.path) === subject.model;
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

function evaluateRelational(leaf: DomainLeaf, name: string, type: FieldType, subject: DomainSubject): boolean {
  const { operator, value } = leaf;
  const related = subject.related(name);
  const stored = subject.value(name);
  const ids = typeof stored === 'number' ? [stored] : Array.isArray(stored) ? stored.filter((v): v is number => typeof v === 'number') : [];
  if (operator === 'any' || operator === 'not any') {
    const sub = parseDomain(value);
    const found = related.some((r) => evaluateDomain(sub, r));
    return operator === 'any' ? found : !found;
  }
  if (operator === 'child_of' || operator === 'parent_of') {
    const wanted = new Set(asList(value).filter((v): v is number => typeof v === 'number'));
    return related.some((r) =>
      (operator === 'child_of' ? r.ancestors() : r.descendants()).some((id) => wanted.has(id)),
    );
  }
  const values = asList(value);
  const byName = values.some((v) => typeof v === 'string');
  if (byName || operator.includes('like')) {
    const names = related.map((r) => r.displayName());
    const positive = operator.startsWith('not ') || operator === '!=' || operator === 'not in';
    const baseOp = operator === '!=' ? '=' : operator === 'not in' ? 'in' : operator.replace(/^not /, '');
    const hit = names.some((n) => compareScalar(baseOp, 'char', n, value, subject.id));
    return positive ? !hit : hit;
  }
  if (type === 'many2one' && values.includes(true)) {
    throw new OdooError('psycopg2.errors.UndefinedFunction', `operator does not exist: integer ${operator === '=' || operator === 'in' ? '=' : '<>'} boolean`, 1);
  }
  // An x2many `in` list's False finds nothing; `= False` (or 0) finds the empty ones.
  const listed = Array.isArray(value) && type !== 'many2one';
  const wantsEmpty = !listed && values.some((v) => v === false || v === null || v === 0);
  const wanted = new Set(values.filter((v): v is number => typeof v === 'number' && v !== 0));
  const hit = ids.some((id) => wanted.has(id)) || (wantsEmpty && ids.length === 0);
  switch (operator) {
    case '=':
    case 'in':
      return hit;
    case '!=':
    case 'not in':
      return !hit;
    default: {
      if (type !== 'many2one' || ids.length === 0) return false;
      return compareScalar(operator, 'integer', ids[0], value, subject.id);
    }
  }
}

function isNull(type: FieldType, stored: unknown): boolean {
  if (type === 'boolean') return stored !== true;
  return stored === false || stored === null || stored === undefined;
}

const boundCache = new Map<string, number>();

/** Domain values are re-parsed for every record evaluated; memoize the (operator, string) → instant mapping. */
function cachedBound(operator: string, value: string): number {
  const key = `${operator}|${value}`;
  let bound = boundCache.get(key);
  if (bound === undefined) {
    bound = domainDatetimeBound(operator, value);
    if (boundCache.size > 10_000) boundCache.clear();
    boundCache.set(key, bound);
  }
  return bound;
}

function normalizeValue(type: FieldType, operator: string, value: unknown): unknown {
  if (value === false || value === null || value === undefined) return false;
  if (type === 'datetime' && typeof value === 'string') return cachedBound(operator, value);
  if (type === 'date' && typeof value === 'string') return value.slice(0, 10);
  return value;
}

function storedComparable(type: FieldType, stored: unknown): unknown {
  if (type === 'datetime' && typeof stored === 'string') return parseDatetime(stored);
  return stored;
}

function likeToRegExp(pattern: string, caseInsensitive: boolean): RegExp {
  let source = '';
  for (const ch of pattern) {
    if (ch === '%') source += '[\\s\\S]*';
    else if (ch === '_') source += '[\\s\\S]';
    else source += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, caseInsensitive ? 'i' : '');
}

const NUMERIC: ReadonlySet<FieldType> = new Set(['integer', 'float', 'monetary']);
const TEXTUAL: ReadonlySet<FieldType> = new Set(['char', 'text', 'html', 'selection']);

/** A number as Odoo 18 compares it: empty (NULL) is 0, False 0, True 1, a numeric string its number. */
function asNumber(v: unknown): unknown {
  if (v === false || v === null || v === undefined) return 0;
  if (v === true) return 1;
  return typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v)) ? Number(v) : v;
}

/** Numbers as a real Odoo 18 compares them (fixtures/real/rule-domains.json): an empty one is 0. */
function compareNumber(operator: string, stored: unknown, value: unknown): boolean {
  const a = asNumber(stored);
  if (operator === 'in' || operator === 'not in') {
    const hit = asList(value).some((v) => asNumber(v) === a);
    return operator === 'in' ? hit : !hit;
  }
  const b = asNumber(value);
  if (operator === '=') return a === b;
  if (operator === '!=') return a !== b;
  if (typeof a !== 'number' || typeof b !== 'number') return false;
  if (operator === '<') return a < b;
  if (operator === '<=') return a <= b;
  if (operator === '>') return a > b;
  return a >= b;
}

const EQUALITY = new Set(['=', '!=', 'in', 'not in']);

/** Pure comparison of one stored scalar against a domain value, following PostgreSQL/Odoo NULL rules. */
export function compareScalar(operator: string, type: FieldType, storedRaw: unknown, value: unknown, _id = 0): boolean {
  if (NUMERIC.has(type) && (EQUALITY.has(operator) || operator.startsWith('<') || operator.startsWith('>'))) {
    return compareNumber(operator, storedRaw, value);
  }
  if (TEXTUAL.has(type) && EQUALITY.has(operator)) {
    // To `=` and `in`, '' is empty as NULL is, whether stored or asked for.
    const blank = (v: unknown): unknown => (v === '' ? false : v);
    storedRaw = blank(storedRaw);
    value = Array.isArray(value) ? value.map(blank) : blank(value);
  }
  const stored = storedComparable(type, storedRaw);
  const nullStored = isNull(type, stored);
  switch (operator) {
    case '=': {
      const v = normalizeValue(type, operator, value);
      if (v === false) return nullStored;
      if (type === 'boolean') return (v === true || v === 1) === (stored === true);
      return !nullStored && looseEquals(stored, v);
    }
    case '!=': {
      const v = normalizeValue(type, operator, value);
      if (v === false) return !nullStored;
      if (type === 'boolean') return (v === true || v === 1) !== (stored === true);
      return nullStored || !looseEquals(stored, v);
    }
    case 'in':
    case 'not in': {
      const values = asList(value).map((v) => normalizeValue(type, '=', v));
      const hasFalse = values.some((v) => v === false);
      let hit: boolean;
      if (type === 'boolean') hit = values.some((v) => (v === true) === (stored === true) || (v === false && nullStored));
      else hit = nullStored ? hasFalse : values.some((v) => v !== false && looseEquals(stored, v));
      return operator === 'in' ? hit : !hit;
    }
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const v = normalizeValue(type, operator, value);
      if (nullStored || v === false) return false;
      const a = stored as number | string;
      const b = v as number | string;
      if (operator === '<') return a < b;
      if (operator === '<=') return a <= b;
      if (operator === '>') return a > b;
      return a >= b;
    }
    case 'like':
    case 'ilike':
    case 'not like':
    case 'not ilike':
    case '=like':
    case '=ilike': {
      const negative = operator.startsWith('not ');
      const exact = operator.startsWith('=');
      const ci = operator.includes('ilike');
      const text = value === false || value === null || value === undefined ? '' : String(value);
      const pattern = exact ? text : `%${text}%`;
      // An empty pattern matches every record, empty ones too (`like False`, `ilike ''`).
      if (!exact && text === '') return !negative;
      if (nullStored) return negative;
      const hit = likeToRegExp(pattern, ci).test(String(stored));
      return negative ? !hit : hit;
    }
    default:
      throw valueError(`Invalid leaf operator ${pyRepr(operator)}`);
  }
}

function looseEquals(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'string' && b.trim() !== '' && !Number.isNaN(Number(b))) {
    return a === Number(b);
  }
  return a === b;
}
