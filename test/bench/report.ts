/** One printed table of a bench run; every bench module returns one (or several). */
export interface BenchTable {
  title: string;
  columns: string[];
  rows: (string | number)[][];
  /** Lines printed under the table (method, caveats). */
  notes?: string[];
}

/** What one load run measured. Latencies in milliseconds. */
export interface LoadResult {
  requests: number;
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  durationSec: number;
}

export const round = (n: number, digits = 0): string => (Number.isFinite(n) ? n.toFixed(digits) : '—');

/** a / b as "0.83×"; latencies compare the other way round only in the reader's head, so say which. */
export const ratio = (a: number, b: number): string => (b > 0 ? `${(a / b).toFixed(2)}×` : '—');

export function formatTable(table: BenchTable): string {
  const cells = [table.columns, ...table.rows.map((r) => r.map(String))];
  const widths = table.columns.map((_, i) => Math.max(3, ...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]): string => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  const out = [`### ${table.title}`, '', line(table.columns), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`];
  for (const r of table.rows) out.push(line(r.map(String)));
  if (table.notes?.length) out.push('', ...table.notes.map((n) => `- ${n}`));
  return out.join('\n');
}

export function printTable(table: BenchTable): void {
  console.log(`\n${formatTable(table)}\n`);
}
