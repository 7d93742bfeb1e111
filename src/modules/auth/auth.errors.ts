import { DomainError, Forbidden, Unauthorized } from '../../common/errors';

export class MissingCredentials extends Unauthorized {
  readonly code = 'UNAUTHORIZED';
  constructor() {
    super('Missing credentials: send Authorization: Bearer <access_token> or X-Session-Id', {});
  }
}

export class RefreshTokenMissing extends Unauthorized {
  readonly code = 'UNAUTHORIZED';
  constructor() {
    super('Send the refresh token as Authorization: Bearer <refresh_token>', {});
  }
}

export class InvalidSession extends Unauthorized {
  readonly code = 'INVALID_SESSION';
  constructor() {
    super('Invalid or expired Odoo session', {});
  }
}

/** An Odoo session named a tenant (X-Tenant-Id) that is not connected. */
export class UnknownTenant extends Unauthorized {
  readonly code = 'UNKNOWN_TENANT';
  constructor(tenantId: string) {
    super(`Unknown tenant "${tenantId}"`, {});
  }
}

/** An Odoo session id alone cannot say which of several systems issued it. */
export class TenantRequired extends Unauthorized {
  readonly code = 'TENANT_REQUIRED';
  constructor() {
    super('Several systems are connected: send X-Tenant-Id with X-Session-Id', {});
  }
}

/**
 * A 403, not a 401: the credentials are fine, the tenant is not available. A client that refreshes on
 * 401 (the Flutter SDK) would otherwise drop its tokens; "suspended" is what the SDK looks for in a 403.
 */
export class TenantDisconnected extends Forbidden {
  readonly code = 'TENANT_DISCONNECTED';
  constructor() {
    super('The system this token belongs to is no longer connected (tenant suspended)', {});
  }
}

/** Logout by access token needs the session it names; tokens from before sessions were named carry none. */
export class SessionNotNamed extends DomainError {
  readonly kind = 'validation';
  readonly code = 'SESSION_NOT_NAMED';
  constructor() {
    super('This access token names no login session: log out with the refresh token (Authorization: Bearer <refresh_token>)', {});
  }
}

export class InvalidCredentials extends DomainError {
  readonly kind = 'unauthorized';
  readonly code = 'INVALID_CREDENTIALS';
  constructor() {
    super('Invalid username or password', {});
  }
}

export class RefreshTokenReused extends DomainError {
  readonly kind = 'unauthorized';
  readonly code = 'REFRESH_TOKEN_REUSED';
  constructor() {
    super('This refresh token was already used; the session was revoked. Log in again.', {});
  }
}

export class TokenRevoked extends DomainError {
  readonly kind = 'unauthorized';
  readonly code = 'TOKEN_REVOKED';
  constructor() {
    super('This refresh token was revoked. Log in again.', {});
  }
}

export class UserMismatch extends DomainError<{ user_id: unknown; authenticated_user_id: number }> {
  readonly kind = 'forbidden';
  readonly code = 'USER_MISMATCH';
  constructor(requested: unknown, authenticated: number) {
    super(`user_id ${String(requested)} is not the authenticated user`, { user_id: requested, authenticated_user_id: authenticated });
  }
}

/** Several systems are connected and the request did not say which one. */
export class SystemRequired extends DomainError<{ systems: string[] }> {
  readonly kind = 'validation';
  readonly code = 'SYSTEM_REQUIRED';
}

/**
 * A fresh install: nobody has connected an Odoo yet, so there is nothing to log in to. A 404 like
 * SYSTEM_NOT_FOUND before it (the Flutter SDK retries 503s, and retrying cannot help here).
 */
export class NoSystemConnected extends DomainError<{ connected_systems: number }> {
  readonly kind = 'not_found';
  readonly code = 'NO_SYSTEM_CONNECTED';
  constructor() {
    super(
      'No Odoo system is connected to BridgeCore yet. An operator connects one with POST /systems/{system_id}/connect ' +
        '(header X-Admin-Key), or sets ODOO_URL, ODOO_DB, ODOO_USERNAME and ODOO_PASSWORD and restarts BridgeCore.',
      { connected_systems: 0 },
    );
  }
}
