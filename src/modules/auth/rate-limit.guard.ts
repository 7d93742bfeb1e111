import { CanActivate, ExecutionContext, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { AppConfig } from '../../config/app.config';
import { APP_CONFIG } from '../../config/config.module';
import type { AuthenticatedRequest } from './auth.types';
import { RateLimiter } from './rate-limiter';

export type RateLimitBucket = 'pull' | 'state' | 'reset' | 'push' | 'resolve' | 'login';

const RATE_LIMIT_KEY = 'bridgecore:rate-limit';

/**
 * Limits the route per authenticated user (never per IP alone: many phones share a carrier NAT).
 * Login, which has no user yet, is limited here per client IP, and per account (system + login)
 * by AuthService once it knows the system.
 */
export const RateLimit = (bucket: RateLimitBucket) => SetMetadata(RATE_LIMIT_KEY, bucket);

/** Runs after AuthGuard. */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly limiter: RateLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  limitFor(bucket: RateLimitBucket): { limit: number; ttlMs: number } {
    const r = this.config.rateLimits;
    switch (bucket) {
      case 'pull':
        return { limit: r.pullPerMinute, ttlMs: 60_000 };
      case 'state':
        return { limit: r.statePerMinute, ttlMs: 60_000 };
      case 'reset':
        return { limit: r.resetPerHour, ttlMs: 3_600_000 };
      case 'push':
        return { limit: r.pushPerMinute, ttlMs: 60_000 };
      case 'resolve':
        return { limit: r.resolvePerMinute, ttlMs: 60_000 };
      case 'login':
        return { limit: r.loginPerIpPerMinute, ttlMs: 60_000 };
    }
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const bucket = this.reflector.getAllAndOverride<RateLimitBucket | undefined>(RATE_LIMIT_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!bucket || !this.limiter.enabled) return true;
    const req = context.switchToHttp().getRequest<AuthenticatedRequest & { ip?: string }>();
    // req.ip follows TRUST_PROXY: X-Forwarded-For counts only when sent by a trusted proxy.
    const key = bucket === 'login' ? `login-ip:${req.ip ?? 'unknown'}` : req.user ? `${req.user.tenantId}:${req.user.userId}:${bucket}` : undefined;
    if (!key) return true;
    const { limit, ttlMs } = this.limitFor(bucket);
    const state = await this.limiter.count(bucket === 'login' ? 'login-ip' : bucket, key, limit, ttlMs);
    const res = context.switchToHttp().getResponse<Response>();
    res.setHeader('X-RateLimit-Limit', String(state.limit));
    res.setHeader('X-RateLimit-Remaining', String(state.remaining));
    res.setHeader('X-RateLimit-Reset', String(state.resetSeconds));
    if (state.exceeded) throw state.exceeded;
    return true;
  }
}
