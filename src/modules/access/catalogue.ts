import { many2oneId } from '../odoo/values';
import type { FieldGroups } from './field-groups';
import type { AccessCatalogue, CatalogueUser } from './read-rights';

type Many2one = [number, string] | false;

/** The rows a tenant's access model is read from, as the service user's search_read and read return them. */
export interface CatalogueRows {
  /** ir.model.access lines with perm_read. */
  access: { model_id: Many2one; group_id: Many2one }[];
  /** ir.rule rows with perm_read. */
  rules: { id: number; name: string | false; model_id: Many2one; groups: number[]; domain_force: string | false }[];
  groups: { id: number; implied_ids: number[] }[];
  users: { id: number; groups_id: number[]; partner_id: Many2one; company_ids: number[]; company_id: Many2one }[];
  /** ir.model rows of the models the access lines and rules name. */
  models: { id: number; model: string }[];
  /** The users' partners with their commercial partner. */
  partners: { id: number; commercial_partner_id: Many2one }[];
}

const m2oId = (v: unknown): number | false => many2oneId(v) ?? false;
const ids = (v: unknown): number[] => (Array.isArray(v) ? v.filter((x): x is number => typeof x === 'number') : []);

/** The ir.model ids the access lines and rules name: many2one values name a model by its description only. */
export function modelIdsOf(rows: Pick<CatalogueRows, 'access' | 'rules'>): number[] {
  return [...new Set([...rows.access, ...rows.rules].map((r) => m2oId(r.model_id)).filter((id): id is number => id !== false))];
}

export function partnerIdsOf(users: CatalogueRows['users']): number[] {
  return [...new Set(users.map((u) => m2oId(u.partner_id)).filter((id): id is number => id !== false))];
}

/** A tenant's access model from its Odoo rows; lines and rules of a model ir.model does not name are left out. */
export function catalogueOf(rows: CatalogueRows, fieldGroups: FieldGroups, version: number): AccessCatalogue {
  const modelName = new Map(rows.models.map((m) => [m.id, m.model]));
  const commercial = new Map(rows.partners.map((p) => [p.id, m2oId(p.commercial_partner_id)]));

  const readAccess = new Map<string, (number | null)[]>();
  for (const line of rows.access) {
    const model = modelName.get(m2oId(line.model_id) || 0);
    if (!model) continue;
    const group = m2oId(line.group_id);
    readAccess.set(model, [...(readAccess.get(model) ?? []), group === false ? null : group]);
  }
  const rules: AccessCatalogue['rules'] = new Map();
  for (const rule of rows.rules) {
    const model = modelName.get(m2oId(rule.model_id) || 0);
    if (!model) continue;
    rules.set(model, [
      ...(rules.get(model) ?? []),
      { id: rule.id, name: rule.name || `ir.rule ${rule.id}`, groups: ids(rule.groups), domainForce: rule.domain_force || '' },
    ]);
  }
  const users = new Map<number, CatalogueUser>();
  for (const u of rows.users) {
    const partnerId = m2oId(u.partner_id);
    const companyIds = ids(u.company_ids);
    users.set(u.id, {
      groups: ids(u.groups_id),
      partnerId,
      commercialPartnerId: (partnerId !== false ? commercial.get(partnerId) : false) || partnerId,
      companyIds,
      companyId: m2oId(u.company_id) || (companyIds[0] ?? false),
    });
  }
  return { readAccess, rules, implied: new Map(rows.groups.map((g) => [g.id, ids(g.implied_ids)])), users, fieldGroups, version };
}
