import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { AppConfig } from '../../config/app.config';
import { APP_CONFIG } from '../../config/config.module';
import { OdooClient, OdooClientFactory, ODOO_CLIENT_FACTORY } from '../odoo/odoo.client';
import { OdooUserSessionExpired } from '../odoo/odoo.errors';
import { openSecret, sealSecret } from '../systems/secret-box';
import { SystemsService } from '../systems/systems.service';
import type { AuthUser } from './auth.types';
import { RefreshTokenRepository } from './refresh-token.repository';

/** How long a decrypted session (as its client) is reused: a logout on another instance takes effect within it. */
const CLIENT_TTL_MS = 30_000;

/** The sealed session is bound to its login session: a copied row does not open under another family. */
const sessionContext = (familyId: string) => `odoo-session:${familyId}`;

/**
 * Odoo clients that act as the calling user, through the Odoo session their login obtained (bearer tokens) or
 * the one they sent (X-Session-Id). Odoo then applies the user's own access rights and records them as
 * create_uid/write_uid. Background work (ingestion) keeps the system's service user.
 */
@Injectable()
export class UserOdooService {
  private readonly logger = new Logger(UserOdooService.name);
  private readonly clients = new LRUCache<string, OdooClient>({ max: 10_000, ttl: CLIENT_TTL_MS });

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ODOO_CLIENT_FACTORY) private readonly factory: OdooClientFactory,
    private readonly systems: SystemsService,
    private readonly refreshTokens: RefreshTokenRepository,
  ) {}

  /** Seals a login's Odoo session for its row. */
  seal(familyId: string, sessionId: string): string {
    return sealSecret(sessionId, this.config.secrets.encryptionKey, sessionContext(familyId));
  }

  /** A client acting as `user`; OdooUserSessionExpired when BridgeCore holds no live Odoo session for them. */
  async clientFor(user: AuthUser): Promise<OdooClient> {
    const key = this.keyOf(user);
    const cached = this.clients.get(key);
    if (cached) return cached;
    const system = await this.systems.get(user.tenantId);
    const sessionId = user.odooSessionId ?? (await this.storedSession(user));
    const client = this.factory.forUserSession({ url: system.url, database: system.database, protocol: system.protocol }, sessionId);
    this.clients.set(key, client);
    return client;
  }

  /**
   * The user as their latest login holds them, for asking Odoo as that user without a request of theirs (an
   * operator's diagnosis); null when no login of theirs holds an Odoo session.
   */
  async latestLogin(tenantId: string, userId: number): Promise<AuthUser | null> {
    const loginSession = await this.refreshTokens.latestLogin(tenantId, userId);
    return loginSession ? { tenantId, userId, login: '', via: 'jwt', loginSession } : null;
  }

  /**
   * Odoo no longer knows the user's session: end the BridgeCore login session too, so the app's refresh fails
   * and it asks the user to log in again (the Flutter SDK answers a 401 by refreshing, then retrying).
   */
  async sessionExpired(user: AuthUser): Promise<void> {
    this.clients.delete(this.keyOf(user));
    if (user.loginSession) await this.refreshTokens.revokeFamily(user.loginSession);
  }

  /**
   * Logout: ends the login session and its Odoo session, in BridgeCore (at once on this instance) and in Odoo, so
   * the session id is worth nothing even if it leaked. Odoo being unreachable does not stop the logout.
   */
  async endLogin(familyId: string): Promise<void> {
    const stored = await this.refreshTokens.odooSession(familyId);
    await this.refreshTokens.revokeFamily(familyId);
    this.clients.delete(`login:${familyId}`);
    if (!stored) return;
    try {
      const system = await this.systems.get(stored.tenantId);
      const sessionId = openSecret(stored.sealed, this.config.secrets.encryptionKey, sessionContext(familyId));
      await this.factory.closeUserSession({ url: system.url, database: system.database, protocol: system.protocol }, sessionId);
    } catch (error) {
      this.logger.warn(`Could not end the Odoo session of a logout: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private keyOf(user: AuthUser): string {
    if (user.odooSessionId) return `x:${user.tenantId}:${createHash('sha256').update(user.odooSessionId).digest('hex')}`;
    return `login:${user.loginSession ?? ''}`;
  }

  private async storedSession(user: AuthUser): Promise<string> {
    // A token issued before logins kept Odoo sessions has none: the user logs in again.
    if (!user.loginSession) throw new OdooUserSessionExpired();
    const stored = await this.refreshTokens.odooSession(user.loginSession);
    if (!stored || stored.tenantId !== user.tenantId || stored.userId !== user.userId) throw new OdooUserSessionExpired();
    return openSecret(stored.sealed, this.config.secrets.encryptionKey, sessionContext(user.loginSession));
  }
}
