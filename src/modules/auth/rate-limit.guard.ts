import { CanActivate, ExecutionContext, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ThrottlerStorage } from '@nestjs/throttler';
import type { Response } from 'express';
import { AppConfig } from '../../config/app.config';
import { APP_CONFIG } from '../../config/config.module';
import { RateLimited } from '../../common/errors';
import type { AuthenticatedRequest } from './auth.types';

export type RateLimitBucket = 'pull' | 'state' | 'reset' | 'push' | 'resolve' | 'login';

const RATE_LIMIT_KEY = 'bridgecore:rate-limit';

/**
 * Limits the route per authenticated user (never per IP alone: many phones share a carrier NAT).
 * Login, which has no user yet, is limited per (client IP, login name) against password guessing.
 */
export const RateLimit = (bucket: RateLimitBucket) => SetMetadata(RATE_LIMIT_KEY, bucket);

/** Runs after AuthGuard. Counters live in Redis when configured, so every instance shares them. */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(ThrottlerStorage) private readonly storage: ThrottlerStorage,
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
        return { limit: r.loginPerMinute, ttlMs: 60_000 };
    }
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const bucket = this.reflector.getAllAndOverride<RateLimitBucket | undefined>(RATE_LIMIT_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!bucket || !this.config.rateLimits.enabled) return true;
    const req = context.switchToHttp().getRequest<AuthenticatedRequest & { ip?: string; body?: Record<string, unknown> }>();
    const key = this.keyFor(bucket, req);
    if (!key) return true;
    const { limit, ttlMs } = this.limitFor(bucket);
    const record = await this.storage.increment(key, ttlMs, limit, ttlMs, bucket);
    const res = context.switchToHttp().getResponse<Response>();
    res.setHeader('X-RateLimit-Limit', String(limit));
    res.setHeader('X-RateLimit-Remaining', String(Math.max(0, limit - record.totalHits)));
    res.setHeader('X-RateLimit-Reset', String(record.timeToExpire));
    if (record.isBlocked || record.totalHits > limit) {
      throw new RateLimited(Math.max(1, record.isBlocked ? record.timeToBlockExpire : record.timeToExpire), { bucket, limit });
    }
    return true;
  }

  /** Counter keys start with REDIS_PREFIX like every other key (the Redis storage has no prefix of its own). */
  private keyFor(bucket: RateLimitBucket, req: AuthenticatedRequest & { ip?: string; body?: Record<string, unknown> }): string | undefined {
    const prefix = this.config.redisPrefix;
    if (bucket === 'login') {
      const text = (v: unknown) => (typeof v === 'string' ? v.toLowerCase() : '');
      const name = text(req.body?.username ?? req.body?.email);
      const system = text(req.body?.system_id ?? req.body?.database);
      return `${prefix}rl:login:${system}:${req.ip ?? 'unknown'}:${name}`;
    }
    return req.user ? `${prefix}rl:${req.user.tenantId}:${req.user.userId}:${bucket}` : undefined;
  }
}
