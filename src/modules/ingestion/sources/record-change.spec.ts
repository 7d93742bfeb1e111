import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  addSeconds,
  decideFromAddonRow,
  decideFromRead,
  diffSnapshots,
  normalizeValues,
  READ_BACK,
  readBackEventId,
  stableJson,
  toOdooSecond,
  type KnownRecord,
} from './record-change';

const known = (writeDate: string, snapshot: Record<string, unknown> | null, deleted = false): KnownRecord => ({
  writeDate,
  snapshot,
  deleted,
  verified: true,
  updatedAt: new Date(0),
});

describe('decideFromRead', () => {
  const values = { id: 7, name: 'A', partner_id: [3, 'Deco'], write_date: '2026-11-22 04:06:11' };

  it('logs a create when the log never knew the record', () => {
    expect(decideFromRead(undefined, { kind: 'present', writeDate: '2026-11-22 04:06:11', values })).toEqual({
      event: 'create',
      changedFields: null,
    });
  });

  it('logs a write with the changed fields when write_date moved on', () => {
    const k = known('2026-11-22 04:06:10', normalizeValues({ ...values, name: 'old' }));
    expect(decideFromRead(k, { kind: 'present', writeDate: '2026-11-22 04:06:11', values })).toEqual({
      event: 'write',
      changedFields: ['name'],
    });
  });

  it('collapses a repeat of the same (write_date, values)', () => {
    const k = known('2026-11-22 04:06:11', normalizeValues(values));
    expect(decideFromRead(k, { kind: 'present', writeDate: '2026-11-22 04:06:11', values })).toBeNull();
  });

  it('logs a second write within the same second when a value differs', () => {
    const k = known('2026-11-22 04:06:11', normalizeValues({ ...values, name: 'first' }));
    expect(decideFromRead(k, { kind: 'present', writeDate: '2026-11-22 04:06:11', values })).toEqual({
      event: 'write',
      changedFields: ['name'],
    });
  });

  it('ignores a read older than what the log holds', () => {
    const k = known('2026-11-22 04:06:12', normalizeValues(values));
    expect(decideFromRead(k, { kind: 'present', writeDate: '2026-11-22 04:06:11', values: { ...values, name: 'B' } })).toBeNull();
  });

  it('logs an unlink only for a record the log knew, and only once', () => {
    expect(decideFromRead(known('2026-11-22 04:06:11', null), { kind: 'gone' })).toEqual({ event: 'unlink', changedFields: null });
    expect(decideFromRead(undefined, { kind: 'gone' })).toBeNull();
    expect(decideFromRead(known('2026-11-22 04:06:11', null, true), { kind: 'gone' })).toBeNull();
  });

  it('never resurrects a tombstoned record', () => {
    expect(decideFromRead(known('2026-11-22 04:06:11', null, true), { kind: 'present', writeDate: '2026-11-22 04:06:12', values })).toBeNull();
  });
});

describe('decideFromAddonRow', () => {
  const row = (event: 'create' | 'write' | 'unlink', writeDate: string, snapshot: Record<string, unknown> | null = null) => ({
    event,
    writeDate,
    changedFields: null,
    snapshot,
  });

  it('logs create for an unknown record and write for a known one with a newer write_date', () => {
    expect(decideFromAddonRow(undefined, { ...row('write', '2026-11-22 04:06:11'), changedFields: ['name'] })).toEqual({
      event: 'create',
      changedFields: ['name'],
    });
    expect(decideFromAddonRow(known('2026-11-22 04:06:10', null), row('write', '2026-11-22 04:06:11'))).toEqual({
      event: 'write',
      changedFields: null,
    });
  });

  it('asks for a read-back when a row of a second already read back differs (a stale payload or a second write in that second)', () => {
    const readBack = known('2026-11-22 04:06:11', { name: 'A' });
    expect(decideFromAddonRow(readBack, row('write', '2026-11-22 04:06:11', { name: 'B' }))).toBe(READ_BACK);
    expect(decideFromAddonRow(readBack, row('write', '2026-11-22 04:06:11', { name: 'A' }))).toBeNull();
    expect(decideFromAddonRow(readBack, row('write', '2026-11-22 04:06:11', null))).toBe(READ_BACK);
    expect(decideFromAddonRow(readBack, row('write', '2026-11-22 04:06:10', { name: 'B' }))).toBeNull();
  });

  it('logs a second row of the same second when its values differ from the previous row', () => {
    const previous = { ...known('2026-11-22 04:06:11', { name: 'A' }), verified: false };
    expect(decideFromAddonRow(previous, row('write', '2026-11-22 04:06:11', { name: 'B' }))).toEqual({
      event: 'write',
      changedFields: ['name'],
    });
    expect(decideFromAddonRow(previous, row('write', '2026-11-22 04:06:11', { name: 'A' }))).toBeNull();
  });

  it('logs an unlink once, and skips a late create row after it', () => {
    expect(decideFromAddonRow(undefined, row('unlink', '2026-11-22 04:06:11'))).toEqual({ event: 'unlink', changedFields: null });
    const tomb = known('2026-11-22 04:06:11', null, true);
    expect(decideFromAddonRow(tomb, row('unlink', '2026-11-22 04:06:12'))).toBeNull();
    expect(decideFromAddonRow(tomb, row('create', '2026-11-22 04:06:10'))).toBeNull();
  });
});

describe('normalizeValues', () => {
  it('gives the read, addon and native forms of the same record the same snapshot', () => {
    const read = { partner_id: [10, 'Deco Addict'], tag_ids: [3, 1], date_order: '2026-11-22 04:06:18', note: false, amount: 2.5 };
    const addon = {
      partner_id: { id: 10, name: 'Deco Addict' },
      tag_ids: [{ id: 1, name: 'x' }, { id: 3, name: 'y' }],
      date_order: '2026-11-22T04:06:18.667526',
      note: false,
      amount: 2.5,
      _metadata: { id: 1 },
      _changed_fields: ['note'],
    };
    const native = { partner_id: 10, tag_ids: [1, 3], date_order: '2026-11-22 04:06:18.667526', note: false, amount: 2.5 };
    expect(normalizeValues(addon)).toEqual(normalizeValues(read));
    expect(normalizeValues(native)).toEqual(normalizeValues(read));
  });

  it('maps an empty addon many2one to null', () => {
    expect(normalizeValues({ user_id: { id: false, name: '' } })).toEqual({ user_id: null });
  });
});

describe('diffSnapshots', () => {
  it('compares only the fields both sides carry', () => {
    expect(diffSnapshots({ a: 1, b: 2 }, { b: 3, c: 4 })).toEqual(['b']);
  });
});

describe('readBackEventId', () => {
  it('is the same for the same state and differs when a value differs', () => {
    const obs = (name: string) => ({ kind: 'present' as const, writeDate: '2026-11-22 04:06:11', values: { id: 7, name } });
    const write = { event: 'write' as const, changedFields: null };
    expect(readBackEventId('res.partner', 7, write, obs('A'))).toBe(readBackEventId('res.partner', 7, write, obs('A')));
    expect(readBackEventId('res.partner', 7, write, obs('A'))).not.toBe(readBackEventId('res.partner', 7, write, obs('B')));
    expect(readBackEventId('res.partner', 7, { event: 'unlink', changedFields: null }, { kind: 'gone' })).toBe('res.partner:7:unlink');
  });
});

describe('stableJson', () => {
  // The key-by-key form event ids were first computed with: a faster form must write the same text, or a change
  // decided again after an upgrade would not be recognised as logged.
  const keyByKey = (value: unknown): string => {
    if (Array.isArray(value)) return `[${value.map(keyByKey).join(',')}]`;
    if (typeof value === 'object' && value !== null) {
      const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${keyByKey(v)}`).join(',')}}`;
    }
    return JSON.stringify(value) ?? 'null';
  };
  const fixtures = join(__dirname, '../../../../test/odoo-sim/fixtures');
  const records = readdirSync(fixtures)
    .filter((f) => f.startsWith('searchread.'))
    .flatMap((f) => (JSON.parse(readFileSync(join(fixtures, f), 'utf8')) as { response: { result: Record<string, unknown>[] } }).response.result);

  it('writes every recorded Odoo 18 record, raw and normalised, as the key-by-key form does', () => {
    expect(records.length).toBeGreaterThanOrEqual(30);
    for (const record of records) {
      expect(stableJson(normalizeValues(record))).toBe(keyByKey(normalizeValues(record)));
      expect(stableJson(record)).toBe(keyByKey(record));
    }
  });

  it('writes what JSON has no form for (undefined, NaN, nested objects) as the key-by-key form does', () => {
    const odd = { b: undefined, a: NaN, c: [1, undefined, Infinity], d: { z: 1, y: [{ q: 2, p: null }] }, e: -0 };
    expect(stableJson(odd)).toBe(keyByKey(odd));
  });
});

describe('toOdooSecond', () => {
  it('truncates every Odoo datetime form to the API second', () => {
    expect(toOdooSecond('2026-11-22T04:06:11.320165')).toBe('2026-11-22 04:06:11');
    expect(toOdooSecond('2026-11-22 04:06:11')).toBe('2026-11-22 04:06:11');
    expect(toOdooSecond('2026-11-22')).toBeNull();
  });

  it('adds seconds across a day boundary', () => {
    expect(addSeconds('2026-11-22 23:59:59', 1)).toBe('2026-11-23 00:00:00');
  });
});
