import { compareScalar, domainMentions, matchesDomain, parseDomain, type DomainSubject } from './domain';
import { OdooError } from './errors';
import type { FieldType } from './types';

interface FakeRecord {
  id: number;
  [field: string]: unknown;
}

const TYPES: Record<string, FieldType> = {
  id: 'integer',
  name: 'char',
  qty: 'float',
  count: 'integer',
  active: 'boolean',
  state: 'selection',
  day: 'date',
  write_date: 'datetime',
  parent_id: 'many2one',
  tag_ids: 'many2many',
};

const at = (s: string): number => Date.parse(`${s.replace(' ', 'T')}Z`);

const records: Record<number, FakeRecord> = {
  1: { id: 1, name: 'Deco Addict', qty: 2.5, count: 3, active: true, state: 'sale', day: '2026-11-20', write_date: at('2026-11-22 03:48:13.340'), parent_id: false, tag_ids: [7] },
  2: { id: 2, name: 'Deco Addict, Douglas', qty: 0, count: 0, active: false, state: 'draft', day: false, write_date: at('2026-11-22 03:48:12.766'), parent_id: 1, tag_ids: [] },
  3: { id: 3, name: false, qty: 10, count: 7, active: true, state: false, day: '2026-12-01', write_date: false, parent_id: 2, tag_ids: [5, 7] },
};

function subject(id: number): DomainSubject {
  const rec = records[id];
  return {
    model: 'x.fake',
    id,
    fieldType: (name) => TYPES[name],
    value: (name) => (name === 'id' ? id : rec[name]),
    related: (name) => {
      const v = rec[name];
      const ids = typeof v === 'number' ? [v] : Array.isArray(v) ? (v as number[]) : [];
      return ids.filter((rid) => records[rid]).map(subject);
    },
    relation: (name) => (name === 'parent_id' || name === 'tag_ids' ? 'x.fake' : undefined),
    parentField: () => 'parent_id',
    displayName: () => String(rec.name || ''),
    ancestors: () => {
      const chain = [id];
      let cur = rec;
      while (typeof cur.parent_id === 'number') {
        chain.push(cur.parent_id);
        cur = records[cur.parent_id];
      }
      return chain;
    },
    descendants: () => Object.keys(records).map(Number).filter((other) => subject(other).ancestors().includes(id)),
  };
}

const select = (domain: unknown[]): number[] => [1, 2, 3].filter((id) => matchesDomain(domain, subject(id)));

describe('parseDomain', () => {
  it('treats an empty domain as an AND with no terms', () => {
    expect(parseDomain([])).toEqual({ kind: 'and', children: [] });
  });

  it('ANDs top-level terms implicitly', () => {
    const node = parseDomain([['a', '=', 1], ['b', '=', 2]]);
    expect(node).toEqual({
      kind: 'and',
      children: [
        { kind: 'leaf', path: 'a', operator: '=', value: 1 },
        { kind: 'leaf', path: 'b', operator: '=', value: 2 },
      ],
    });
  });

  it('parses prefix operators with nesting', () => {
    const node = parseDomain(['|', '&', ['a', '=', 1], ['b', '=', 2], '!', ['c', '=', 3]]);
    expect(node).toEqual({
      kind: 'or',
      children: [
        {
          kind: 'and',
          children: [
            { kind: 'leaf', path: 'a', operator: '=', value: 1 },
            { kind: 'leaf', path: 'b', operator: '=', value: 2 },
          ],
        },
        { kind: 'not', child: { kind: 'leaf', path: 'c', operator: '=', value: 3 } },
      ],
    });
  });

  it('recognises TRUE_LEAF and FALSE_LEAF', () => {
    expect(parseDomain([[1, '=', 1]])).toEqual({ kind: 'const', value: true });
    expect(parseDomain([[0, '=', 1]])).toEqual({ kind: 'const', value: false });
  });

  it('rejects a missing operand as ValueError', () => {
    expect(() => parseDomain(['|', ['a', '=', 1]])).toThrow(OdooError);
    expect(() => parseDomain(['|', ['a', '=', 1]])).toThrow(/Invalid domain/);
  });

  it('rejects an unknown operator with the leaf in Python form', () => {
    expect(() => parseDomain([['a', 'contains', 'x']])).toThrow("Invalid leaf ('a', 'contains', 'x')");
  });

  it('refuses an operator in capitals, as Odoo 18 does (fixtures/real/rule-domains.json)', () => {
    expect(() => parseDomain([['name', 'ILIKE', 'x']])).toThrow("Invalid leaf ('name', 'ILIKE', 'x')");
  });
});

describe('domainMentions', () => {
  it('finds a top-level leaf on the field', () => {
    expect(domainMentions([['id', '=', 1], ['active', '=', false]], 'active')).toBe(true);
    expect(domainMentions([['id', '=', 1]], 'active')).toBe(false);
  });
});

describe('evaluate leaves', () => {
  it('= and != on chars, with != keeping NULLs', () => {
    expect(select([['name', '=', 'Deco Addict']])).toEqual([1]);
    expect(select([['name', '!=', 'Deco Addict']])).toEqual([2, 3]);
  });

  it('= False matches NULL and != False matches set values', () => {
    expect(select([['name', '=', false]])).toEqual([3]);
    expect(select([['name', '!=', false]])).toEqual([1, 2]);
    expect(select([['parent_id', '=', false]])).toEqual([1]);
    expect(select([['parent_id', '!=', false]])).toEqual([2, 3]);
  });

  it('booleans treat NULL as False', () => {
    expect(select([['active', '=', true]])).toEqual([1, 3]);
    expect(select([['active', '=', false]])).toEqual([2]);
    expect(select([['active', '!=', true]])).toEqual([2]);
    expect(select([['active', 'in', [true, false]]])).toEqual([1, 2, 3]);
  });

  it('numeric comparisons', () => {
    expect(select([['qty', '>', 2.5]])).toEqual([3]);
    expect(select([['qty', '>=', 2.5]])).toEqual([1, 3]);
    expect(select([['qty', '<', 2.5]])).toEqual([2]);
    expect(select([['qty', '<=', 2.5]])).toEqual([1, 2]);
    expect(select([['count', '=', 7]])).toEqual([3]);
  });

  it('comparisons never match NULL', () => {
    expect(select([['day', '<', '2030-01-01']])).toEqual([1, 3]);
    expect(select([['write_date', '>', '2000-01-01 00:00:00']])).toEqual([1, 2]);
  });

  it('in / not in, with False standing for NULL', () => {
    expect(select([['state', 'in', ['sale', 'draft']]])).toEqual([1, 2]);
    expect(select([['state', 'not in', ['sale']]])).toEqual([2, 3]);
    expect(select([['state', 'in', ['sale', false]]])).toEqual([1, 3]);
    expect(select([['state', 'not in', [false]]])).toEqual([1, 2]);
    expect(select([['id', 'in', [1, 3]]])).toEqual([1, 3]);
  });

  it('like and ilike wrap the value in %, case-sensitively or not', () => {
    expect(select([['name', 'like', 'Deco']])).toEqual([1, 2]);
    expect(select([['name', 'like', 'deco']])).toEqual([]);
    expect(select([['name', 'ilike', 'deco']])).toEqual([1, 2]);
    expect(select([['name', 'ilike', 'DOUG']])).toEqual([2]);
  });

  it('not like / not ilike keep NULLs', () => {
    expect(select([['name', 'not ilike', 'douglas']])).toEqual([1, 3]);
    expect(select([['name', 'not like', 'Deco']])).toEqual([3]);
  });

  it('=like / =ilike use the value as the whole SQL pattern', () => {
    expect(select([['name', '=like', 'Deco%']])).toEqual([1, 2]);
    expect(select([['name', '=like', 'Deco']])).toEqual([]);
    expect(select([['name', '=ilike', 'deco addict']])).toEqual([1]);
    expect(select([['name', '=ilike', 'd_co addict']])).toEqual([1]);
  });

  it('=? is true for a False value and = otherwise', () => {
    expect(select([['state', '=?', false]])).toEqual([1, 2, 3]);
    expect(select([['state', '=?', 'draft']])).toEqual([2]);
  });

  it('many2one accepts ids and names', () => {
    expect(select([['parent_id', '=', 1]])).toEqual([2]);
    expect(select([['parent_id', 'in', [1, 2]]])).toEqual([2, 3]);
    expect(select([['parent_id', 'ilike', 'douglas']])).toEqual([3]);
    expect(select([['parent_id', 'not in', [1]]])).toEqual([1, 3]);
  });

  it('x2many matches when any member matches', () => {
    expect(select([['tag_ids', 'in', [5]]])).toEqual([3]);
    expect(select([['tag_ids', '=', 7]])).toEqual([1, 3]);
    expect(select([['tag_ids', '=', false]])).toEqual([2]);
    expect(select([['tag_ids', 'not in', [7]]])).toEqual([2]);
  });

  it('dotted paths go through relations', () => {
    expect(select([['parent_id.name', '=', 'Deco Addict']])).toEqual([2]);
    expect(select([['parent_id.parent_id.name', 'ilike', 'deco']])).toEqual([3]);
  });

  it('child_of and parent_of on the parent field follow the hierarchy from the record itself, as Odoo 18 does', () => {
    expect(select([['parent_id', 'child_of', 1]])).toEqual([1, 2, 3]);
    expect(select([['parent_id', 'child_of', 2]])).toEqual([2, 3]);
    expect(select([['parent_id', 'parent_of', [3]]])).toEqual([1, 2, 3]);
    expect(select([['parent_id', 'parent_of', [1]]])).toEqual([1]);
  });

  it('any / not any evaluate a sub-domain on related records', () => {
    expect(select([['parent_id', 'any', [['state', '=', 'sale']]]])).toEqual([2]);
    expect(select([['parent_id', 'not any', [['state', '=', 'sale']]]])).toEqual([1, 3]);
  });

  it('an unknown field is a ValueError naming the leaf', () => {
    expect(() => select([['nosuchfield', '=', 1]])).toThrow(
      "Invalid field x.fake.nosuchfield in leaf ('nosuchfield', '=', 1)",
    );
  });
});

describe('prefix operators', () => {
  it('| is OR', () => {
    expect(select(['|', ['count', '=', 3], ['count', '=', 7]])).toEqual([1, 3]);
  });

  it('& is AND, also implicit', () => {
    expect(select(['&', ['active', '=', true], ['qty', '>', 5]])).toEqual([3]);
    expect(select([['active', '=', true], ['qty', '>', 5]])).toEqual([3]);
  });

  it('! negates the next term', () => {
    expect(select(['!', ['state', '=', 'sale']])).toEqual([2, 3]);
    expect(select(['!', '|', ['id', '=', 1], ['id', '=', 2]])).toEqual([3]);
  });

  it('nests: (a OR b) AND NOT c, mixed with implicit AND', () => {
    const domain = ['|', ['state', '=', 'sale'], ['state', '=', 'draft'], '!', ['active', '=', false], ['count', '>=', 0]];
    expect(select(domain)).toEqual([1]);
  });

  it('| with three operands needs two | operators', () => {
    expect(select(['|', '|', ['id', '=', 1], ['id', '=', 2], ['id', '=', 3]])).toEqual([1, 2, 3]);
  });

  it('constant leaves', () => {
    expect(select([[1, '=', 1]])).toEqual([1, 2, 3]);
    expect(select(['|', [0, '=', 1], ['id', '=', 2]])).toEqual([2]);
  });
});

describe('compareScalar on datetimes (write-date.json semantics)', () => {
  const stored = at('2026-11-22 03:48:13.340');

  it('> the second just read still matches the same record', () => {
    expect(compareScalar('>', 'datetime', stored, '2026-11-22 03:48:13')).toBe(true);
    expect(compareScalar('>=', 'datetime', stored, '2026-11-22 03:48:13')).toBe(true);
  });

  it('= and <= on that second do not match (the stored value has a fraction)', () => {
    expect(compareScalar('=', 'datetime', stored, '2026-11-22 03:48:13')).toBe(false);
    expect(compareScalar('<=', 'datetime', stored, '2026-11-22 03:48:13')).toBe(false);
  });

  it('accepts the ISO T form', () => {
    expect(compareScalar('>', 'datetime', stored, '2026-11-22T03:48:13')).toBe(true);
  });

  it('widens a date-only value: > excludes the whole day, >= includes it', () => {
    expect(compareScalar('>', 'datetime', stored, '2026-11-22')).toBe(false);
    expect(compareScalar('>=', 'datetime', stored, '2026-11-22')).toBe(true);
    expect(compareScalar('<=', 'datetime', stored, '2026-11-22')).toBe(true);
    expect(compareScalar('<', 'datetime', stored, '2026-11-22')).toBe(false);
  });
});
