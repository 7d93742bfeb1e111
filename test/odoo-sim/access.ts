import { accessError, accessRightsError, valueError, type AccessOperation } from './errors';
import { installFieldGroups } from './field-groups';
import { MAGIC, spec } from './magic-fields';
import { relationIds, type Env, type FieldDef, type ModelDef, type Registry } from './orm';
import { InvalidRuleDomain } from '../../src/modules/access/access.errors';
import { evalPyLiteral } from '../../src/modules/access/py-literal';

/**
 * Odoo 18's access model: ir.model.access (per group and operation) and ir.rule (record rules), read from ordinary
 * records an administrator can change over the API. As in Odoo, only the superuser (uid 1) bypasses both; global
 * rules are AND-ed, the rules of the user's groups are OR-ed together and then AND-ed with the global ones, a
 * rule-hidden record is silently left out of searches, and reading or changing one raises AccessError.
 */

export const SUPERUSER_ID = 1;
export const SETTINGS_GROUP = 'Administration / Settings';

const TRUE_LEAF: readonly unknown[] = [1, '=', 1];


const PERMS = {
  perm_read: spec('Read Access', 'boolean', { default: true }),
  perm_write: spec('Write Access', 'boolean', { default: true }),
  perm_create: spec('Create Access', 'boolean', { default: true }),
  perm_unlink: spec('Delete Access', 'boolean', { default: true }),
};

function extend(registry: Registry, model: string, fields: Record<string, FieldDef>, extra: Partial<ModelDef> = {}): void {
  if (!registry.has(model)) return;
  const def = registry.get(model);
  registry.add({ ...def, ...extra, fields: { ...def.fields, ...fields } });
}

/** The access models, plus the fields Odoo's rules read that the business models would otherwise lack. */
export function installAccessModels(registry: Registry): void {
  registry.add({
    name: 'ir.model',
    description: 'Models',
    order: 'model',
    recName: 'model',
    fields: { name: spec('Model Description', 'char', { required: true }), model: spec('Model', 'char', { required: true }), ...MAGIC },
  });
  // Odoo 18 writes every field here, but a field's `groups=` stays in its Python definition (field-groups.ts):
  // the `groups` column is empty for them, and writing it changes nothing of what a user may read.
  registry.add({
    name: 'ir.model.fields',
    description: 'Fields',
    order: 'name',
    recName: 'name',
    fields: {
      name: spec('Field Name', 'char', { required: true }),
      field_description: spec('Field Label', 'char'),
      model: spec('Model Name', 'char', { required: true }),
      model_id: spec('Model', 'many2one', { relation: 'ir.model' }),
      ttype: spec('Field Type', 'char', { required: true }),
      relation: spec('Related Model', 'char'),
      store: spec('Stored', 'boolean', { default: true }),
      readonly: spec('Readonly', 'boolean', { default: false }),
      required: spec('Required', 'boolean', { default: false }),
      groups: spec('Groups', 'many2many', { relation: 'res.groups' }),
      ...MAGIC,
    },
  });
  registry.add({
    name: 'res.groups',
    description: 'Access Groups',
    order: 'name',
    displayName: (rec) => rec.str('full_name') || rec.str('name'),
    fields: {
      name: spec('Name', 'char', { required: true }),
      // Computed from the category in Odoo ("Sales / Administrator"); stored here, the simulator has no categories.
      full_name: spec('Group Name', 'char', { readonly: true }),
      implied_ids: spec('Inherits', 'many2many', { relation: 'res.groups' }),
      ...MAGIC,
    },
  });
  registry.add({
    name: 'ir.model.access',
    description: 'Model Access',
    order: 'model_id,group_id,name,id',
    fields: {
      name: spec('Name', 'char', { required: true }),
      active: spec('Active', 'boolean', { default: true }),
      model_id: spec('Model', 'many2one', { relation: 'ir.model', required: true }),
      group_id: spec('Group', 'many2one', { relation: 'res.groups' }),
      ...PERMS,
      ...MAGIC,
    },
  });
  registry.add({
    name: 'ir.rule',
    description: 'Record Rule',
    order: 'model_id DESC,id',
    fields: {
      name: spec('Name', 'char'),
      active: spec('Active', 'boolean', { default: true }),
      model_id: spec('Model', 'many2one', { relation: 'ir.model', required: true }),
      groups: spec('Groups', 'many2many', { relation: 'res.groups' }),
      domain_force: spec('Domain', 'text'),
      global: spec('Global', 'boolean', { readonly: true, store: true, compute: (rec) => relationIds(rec.get('groups')).length === 0 }),
      ...PERMS,
      ...MAGIC,
    },
  });
  // A partner is "shared" unless one of its users is internal (stored in Odoo; the global partner rule reads it).
  extend(registry, 'res.partner', {
    partner_share: spec('Share Partner', 'boolean', {
      readonly: true,
      compute: (rec) => {
        const users = rec.env.withContext({ active_test: false }).search('res.users', [['partner_id', '=', rec.id]]);
        return !users.some((uid) => rec.env.value('res.users', uid, 'share') !== true);
      },
    }),
  });
  // Followers: the simulator has no mail.followers; the customer follows its orders and pickings (portal rules).
  for (const model of ['sale.order', 'stock.picking']) {
    extend(registry, model, {
      message_partner_ids: spec('Followers (Partners)', 'many2many', {
        relation: 'res.partner',
        store: false,
        compute: (rec) => relationIds(rec.get('partner_id')),
      }),
    });
  }
  installFieldGroups(registry);
}

export interface AccessUser {
  uid: number;
  name: string;
  partnerId: number | false;
  commercialPartnerId: number | false;
  companyIds: number[];
  companyId: number | false;
  groups: ReadonlySet<number>;
}

/** A user's groups with every implied group, transitively. */
export function effectiveGroups(env: Env, uid: number): Set<number> {
  const groups = new Set<number>();
  const pending = relationIds(env.value('res.users', uid, 'groups_id'));
  while (pending.length) {
    const id = pending.pop() as number;
    if (groups.has(id) || !env.exists('res.groups', id)) continue;
    groups.add(id);
    pending.push(...relationIds(env.value('res.groups', id, 'implied_ids')));
  }
  return groups;
}

export function hasGroup(env: Env, uid: number, fullName: string): boolean {
  return [...effectiveGroups(env, uid)].some((id) => env.value('res.groups', id, 'full_name') === fullName);
}

function accessUser(env: Env, uid: number): AccessUser {
  const partnerId: number | undefined = relationIds(env.value('res.users', uid, 'partner_id'))[0];
  const commercial: number | undefined =
    partnerId === undefined ? undefined : (relationIds(env.value('res.partner', partnerId, 'commercial_partner_id'))[0] ?? partnerId);
  const userCompanies = relationIds(env.value('res.users', uid, 'company_ids'));
  // env.companies: the context's allowed_company_ids (within the user's), else all the user's companies.
  const allowed = Array.isArray(env.context.allowed_company_ids)
    ? env.context.allowed_company_ids.filter((id): id is number => typeof id === 'number' && userCompanies.includes(id))
    : userCompanies;
  const companyIds = allowed.length ? allowed : relationIds(env.value('res.users', uid, 'company_id'));
  return {
    uid,
    name: env.displayName('res.users', uid),
    partnerId: partnerId ?? false,
    commercialPartnerId: commercial ?? false,
    companyIds,
    companyId: companyIds[0] ?? false,
    groups: effectiveGroups(env, uid),
  };
}

/** Number of complete expressions in a prefix-notation domain (how many roots an implicit AND joins). */
export function expressionCount(domain: readonly unknown[]): number {
  let roots = 0;
  let open = 0;
  for (const term of domain) {
    if (open === 0) roots++;
    else open--;
    if (term === '&' || term === '|') open += 2;
    else if (term === '!') open += 1;
  }
  return roots;
}

function combine(operator: '&' | '|', domains: ReadonlyArray<readonly unknown[]>): unknown[] {
  const parts = domains.map((d) => {
    if (!d.length) return [TRUE_LEAF];
    return [...Array<string>(expressionCount(d) - 1).fill('&'), ...d];
  });
  if (!parts.length) return [TRUE_LEAF];
  return [...Array<string>(parts.length - 1).fill(operator), ...parts.flat()];
}

/** Evaluates `domain_force` as Odoo's `ir.rule._eval_context` would: user, company_ids, company_id. */
export function ruleDomainFor(domainForce: string, user: AccessUser): unknown[] {
  const source = domainForce.trim();
  if (!source) return [];
  const names = {
    user: {
      id: user.uid,
      partner_id: { id: user.partnerId },
      commercial_partner_id: { id: user.commercialPartnerId },
      company_id: { id: user.companyId },
      company_ids: { ids: user.companyIds },
    },
    company_ids: user.companyIds,
    company_id: user.companyId,
  };
  let value: unknown;
  try {
    value = evalPyLiteral(source, names);
  } catch (e) {
    // Odoo's safe_eval fails with a ValueError fault.
    throw e instanceof InvalidRuleDomain ? valueError(e.message) : e;
  }
  if (!Array.isArray(value)) throw valueError(`Invalid domain: ${source}`);
  return value;
}

/** Odoo's `base.group_no_one`: its members get the detailed field-access message. */
const TECHNICAL_FEATURES = 'Extra Rights / Technical Features';

function groupLabel(fullName: string): string {
  // Odoo lists groups as "Category/Name" in access-rights errors (recorded: "Administration/Access Rights").
  return fullName.replace(/ \/ /g, '/');
}

/** Access checks of one RPC call, made as `uid` inside the call's transaction. */
export class AccessGuard {
  private readonly user: AccessUser;

  constructor(
    private readonly env: Env,
    uid: number,
  ) {
    this.user = accessUser(env.withContext({ active_test: false }), uid);
  }

  /** Whether ir.model.access has any line for `model`; the simulator's models without one keep their `adminOnly`. */
  covers(model: string): boolean {
    return this.accessLines(model).length > 0;
  }

  private accessLines(model: string): number[] {
    return this.env.search('ir.model.access', [['model_id.model', '=', model]]);
  }

  checkModel(model: string, operation: AccessOperation): void {
    const lines = this.accessLines(model);
    const perm = `perm_${operation}`;
    const granting = lines.filter((id) => this.env.value('ir.model.access', id, perm) === true);
    const allowed = granting.some((id) => {
      const group = relationIds(this.env.value('ir.model.access', id, 'group_id'))[0];
      return group === undefined || this.user.groups.has(group);
    });
    if (allowed) return;
    const groups = [
      ...new Set(
        granting
          .map((id) => relationIds(this.env.value('ir.model.access', id, 'group_id'))[0])
          .filter((g): g is number => g !== undefined)
          .map((g) => groupLabel(String(this.env.value('res.groups', g, 'full_name') || this.env.value('res.groups', g, 'name')))),
      ),
    ];
    const def = this.env.def(model);
    throw accessRightsError(operation, def.description, model, groups);
  }

  /** The user's rule domain for `model` and `operation`, ready to AND with a search domain; [] when unrestricted. */
  ruleDomain(model: string, operation: AccessOperation): unknown[] {
    const rules = this.env.search('ir.rule', [['model_id.model', '=', model], [`perm_${operation}`, '=', true]], { order: 'id' });
    const global: unknown[][] = [];
    const group: unknown[][] = [];
    for (const id of rules) {
      const groups = relationIds(this.env.value('ir.rule', id, 'groups'));
      const domain = ruleDomainFor(String(this.env.value('ir.rule', id, 'domain_force') || ''), this.user);
      if (!groups.length) global.push(domain);
      else if (groups.some((g) => this.user.groups.has(g))) group.push(domain);
    }
    const parts = group.length ? [...global, combine('|', group)] : global;
    return parts.length ? combine('&', parts) : [];
  }

  /** Ids among `ids` that the rules let the user reach for `operation`. */
  allowed(model: string, ids: readonly number[], operation: AccessOperation): Set<number> {
    const domain = this.ruleDomain(model, operation);
    if (!domain.length) return new Set(ids);
    const sudo = this.env.withContext({ active_test: false });
    return new Set(sudo.search(model, [['id', 'in', [...ids]], ...domain]));
  }

  /**
   * Raises Odoo's record-rule AccessError when a rule hides one of `ids`. Changing a record the user cannot even
   * read reports the 'read' operation, as recorded from Odoo 18 for a write.
   */
  checkRecords(model: string, ids: readonly number[], operation: AccessOperation): void {
    const existing = [...new Set(ids)].filter((id) => this.env.exists(model, id));
    if (!existing.length) return;
    const steps: AccessOperation[] = operation === 'read' || operation === 'create' ? [operation] : ['read', operation];
    for (const step of steps) {
      const allowed = this.allowed(model, existing, step);
      if (existing.some((id) => !allowed.has(id))) throw this.ruleError(model, step);
    }
  }

  /**
   * Field name → its `groups=` (the field's definition, as fields_get reports it), with the external ids resolved
   * through ir.model.data, for the fields of `model` that carry any.
   */
  fieldGroups(model: string): Map<string, { anyOf: number[]; noneOf: number[]; never: boolean }> {
    const sudo = this.env.withContext({ active_test: false });
    const idOf = (xmlId: string): number | undefined => {
      const dot = xmlId.indexOf('.');
      const [row] = sudo.search('ir.model.data', [['model', '=', 'res.groups'], ['module', '=', xmlId.slice(0, dot)], ['name', '=', xmlId.slice(dot + 1)]]);
      return row === undefined ? undefined : (sudo.value('ir.model.data', row, 'res_id') as number);
    };
    const out = new Map<string, { anyOf: number[]; noneOf: number[]; never: boolean }>();
    for (const [name, field] of Object.entries(this.env.def(model).fields)) {
      if (!field.groups) continue;
      const access = { anyOf: [] as number[], noneOf: [] as number[], never: field.groups.trim() === '.' };
      for (const part of field.groups.split(',').map((p) => p.trim()).filter(Boolean)) {
        const negated = part.startsWith('!');
        const xmlId = negated ? part.slice(1) : part;
        // Technical Features counts only in debug mode, which no RPC call is (res.users.has_group).
        const id = xmlId === 'base.group_no_one' ? undefined : idOf(xmlId);
        if (negated) {
          if (id !== undefined) access.noneOf.push(id);
        } else access.anyOf.push(id ?? -1);
      }
      out.set(name, access);
    }
    return out;
  }

  private mayAccess(access: { anyOf: number[]; noneOf: number[]; never: boolean }): boolean {
    if (access.never || access.noneOf.some((g) => this.user.groups.has(g))) return false;
    return access.anyOf.length === 0 || access.anyOf.some((g) => this.user.groups.has(g));
  }

  /** Fields of `model` the user may neither read nor write (res.users.has_groups of the field's `groups=`). */
  hiddenFields(model: string): Set<string> {
    const hidden = new Set<string>();
    for (const [field, access] of this.fieldGroups(model)) if (!this.mayAccess(access)) hidden.add(field);
    return hidden;
  }

  /**
   * Odoo 18's check_field_access_rights for fields named explicitly (read's `fields`, written values): a field the
   * user may not access raises AccessError, detailed for a Technical Features member (fixtures/access/field-rights.json).
   * Not asked for (read without a field list, fields_get), such fields are silently left out by the caller instead.
   */
  checkFields(model: string, names: Iterable<string>, operation: 'read' | 'write'): void {
    const groups = this.fieldGroups(model);
    const denied = [...new Set(names)].filter((f) => {
      const access = groups.get(f);
      return access !== undefined && !this.mayAccess(access);
    });
    if (!denied.length) return;
    const description = this.env.def(model).description;
    const message =
      `You do not have enough rights to access the fields "${denied.join(',')}" on ${description} (${model}). ` +
      `Please contact your system administrator.\n\nOperation: ${operation}`;
    if (!hasGroup(this.env, this.user.uid, TECHNICAL_FEATURES)) throw accessError(message);
    const allowed = (field: string): string => {
      const access = groups.get(field);
      if (!access || access.never) return 'always forbidden';
      const names = [...access.anyOf]
        .filter((g) => g > 0)
        .sort((a, b) => a - b)
        .map((g) => `'${String(this.env.value('res.groups', g, 'full_name') || this.env.value('res.groups', g, 'name'))}'`);
      return `allowed for groups ${names.join(', ')}`;
    };
    throw accessError(
      `${message}\nUser: ${this.user.uid}\nFields:\n` + [...denied].sort().map((f) => `- ${f} (${allowed(f)})`).join('\n'),
    );
  }

  private ruleError(model: string, operation: AccessOperation): Error {
    const def = this.env.def(model);
    return accessError(
      'Uh-oh! Looks like you have stumbled upon some top-secret records.\n\n' +
        `Sorry, ${this.user.name} (id=${this.user.uid}) doesn't have '${operation}' access to:\n` +
        `- ${def.description} (${model})\n\n` +
        'If you really, really need access, perhaps you can win over your friendly administrator with a batch of freshly baked cookies.',
    );
  }
}
