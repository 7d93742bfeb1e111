import { Inject, Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../../config/app.config';
import { APP_CONFIG } from '../../config/config.module';
import { SystemNotFound } from '../systems/systems.errors';
import { SystemsService } from '../systems/systems.service';
import { resolveModelScope, storedScope, type ModelScope } from './model-scope';
import { removal, type DeliveredEvent } from './read-filter';
import type { ReadRights } from './read-rights';
import type { AuthUser } from '../auth/auth.types';
import { OdooVisibility } from './odoo-visibility';
import { ReadScopeService } from './read-scope.service';
import { rightsFingerprint } from './rights-fingerprint';

const DEFAULT_APP_TYPE_TTL_MS = 60_000;
/** Fingerprints kept per (rights version, models): every pull compares one, so it is computed once per reload. */
const FINGERPRINTS = 10_000;

export interface ScopeRequest {
  /** The app type the request names. */
  appType?: string;
  /** The app type the device synced with before (v1 keeps it between pulls). */
  remembered?: string;
  /** `models_filter`: narrows the app type's models, never widens them. */
  filter?: string[];
  /** The caller, whose Odoo session decides records the stored values cannot (see OdooVisibility). */
  user?: AuthUser;
}

/** What one user may read on one read path: the app type's models, then Odoo's access rights on each event. */
export interface UserScope extends ModelScope {
  /** Loaded on first use: a read that finds nothing new must not cost an Odoo call. */
  rights(): Promise<ReadRights>;
  /** The events of a page this user may receive (see ReadScopeService.readable). */
  readable(events: DeliveredEvent[]): Promise<DeliveredEvent[]>;
  /**
   * The fingerprint of the user's rights over these models (see rightsFingerprint), or over the models of a scope
   * as a device state stores it (storedScope): a device's previous scope, to compare with what it was served under.
   */
  fingerprint(stored?: string): Promise<string>;
  /** Snapshot records of a re-scope pass: the readable ones as they are, every other one as a removal. */
  rescope(events: DeliveredEvent[]): Promise<DeliveredEvent[]>;
}

/**
 * Decides a user's scope for every read path (Smart Sync v2 pull, Offline Sync v1 pull, check-updates): the app
 * type (asked for, else remembered, else the tenant's default), narrowed by `models_filter`, and the user's Odoo
 * read rights. One place, so every path gives the same models and the same error for an unknown app type.
 */
@Injectable()
export class SyncScopeService {
  private readonly logger = new Logger(SyncScopeService.name);
  private readonly defaults = new Map<string, { appType: string; expiresAt: number }>();
  private readonly fingerprints = new Map<string, string>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly systems: SystemsService,
    private readonly reads: ReadScopeService,
    private readonly odoo: OdooVisibility,
  ) {}

  async scope(tenantId: string, userId: number, request: ScopeRequest = {}): Promise<UserScope> {
    const appType = request.appType ?? request.remembered ?? (await this.defaultAppType(tenantId));
    const models = resolveModelScope(this.config.appTypes, appType, request.filter);
    let rights: Promise<ReadRights> | undefined;
    const rightsOnce = (): Promise<ReadRights> => (rights ??= this.reads.rights(tenantId, userId));
    const user = request.user;
    const readable = async (events: DeliveredEvent[]) => {
      const rights = await rightsOnce();
      return this.reads.readable(tenantId, rights, events, user && ((questions) => this.odoo.visible(user, rights, questions)));
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
    };
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

  /** The system's default app type, else the configured one (cached briefly: pulls must not query for it). */
  async defaultAppType(tenantId: string): Promise<string> {
    const memo = this.defaults.get(tenantId);
    if (memo && memo.expiresAt > Date.now()) return memo.appType;
    let appType = this.config.defaultAppType;
    try {
      const configured = (await this.systems.get(tenantId)).options.default_app_type;
      if (configured && Object.hasOwn(this.config.appTypes, configured)) appType = configured;
      else if (configured) this.logger.warn(`System ${tenantId} names unknown default app type "${configured}"`);
    } catch (e) {
      // A tenant without a system record (e.g. a removed system) still syncs with the global default.
      if (!(e instanceof SystemNotFound)) throw e;
    }
    this.defaults.set(tenantId, { appType, expiresAt: Date.now() + DEFAULT_APP_TYPE_TTL_MS });
    return appType;
  }
}
