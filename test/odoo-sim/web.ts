import { expressionCount } from './access';
import { valueError } from './errors';
import { relationIds, type Env } from './orm';
import type { Row } from './types';

/**
 * The web client's read methods as Odoo 18 answers them (fixtures/real/web-read.json, read-group.json):
 * web_read, web_search_read and read_group, each bound by the caller's record rules and field rights.
 */

/** The caller's rights, as the engine applies them to a plain search or read. */
export interface WebAccess {
  /** The search domain AND-ed with the user's record rules. */
  ruled(model: string, domain: unknown): unknown;
  /** The fields a read returns; naming a field the user may not read raises AccessError. */
  readable(model: string, fields: string[]): string[];
  /** Raises AccessError when a rule hides one of `ids`. */
  checkRead(model: string, ids: readonly number[]): void;
}

type Spec = Record<string, { fields?: Spec; order?: string; limit?: number; context?: Record<string, unknown> }>;

function asSpec(value: unknown): Spec {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Spec) : {};
}

/** Odoo's `read(fields, load=None)`: a many2one is its bare id. */
function unloaded(env: Env, model: string, rows: Row[]): Row[] {
  const fields = env.def(model).fields;
  for (const row of rows) {
    for (const [name, value] of Object.entries(row)) {
      if (fields[name]?.type === 'many2one' && Array.isArray(value)) row[name] = value[0];
    }
  }
  return rows;
}

export function webRead(env: Env, access: WebAccess, model: string, ids: readonly number[], specification: unknown): Row[] {
  const spec = asSpec(specification);
  const names = Object.keys(spec);
  // Asked for ids alone, Odoo answers from the ids it was given without reading (nor checking) anything.
  if (!names.length || (names.length === 1 && names[0] === 'id')) return ids.map((id) => ({ id }));
  const fields = access.readable(model, names);
  access.checkRead(model, ids);
  const rows = unloaded(env, model, env.read(model, ids, fields, { pyFloats: true }));
  if (!rows.length) return rows;
  const def = env.def(model);
  for (const [name, fieldSpec] of Object.entries(spec)) {
    const field = def.fields[name];
    if (!field?.relation) continue;
    if (field.type === 'many2one') {
      if (!fieldSpec?.fields) continue;
      const coIds = [...new Set(rows.map((r) => r[name]).filter((v): v is number => typeof v === 'number'))];
      const { display_name: withName, ...extra } = fieldSpec.fields;
      const data = new Map(webRead(env, access, field.relation, coIds, extra).map((r) => [r.id as number, r]));
      // display_name of a co-record is read as superuser: a name is shown even where its record is not readable.
      if (withName) for (const [id, row] of data) row.display_name = env.displayName(field.relation, id);
      for (const row of rows) if (typeof row[name] === 'number') row[name] = data.get(row[name] as number);
    } else if (field.type === 'one2many' || field.type === 'many2many') {
      if (!fieldSpec || !Object.keys(fieldSpec).length) continue;
      const relation = field.relation;
      if (fieldSpec.order) {
        const all = [...new Set(rows.flatMap((r) => relationIds(r[name])))];
        const sorted = env.withContext({ active_test: false }).search(relation, access.ruled(relation, [['id', 'in', all]]), { order: fieldSpec.order });
        const rank = new Map(sorted.map((id, index) => [id, index]));
        for (const row of rows) {
          row[name] = relationIds(row[name])
            .filter((id) => rank.has(id))
            .sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0));
        }
      }
      if (!fieldSpec.fields) continue;
      const limit = typeof fieldSpec.limit === 'number' ? fieldSpec.limit : undefined;
      const toRead = [...new Set(rows.flatMap((r) => relationIds(r[name]).slice(0, limit)))];
      const data = new Map(webRead(env, access, relation, toRead, fieldSpec.fields).map((r) => [r.id as number, r]));
      for (const row of rows) row[name] = relationIds(row[name]).map((id) => data.get(id) ?? { id });
    }
  }
  return rows;
}

export interface WebSearchReadParams {
  domain: unknown;
  specification: unknown;
  offset?: number;
  limit?: number;
  order?: string;
  countLimit?: number;
}

export function webSearchRead(env: Env, access: WebAccess, model: string, p: WebSearchReadParams): { length: number; records: Row[] } {
  const domain = access.ruled(model, p.domain ?? []);
  const offset = p.offset ?? 0;
  const ids = env.search(model, domain, { offset, limit: p.limit, order: p.order });
  const records = webRead(env, access, model, ids, p.specification);
  if (!records.length) return { length: 0, records: [] };
  const current = records.length + offset;
  const countLimitReached = p.countLimit !== undefined && p.countLimit <= current;
  // A full page may have more behind it: Odoo counts them (up to count_limit) unless count_limit is already reached.
  if (p.limit && records.length === p.limit && !countLimitReached) {
    const total = env.search(model, domain).length;
    return { length: p.countLimit !== undefined ? Math.min(total, p.countLimit) : total, records };
  }
  return { length: current, records };
}

const TRUE_LEAF = [1, '=', 1];

/** Odoo's expression.AND: normalized domains joined with '&', the empty (true) ones left out. */
function andDomains(domains: ReadonlyArray<readonly unknown[]>): unknown[] {
  const parts = domains.filter((d) => d.length).map((d) => [...Array<string>(expressionCount(d) - 1).fill('&'), ...d]);
  if (!parts.length) return [TRUE_LEAF];
  return [...Array<string>(parts.length - 1).fill('&'), ...parts.flat()];
}

interface Aggregate {
  key: string;
  field: string;
  fn: string;
}

const DEFAULT_AGGREGATOR: Readonly<Record<string, string>> = { integer: 'sum', float: 'sum', monetary: 'sum' };

function parseAggregates(env: Env, model: string, fields: unknown, groupby: readonly string[]): Aggregate[] {
  const def = env.def(model);
  const aggregates: Aggregate[] = [];
  for (const spec of Array.isArray(fields) ? fields : []) {
    if (typeof spec !== 'string' || spec === '__count') continue;
    const match = /^(\w+)(?::(\w+)(?:\((\w+)\))?)?$/.exec(spec.trim());
    if (!match) throw valueError(`Invalid field specification ${JSON.stringify(spec)}.`);
    const [, name, fn, inner] = match;
    const field = inner ?? name;
    if (!def.fields[field]) throw valueError(`Invalid field '${field}' on model '${model}'`);
    if (fn) aggregates.push({ key: name, field, fn });
    else if (!groupby.includes(field) && DEFAULT_AGGREGATOR[def.fields[field].type]) {
      aggregates.push({ key: field, field, fn: DEFAULT_AGGREGATOR[def.fields[field].type] });
    }
  }
  return aggregates;
}

function aggregate(fn: string, values: unknown[]): unknown {
  const present = values.filter((v) => v !== false && v !== null && v !== undefined);
  const numbers = present.map(Number);
  switch (fn) {
    case 'sum':
      return numbers.reduce((s, v) => s + v, 0);
    case 'avg':
      return numbers.length ? numbers.reduce((s, v) => s + v, 0) / numbers.length : false;
    case 'min':
      return numbers.length ? Math.min(...numbers) : false;
    case 'max':
      return numbers.length ? Math.max(...numbers) : false;
    case 'count':
      return present.length;
    case 'count_distinct':
      return new Set(present.map((v) => JSON.stringify(v))).size;
    default:
      throw valueError(`Invalid aggregation function ${JSON.stringify(fn)}.`);
  }
}

export interface ReadGroupParams {
  domain: unknown;
  fields: unknown;
  groupby: unknown;
  offset?: number;
  limit?: number;
  orderby?: string;
  lazy?: boolean;
}

/** Odoo 18's (legacy) read_group over plain fields: one group per value of the grouped fields, with aggregates. */
export function readGroup(env: Env, access: WebAccess, model: string, p: ReadGroupParams): Row[] {
  const def = env.def(model);
  const groupby = (typeof p.groupby === 'string' ? [p.groupby] : Array.isArray(p.groupby) ? p.groupby : []).filter(
    (g): g is string => typeof g === 'string',
  );
  for (const g of groupby) if (!def.fields[g]) throw valueError(`Invalid field '${g}' on model '${model}'`);
  const lazy = p.lazy !== false;
  const annotated = lazy && groupby.length ? groupby.slice(0, 1) : groupby;
  const aggregates = parseAggregates(env, model, p.fields, groupby);
  const domain = Array.isArray(p.domain) ? p.domain : [];
  const ids = env.search(model, access.ruled(model, domain));

  const key = (id: number): unknown[] => annotated.map((g) => (def.fields[g].type === 'many2one' ? (relationIds(env.value(model, id, g))[0] ?? false) : env.value(model, id, g) ?? false));
  const groups = new Map<string, { values: unknown[]; ids: number[] }>();
  for (const id of ids) {
    const values = key(id);
    const k = JSON.stringify(values);
    const group = groups.get(k) ?? { values, ids: [] };
    group.ids.push(id);
    groups.set(k, group);
  }

  const countKey = lazy && groupby.length ? `${groupby[0]}_count` : '__count';
  let rows = [...groups.values()].map(({ values, ids: members }) => {
    const row: Row = {};
    annotated.forEach((g, i) => {
      const relation = def.fields[g].relation;
      row[g] = def.fields[g].type === 'many2one' && values[i] !== false && relation ? [values[i], env.displayName(relation, values[i] as number)] : values[i];
    });
    row[countKey] = members.length;
    for (const a of aggregates) row[a.key] = aggregate(a.fn, members.map((id) => env.value(model, id, a.field)));
    row.__domain = annotated.length ? andDomains([domain, ...annotated.map((g, i) => [[g, '=', values[i]]])]) : domain;
    if (lazy && groupby.length > 1) row.__context = { group_by: groupby.slice(1) };
    return row;
  });

  rows = sortGroups(env, model, rows, p.orderby || annotated.join(','), countKey);
  const offset = p.offset ?? 0;
  return rows.slice(offset, p.limit ? offset + p.limit : undefined);
}

/** Groups in `orderby` order (grouped fields, aggregates or the count); a many2one sorts by its co-model's order. */
function sortGroups(env: Env, model: string, rows: Row[], orderby: string, countKey: string): Row[] {
  const def = env.def(model);
  const terms = orderby
    .split(',')
    .map((t) => t.trim().split(/\s+/))
    .filter(([name]) => name)
    .map(([name, dir]) => ({ name: name === '__count' ? countKey : name, desc: dir?.toLowerCase() === 'desc' }));
  const rank = new Map<string, Map<number, number>>();
  for (const { name } of terms) {
    const relation = def.fields[name]?.type === 'many2one' ? def.fields[name].relation : undefined;
    if (!relation) continue;
    const coIds = rows.map((r) => (Array.isArray(r[name]) ? (r[name] as number[])[0] : undefined)).filter((v): v is number => v !== undefined);
    rank.set(name, new Map(env.sort(relation, coIds, env.def(relation).order).map((id, i) => [id, i])));
  }
  const sortValue = (row: Row, name: string): unknown => {
    const value = row[name];
    if (Array.isArray(value)) return rank.get(name)?.get(value[0] as number) ?? 0;
    if (def.fields[name]?.type === 'boolean') return value ? 1 : 0;
    return value;
  };
  return [...rows].sort((a, b) => {
    for (const { name, desc } of terms) {
      const va = sortValue(a, name);
      const vb = sortValue(b, name);
      if (va === vb) continue;
      // NULLs (false) come last ascending and first descending, as PostgreSQL orders them.
      if (va === false || va === undefined) return desc ? -1 : 1;
      if (vb === false || vb === undefined) return desc ? 1 : -1;
      const cmp = (va as number | string) < (vb as number | string) ? -1 : 1;
      return desc ? -cmp : cmp;
    }
    return 0;
  });
}
