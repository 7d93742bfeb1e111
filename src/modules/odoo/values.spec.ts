import {
  dateToOdooSecond,
  isCommandList,
  isIdList,
  isMany2onePair,
  isUnset,
  many2oneId,
  odooDateToIso,
  odooSecondToDate,
  parseOdooDatetime,
  toOdooSecond,
} from './values';

describe('Odoo values', () => {
  describe(many2oneId.name, () => {
    it('reads the id of every many2one form', () => {
      expect(many2oneId([7, 'Azure Interior'])).toBe(7);
      expect(many2oneId({ id: 7, name: 'Azure Interior' })).toBe(7);
      expect(many2oneId(7)).toBe(7);
    });

    it('answers null for an empty or foreign value', () => {
      expect(many2oneId(false)).toBeNull();
      expect(many2oneId({ id: false, name: false })).toBeNull();
      expect(many2oneId(null)).toBeNull();
      expect(many2oneId('7')).toBeNull();
      expect(many2oneId(7.5)).toBeNull();
      expect(many2oneId(0)).toBeNull();
      expect(many2oneId([])).toBeNull();
    });
  });

  describe(isMany2onePair.name, () => {
    it('is the [id, name] pair read returns, not an id list of two', () => {
      expect(isMany2onePair([7, 'Azure Interior'])).toBe(true);
      expect(isMany2onePair([7, 8])).toBe(false);
      expect(isMany2onePair([7])).toBe(false);
      expect(isMany2onePair(false)).toBe(false);
    });
  });

  describe('x2many', () => {
    it('tells an id list from a command list', () => {
      expect(isIdList([3, 1, 2])).toBe(true);
      expect(isIdList([])).toBe(true);
      expect(isIdList([[6, 0, [1]]])).toBe(false);
      expect(isCommandList([[0, 0, { name: 'line' }], [4, 7]])).toBe(true);
      expect(isCommandList([[6, 0, [1, 2]]])).toBe(true);
      expect(isCommandList([1, 2])).toBe(false);
      expect(isCommandList([])).toBe(false);
      expect(isCommandList([['x', 1]])).toBe(false);
    });
  });

  describe('datetimes', () => {
    it('reduces every Odoo datetime form to the API second', () => {
      expect(toOdooSecond('2026-11-22 04:06:11')).toBe('2026-11-22 04:06:11');
      expect(toOdooSecond('2026-11-22T04:06:11.320165')).toBe('2026-11-22 04:06:11');
      expect(toOdooSecond(' 2026-11-22 04:06:11 ')).toBe('2026-11-22 04:06:11');
      expect(toOdooSecond('2026-11-22')).toBeNull();
      expect(toOdooSecond('2026-11-22T04:06:11Z')).toBeNull();
    });

    it('reads the API second as UTC and writes a Date back to it', () => {
      expect(odooSecondToDate('2026-01-02 03:04:05').toISOString()).toBe('2026-01-02T03:04:05.000Z');
      expect(dateToOdooSecond(new Date('2026-01-02T03:04:05.678Z'))).toBe('2026-01-02 03:04:05');
    });

    it('parses an Odoo datetime as UTC, keeping fractions, and an ISO timestamp by its zone', () => {
      expect(parseOdooDatetime('2026-11-22 03:48:14')?.toISOString()).toBe('2026-11-22T03:48:14.000Z');
      expect(parseOdooDatetime('2026-11-22T03:48:14.250')?.toISOString()).toBe('2026-11-22T03:48:14.250Z');
      expect(parseOdooDatetime('2026-11-22T05:48:14+02:00')?.toISOString()).toBe('2026-11-22T03:48:14.000Z');
      expect(odooDateToIso('2026-01-02 03:04:05')).toBe('2026-01-02T03:04:05.000Z');
    });

    it('answers null for an empty or unreadable datetime', () => {
      expect(parseOdooDatetime(false)).toBeNull();
      expect(parseOdooDatetime('')).toBeNull();
      expect(parseOdooDatetime('yesterday-ish')).toBeNull();
      expect(odooDateToIso(undefined)).toBeNull();
    });
  });

  describe(isUnset.name, () => {
    it("is Odoo's false or no value, not a falsy value of a type", () => {
      expect([false, null, undefined].map(isUnset)).toEqual([true, true, true]);
      expect([0, '', [], 'false'].map(isUnset)).toEqual([false, false, false, false]);
    });
  });
});
