import { Injectable } from '@nestjs/common';
import { Unauthorized } from '../../common/errors';
import type { AuthUser } from './auth.types';

/**
 * Validates an Odoo session id (`X-Session-Id`) against the tenant's Odoo
 * (`/web/session/get_session_info`) and caches the answer briefly.
 */
@Injectable()
export class OdooSessionValidator {
  async validate(_sessionId: string, _tenantId?: string): Promise<AuthUser> {
    throw new Unauthorized('Odoo session authentication is not available', 'SESSION_AUTH_UNAVAILABLE');
  }
}
