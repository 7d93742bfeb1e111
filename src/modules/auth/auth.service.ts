import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '../../config/app.config';
import { APP_CONFIG } from '../../config/config.module';
import { OdooClientFactory, ODOO_CLIENT_FACTORY } from '../odoo/odoo.client';
import { SystemNotFound } from '../systems/systems.errors';
import { SystemsService } from '../systems/systems.service';
import type { SystemRecord } from '../systems/systems.types';
import { InvalidToken, TokenExpired } from '../tokens/token.errors';
import { InvalidCredentials, RefreshTokenReused, SessionNotNamed, TenantDisconnected, TokenRevoked } from './auth.errors';
import type { AuthUser } from './auth.types';
import { chooseSystem } from './choose-system';
import { RateLimiter } from './rate-limiter';
import { RefreshTokenRepository } from './refresh-token.repository';
import { TokenService } from '../tokens/token.service';

export interface Identity {
  user: { id: number; name: string; login: string };
  tenant: { id: string; name: string; database: string };
}

export interface IssuedTokens extends Identity {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

export interface LoginInput {
  login: string;
  password: string;
  systemId?: string;
  database?: string;
  /**
   * A Flutter SDK session: its refresh token may be presented many times (the SDK keeps its first
   * one), until its fixed expiry or logout, instead of being rotated on each use.
   */
  reusableRefresh?: boolean;
}

/**
 * Logs Odoo users in with their own Odoo credentials and issues BridgeCore tokens: a short-lived
 * access token and a stored, single-use refresh token (rotated on every refresh).
 */
@Injectable()
export class AuthService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ODOO_CLIENT_FACTORY) private readonly factory: OdooClientFactory,
    private readonly systems: SystemsService,
    private readonly tokens: TokenService,
    private readonly refreshTokens: RefreshTokenRepository,
    private readonly limiter: RateLimiter,
  ) {}

  async login(input: LoginInput): Promise<IssuedTokens> {
    const system = chooseSystem(
      await this.systems.list(),
      { systemId: input.systemId, database: input.database },
      this.config.odoo.defaultSystem?.id,
    );
    // Keyed by the resolved system, so naming it, defaulting it or giving its database is one account,
    // and by nothing the client can vary per attempt (its IP is limited separately, by the guard).
    if (this.limiter.enabled) {
      await this.limiter.hit('login', `login:${system.id}:${input.login.toLowerCase()}`, this.config.rateLimits.loginPerMinute, 60_000);
    }
    const target = { url: system.url, database: system.database, protocol: system.protocol };
    const identity = await this.factory.authenticateUser(target, input.login, input.password, (uid) => this.displayName(system.id, uid));
    if (!identity) throw new InvalidCredentials();
    const user = { tenantId: system.id, userId: identity.uid, login: identity.login, name: identity.name, via: 'jwt' as const, sessionId: randomUUID() };
    return this.issue(user, system, input.reusableRefresh ?? false);
  }

  async refresh(refreshToken: string): Promise<IssuedTokens> {
    const claims = this.tokens.verify(refreshToken, 'refresh');
    if (!claims.jti) throw new InvalidToken('Not a refresh token');
    const system = await this.connectedSystem(claims.tenant_id);
    const user: AuthUser = { tenantId: system.id, userId: Number(claims.sub), login: claims.login, name: claims.name, via: 'jwt' };
    if (claims.reusable) {
      const reuse = await this.refreshTokens.checkReusable(claims.jti);
      if (!reuse.valid) throw refreshRefused(reuse.reason);
      // The same refresh token again: the SDK keeps it anyway, and its session must not outlive its expiry.
      return this.tokensFor({ ...user, sessionId: reuse.familyId }, system, refreshToken);
    }
    const next = this.nextRefresh(user);
    const { outcome, familyId } = await this.refreshTokens.rotate(claims.jti, next);
    if (outcome === 'rotated') return this.tokensFor({ ...user, sessionId: familyId }, system, this.tokens.signRefresh(user, next.jti));
    if (outcome === 'reused') {
      // A used token came back: either the client retried or it was stolen. End the whole session.
      const family = await this.refreshTokens.familyOf(claims.jti);
      if (family) await this.refreshTokens.revokeFamily(family);
      throw new RefreshTokenReused();
    }
    throw refreshRefused(outcome);
  }

  /** Ends the session an access token belongs to: every refresh token of its login (idempotent). */
  async endSession(user: AuthUser): Promise<void> {
    if (!user.sessionId) throw new SessionNotNamed();
    await this.refreshTokens.revokeFamily(user.sessionId);
  }

  /** Ends the login session the refresh token belongs to (idempotent). */
  async logout(refreshToken: string): Promise<void> {
    const claims = this.tokens.verify(refreshToken, 'refresh');
    const family = claims.jti ? await this.refreshTokens.familyOf(claims.jti) : undefined;
    if (!family) throw new InvalidToken();
    await this.refreshTokens.revokeFamily(family);
  }

  async me(user: AuthUser): Promise<Identity> {
    const system = await this.systems.get(user.tenantId);
    return identityOf(user, system);
  }

  private async issue(user: AuthUser & { sessionId: string }, system: SystemRecord, reusable: boolean): Promise<IssuedTokens> {
    const next = this.nextRefresh(user);
    await this.refreshTokens.deleteExpired();
    await this.refreshTokens.insert({ ...next, familyId: user.sessionId });
    return this.tokensFor(user, system, this.tokens.signRefresh(user, next.jti, reusable));
  }

  private nextRefresh(user: AuthUser) {
    return {
      jti: randomUUID(),
      tenantId: user.tenantId,
      userId: user.userId,
      expiresAt: new Date(Date.now() + this.config.jwt.refreshTtlSeconds * 1000),
    };
  }

  private tokensFor(user: AuthUser, system: SystemRecord, refreshToken: string): IssuedTokens {
    return {
      accessToken: this.tokens.signAccess(user),
      refreshToken,
      expiresIn: this.config.jwt.accessTtlSeconds,
      ...identityOf(user, system),
    };
  }

  /** The system a token names, if it is still connected (else 403 TENANT_DISCONNECTED). */
  async connectedSystem(id: string): Promise<SystemRecord> {
    try {
      const system = await this.systems.get(id);
      if (system.isConnected) return system;
    } catch (error) {
      if (!(error instanceof SystemNotFound)) throw error;
    }
    throw new TenantDisconnected();
  }

  /** The service user reads the display name: its credentials are already verified, the user's would cost another password check. */
  private async displayName(systemId: string, uid: number): Promise<string | undefined> {
    const client = await this.systems.clientFor(systemId);
    const [row] = await client.read<{ name?: string }>('res.users', [uid], ['name']);
    return row?.name;
  }
}

function refreshRefused(reason: 'unknown' | 'revoked' | 'expired'): InvalidToken | TokenRevoked | TokenExpired {
  if (reason === 'revoked') return new TokenRevoked();
  if (reason === 'expired') return new TokenExpired();
  return new InvalidToken();
}

function identityOf(user: AuthUser, system: SystemRecord): Identity {
  return {
    user: { id: user.userId, name: user.name ?? user.login, login: user.login },
    tenant: { id: system.id, name: system.name, database: system.database },
  };
}
