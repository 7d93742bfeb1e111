import { hiddenFields, type FieldGroups } from './field-groups';
import { evalPyLiteral } from './py-literal';
import { domainFields, evaluateDomain, type Truth } from './rule-domain';

/** What BridgeCore knows of one tenant's Odoo access model, read with the service user. */
export interface AccessCatalogue {
  /** model → the groups whose ir.model.access line grants read; `null` = a line without group (everyone). */
  readAccess: Map<string, (number | null)[]>;
  /** model → its active ir.rule rows with perm_read; `groups` empty = a global rule. */
  rules: Map<string, { id?: number; name?: string; groups: number[]; domainForce: string }[]>;
  /** group → the groups it implies (res.groups implied_ids). */
  implied: Map<number, number[]>;
  users: Map<number, CatalogueUser>;
  /** Fields readable only by some groups (Odoo's `groups=` on a field), per tracked model. */
  fieldGroups: FieldGroups;
  /** Distinguishes reloads, so what was derived from an older catalogue is never served after a reload. */
  version: number;
}

export interface CatalogueUser {
  groups: number[];
  partnerId: number | false;
  commercialPartnerId: number | false;
  companyIds: number[];
  companyId: number | false;
}

/** Odoo's superuser bypasses access rights and record rules. */
export const SUPERUSER_ID = 1;

/** A rule whose domain BridgeCore cannot read hides what it covers rather than showing it. */
const NOTHING: readonly unknown[] = [[0, '=', 1]];

/** A record rule that applies to the user, with its domain evaluated for them (user, company_ids, company_id). */
export interface AppliedRule {
  id?: number;
  name?: string;
  /** A global rule (AND-ed with the others), else a rule of one of the user's groups (OR-ed with the others). */
  global: boolean;
  domainForce: string;
  domain: readonly unknown[];
}

/** The verdict of each rule that applies to the user on one record, and the combined one (see ReadRights.explain). */
export interface RulesExplained {
  /** The user's groups grant read access to the model (ir.model.access): without it no rule is looked at. */
  modelAccess: boolean;
  rules: (AppliedRule & { verdict: Truth })[];
  verdict: Truth;
}

interface ModelRights {
  global: (readonly unknown[])[];
  /** The rules of the user's groups, OR-ed; null when none applies (no restriction from group rules). */
  group: (readonly unknown[])[] | null;
  /** Fields the rules read: a change of one may move the record in or out of the user's view. */
  fields: ReadonlySet<string>;
  applied: AppliedRule[];
}

/**
 * One user's read rights: model access (`ir.model.access`, perm_read, for one of the user's groups) and record
 * rules (global rules AND-ed, the user's group rules OR-ed), with `domain_force` evaluated for this user.
 */
export class ReadRights {
  private readonly compiled = new Map<string, ModelRights | null>();
  private readonly hidden = new Map<string, ReadonlySet<string>>();
  private readonly verdicts = new WeakMap<object, Truth>();

  constructor(
    /** Stable for a user between reloads: names what was filtered with these rights (cache keys). */
    readonly key: string,
    private readonly catalogue: AccessCatalogue,
    private readonly user: (CatalogueUser & { uid: number; groupSet: ReadonlySet<number> }) | null,
  ) {}

  /** Whether the user may read this model at all. */
  readable(model: string): boolean {
    return this.rights(model) !== null;
  }

  /** Whether record rules restrict the user's reads of this model (false: every record is readable). */
  restricted(model: string): boolean {
    const r = this.rights(model);
    return r === null || r.global.length > 0 || r.group !== null;
  }

  fieldsOfRules(model: string): ReadonlySet<string> {
    return this.rights(model)?.fields ?? new Set();
  }

  /** Fields of `model` the user may not read (`groups=` names none of the user's groups); none for the superuser. */
  hiddenFields(model: string): ReadonlySet<string> {
    let hidden = this.hidden.get(model);
    if (!hidden) {
      const user = this.user;
      hidden = user === null || user.uid === SUPERUSER_ID ? new Set<string>() : hiddenFields(this.catalogue.fieldGroups, model, user.groupSet);
      this.hidden.set(model, hidden);
    }
    return hidden;
  }

  /** Whether the user may read a record of `model` with these values ('unknown': the values cannot tell). */
  visible(model: string, values: Readonly<Record<string, unknown>>): Truth {
    const r = this.rights(model);
    if (r === null) return false;
    let truth: Truth = true;
    for (const domain of r.global) {
      truth = and(truth, evaluateDomain(domain, values));
      if (truth === false) return false;
    }
    if (r.group === null) return truth;
    let any: Truth = false;
    for (const domain of r.group) {
      const t = evaluateDomain(domain, values);
      if (t === true) return truth;
      if (t === 'unknown') any = 'unknown';
    }
    return and(truth, any);
  }

  /**
   * As visible, for a logged event's payload, remembered with it: an event is parsed once and shared by every page and
   * user that holds it (SyncCache.parsedEvent) and never modified, so each user's rules run once per event rather
   * than on every page that holds it (no payload: as visible on no values). Values built for one call (a payload merged
   * with stored values) go to visible.
   */
  visibleEvent(model: string, payload: Readonly<Record<string, unknown>> | null | undefined): Truth {
    if (!payload) return this.visible(model, {});
    let truth = this.verdicts.get(payload);
    if (truth === undefined) {
      truth = this.visible(model, payload);
      this.verdicts.set(payload, truth);
    }
    return truth;
  }

  /**
   * Why `visible` answers what it does for these values: each rule that applies to the user with its own verdict,
   * evaluated by the same evaluator, and the combined verdict `visible` gives (global rules AND-ed, group rules OR-ed).
   */
  explain(model: string, values: Readonly<Record<string, unknown>>): RulesExplained {
    const r = this.rights(model);
    if (r === null) return { modelAccess: false, rules: [], verdict: false };
    const rules = r.applied.map((rule) => ({ ...rule, verdict: evaluateDomain(rule.domain, values) }));
    return { modelAccess: true, rules, verdict: this.visible(model, values) };
  }

  /**
   * What decides this user's reads of `model`, as a stable string (model access and the rule domains as evaluated
   * for the user, and the fields hidden from the user): it changes only when the model's access lines, its rules,
   * its field groups, or the user's groups or companies do.
   */
  describe(model: string): string {
    const r = this.rights(model);
    return r === null ? 'none' : JSON.stringify([r.global, r.group, [...this.hiddenFields(model)].sort()]);
  }

  /** The models the access model names (access lines or rules): for an app type of every model. */
  knownModels(): string[] {
    return [...new Set([...this.catalogue.readAccess.keys(), ...this.catalogue.rules.keys()])].sort();
  }

  private rights(model: string): ModelRights | null {
    if (!this.compiled.has(model)) this.compiled.set(model, this.compile(model));
    return this.compiled.get(model) ?? null;
  }

  private compile(model: string): ModelRights | null {
    const user = this.user;
    if (user === null) return null;
    if (user.uid === SUPERUSER_ID) return { global: [], group: null, fields: new Set(), applied: [] };
    const lines = this.catalogue.readAccess.get(model) ?? [];
    if (!lines.some((g) => g === null || user.groupSet.has(g))) return null;
    const applied: AppliedRule[] = [];
    for (const { groups, ...rule } of this.catalogue.rules.get(model) ?? []) {
      const global = groups.length === 0;
      if (global || groups.some((g) => user.groupSet.has(g))) applied.push({ ...rule, global, domain: ruleDomain(rule.domainForce, user) });
    }
    const global = applied.filter((r) => r.global).map((r) => r.domain);
    const group = applied.filter((r) => !r.global).map((r) => r.domain);
    const fields = new Set(applied.flatMap((r) => domainFields(r.domain)));
    return { global, group: group.length > 0 ? group : null, fields, applied };
  }
}

const and = (a: Truth, b: Truth): Truth => (a === false || b === false ? false : a === true && b === true ? true : 'unknown');

/** `domain_force` evaluated as Odoo's `ir.rule._eval_context` does: user, company_ids, company_id. */
export function ruleDomain(domainForce: string, user: CatalogueUser & { uid: number }): readonly unknown[] {
  const source = domainForce.trim();
  if (!source) return [];
  try {
    const value = evalPyLiteral(source, {
      user: {
        id: user.uid,
        partner_id: { id: user.partnerId },
        commercial_partner_id: { id: user.commercialPartnerId },
        company_id: { id: user.companyId },
        company_ids: { ids: user.companyIds },
      },
      company_ids: user.companyIds,
      company_id: user.companyId,
    });
    return Array.isArray(value) ? value : NOTHING;
  } catch {
    return NOTHING;
  }
}

/** A user's groups with every implied group, transitively. */
export function effectiveGroups(catalogue: AccessCatalogue, groups: readonly number[]): Set<number> {
  const found = new Set<number>();
  const pending = [...groups];
  while (pending.length > 0) {
    const id = pending.pop() as number;
    if (found.has(id)) continue;
    found.add(id);
    pending.push(...(catalogue.implied.get(id) ?? []));
  }
  return found;
}

/** The read rights of one user; a user the catalogue does not know may read nothing. */
export function readRightsOf(catalogue: AccessCatalogue, tenantId: string, uid: number): ReadRights {
  const user = catalogue.users.get(uid);
  const key = `${encodeURIComponent(tenantId)}:${uid}:${catalogue.version}`;
  if (uid === SUPERUSER_ID) {
    const root = { groups: [], partnerId: false as const, commercialPartnerId: false as const, companyIds: [], companyId: false as const };
    return new ReadRights(key, catalogue, { ...root, uid, groupSet: new Set() });
  }
  if (!user) return new ReadRights(key, catalogue, null);
  return new ReadRights(key, catalogue, { ...user, uid, groupSet: effectiveGroups(catalogue, user.groups) });
}
