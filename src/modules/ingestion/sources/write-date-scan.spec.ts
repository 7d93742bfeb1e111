import { addSeconds, dateToOdooSecond } from './record-change';
import { scanWriteDates, type IdStamp, type StampQuery, type WriteDateCursor } from './write-date-scan';

interface FakeRow {
  id: number;
  /** Stored write_date in epoch ms (microsecond-like precision, as in Odoo's database). */
  at: number;
}

const T0 = Date.UTC(2026, 10, 22, 4, 0, 0);
const second = (ms: number) => dateToOdooSecond(new Date(ms));
const parse = (s: string) => Date.parse(`${s.replace(' ', 'T')}Z`);

/** Odoo's semantics: compare the stored value against the second-precision string, order by the stored value. */
function fakeOdoo(rows: FakeRow[]): { query: StampQuery; calls: number } {
  const state = { calls: 0, query: undefined as unknown as StampQuery };
  state.query = async (domain, order, limit) => {
    state.calls += 1;
    const match = (r: FakeRow) =>
      (domain as Array<[string, string, string | number]>).every(([field, op, value]) => {
        const left = field === 'id' ? r.id : r.at;
        const right = field === 'id' ? (value as number) : parse(value as string);
        return op === '>=' ? left >= right : op === '<' ? left < right : op === '>' ? left > right : false;
      });
    const sorted = rows.filter(match).sort((a, b) => (order === 'id asc' ? a.id - b.id : a.at - b.at || a.id - b.id));
    return sorted.slice(0, limit).map((r): IdStamp => ({ id: r.id, writeDate: second(r.at) }));
  };
  return state;
}

async function scanAll(rows: FakeRow[], start: WriteDateCursor, pageSize: number): Promise<{ seen: number[]; cursor: WriteDateCursor }> {
  const seen: number[] = [];
  const odoo = fakeOdoo(rows);
  const cursor = await scanWriteDates(start, odoo.query, async (page) => void seen.push(...page.map((r) => r.id)), pageSize, 1000);
  return { seen, cursor };
}

describe('scanWriteDates', () => {
  const start = { second: second(T0 - 1000), afterId: 0 };

  it('reads 500 rows sharing one second exactly once with small pages, whatever their microsecond order', () => {
    // Ids ascending but microseconds descending: a (write_date, id) order is not an id order.
    const rows = Array.from({ length: 500 }, (_, i) => ({ id: i + 1, at: T0 + 999 - Math.floor(i / 2) }));
    return scanAll(rows, start, 70).then(({ seen, cursor }) => {
      expect(seen.sort((a, b) => a - b)).toEqual(rows.map((r) => r.id));
      expect(cursor).toEqual({ second: second(T0), afterId: 500, complete: true });
    });
  });

  it('reads rows spread over many seconds exactly once across page boundaries', async () => {
    const rows = Array.from({ length: 300 }, (_, i) => ({ id: 1000 - i, at: T0 + i * 137 }));
    const { seen } = await scanAll(rows, start, 25);
    expect(seen.sort((a, b) => a - b)).toEqual(rows.map((r) => r.id).sort((a, b) => a - b));
  });

  it('continues from its cursor: rows of the cursor second with higher ids and later seconds only', async () => {
    const rows = [
      { id: 1, at: T0 + 100 },
      { id: 2, at: T0 + 200 },
      { id: 3, at: T0 + 300 },
      { id: 4, at: T0 + 1500 },
    ];
    const { seen, cursor } = await scanAll(rows, { second: second(T0), afterId: 2 }, 10);
    expect(seen).toEqual([3, 4]);
    expect(cursor).toEqual({ second: addSeconds(second(T0), 1), afterId: 4, complete: true });
  });

  it('does not re-query the cursor second when the last read saw all of it (one call when idle)', async () => {
    const odoo = fakeOdoo([{ id: 1, at: T0 + 100 }]);
    const cursor = await scanWriteDates({ second: second(T0), afterId: 1, complete: true }, odoo.query, async () => undefined, 10, 10);
    expect(odoo.calls).toBe(1);
    expect(cursor).toEqual({ second: second(T0), afterId: 1, complete: true });
  });

  it('stops after maxPages and returns a cursor that resumes without loss', async () => {
    const rows = Array.from({ length: 100 }, (_, i) => ({ id: i + 1, at: T0 + i * 10 }));
    const odoo = fakeOdoo(rows);
    const seen: number[] = [];
    let cursor = start;
    for (let round = 0; round < 50 && seen.length < 100; round++) {
      cursor = await scanWriteDates(cursor, odoo.query, async (page) => void seen.push(...page.map((r) => r.id)), 7, 2);
    }
    expect(seen.sort((a, b) => a - b)).toEqual(rows.map((r) => r.id));
  });
});
