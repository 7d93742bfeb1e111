import { Inject, Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../../config/app.config';
import { APP_CONFIG } from '../../config/config.module';
import { EventLogRepository } from '../feed/event-log.repository';
import { RecordStateRepository } from '../feed/record-state.repository';
import type { AuthUser } from '../auth/auth.types';
import { OdooError } from '../odoo/odoo.errors';
import { SystemsService } from '../systems/systems.service';
import { AccessCatalogueLoader } from './catalogue.loader';
import { maskFields } from './field-mask';
import { resolveModelScope, storedScope, type ModelScope } from './model-scope';
import { OdooVisibility, questionKey, type VisibilityQuestion } from './odoo-visibility';
import { readableEvents, removal, type DeliveredEvent } from './read-filter';
import type { ReadRights, RulesExplained } from './read-rights';
import type { Truth } from './rule-domain';

export type { Truth };
import { rightsFingerprint } from './rights-fingerprint';

const DEFAULT_APP_TYPE_TTL_MS = 60_000;
/** Fingerprints kept per (rights version, models): every pull compares one, so it is computed once per reload. */
const FINGERPRINTS = 10_000;
/** Logged writes whose changed fields are kept: a few minutes of a busy tenant's changes, a few field names each. */
const CHANGED_FIELDS_KEPT = 20_000;

/** The fields logged writes changed, by event id (null: the source did not say). */
export type ChangedFields = ReadonlyMap<number, readonly string[] | null>;

/** Asks Odoo, as the user, about records the stored values cannot decide; answers keyed by questionKey. */
type AskOdoo = (questions: VisibilityQuestion[]) => Promise<Map<string, boolean>>;

export interface PolicyRequest {
  /** The app type the request names. */
  appType?: string;
  /** The app type the device synced with before (v1 keeps it between pulls). */
  remembered?: string;
  /** `models_filter`: narrows the app type's models, never widens them. */
  filter?: string[];
  /** The caller, whose Odoo session decides records the stored values cannot (see OdooVisibility). */
  user?: AuthUser;
}

/** What one user may read: the app type's models, then Odoo's access rights on each record and field. */
export interface ReadPolicy extends ModelScope {
  /** Loaded on first use: a read that finds nothing new must not cost an Odoo call. */
  rights(): Promise<ReadRights>;
  /**
   * The events of a page this user may receive, with only the fields the user may read (see readableEvents and
   * maskFields). Events with nothing to hide come back as the same objects, so a page can be served as stored.
   * `changed`: the fields the events' writes changed where the caller has them (the tail keeps them), so they are
   * not read from the log.
   */
  readable(events: DeliveredEvent[], changed?: ChangedFields): Promise<DeliveredEvent[]>;
  /**
   * The fingerprint of the user's rights over these models (see rightsFingerprint), or over the models of a scope
   * as a device state stores it (storedScope): a device's previous scope, to compare with what it was served under.
   */
  fingerprint(stored?: string): Promise<string>;
  /** Snapshot records of a re-scope pass: the readable ones as they are, every other one as a removal. */
  rescope(events: DeliveredEvent[]): Promise<DeliveredEvent[]>;
  /** Why the user may or may not read one record as stored (an operator's question, see RecordVerdict). */
  explain(record: StoredRecord): Promise<RecordVerdict>;
}

/** A record as the log holds it: its last logged event's id (its version) and its current values. */
export interface StoredRecord {
  model: string;
  recordId: number;
  version: number;
  values: Readonly<Record<string, unknown>>;
}

/**
 * What the read paths decide for one record, step by step: model access, each record rule that applies to the user
 * with its verdict on the stored values, and, when those cannot decide, Odoo's own answer asked as the user.
 */
export interface RecordVerdict extends RulesExplained {
  /** Record rules restrict the user's reads of the model (false: every record is readable). */
  restricted: boolean;
  /**
   * Odoo's answer as the user, when the rules could not decide: true/false, 'no_session' when BridgeCore holds no
   * live Odoo session of the user (or no user was given), 'unreachable' when Odoo did not answer; undefined when
   * the rules decided. The read paths treat an open question as hidden.
   */
  odoo?: boolean | 'no_session' | 'unreachable';
  /** What a pull delivers: the rules' verdict, else Odoo's answer, else 'unknown' (delivered as hidden). */
  decided: Truth;
  /** The fields of the model the user may not read (field rights), sorted. */
  hiddenFields: string[];
}

/**
 * The one read policy of every read path — Smart Sync v2 pull, Offline Sync v1 pull, check-updates and the
 * real-time sockets: the app type (asked for, else remembered, else the tenant's default), narrowed by
 * `models_filter`, and the user's Odoo read rights (see AccessCatalogueLoader), applied to what the user receives.
 * Rule domains are evaluated in BridgeCore on stored values; Odoo is asked as the user only what they cannot decide.
 */
@Injectable()
export class ReadPolicyService {
  private readonly logger = new Logger(ReadPolicyService.name);
  private readonly defaults = new Map<string, { appType: string; expiresAt: number }>();
  private readonly fingerprints = new Map<string, string>();
  private readonly changed = new Map<string, readonly string[] | null>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly systems: SystemsService,
    private readonly catalogues: AccessCatalogueLoader,
    private readonly events: EventLogRepository,
    private readonly records: RecordStateRepository,
    private readonly odoo: OdooVisibility,
  ) {}

  async policy(tenantId: string, userId: number, request: PolicyRequest = {}): Promise<ReadPolicy> {
    const appType = request.appType ?? request.remembered ?? (await this.defaultAppType(tenantId));
    const models = resolveModelScope(this.config.appTypes, appType, request.filter);
    let rights: Promise<ReadRights> | undefined;
    const rightsOnce = (): Promise<ReadRights> => (rights ??= this.catalogues.rights(tenantId, userId));
    const user = request.user;
    const readable = async (events: DeliveredEvent[], changed?: ChangedFields) => {
      const rights = await rightsOnce();
      const ask: AskOdoo | undefined = user && ((questions) => this.odoo.visible(user, rights, questions));
      const loadChanged = (ids: number[]) => this.changedFields(tenantId, ids, changed);
      const records = await this.readableRecords(tenantId, rights, events, loadChanged, ask);
      return maskFields(records, rights, loadChanged);
    };
    return {
      ...models,
      rights: rightsOnce,
      readable,
      fingerprint: async (stored) => this.fingerprint(await rightsOnce(), stored ?? storedScope(models)),
      rescope: async (events) => {
        const kept = new Set(await readable(events));
        return events.map((e) => (kept.has(e) ? e : removal(e)));
      },
      explain: async (record) => this.explain(await rightsOnce(), record, user),
    };
  }

  private async explain(rights: ReadRights, record: StoredRecord, user?: AuthUser): Promise<RecordVerdict> {
    const explained = rights.explain(record.model, record.values);
    const verdict: RecordVerdict = {
      ...explained,
      restricted: rights.restricted(record.model),
      decided: explained.verdict,
      hiddenFields: [...rights.hiddenFields(record.model)].sort(),
    };
    if (explained.verdict !== 'unknown') return verdict;
    if (!user) return { ...verdict, odoo: 'no_session' };
    try {
      const question = { model: record.model, recordId: record.recordId, version: record.version };
      const answer = (await this.odoo.visible(user, rights, [question])).get(questionKey(question));
      return answer === undefined ? { ...verdict, odoo: 'no_session' } : { ...verdict, odoo: answer, decided: answer };
    } catch (e) {
      if (!(e instanceof OdooError)) throw e;
      this.logger.warn(`Odoo did not answer for user ${user.userId} of ${user.tenantId}: ${e.message}`);
      return { ...verdict, odoo: 'unreachable' };
    }
  }

  /** The system's default app type, else the configured one (cached briefly: pulls must not query for it). */
  async defaultAppType(tenantId: string): Promise<string> {
    const memo = this.defaults.get(tenantId);
    if (memo && memo.expiresAt > Date.now()) return memo.appType;
    let appType = this.config.defaultAppType;
    const configured = (await this.systems.get(tenantId)).options.default_app_type;
    if (configured && Object.hasOwn(this.config.appTypes, configured)) appType = configured;
    else if (configured) this.logger.warn(`System ${tenantId} names unknown default app type "${configured}"`);
    this.defaults.set(tenantId, { appType, expiresAt: Date.now() + DEFAULT_APP_TYPE_TTL_MS });
    return appType;
  }

  private fingerprint(rights: ReadRights, stored: string): string {
    const key = `${rights.key}|${stored}`;
    let found = this.fingerprints.get(key);
    if (found === undefined) {
      if (this.fingerprints.size >= FINGERPRINTS) this.fingerprints.clear();
      found = rightsFingerprint(rights, stored === '*' ? '*' : stored.split(',').filter(Boolean));
      this.fingerprints.set(key, found);
    }
    return found;
  }

  /**
   * The events of records the user may read (see readableEvents). The database is asked only for events
   * whose payload does not show the record readable: their changed fields, and, where the payload lacks a field the
   * rules read, the record's current values; Odoo (as the user, through `ask`) only about what those cannot decide.
   */
  private async readableRecords(
    tenantId: string,
    rights: ReadRights,
    events: DeliveredEvent[],
    loadChanged: (ids: number[]) => Promise<ReadonlyMap<number, readonly string[] | null>>,
    ask?: AskOdoo,
  ): Promise<DeliveredEvent[]> {
    const doubtful = events
      .filter((e) => e.event !== 'unlink' && rights.restricted(e.model) && rights.readable(e.model))
      .map((e) => ({ e, truth: rights.visibleEvent(e.model, e.payload) }))
      .filter(({ truth }) => truth !== true);
    if (doubtful.length === 0) return readableEvents(events, rights, { changedFields: () => null, currentValues: () => undefined });
    const writes = doubtful.filter(({ e }) => e.event === 'write' && !e.snapshot).map(({ e }) => e.id);
    // A payload that decides "not readable" stays so whatever else the record holds (rules are evaluated in
    // three-valued logic): only an undecided one is completed with the stored values. Most of a restricted user's
    // pages are others' records, decided on their payload.
    const unknown = doubtful.filter(({ truth }) => truth === 'unknown').map(({ e }) => e);
    const incomplete = unknown.filter((e) => !e.snapshot);
    const [changed, current] = await Promise.all([
      loadChanged(writes),
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
    const answers = undecided.length > 0 && ask ? await ask(undecided.map((e) => ({ model: e.model, recordId: e.record_id, version: e.id }))) : new Map<string, boolean>();
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
  private async changedFields(tenantId: string, ids: number[], given?: ChangedFields): Promise<Map<number, readonly string[] | null>> {
    const found = new Map<number, readonly string[] | null>();
    const missing: number[] = [];
    for (const id of ids) {
      const known = given?.has(id) ? given.get(id) : this.changed.get(`${tenantId}:${id}`);
      if (known !== undefined) found.set(id, known);
      else missing.push(id);
    }
    if (missing.length === 0) return found;
    for (const [id, fields] of await this.events.changedFields(tenantId, missing)) {
      found.set(id, fields);
      if (this.changed.size >= CHANGED_FIELDS_KEPT) this.changed.delete(this.changed.keys().next().value as string);
      this.changed.set(`${tenantId}:${id}`, fields);
    }
    return found;
  }
}
