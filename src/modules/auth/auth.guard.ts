import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { MissingCredentials } from './auth.errors';
import type { AuthenticatedRequest, AuthUser } from './auth.types';
import { OdooSessionValidator } from './odoo-session.validator';
import { bearerToken } from '../tokens/bearer-token';
import { TokenService } from '../tokens/token.service';

/** Authenticates a request by `Authorization: Bearer <access token>` or `X-Session-Id: <Odoo session>`. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly tokens: TokenService,
    private readonly sessions: OdooSessionValidator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<AuthenticatedRequest & { ip?: string }>();
    req.user = await this.authenticate(req.headers, req.ip ?? 'unknown');
    return true;
  }

  /** `clientIp` limits how many unknown Odoo sessions one client may have checked against Odoo. */
  async authenticate(headers: AuthenticatedRequest['headers'], clientIp: string): Promise<AuthUser> {
    const token = bearerToken(headers.authorization);
    if (token) return this.tokens.verifyAccess(token);
    const session = headers['x-session-id'];
    if (typeof session === 'string' && session !== '') {
      const tenant = headers['x-tenant-id'] ?? headers['x-system-id'];
      return this.sessions.validate(session, typeof tenant === 'string' ? tenant : undefined, clientIp);
    }
    throw new MissingCredentials();
  }
}
