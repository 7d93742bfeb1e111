/**
 * Odoo's value shapes, read in one place: many2one `[id, "name"]` as `read` returns it (or a bare id as Odoo's native
 * webhook sends it, or `{id, name}` as the addon does), x2many as a list of ids when read and a list of commands
 * (`[[0, 0, {...}], [4, 7]]`) when written, datetimes as 'YYYY-MM-DD HH:MM:SS' in UTC without a zone, and `false`
 * for an empty value of any type.
 */

/** A datetime as Odoo's API writes it: 'YYYY-MM-DD HH:MM:SS', UTC, second precision. */
export type OdooSecond = string;

const ODOO_DATETIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(\.\d+)?$/;

/** Odoo record ids are positive integers. */
const isId = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;

/** Odoo's empty value (`false`), or no value at all. */
export const isUnset = (value: unknown): value is false | null | undefined => value === false || value === null || value === undefined;

/** A many2one as read (`[id, "name"]`), as the addon writes it (`{id, name}`) or bare: its id; null when empty or not one. */
export function many2oneId(value: unknown): number | null {
  if (isId(value)) return value;
  if (Array.isArray(value) && isId(value[0])) return value[0];
  if (typeof value === 'object' && value !== null && isId((value as { id?: unknown }).id)) return (value as { id: number }).id;
  return null;
}

/** Exactly the `[id, "name"]` pair `read` returns for a many2one (an x2many of two ids is not one). */
export function isMany2onePair(value: unknown): value is [number, string] {
  return Array.isArray(value) && value.length === 2 && isId(value[0]) && typeof value[1] === 'string';
}

/** An x2many as read: a list of ids. */
export function isIdList(value: unknown): value is number[] {
  return Array.isArray(value) && value.every(isId);
}

/** An x2many command list (`[[0, 0, {...}], [4, 7]]`): an operation to apply, not a value to compare. */
export function isCommandList(value: unknown): value is unknown[][] {
  return Array.isArray(value) && value.length > 0 && value.every((c) => Array.isArray(c) && typeof c[0] === 'number');
}

/** Any Odoo datetime form (API '… HH:MM:SS', ISO with T and microseconds, Python str()) → the API second. */
export function toOdooSecond(value: string): OdooSecond | null {
  const m = ODOO_DATETIME.exec(value.trim());
  return m ? `${m[1]} ${m[2]}` : null;
}

export function odooSecondToDate(second: OdooSecond): Date {
  return new Date(`${second.replace(' ', 'T')}Z`);
}

export function dateToOdooSecond(date: Date): OdooSecond {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

/** An Odoo datetime (UTC, no zone, fractions kept) or an ISO-8601 timestamp as a Date; null when neither. */
export function parseOdooDatetime(value: unknown): Date | null {
  if (typeof value !== 'string' || value === '') return null;
  const odoo = ODOO_DATETIME.exec(value);
  const date = odoo ? new Date(`${odoo[1]}T${odoo[2]}${odoo[3] ?? ''}Z`) : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** An Odoo datetime as ISO-8601 UTC with Z (the API's timestamp format); null when it is none. */
export function odooDateToIso(value: unknown): string | null {
  return parseOdooDatetime(value)?.toISOString() ?? null;
}
