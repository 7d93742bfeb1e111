import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DomainError } from '../../common/errors';
import { AppConfig } from '../../config/app.config';
import { APP_CONFIG } from '../../config/config.module';
import { CACHE_STORE, KeyValueStore } from '../cache/cache.types';
import { OdooClientFactory, ODOO_CLIENT_FACTORY } from '../odoo/odoo.client';
import { SystemsService } from '../systems/systems.service';
import type { SystemRecord } from '../systems/systems.types';
import { InvalidSession, TenantRequired, UnknownTenant } from './auth.errors';
import type { AuthUser } from './auth.types';
import { NoSystemConnected } from './auth.errors';
import { chooseSystem } from './choose-system';
import { RateLimiter } from './rate-limiter';

interface CachedSession {
  uid: number;
  login: string;
  name: string;
}

const INVALID = 'invalid';

/**
 * Validates an Odoo session id (`X-Session-Id`) against the tenant's Odoo
 * (`/web/session/get_session_info`) and caches the answer, valid or not, briefly: a device
 * polling every few seconds must not cost an Odoo round trip each time.
 */
@Injectable()
export class OdooSessionValidator {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CACHE_STORE) private readonly cache: KeyValueStore,
    @Inject(ODOO_CLIENT_FACTORY) private readonly factory: OdooClientFactory,
    private readonly systems: SystemsService,
    private readonly limiter: RateLimiter,
  ) {}

  async validate(sessionId: string, tenantId: string | undefined, clientIp: string): Promise<AuthUser> {
    const system = await this.systemFor(tenantId);
    // The key holds a hash: session ids are bearer credentials and must not sit in Redis in clear.
    const key = `auth:odoo-session:${system.id}:${createHash('sha256').update(sessionId).digest('hex')}`;
    const ttl = this.config.odoo.sessionCacheSeconds;
    const cached = ttl > 0 ? await this.cache.get(key) : null;
    let session: CachedSession | null;
    if (cached !== null) {
      session = cached === INVALID ? null : (JSON.parse(cached) as CachedSession);
    } else {
      // Each unknown session id costs an Odoo round trip: random ids from one client must not turn
      // BridgeCore into an amplifier against Odoo.
      if (this.limiter.enabled) {
        await this.limiter.hit('session-lookup', `session-lookup:${clientIp}`, this.config.rateLimits.sessionLookupsPerMinute, 60_000);
      }
      const info = await this.factory.sessionInfo(system.url, sessionId);
      session = info && (!info.database || info.database === system.database) ? { uid: info.uid, login: info.login, name: info.name } : null;
      if (ttl > 0) await this.cache.set(key, session ? JSON.stringify(session) : INVALID, ttl);
    }
    if (!session) throw new InvalidSession();
    return { tenantId: system.id, userId: session.uid, login: session.login, name: session.name, via: 'odoo-session', odooSessionId: sessionId };
  }

  private async systemFor(tenantId: string | undefined): Promise<SystemRecord> {
    try {
      return chooseSystem(await this.systems.list(), { systemId: tenantId }, this.config.odoo.defaultSystem?.id);
    } catch (error) {
      if (!(error instanceof DomainError) || error instanceof NoSystemConnected) throw error;
      throw tenantId ? new UnknownTenant(tenantId) : new TenantRequired();
    }
  }
}
