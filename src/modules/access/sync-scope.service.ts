import { Inject, Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../../config/app.config';
import { APP_CONFIG } from '../../config/config.module';
import { SystemNotFound } from '../systems/systems.errors';
import { SystemsService } from '../systems/systems.service';
import { resolveModelScope, type ModelScope } from './model-scope';
import type { DeliveredEvent } from './read-filter';
import type { ReadRights } from './read-rights';
import { ReadScopeService } from './read-scope.service';

const DEFAULT_APP_TYPE_TTL_MS = 60_000;

export interface ScopeRequest {
  /** The app type the request names. */
  appType?: string;
  /** The app type the device synced with before (v1 keeps it between pulls). */
  remembered?: string;
  /** `models_filter`: narrows the app type's models, never widens them. */
  filter?: string[];
}

/** What one user may read on one read path: the app type's models, then Odoo's access rights on each event. */
export interface UserScope extends ModelScope {
  /** Loaded on first use: a read that finds nothing new must not cost an Odoo call. */
  rights(): Promise<ReadRights>;
  /** The events of a page this user may receive (see ReadScopeService.readable). */
  readable(events: DeliveredEvent[]): Promise<DeliveredEvent[]>;
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

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly systems: SystemsService,
    private readonly reads: ReadScopeService,
  ) {}

  async scope(tenantId: string, userId: number, request: ScopeRequest = {}): Promise<UserScope> {
    const appType = request.appType ?? request.remembered ?? (await this.defaultAppType(tenantId));
    const models = resolveModelScope(this.config.appTypes, appType, request.filter);
    let rights: Promise<ReadRights> | undefined;
    const rightsOnce = (): Promise<ReadRights> => (rights ??= this.reads.rights(tenantId, userId));
    return {
      ...models,
      rights: rightsOnce,
      readable: async (events) => this.reads.readable(tenantId, await rightsOnce(), events),
    };
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
