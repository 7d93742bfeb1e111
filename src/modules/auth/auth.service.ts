import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '../../config/app.config';
import { APP_CONFIG } from '../../config/config.module';
import { OdooClientFactory, ODOO_CLIENT_FACTORY, type OdooTarget } from '../odoo/odoo.client';
import { OdooAuthenticationError } from '../odoo/odoo.errors';
import { SystemNotFound } from '../systems/systems.errors';
import { SystemsService } from '../systems/systems.service';
import type { SystemRecord } from '../systems/systems.types';
import { InvalidToken, TokenExpired } from '../tokens/token.errors';
import { InvalidCredentials, RefreshTokenReused, SessionNotNamed, TenantDisconnected, TokenRevoked, UnknownTenant } from './auth.errors';
import type { AuthUser } from './auth.types';
import { chooseSystem } from './choose-system';
import { accountName, FailedLogins } from './login-budget';
import { RateLimiter } from './rate-limiter';
import { RefreshTokenRepository } from './refresh-token.repository';
import { TokenService } from '../tokens/token.service';
import { UserOdooService } from './user-odoo.service';

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
 * access token and a stored refresh token (single use and rotated, or for a Flutter SDK session
 * reusable until its fixed expiry), and keeps the Odoo session the login opened.
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
    private readonly userOdoo: UserOdooService,
    private readonly failedLogins: FailedLogins,
  ) {}

  async login(input: LoginInput): Promise<IssuedTokens> {
    const system = chooseSystem(
      await this.systems.list(),
      { systemId: input.systemId, database: input.database },
      this.config.odoo.defaultSystem?.id,
    );
    // Keyed by the resolved system, so naming it, defaulting it or giving its database is one account,
    // and by nothing the client can vary per attempt (its IP is limited separately, by the guard).
    const account = accountName(input.login);
    if (this.limiter.enabled) {
      await this.limiter.hit('login', `login:${system.id}:${account}`, this.config.rateLimits.loginPerMinute, 60_000);
      await this.failedLogins.assertAccountOpen(system.id, account);
    }
    const target = { url: system.url, database: system.database, protocol: system.protocol };
    // Odoo counts failed web logins per address and, after base.login_cooldown_after of them since its last
    // success, refuses every web login from that address for a while; every user reaches Odoo from BridgeCore's
    // address, so one user's wrong passwords would lock all out. The password is checked first over
    // common.authenticate, which Odoo does not count (recorded from Odoo 18), and only one it accepted goes on to
    // the web login. Odoo keeps its count until a success, not for a time: any budget of counted failures runs out.
    if (!(await this.passwordAccepted(target, input.login, input.password))) {
      await this.failedLogins.failed(system.id, account);
      throw new InvalidCredentials();
    }
    // A web session rather than common.authenticate alone: BridgeCore later acts as the user through it.
    const session = await this.factory.openUserSession(target, input.login, input.password);
    if (!session) {
      await this.failedLogins.failed(system.id, account);
      throw new InvalidCredentials();
    }
    await this.failedLogins.succeeded(system.id, account);
    const loginSession = randomUUID();
    const user = { tenantId: system.id, userId: session.uid, login: session.login, name: session.name, via: 'jwt' as const, loginSession };
    const next = this.nextRefresh(user);
    await this.refreshTokens.deleteExpired();
    await this.refreshTokens.insert({ ...next, familyId: loginSession }, this.userOdoo.seal(loginSession, session.sessionId));
    return this.tokensFor(user, system, this.tokens.signRefresh(user, next.jti, input.reusableRefresh ?? false));
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
      return this.tokensFor({ ...user, loginSession: reuse.familyId }, system, refreshToken);
    }
    const next = this.nextRefresh(user);
    const { outcome, familyId } = await this.refreshTokens.rotate(claims.jti, next);
    if (outcome === 'rotated') return this.tokensFor({ ...user, loginSession: familyId }, system, this.tokens.signRefresh(user, next.jti));
    if (outcome === 'reused') {
      // A used token came back: either the client retried or it was stolen. End the whole session.
      const family = await this.refreshTokens.familyOf(claims.jti);
      if (family) await this.refreshTokens.revokeFamily(family);
      throw new RefreshTokenReused();
    }
    throw refreshRefused(outcome);
  }

  /** common.authenticate, which Odoo leaves out of its login cooldown. */
  private async passwordAccepted(target: OdooTarget, login: string, password: string): Promise<boolean> {
    try {
      await this.factory.create({ ...target, username: login, password }, { retryDelaysMs: [] }).uid();
      return true;
    } catch (error) {
      if (error instanceof OdooAuthenticationError) return false;
      throw error;
    }
  }

  /** Ends the session an access token belongs to: every refresh token of its login (idempotent). */
  async endSession(user: AuthUser): Promise<void> {
    if (!user.loginSession) throw new SessionNotNamed();
    await this.userOdoo.endLogin(user.loginSession);
  }

  /**
   * Ends the login session a refresh token belongs to, or the one an access token names (the Flutter SDK logs out
   * with its access token); idempotent.
   */
  async logout(token: string): Promise<void> {
    let claims: ReturnType<TokenService['verify']>;
    try {
      claims = this.tokens.verify(token, 'refresh');
    } catch (notRefresh) {
      if (!(notRefresh instanceof InvalidToken)) throw notRefresh;
      let user: AuthUser;
      try {
        user = this.tokens.verifyAccess(token);
      } catch {
        throw notRefresh;
      }
      return this.endSession(user);
    }
    const family = claims.jti ? await this.refreshTokens.familyOf(claims.jti) : undefined;
    if (!family) throw new InvalidToken();
    await this.userOdoo.endLogin(family);
  }

  async me(user: AuthUser): Promise<Identity> {
    try {
      return identityOf(user, await this.systems.get(user.tenantId));
    } catch (error) {
      // A signed token naming a tenant this deployment lacks is a credential problem, not a missing resource.
      throw error instanceof SystemNotFound ? new UnknownTenant(user.tenantId) : error;
    }
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
