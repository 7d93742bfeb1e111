import type { Values } from './conflict-resolver';

/** Odoo's field type per field name (`fields_get(attributes=['type'])`). */
export type FieldTypes = Readonly<Record<string, string>>;

export interface ImportRow {
  fields: string[];
  row: string[];
}

const TEXT_TYPES = new Set(['char', 'text', 'html', 'selection', 'date', 'datetime', 'binary']);
const NUMBER_TYPES = new Set(['integer', 'float', 'monetary']);

/** The ids an x2many value sets on a new record: plain ids, `[6, 0, ids]` or `[4, id]` links; null for anything else. */
function linkedIds(value: unknown[]): number[] | null {
  const ids: number[] = [];
  for (const item of value) {
    if (typeof item === 'number') ids.push(item);
    else if (Array.isArray(item) && item[0] === 6 && Array.isArray(item[2]) && item[2].every((v) => typeof v === 'number')) ids.push(...(item[2] as number[]));
    else if (Array.isArray(item) && item[0] === 4 && typeof item[1] === 'number') ids.push(item[1]);
    else return null;
  }
  return ids;
}

function cell(type: string, value: unknown): { suffix: string; text: string } | null {
  const empty = value === false || value === null;
  if (type === 'many2one') return empty || typeof value === 'number' ? { suffix: '/.id', text: empty ? '' : String(value) } : null;
  if (empty) return { suffix: '', text: '' };
  if (type === 'many2many' || type === 'one2many') {
    const ids = Array.isArray(value) ? linkedIds(value) : null;
    return ids ? { suffix: '/.id', text: ids.join(',') } : null;
  }
  if (type === 'boolean') return typeof value === 'boolean' ? { suffix: '', text: value ? '1' : '' } : null;
  if (NUMBER_TYPES.has(type)) return typeof value === 'number' && Number.isFinite(value) ? { suffix: '', text: String(value) } : null;
  if (TEXT_TYPES.has(type)) return typeof value === 'string' ? { suffix: '', text: value } : null;
  return null;
}

/**
 * A create's values as one row of Odoo's import format (`load`): many2one and x2many links by database id in
 * `field/.id` columns, booleans as 1/empty, numbers and strings as text, false as empty. Null when a value has no
 * import form (one2many commands creating lines, unknown fields, json): such a create is sent with `create`.
 */
export function toImportRow(values: Values, types: FieldTypes): ImportRow | null {
  const fields: string[] = [];
  const row: string[] = [];
  for (const [name, value] of Object.entries(values)) {
    const type = types[name];
    if (name === 'id' || type === undefined) return null;
    const c = cell(type, value);
    if (!c) return null;
    fields.push(`${name}${c.suffix}`);
    row.push(c.text);
  }
  return { fields, row };
}
