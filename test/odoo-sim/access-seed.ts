import modelAccess from './fixtures/access/ir.model.access.json';
import rules from './fixtures/access/ir.rule.json';
import groups from './fixtures/access/res.groups.json';
import users from './fixtures/access/res.users.json';
import visibility from './fixtures/access/visibility.json';
import { GROUP_XML_IDS } from './field-groups';
import type { Env } from './orm';

/**
 * Seeds Odoo 18's access model as recorded from its demo database (fixtures/access): the groups with their ids and
 * implied groups, every ir.model.access line and ir.rule of the recorded models, and each user's groups.
 */

/** Lines of Odoo's base module that the recording does not cover but an admin needs to manage access over the API. */
const BASE_ACCESS: ReadonlyArray<{ model: string; name: string; group: string; perms: [boolean, boolean, boolean, boolean] }> = [
  { model: 'ir.model', name: 'ir_model group_user', group: 'User types / Internal User', perms: [true, false, false, false] },
  { model: 'ir.model', name: 'ir_model group_system', group: 'Administration / Settings', perms: [true, true, true, true] },
  { model: 'ir.rule', name: 'ir_rule group_system', group: 'Administration / Settings', perms: [true, true, true, true] },
  { model: 'ir.model.access', name: 'ir_model_access group_system', group: 'Administration / Settings', perms: [true, true, true, true] },
  { model: 'ir.model.fields', name: 'ir_model_fields group_user', group: 'User types / Internal User', perms: [true, false, false, false] },
  { model: 'ir.model.fields', name: 'ir_model_fields group_system', group: 'Administration / Settings', perms: [true, true, true, true] },
  { model: 'res.groups', name: 'res_groups group_user', group: 'User types / Internal User', perms: [true, false, false, false] },
  { model: 'res.groups', name: 'res_groups group_erp_manager', group: 'Administration / Access Rights', perms: [true, true, true, true] },
];

function createWithId(env: Env, model: string, id: number, vals: Record<string, unknown>): void {
  env.tx.db.bumpSequence(model, id - 1);
  const [created] = env.create(model, [vals]);
  if (created !== id) throw new Error(`seed: ${model} got id ${created}, wanted ${id}`);
}

export function groupId(fullName: string): number {
  const group = groups.find((g) => g.full_name === fullName);
  if (!group) throw new Error(`seed: no group ${fullName}`);
  return group.id;
}

/** The recorded groups of a user (`admin`, `demo`, `portal`, `__system__`, ...), as res.groups ids. */
export function recordedGroupIds(login: string): number[] {
  const user = users.find((u) => u.login === login);
  if (!user) throw new Error(`seed: no recorded user ${login}`);
  return user.groups.map(groupId);
}

export function seedAccess(env: Env): void {
  for (const group of [...groups].sort((a, b) => a.id - b.id)) {
    const parts = group.full_name.split(' / ');
    createWithId(env, 'res.groups', group.id, { name: parts[parts.length - 1], full_name: group.full_name });
  }
  for (const group of groups) {
    if (group.implied.length) env.write('res.groups', [group.id], { implied_ids: [[6, 0, group.implied.map(groupId)]] });
  }
  const modelIds = new Map<string, number>();
  for (const model of env.registry.names().sort()) {
    const description = env.def(model).description;
    modelIds.set(model, env.create('ir.model', [{ model, name: description }])[0]);
  }
  // The groups' external ids, as modules declare them: fields_get names a field's groups by these.
  env.create(
    'ir.model.data',
    GROUP_XML_IDS.filter((x) => env.exists('res.groups', x.id)).map((x) => {
      const dot = x.xml_id.indexOf('.');
      return { module: x.xml_id.slice(0, dot), name: x.xml_id.slice(dot + 1), model: 'res.groups', res_id: x.id, noupdate: false };
    }),
  );
  // Every field of every model, as Odoo's registry writes them to ir.model.fields; `groups` stays empty for them
  // (recorded: Odoo 18 keeps a field's groups= in its definition, see field-groups.ts).
  const fieldRows = [...modelIds].flatMap(([model, modelId]) =>
    Object.entries(env.def(model).fields).map(([name, field]) => ({
      name,
      model,
      model_id: modelId,
      field_description: field.string,
      ttype: field.type,
      relation: field.relation ?? false,
      store: field.store !== false,
      readonly: field.readonly,
      required: field.required,
    })),
  );
  env.create('ir.model.fields', fieldRows);
  const lines = [
    ...modelAccess.map((a) => ({ ...a, perms: [a.perm_read, a.perm_write, a.perm_create, a.perm_unlink] })),
    ...BASE_ACCESS,
  ];
  for (const line of lines) {
    const modelId = modelIds.get(line.model);
    if (modelId === undefined) continue;
    const [read, write, create, unlink] = line.perms;
    env.create('ir.model.access', [
      { name: line.name, model_id: modelId, group_id: groupId(line.group), perm_read: read, perm_write: write, perm_create: create, perm_unlink: unlink },
    ]);
  }
  for (const rule of rules) {
    const modelId = modelIds.get(rule.model);
    if (modelId === undefined) continue;
    env.create('ir.rule', [
      {
        name: rule.name,
        model_id: modelId,
        domain_force: rule.domain_force,
        groups: [[6, 0, rule.groups.map(groupId)]],
        perm_read: rule.perm_read,
        perm_write: rule.perm_write,
        perm_create: rule.perm_create,
        perm_unlink: rule.perm_unlink,
        active: rule.active,
      },
    ]);
  }
}

/** Recorded sale orders (ids, names, salespeople) so "what demo sees" can be compared with Odoo's answer. */
export const RECORDED_ORDERS = visibility['sale.order'];

/** Gives sale orders the ids, names and salespeople of the recorded demo database (existing orders are reassigned). */
export function seedRecordedOrders(env: Env, partnerId: number): void {
  for (const order of [...RECORDED_ORDERS.orders].sort((a, b) => a.id - b.id)) {
    const vals = { name: order.name, user_id: order.user_id[0], company_id: order.company_id[0] };
    if (env.exists('sale.order', order.id)) env.write('sale.order', [order.id], vals);
    else createWithId(env, 'sale.order', order.id, { ...vals, partner_id: partnerId });
  }
}
