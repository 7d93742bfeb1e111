/**
 * What apps may do in Odoo through BridgeCore, before Odoo's own access rights decide. Odoo enforces the user's
 * rights on every call (BridgeCore acts as the user); these rules narrow further what a field app can reach:
 * security models are out of bounds entirely, and writes go only to the models the app type names.
 */

/**
 * Users, groups, access rules, technical `ir.*` models and the like: an app never needs them, and a user who may
 * write their own res.users row in Odoo (signature, password fields) must not do so from a phone's sync queue.
 */
const SECURITY_MODEL = /^(ir\..+|res\.users(\..+)?|res\.groups(\..+)?|res\.company\.ldap|res\.device(\..+)?|auth[._].+|base\..+|change\.password\..+)$/;

export function isSecurityModel(model: string): boolean {
  return SECURITY_MODEL.test(model);
}

/** Why any call on a security model is refused. */
export const notAccessible = (model: string): string => `Model "${model}" is not accessible through BridgeCore`;

/**
 * Whether devices of an app type may write `model`: the models the app type names as writable (`writable` in
 * APP_TYPES_JSON), by default its own models (`*` = any), never a security model.
 */
export function mayWrite(model: string, appType: string, appTypes: Record<string, string[]>, writable: Record<string, string[]>): boolean {
  if (isSecurityModel(model)) return false;
  const allowed = Object.hasOwn(writable, appType) ? writable[appType] : Object.hasOwn(appTypes, appType) ? appTypes[appType] : [];
  return allowed.includes('*') || allowed.includes(model);
}

/** Methods that only read: allowed on every model that is not a security model (Odoo's rights still apply). */
const READ_METHODS = new Set([
  'search_read',
  'read',
  'search',
  'search_count',
  'fields_get',
  'name_search',
  'name_get',
  'read_group',
  'web_search_read',
  'web_read',
  'default_get',
  'onchange',
  'check_access_rights',
  'exists',
  // Views (read-only). fields_view_get and load_views are gone since Odoo 17: Odoo answers that they do not exist.
  'get_views',
  'get_view',
  'fields_view_get',
  'load_views',
]);

/** Methods that create, change or delete records (web_save and copy write values like create and write). */
const WRITE_METHODS = new Set(['create', 'write', 'unlink', 'web_save', 'copy', 'name_create']);

/** Odoo's form buttons (`action_confirm`, `button_validate`…): public, and they change records. */
const BUTTON_METHOD = /^(action|button)_[a-z0-9_]+$/;

export type MethodVerdict = { allowed: true; writes: boolean } | { allowed: false; reason: string };

/** Classifies an Odoo method an app asks to call: a read, a write, a button, or refused. */
export function classifyMethod(model: string, method: string): MethodVerdict {
  if (method.startsWith('_')) return { allowed: false, reason: `Private method "${method}" cannot be called` };
  if (isSecurityModel(model)) return { allowed: false, reason: notAccessible(model) };
  if (READ_METHODS.has(method)) return { allowed: true, writes: false };
  if (WRITE_METHODS.has(method) || BUTTON_METHOD.test(method)) return { allowed: true, writes: true };
  return { allowed: false, reason: `Method "${method}" is not on BridgeCore's allow-list` };
}

/** A model's fields as fields_get reports them (`type`, `relation`), as the writing user sees them. */
export type RelationFields = (model: string) => Promise<Record<string, { type?: unknown; relation?: unknown }>>;

const isCommandList = (value: unknown): value is unknown[][] => Array.isArray(value) && value.length > 0 && value.every(Array.isArray);

/**
 * The first model that create/write values of `model` would change through relation commands and that `mayWrite`
 * refuses, else null: `[0, 0, vals]` creates, `[1, id, vals]` updates and `[2, id]` deletes a record of the
 * relation's model (nested values are checked the same way, recursively), and on a one2many every other command
 * rewrites the inverse field of the linked records. A many2many link changes only the relation. Without the check,
 * `res.partner.write({'user_ids': [[1, uid, {'groups_id': [[4, group]]}]]})` would change a user's groups through
 * a partner. A field the user's fields_get does not list is left to Odoo, which refuses it.
 */
export async function refusedNestedWrite(
  model: string,
  values: unknown,
  fieldsOf: RelationFields,
  mayWrite: (model: string) => boolean,
): Promise<string | null> {
  if (typeof values !== 'object' || values === null || Array.isArray(values)) return null;
  const relational = Object.entries(values).filter(([, v]) => isCommandList(v));
  if (relational.length === 0) return null;
  const fields = await fieldsOf(model);
  for (const [name, commands] of relational as [string, unknown[][]][]) {
    const field = fields[name];
    const target = typeof field?.relation === 'string' ? field.relation : null;
    if (!target || (field.type !== 'one2many' && field.type !== 'many2many')) continue;
    for (const command of commands) {
      const [code, , nested] = command;
      const writesTarget = code === 0 || code === 1 || code === 2 || field.type === 'one2many';
      if (!writesTarget) continue;
      if (!mayWrite(target)) return target;
      if (code === 0 || code === 1) {
        const refused = await refusedNestedWrite(target, nested, fieldsOf, mayWrite);
        if (refused) return refused;
      }
    }
  }
  return null;
}
