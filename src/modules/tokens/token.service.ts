import { Inject, Injectable } from '@nestjs/common';
import { createSecretKey } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { LRUCache } from 'lru-cache';
import { AppConfig } from '../../config/app.config';
import { APP_CONFIG } from '../../config/config.module';
import { InvalidToken, TokenExpired } from './token.errors';
import type { AuthUser, TokenClaims, TokenType } from './token.types';

/**
 * Signs and verifies BridgeCore tokens. Access and refresh tokens use different secrets and carry
 * their type, so one can never stand in for the other; only HS256 is accepted (no `alg: none`).
 */
@Injectable()
export class TokenService {
  // Key objects built once: given a plain string, jsonwebtoken tries to parse it as a public key on
  // every call, which was a fifth of the CPU of a cached pull.
  private readonly access: JwtService;
  private readonly refresh: JwtService;
  /**
   * Access tokens already verified, by their exact text. Access tokens are stateless (no revocation
   * list), so a token that verified once stays valid until its `exp`, which is re-checked on every
   * use; a phone polling every 30 s then costs one signature check per token rather than per request.
   */
  private readonly verifiedAccess = new LRUCache<string, { user: AuthUser; exp: number }>({ max: 10_000 });

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.access = new JwtService({ secret: createSecretKey(Buffer.from(config.secrets.jwtAccess)) });
    this.refresh = new JwtService({ secret: createSecretKey(Buffer.from(config.secrets.jwtRefresh)) });
  }

  signAccess(user: Pick<AuthUser, 'tenantId' | 'userId' | 'login' | 'name' | 'loginSession'>): string {
    const claims: TokenClaims = {
      sub: String(user.userId),
      tenant_id: user.tenantId,
      login: user.login,
      name: user.name,
      type: 'access',
      user_type: 'tenant',
      ...(user.loginSession ? { sid: user.loginSession } : {}),
    };
    return this.access.sign(claims, { algorithm: 'HS256', expiresIn: this.config.jwt.accessTtlSeconds });
  }

  signRefresh(user: Pick<AuthUser, 'tenantId' | 'userId' | 'login' | 'name'>, jti: string, reusable = false): string {
    const claims: TokenClaims = {
      sub: String(user.userId),
      tenant_id: user.tenantId,
      login: user.login,
      name: user.name,
      type: 'refresh',
      jti,
      ...(reusable ? { reusable: true as const } : {}),
    };
    return this.refresh.sign(claims, { algorithm: 'HS256', expiresIn: this.config.jwt.refreshTtlSeconds });
  }

  verify(token: string, type: TokenType): TokenClaims & { exp: number } {
    let claims: TokenClaims & { exp: number };
    try {
      claims = (type === 'access' ? this.access : this.refresh).verify(token, { algorithms: ['HS256'] });
    } catch (e) {
      const expired = e instanceof Error && e.name === 'TokenExpiredError';
      throw expired ? new TokenExpired() : new InvalidToken();
    }
    if (claims.type !== type || typeof claims.tenant_id !== 'string' || !/^\d+$/.test(String(claims.sub))) {
      throw new InvalidToken(`Not an ${type} token`);
    }
    // The verifier checks `exp` only when the token has one: a token without it would never expire.
    if (typeof claims.exp !== 'number') throw new InvalidToken('Token without expiry');
    return claims;
  }

  verifyAccess(token: string): AuthUser {
    const known = this.verifiedAccess.get(token);
    // The same rule as the verifier's: expired once the current second reaches `exp`.
    if (known && Math.floor(Date.now() / 1000) < known.exp) return known.user;
    const claims = this.verify(token, 'access');
    const user: AuthUser = Object.freeze({
      tenantId: claims.tenant_id,
      userId: Number(claims.sub),
      login: claims.login,
      name: claims.name,
      via: 'jwt',
      ...(typeof claims.sid === 'string' ? { loginSession: claims.sid } : {}),
    });
    this.verifiedAccess.set(token, { user, exp: claims.exp });
    return user;
  }
}
