/** model → field → the groups that may read it (Odoo's `groups=` on the field, from ir.model.fields). */
export type FieldGroups = Map<string, Map<string, number[]>>;

const NONE: ReadonlySet<string> = new Set();

/** ir.model.fields rows (`model`, `name`, `groups`) read with the service user, as a FieldGroups map. */
export function parseFieldGroups(rows: readonly { model?: unknown; name?: unknown; groups?: unknown }[]): FieldGroups {
  const map: FieldGroups = new Map();
  for (const row of rows) {
    if (typeof row.model !== 'string' || typeof row.name !== 'string' || !Array.isArray(row.groups)) continue;
    const groups = row.groups.filter((g): g is number => typeof g === 'number');
    if (groups.length === 0) continue;
    let fields = map.get(row.model);
    if (!fields) map.set(row.model, (fields = new Map()));
    fields.set(row.name, groups);
  }
  return map;
}

/** The fields of `model` a user with these (implied-included) groups may not read: in none of the field's groups. */
export function hiddenFields(fieldGroups: FieldGroups, model: string, groupSet: ReadonlySet<number>): ReadonlySet<string> {
  const fields = fieldGroups.get(model);
  if (!fields) return NONE;
  const hidden = new Set<string>();
  for (const [field, groups] of fields) if (!groups.some((g) => groupSet.has(g))) hidden.add(field);
  return hidden.size > 0 ? hidden : NONE;
}
