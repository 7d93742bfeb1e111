import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { AppConfig } from '../../config/app.config';
import { APP_CONFIG } from '../../config/config.module';
import { bearerToken } from '../tokens/bearer-token';
import { TokenService } from '../tokens/token.service';
import { CONSOLE_CSRF_HEADER, consoleSessionOf, validConsoleSession } from './console-session';
import { sameSecret } from './same-secret';
import { ConsoleHeaderMissing, ConsoleSessionInvalid, InvalidAdminKey, OperatorKeyMissing, OperatorOnly } from './systems.errors';

export { sameSecret } from './same-secret';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Operator-only routes (the systems API, the console's pages and JSON): `X-Admin-Key: <ADMIN_API_KEY>`, or the
 * console's session cookie (set by POST /console/login) with the `X-Console` header on anything that changes state.
 * No credentials → 401; an app user's valid token or Odoo session → 403 (authenticated, but not an operator),
 * whatever else the request carries.
 */
@Injectable()
export class OperatorGuard implements CanActivate {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tokens: TokenService,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    this.check(context.switchToHttp().getRequest<Request>());
    return true;
  }

  /** Throws unless the request is an operator's. */
  check(request: Pick<Request, 'headers' | 'method'>): void {
    const { headers } = request;
    const key = headers['x-admin-key'];
    if (typeof key === 'string' && key !== '') {
      if (sameSecret(key, this.config.secrets.adminApiKey)) return;
      throw new InvalidAdminKey();
    }
    const token = bearerToken(headers.authorization);
    if (token) {
      this.tokens.verifyAccess(token);
      throw new OperatorOnly();
    }
    if (typeof headers['x-session-id'] === 'string') throw new OperatorOnly();
    const session = consoleSessionOf(headers.cookie);
    if (session === undefined) throw new OperatorKeyMissing();
    if (!validConsoleSession(session, this.config.secrets.adminApiKey, Date.now())) throw new ConsoleSessionInvalid();
    if (!SAFE_METHODS.has(request.method) && headers[CONSOLE_CSRF_HEADER] === undefined) throw new ConsoleHeaderMissing();
  }
}
