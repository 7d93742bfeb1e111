import { Inject, Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../../config/app.config';
import { defaultTrackedModels } from '../../config/app-types';
import { APP_CONFIG } from '../../config/config.module';
import { EventLogRepository } from '../feed/event-log.repository';
import { RecordStateRepository } from '../feed/record-state.repository';
import type { OdooClient } from '../odoo/odoo.client';
import { OdooValidationError } from '../odoo/odoo.errors';
import { many2oneId } from '../odoo/values';
import { parseFieldGroups, type FieldGroups } from './field-groups';
import { maskFields } from './field-mask';
import { questionKey, type VisibilityQuestion } from './odoo-visibility';
import { readableEvents, type DeliveredEvent } from './read-filter';
import { SystemsService } from '../systems/systems.service';
import type { AccessCatalogue, CatalogueUser } from './read-rights';
import { readRightsOf, type ReadRights } from './read-rights';

/** Asks Odoo, as the user, about records the stored values cannot decide; answers keyed by questionKey. */
export type AskOdoo = (questions: VisibilityQuestion[]) => Promise<Map<string, boolean>>;

/** How long a tenant's access model is trusted before it is read again from Odoo. */
export const ACCESS_RELOAD_MS = 60_000;
/**
 * How long a tenant's field groups are trusted: they live in Odoo's Python field definitions and change only when
 * its modules are installed or upgraded, so they are read (one fields_get per tracked model) less often.
 */
export const FIELD_GROUPS_RELOAD_MS = 10 * 60_000;
/** A user the catalogue does not know (created since the last read) triggers a reload at most this often. */
const UNKNOWN_USER_RELOAD_MS = 5_000;
/** Logged writes whose changed fields are kept: a few minutes of a busy tenant's changes, a few field names each. */
const CHANGED_FIELDS_KEPT = 20_000;

type Many2one = [number, string] | false;
const m2oId = (v: unknown): number | false => many2oneId(v) ?? false;
const ids = (v: unknown): number[] => (Array.isArray(v) ? v.filter((x): x is number => typeof x === 'number') : []);

/**
 * Decides what each user may read, for every read path (both pulls, check-updates, sockets). The tenant's
 * access model — ir.model.access, ir.rule, res.groups, res.users — is read with the service user in six calls,
 * kept per tenant and read again every ACCESS_RELOAD_MS; its field groups (fields_get per tracked model) every
 * FIELD_GROUPS_RELOAD_MS. Odoo calls grow with tenants and time, never with pulls, devices or users. Rule domains
 * are then evaluated in BridgeCore on stored values, and fields a user may not read are dropped from what he
 * receives.
 */
@Injectable()
export class ReadScopeService {
  private readonly logger = new Logger(ReadScopeService.name);
  private readonly catalogues = new Map<string, { at: number; catalogue: Promise<AccessCatalogue> }>();
  private readonly rightsCache = new WeakMap<AccessCatalogue, Map<string, ReadRights>>();
  private readonly changed = new Map<string, readonly string[] | null>();
  private readonly fieldGroups = new Map<string, { at: number; tracked: string; groups: Promise<FieldGroups> }>();
  private version = 0;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly systems: SystemsService,
    private readonly events: EventLogRepository,
    private readonly records: RecordStateRepository,
  ) {}

  /**
   * The events of a page the user may receive, with only the fields the user may read (see readableEvents and
   * maskFields). Events with nothing to hide come back as the same objects, so a page can be served as stored.
   */
  async readable(tenantId: string, rights: ReadRights, events: DeliveredEvent[], ask?: AskOdoo): Promise<DeliveredEvent[]> {
    const records = await this.readableRecords(tenantId, rights, events, ask);
    return maskFields(records, rights, (ids) => this.changedFields(tenantId, ids));
  }

  /**
   * The events of records the user may read (see readableEvents). The database is asked only for events
   * whose payload does not show the record readable: their changed fields, and, where the payload lacks a field the
   * rules read, the record's current values; Odoo (as the user, through `ask`) only about what those cannot decide.
   */
  private async readableRecords(tenantId: string, rights: ReadRights, events: DeliveredEvent[], ask?: AskOdoo): Promise<DeliveredEvent[]> {
    const doubtful = events
      .filter((e) => e.event !== 'unlink' && rights.restricted(e.model) && rights.readable(e.model))
      .map((e) => ({ e, truth: rights.visible(e.model, e.payload ?? {}) }))
      .filter(({ truth }) => truth !== true);
    if (doubtful.length === 0) return readableEvents(events, rights, { changedFields: () => null, currentValues: () => undefined });
    const writes = doubtful.filter(({ e }) => e.event === 'write' && !e.snapshot).map(({ e }) => e.id);
    // A payload that decides "not readable" stays so whatever else the record holds (rules are evaluated in
    // three-valued logic): only an undecided one is completed with the stored values. Most of a restricted user's
    // pages are others' records, decided on their payload.
    const unknown = doubtful.filter(({ truth }) => truth === 'unknown').map(({ e }) => e);
    const incomplete = unknown.filter((e) => !e.snapshot);
    const [changed, current] = await Promise.all([
      this.changedFields(tenantId, writes),
      this.records.currentValues(
        tenantId,
        incomplete.map((e) => ({ model: e.model, recordId: e.record_id })),
      ),
    ]);
    const currentValues = (model: string, recordId: number) => current.get(`${model}:${recordId}`);
    // What neither the event nor the record's stored values decide is asked of Odoo as the user, when possible.
    const undecided = ask
      ? unknown.filter((e) => rights.visible(e.model, { ...currentValues(e.model, e.record_id), ...e.payload }) === 'unknown')
      : [];
    const answers = undecided.length > 0 ? await (ask as AskOdoo)(undecided.map((e) => ({ model: e.model, recordId: e.record_id, version: e.id }))) : new Map<string, boolean>();
    return readableEvents(events, rights, {
      changedFields: (id) => changed.get(id) ?? null,
      currentValues,
      askedOdoo: (e) => answers.get(questionKey({ model: e.model, recordId: e.record_id, version: e.id })),
    });
  }

  /**
   * The changed fields of these logged writes, read from the log once and then kept (a logged event never changes):
   * the pages of a restricted user's devices hold the same recent writes of others' records again and again.
   */
  private async changedFields(tenantId: string, ids: number[]): Promise<Map<number, readonly string[] | null>> {
    const found = new Map<number, readonly string[] | null>();
    const missing: number[] = [];
    for (const id of ids) {
      const known = this.changed.get(`${tenantId}:${id}`);
      if (known !== undefined) found.set(id, known);
      else missing.push(id);
    }
    for (const [id, fields] of await this.events.changedFields(tenantId, missing)) {
      found.set(id, fields);
      if (this.changed.size >= CHANGED_FIELDS_KEPT) this.changed.delete(this.changed.keys().next().value as string);
      this.changed.set(`${tenantId}:${id}`, fields);
    }
    return found;
  }

  async rights(tenantId: string, uid: number): Promise<ReadRights> {
    let catalogue = await this.catalogue(tenantId);
    const entry = this.catalogues.get(tenantId);
    if (!catalogue.users.has(uid) && entry && Date.now() - entry.at >= UNKNOWN_USER_RELOAD_MS) {
      catalogue = await this.catalogue(tenantId, true);
    }
    return this.rightsOf(catalogue, tenantId, uid);
  }

  /**
   * One ReadRights per catalogue and user, kept until the catalogue is replaced: every pull asks for it, and its
   * implied groups, compiled rules and hidden fields are worked out once per reload instead of once per request.
   */
  private rightsOf(catalogue: AccessCatalogue, tenantId: string, uid: number): ReadRights {
    let byUser = this.rightsCache.get(catalogue);
    if (!byUser) this.rightsCache.set(catalogue, (byUser = new Map()));
    const key = `${tenantId}:${uid}`;
    let rights = byUser.get(key);
    if (!rights) byUser.set(key, (rights = readRightsOf(catalogue, tenantId, uid)));
    return rights;
  }

  /** Forgets a tenant's access model (e.g. after a change of rules or groups): the next read loads it again. */
  invalidate(tenantId: string): void {
    this.catalogues.delete(tenantId);
    this.fieldGroups.delete(tenantId);
  }

  private async catalogue(tenantId: string, force = false): Promise<AccessCatalogue> {
    const now = Date.now();
    const cached = this.catalogues.get(tenantId);
    if (cached && !force) {
      if (now - cached.at >= ACCESS_RELOAD_MS) this.refresh(tenantId, cached);
      return cached.catalogue;
    }
    const loading = this.loadFor(tenantId);
    this.catalogues.set(tenantId, { at: now, catalogue: loading });
    try {
      return await loading;
    } catch (e) {
      // Keep serving the previous access model while Odoo is unreachable; without one, the read fails.
      if (cached) {
        this.logger.warn(`Could not reload the access rights of ${tenantId}: ${(e as Error).message}`);
        this.catalogues.set(tenantId, cached);
        return cached.catalogue;
      }
      this.catalogues.delete(tenantId);
      throw e;
    }
  }

  /**
   * Reloads a tenant's access model behind the request: every pull compares the user's rights (see
   * rightsFingerprint), and none may wait for Odoo. Requests meanwhile keep the previous model; a failed reload is
   * retried after another interval.
   */
  private refresh(tenantId: string, cached: { at: number; catalogue: Promise<AccessCatalogue> }): void {
    cached.at = Date.now();
    this.loadFor(tenantId).then(
        (catalogue) => {
          if (this.catalogues.get(tenantId) === cached) this.catalogues.set(tenantId, { at: Date.now(), catalogue: Promise.resolve(catalogue) });
        },
        (e: unknown) => this.logger.warn(`Could not reload the access rights of ${tenantId}: ${(e as Error).message}`),
      );
  }

  /** The tenant's access model read from its Odoo, field groups of the models it tracks included. */
  private async loadFor(tenantId: string): Promise<AccessCatalogue> {
    const [client, system] = await Promise.all([this.systems.clientFor(tenantId), this.systems.get(tenantId)]);
    const tracked = system.options.tracked_models ?? defaultTrackedModels(this.config.appTypes);
    return this.load(client, this.fieldGroupsOf(tenantId, client, tracked));
  }

  /**
   * The restricted fields of the tracked models, as Odoo's own field definitions declare them: Odoo 18 keeps
   * `groups=` in Python (ir.model.fields.groups is empty) and reports it in fields_get, which the service user may
   * call on every model. Kept for FIELD_GROUPS_RELOAD_MS; a failed read is tried again on the next reload.
   */
  private fieldGroupsOf(tenantId: string, client: OdooClient, tracked: string[]): Promise<FieldGroups> {
    const key = [...tracked].sort().join(',');
    const kept = this.fieldGroups.get(tenantId);
    if (kept && kept.tracked === key && Date.now() - kept.at < FIELD_GROUPS_RELOAD_MS) return kept.groups;
    const groups = Promise.all([
      client.searchRead<{ module: string; name: string; res_id: number }>('ir.model.data', [['model', '=', 'res.groups']], {
        fields: ['module', 'name', 'res_id'],
      }),
      Promise.all(tracked.map(async (model) => [model, await fieldsWithGroups(client, model)] as const)),
    ]).then(([xmlIds, fields]) =>
      parseFieldGroups(
        new Map(fields.filter((f): f is readonly [string, Record<string, Record<string, unknown>>] => f[1] !== null)),
        new Map(xmlIds.map((x) => [`${x.module}.${x.name}`, x.res_id])),
      ),
    );
    const entry = { at: Date.now(), tracked: key, groups };
    this.fieldGroups.set(tenantId, entry);
    groups.catch(() => {
      if (this.fieldGroups.get(tenantId) === entry) this.fieldGroups.delete(tenantId);
    });
    return groups;
  }

  private async load(client: OdooClient, fieldGroupsOf: Promise<FieldGroups>): Promise<AccessCatalogue> {
    const inactiveToo = { active_test: false };
    const [access, rules, groups, users, fieldGroups] = await Promise.all([
      client.searchRead<{ model_id: Many2one; group_id: Many2one }>('ir.model.access', [['perm_read', '=', true]], {
        fields: ['model_id', 'group_id'],
      }),
      client.searchRead<{ model_id: Many2one; groups: number[]; domain_force: string | false }>(
        'ir.rule',
        [['perm_read', '=', true]],
        { fields: ['model_id', 'groups', 'domain_force'] },
      ),
      client.searchRead<{ id: number; implied_ids: number[] }>('res.groups', [], { fields: ['implied_ids'], context: inactiveToo }),
      client.searchRead<{ id: number; groups_id: number[]; partner_id: Many2one; company_ids: number[]; company_id: Many2one }>(
        'res.users',
        [],
        { fields: ['groups_id', 'partner_id', 'company_ids', 'company_id'] },
      ),
      fieldGroupsOf,
    ]);
    // many2one values name a model by its description: the technical names come from ir.model.
    const modelIds = [...new Set([...access, ...rules].map((r) => m2oId(r.model_id)).filter((id): id is number => id !== false))];
    const partnerIds = [...new Set(users.map((u) => m2oId(u.partner_id)).filter((id): id is number => id !== false))];
    const [models, partners] = await Promise.all([
      modelIds.length ? client.read<{ id: number; model: string }>('ir.model', modelIds, ['model']) : [],
      partnerIds.length
        ? client.read<{ id: number; commercial_partner_id: Many2one }>('res.partner', partnerIds, ['commercial_partner_id'], inactiveToo)
        : [],
    ]);
    const modelName = new Map(models.map((m) => [m.id, m.model]));
    const commercial = new Map(partners.map((p) => [p.id, m2oId(p.commercial_partner_id)]));

    const readAccess = new Map<string, (number | null)[]>();
    for (const line of access) {
      const model = modelName.get(m2oId(line.model_id) || 0);
      if (!model) continue;
      const group = m2oId(line.group_id);
      readAccess.set(model, [...(readAccess.get(model) ?? []), group === false ? null : group]);
    }
    const ruleMap: AccessCatalogue['rules'] = new Map();
    for (const rule of rules) {
      const model = modelName.get(m2oId(rule.model_id) || 0);
      if (!model) continue;
      ruleMap.set(model, [...(ruleMap.get(model) ?? []), { groups: ids(rule.groups), domainForce: rule.domain_force || '' }]);
    }
    const userMap = new Map<number, CatalogueUser>();
    for (const u of users) {
      const partnerId = m2oId(u.partner_id);
      const companyIds = ids(u.company_ids);
      userMap.set(u.id, {
        groups: ids(u.groups_id),
        partnerId,
        commercialPartnerId: (partnerId !== false ? commercial.get(partnerId) : false) || partnerId,
        companyIds,
        companyId: m2oId(u.company_id) || (companyIds[0] ?? false),
      });
    }
    return {
      readAccess,
      rules: ruleMap,
      implied: new Map(groups.map((g) => [g.id, ids(g.implied_ids)])),
      users: userMap,
      fieldGroups,
      version: ++this.version,
    };
  }
}

/** A model's fields with their `groups=`; null when this Odoo has no such model (its module is not installed). */
async function fieldsWithGroups(client: OdooClient, model: string): Promise<Record<string, Record<string, unknown>> | null> {
  try {
    return await client.fieldsGet(model, ['groups']);
  } catch (e) {
    if (e instanceof OdooValidationError && /doesn't exist|does not exist/.test(e.message)) return null;
    throw e;
  }
}
