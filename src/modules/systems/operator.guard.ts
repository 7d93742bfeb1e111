import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import { AppConfig } from '../../config/app.config';
import { APP_CONFIG } from '../../config/config.module';
import { bearerToken } from '../tokens/bearer-token';
import { TokenService } from '../tokens/token.service';
import { InvalidAdminKey, OperatorKeyMissing, OperatorOnly } from './systems.errors';

/** Compares secrets in constant time; hashing first hides the length of the expected value too. */
export function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/**
 * Operator-only routes: `X-Admin-Key: <ADMIN_API_KEY>`. No credentials → 401; an app user's
 * valid token → 403 (authenticated, but not an operator).
 */
@Injectable()
export class OperatorGuard implements CanActivate {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tokens: TokenService,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const headers = context.switchToHttp().getRequest<Request>().headers;
    const key = headers['x-admin-key'];
    if (typeof key === 'string' && key !== '') {
      if (sameSecret(key, this.config.secrets.adminApiKey)) return true;
      throw new InvalidAdminKey();
    }
    const token = bearerToken(headers.authorization);
    if (token) {
      this.tokens.verifyAccess(token);
      throw new OperatorOnly();
    }
    if (typeof headers['x-session-id'] === 'string') throw new OperatorOnly();
    throw new OperatorKeyMissing();
  }
}
