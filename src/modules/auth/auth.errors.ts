import { DomainError, Forbidden, Unauthorized } from '../../common/errors';

export class InvalidCredentials extends Unauthorized {
  constructor() {
    super('Invalid username or password', 'INVALID_CREDENTIALS');
  }
}

export class RefreshTokenReused extends Unauthorized {
  constructor() {
    super('This refresh token was already used; the session was revoked. Log in again.', 'REFRESH_TOKEN_REUSED');
  }
}

export class TokenRevoked extends Unauthorized {
  constructor() {
    super('This refresh token was revoked. Log in again.', 'TOKEN_REVOKED');
  }
}

export class UserMismatch extends Forbidden {
  constructor(requested: unknown, authenticated: number) {
    super(`user_id ${String(requested)} is not the authenticated user`, 'USER_MISMATCH', {
      user_id: requested,
      authenticated_user_id: authenticated,
    });
  }
}

/** Several systems are connected and the request did not say which one. */
export class SystemRequired extends DomainError {
  readonly kind = 'validation';
  readonly code = 'SYSTEM_REQUIRED';
}

/**
 * A fresh install: nobody has connected an Odoo yet, so there is nothing to log in to. A 404 like
 * SYSTEM_NOT_FOUND before it (the Flutter SDK retries 503s, and retrying cannot help here).
 */
export class NoSystemConnected extends DomainError {
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
