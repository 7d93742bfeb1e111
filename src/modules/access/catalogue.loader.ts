import { Inject, Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../../config/app.config';
import { defaultTrackedModels } from '../../config/app-types';
import { APP_CONFIG } from '../../config/config.module';
import type { OdooClient } from '../odoo/odoo.client';
import { OdooValidationError } from '../odoo/odoo.errors';
import { SystemsService } from '../systems/systems.service';
import { catalogueOf, modelIdsOf, partnerIdsOf, type CatalogueRows } from './catalogue';
import { parseFieldGroups, type FieldGroups } from './field-groups';
import { readRightsOf, type AccessCatalogue, type ReadRights } from './read-rights';

/** How long a tenant's access model is trusted before it is read again from Odoo. */
export const ACCESS_RELOAD_MS = 60_000;
/**
 * How long a tenant's field groups are trusted: they live in Odoo's Python field definitions and change only when
 * its modules are installed or upgraded, so they are read (one fields_get per tracked model) less often.
 */
export const FIELD_GROUPS_RELOAD_MS = 10 * 60_000;
/** A user the catalogue does not know (created since the last read) triggers a reload at most this often. */
const UNKNOWN_USER_RELOAD_MS = 5_000;

/**
 * Loads each tenant's access model from its Odoo — ir.model.access, ir.rule, res.groups, res.users, read with the
 * service user in six calls — keeps it per tenant and reads it again every ACCESS_RELOAD_MS; its field groups
 * (fields_get per tracked model) every FIELD_GROUPS_RELOAD_MS. Odoo calls grow with tenants and time, never with
 * pulls, devices or users. A tenant without a connected system has no access model: its reads fail.
 */
@Injectable()
export class AccessCatalogueLoader {
  private readonly logger = new Logger(AccessCatalogueLoader.name);
  private readonly catalogues = new Map<string, { at: number; catalogue: Promise<AccessCatalogue> }>();
  private readonly rightsCache = new WeakMap<AccessCatalogue, Map<string, ReadRights>>();
  private readonly fieldGroups = new Map<string, { at: number; tracked: string; groups: Promise<FieldGroups> }>();
  private version = 0;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly systems: SystemsService,
  ) {}

  async rights(tenantId: string, uid: number): Promise<ReadRights> {
    let catalogue = await this.catalogue(tenantId);
    const entry = this.catalogues.get(tenantId);
    if (!catalogue.users.has(uid) && entry && Date.now() - entry.at >= UNKNOWN_USER_RELOAD_MS) {
      catalogue = await this.catalogue(tenantId, true);
    }
    return this.rightsOf(catalogue, tenantId, uid);
  }

  /** Forgets a tenant's access model (e.g. after a change of rules or groups): the next read loads it again. */
  invalidate(tenantId: string): void {
    this.catalogues.delete(tenantId);
    this.fieldGroups.delete(tenantId);
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
    const [rows, fieldGroups] = await Promise.all([readRows(client), this.fieldGroupsOf(tenantId, client, tracked)]);
    return catalogueOf(rows, fieldGroups, ++this.version);
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
}

/** The rows of a tenant's access model (see catalogueOf), in two rounds of calls. */
async function readRows(client: OdooClient): Promise<CatalogueRows> {
  const inactiveToo = { active_test: false };
  const [access, rules, groups, users] = await Promise.all([
    client.searchRead<CatalogueRows['access'][number]>('ir.model.access', [['perm_read', '=', true]], { fields: ['model_id', 'group_id'] }),
    client.searchRead<CatalogueRows['rules'][number]>('ir.rule', [['perm_read', '=', true]], { fields: ['name', 'model_id', 'groups', 'domain_force'] }),
    client.searchRead<CatalogueRows['groups'][number]>('res.groups', [], { fields: ['implied_ids'], context: inactiveToo }),
    client.searchRead<CatalogueRows['users'][number]>('res.users', [], { fields: ['groups_id', 'partner_id', 'company_ids', 'company_id'] }),
  ]);
  const modelIds = modelIdsOf({ access, rules });
  const partnerIds = partnerIdsOf(users);
  const [models, partners] = await Promise.all([
    modelIds.length ? client.read<CatalogueRows['models'][number]>('ir.model', modelIds, ['model']) : [],
    partnerIds.length ? client.read<CatalogueRows['partners'][number]>('res.partner', partnerIds, ['commercial_partner_id'], inactiveToo) : [],
  ]);
  return { access, rules, groups, users, models, partners };
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
