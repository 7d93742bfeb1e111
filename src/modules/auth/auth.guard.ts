import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { SystemsService } from '../systems/systems.service';
import { MissingCredentials, TenantDisconnected, UnknownTenant } from './auth.errors';
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
    private readonly systems: SystemsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<AuthenticatedRequest & { ip?: string }>();
    req.user = await this.authenticate(req.headers, req.ip ?? 'unknown');
    return true;
  }

  /** `clientIp` limits how many unknown Odoo sessions one client may have checked against Odoo. */
  async authenticate(headers: AuthenticatedRequest['headers'], clientIp: string): Promise<AuthUser> {
    const token = bearerToken(headers.authorization);
    if (token) {
      const user = this.tokens.verifyAccess(token);
      await this.assertServed(user.tenantId);
      return user;
    }
    const session = headers['x-session-id'];
    if (typeof session === 'string' && session !== '') {
      const tenant = headers['x-tenant-id'] ?? headers['x-system-id'];
      return this.sessions.validate(session, typeof tenant === 'string' ? tenant : undefined, clientIp);
    }
    throw new MissingCredentials();
  }

  /**
   * A tenant exists by its connected Odoo system, whose rights decide every read: a correctly signed token naming
   * any other tenant is a credential problem (401), never a tenant without rights to enforce. A disconnected one
   * answers 403, so the SDK keeps its tokens for when the system is connected again.
   */
  private async assertServed(tenantId: string): Promise<void> {
    const state = await this.systems.connectionState(tenantId);
    if (state === 'unknown') throw new UnknownTenant(tenantId);
    if (state === 'disconnected') throw new TenantDisconnected();
  }
}
