import { valueError } from './errors';

/**
 * Datetimes are held as epoch milliseconds (UTC) — sub-second precision like PostgreSQL's column — but the
 * external API prints them with second precision, which is what makes `write_date > value_just_read` match again.
 */

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function parts(ms: number): { date: string; time: string; micros: number } {
  const d = new Date(ms);
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return { date, time, micros: d.getUTCMilliseconds() * 1000 };
}

/** External API form: "YYYY-MM-DD HH:MM:SS", UTC, truncated to the second. */
export function formatDatetime(ms: number): string {
  const { date, time } = parts(ms);
  return `${date} ${time}`;
}

/** Python `str(datetime)`: microseconds only when non-zero (native automation webhook bodies). */
export function formatDatetimePy(ms: number): string {
  const { date, time, micros } = parts(ms);
  return micros ? `${date} ${time}.${pad(micros, 6)}` : `${date} ${time}`;
}

/** Python `datetime.isoformat()`: the auto_webhook addon's payload form. */
export function formatDatetimeIso(ms: number): string {
  const { date, time, micros } = parts(ms);
  return micros ? `${date}T${time}.${pad(micros, 6)}` : `${date}T${time}`;
}

export function formatDate(ms: number): string {
  return parts(ms).date;
}

const DATETIME_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?$/;

/** Parses the datetime strings Odoo accepts ("YYYY-MM-DD HH:MM:SS", ISO "T", date-only) as UTC. */
export function parseDatetime(value: string): number {
  const m = DATETIME_RE.exec(value.trim());
  if (!m) throw valueError(`time data '${value}' does not match format '%Y-%m-%d %H:%M:%S'`);
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = ''] = m;
  const ms = Math.floor(Number(frac.padEnd(6, '0')) / 1000);
  return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
}

export function isDateOnly(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value.trim());
}

/**
 * Odoo 18 widens a date-only value compared with a datetime field to a whole day: `>` and `<=` use the day's
 * last second, every other operator its first (so `write_date > '2026-11-22'` excludes that whole day).
 */
export function domainDatetimeBound(operator: string, value: string): number {
  if (!isDateOnly(value)) return parseDatetime(value);
  const suffix = operator === '>' || operator === '<=' ? ' 23:59:59' : ' 00:00:00';
  return parseDatetime(value.trim() + suffix);
}

export function truncateToSecond(ms: number): number {
  return ms - (((ms % 1000) + 1000) % 1000);
}
