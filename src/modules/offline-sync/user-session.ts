import type { AuthUser } from '../auth/auth.types';
import type { UserOdooService } from '../auth/user-odoo.service';
import type { OdooClient } from '../odoo/odoo.client';
import { OdooUserSessionExpired } from '../odoo/odoo.errors';

/** The Odoo client acting as the user; when Odoo no longer knows their session, their BridgeCore session ends too. */
export async function userClient(userOdoo: UserOdooService, user: AuthUser): Promise<OdooClient> {
  try {
    return await userOdoo.clientFor(user);
  } catch (error) {
    if (error instanceof OdooUserSessionExpired) await userOdoo.sessionExpired(user);
    throw error;
  }
}

/** The user's Odoo session is gone: end their BridgeCore session too and tell the app to log in again. */
export async function endSession(userOdoo: UserOdooService, user: AuthUser): Promise<never> {
  await userOdoo.sessionExpired(user);
  throw new OdooUserSessionExpired();
}
