/**
 * A field's `groups=` as Odoo's `res.users.has_groups` reads it: readable by a member of any `anyOf` group (or by
 * everyone when there is none) who is in none of the `noneOf` groups; `never` for Odoo's "." (no one).
 */
export interface FieldAccess {
  anyOf: number[];
  noneOf: number[];
  never?: true;
}

/** model → field → who may read it, for the fields Odoo restricts to groups. */
export type FieldGroups = Map<string, Map<string, FieldAccess>>;

/**
 * Odoo counts "Technical Features" only in debug mode, which no RPC call is: a field of that group is readable by no
 * one over RPC (Odoo leaves it out of fields_get and refuses to read it).
 */
const DEBUG_ONLY = 'base.group_no_one';
/** A group id no user holds: an external id Odoo does not know (or a debug-only group) is held by no one. */
const NO_GROUP = -1;

const NONE: ReadonlySet<string> = new Set();

/**
 * Odoo's `groups=` spec ("module.group,!module.other", or ".") with its external ids resolved to res.groups ids.
 * Odoo 18 keeps field groups in the Python field definitions (ir.model.fields.groups is empty): fields_get with
 * `attributes=['groups']` reports them as this spec.
 */
export function parseGroupSpec(spec: string, groupIds: ReadonlyMap<string, number>): FieldAccess {
  if (spec.trim() === '.') return { anyOf: [], noneOf: [], never: true };
  const access: FieldAccess = { anyOf: [], noneOf: [] };
  for (const part of spec.split(',')) {
    const name = part.trim();
    if (!name) continue;
    const negated = name.startsWith('!');
    const xmlId = negated ? name.slice(1).trim() : name;
    const id = xmlId === DEBUG_ONLY ? NO_GROUP : (groupIds.get(xmlId) ?? NO_GROUP);
    if (negated) {
      if (id !== NO_GROUP) access.noneOf.push(id);
    } else access.anyOf.push(id);
  }
  return access;
}

/**
 * The restricted fields of each model, from the service user's `fields_get(attributes=['groups'])` per model
 * (model → field → description) and the external ids of res.groups (`module.name` → id).
 */
export function parseFieldGroups(
  fieldsByModel: ReadonlyMap<string, Record<string, Record<string, unknown>>>,
  groupIds: ReadonlyMap<string, number>,
): FieldGroups {
  const map: FieldGroups = new Map();
  for (const [model, fields] of fieldsByModel) {
    const restricted = new Map<string, FieldAccess>();
    for (const [name, description] of Object.entries(fields)) {
      const spec = description.groups;
      if (typeof spec === 'string' && spec.trim()) restricted.set(name, parseGroupSpec(spec, groupIds));
    }
    if (restricted.size > 0) map.set(model, restricted);
  }
  return map;
}

/** Whether a user with these (implied-included) groups may read a field of this access (Odoo's has_groups). */
export function mayReadField(access: FieldAccess, groupSet: ReadonlySet<number>): boolean {
  if (access.never) return false;
  if (access.noneOf.some((g) => groupSet.has(g))) return false;
  return access.anyOf.length === 0 || access.anyOf.some((g) => groupSet.has(g));
}

/** The fields of `model` a user with these (implied-included) groups may not read. */
export function hiddenFields(fieldGroups: FieldGroups, model: string, groupSet: ReadonlySet<number>): ReadonlySet<string> {
  const fields = fieldGroups.get(model);
  if (!fields) return NONE;
  const hidden = new Set<string>();
  for (const [field, access] of fields) if (!mayReadField(access, groupSet)) hidden.add(field);
  return hidden.size > 0 ? hidden : NONE;
}
