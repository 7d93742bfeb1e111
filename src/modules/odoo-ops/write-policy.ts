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
]);

const WRITE_METHODS = new Set(['create', 'write', 'unlink']);

/** Odoo's form buttons (`action_confirm`, `button_validate`…): public, and they change records. */
const BUTTON_METHOD = /^(action|button)_[a-z0-9_]+$/;

export type MethodVerdict = { allowed: true; writes: boolean } | { allowed: false; reason: string };

/** Classifies an Odoo method an app asks to call: a read, a write, a button, or refused. */
export function classifyMethod(model: string, method: string): MethodVerdict {
  if (method.startsWith('_')) return { allowed: false, reason: `Private method "${method}" cannot be called` };
  if (isSecurityModel(model)) return { allowed: false, reason: `Model "${model}" is not accessible through BridgeCore` };
  if (READ_METHODS.has(method)) return { allowed: true, writes: false };
  if (WRITE_METHODS.has(method) || BUTTON_METHOD.test(method)) return { allowed: true, writes: true };
  return { allowed: false, reason: `Method "${method}" is not on BridgeCore's allow-list` };
}
