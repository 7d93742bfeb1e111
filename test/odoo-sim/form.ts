import type { Env } from './orm';

/**
 * The web client's form helpers as Odoo 18 answers them (fixtures/real/sdk-odoo.json): default_get and onchange.
 * Only the simulator's declared defaults and the display name are computed: its models have no onchange methods.
 */

/** default_get(fields_list): the fields that have a default, with it (a many2one as its id). */
export function defaultGet(env: Env, model: string, fields: unknown): Record<string, unknown> {
  const def = env.def(model);
  const names = Array.isArray(fields) ? fields.filter((f): f is string => typeof f === 'string') : [];
  const defaults: Record<string, unknown> = {};
  for (const name of names) {
    const field = def.fields[name];
    if (field?.default === undefined) continue;
    defaults[name] = typeof field.default === 'function' ? field.default(env, {}) : field.default;
  }
  return defaults;
}

/**
 * onchange(ids, values, field_names, fields_spec): with no field names (a new record) the values of every field of
 * the spec (its default, else false); with changed fields, only the values they changed: here the display name, when
 * the field it is made of changed.
 */
export function onchange(env: Env, model: string, values: unknown, fieldNames: unknown, fieldsSpec: unknown): { value: Record<string, unknown> } {
  const spec = fieldsSpec && typeof fieldsSpec === 'object' ? Object.keys(fieldsSpec) : [];
  const changed = Array.isArray(fieldNames) ? fieldNames : [];
  if (changed.length === 0) {
    const defaults = defaultGet(env, model, spec);
    return { value: Object.fromEntries(spec.filter((f) => f !== 'id').map((f) => [f, f in defaults ? defaults[f] : false])) };
  }
  const recName = env.def(model).recName ?? 'name';
  const given = (values && typeof values === 'object' ? values : {}) as Record<string, unknown>;
  const value: Record<string, unknown> = {};
  if (changed.includes(recName) && spec.includes('display_name')) value.display_name = given[recName] || '';
  return { value };
}

/**
 * copy(ids, default): each record's stored values, its name suffixed " (copy)" as Odoo names a copy; x2many
 * relations are not copied. Answers the new ids.
 */
const MAGIC_FIELDS = ['create_uid', 'create_date', 'write_uid', 'write_date'];

export function copy(env: Env, model: string, ids: readonly number[], overrides: unknown): number[] {
  const def = env.def(model);
  const recName = def.recName ?? 'name';
  return ids.map((id) => {
    const vals: Record<string, unknown> = {};
    for (const [name, field] of Object.entries(def.fields)) {
      if (name === 'id' || !field.store || field.compute || field.related || MAGIC_FIELDS.includes(name)) continue;
      if (field.type === 'one2many' || field.type === 'many2many') continue;
      const value = env.value(model, id, name);
      if (value !== undefined) vals[name] = value;
    }
    if (typeof vals[recName] === 'string') vals[recName] = `${vals[recName] as string} (copy)`;
    const extra = overrides && typeof overrides === 'object' && !Array.isArray(overrides) ? overrides : {};
    return env.create(model, [{ ...vals, ...extra }])[0];
  });
}
