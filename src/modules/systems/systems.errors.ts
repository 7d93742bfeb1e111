import { DomainError, FieldError, Forbidden, Unauthorized } from '../../common/errors';

export class SystemNotFound extends DomainError<{ system_id: string }> {
  readonly kind = 'not_found';
  readonly code = 'SYSTEM_NOT_FOUND';
  constructor(id: string) {
    super(`No connected system "${id}"`, { system_id: id });
  }
}

export class SystemNotConnected extends DomainError<{ system_id: string }> {
  readonly kind = 'conflict';
  readonly code = 'SYSTEM_NOT_CONNECTED';
  constructor(id: string) {
    super(`System "${id}" is disconnected; connect it again first`, { system_id: id });
  }
}

/** Connect was given credentials Odoo refuses: the operator's input, so a 400. */
/** Odoo 18 answers a login on a missing database with psycopg2's OperationalError: the operator's input too. */
export class OdooDatabaseMissing extends DomainError {
  readonly kind = 'validation';
  readonly code = 'ODOO_CREDENTIALS_REJECTED';
  constructor(database: string) {
    super(`Odoo has no database "${database}": check the database name`, {});
  }
}

export class OdooCredentialsRejected extends DomainError {
  readonly kind = 'validation';
  readonly code = 'ODOO_CREDENTIALS_REJECTED';
  constructor(username: string, database: string) {
    super(`Odoo refused user "${username}" on database "${database}": check the username, password and database`, {});
  }
}

export class InvalidSystemRequest extends DomainError<{ fields: FieldError[] }> {
  readonly kind = 'validation';
  readonly code = 'INVALID_SYSTEM';
}

export class OperatorKeyMissing extends Unauthorized {
  readonly code = 'UNAUTHORIZED';
  constructor() {
    super('Operator credentials required: send X-Admin-Key, or log in to the console at /console', {});
  }
}

export class InvalidAdminKey extends Unauthorized {
  readonly code = 'INVALID_ADMIN_KEY';
  constructor() {
    super('Invalid admin key', {});
  }
}

/** An app user's credentials on an operator route: authenticated, but not allowed. */
export class OperatorOnly extends Forbidden {
  readonly code = 'OPERATOR_ONLY';
  constructor() {
    super('Operator credentials required (X-Admin-Key)', {});
  }
}

export class ConsoleSessionInvalid extends Unauthorized {
  readonly code = 'CONSOLE_SESSION_INVALID';
  constructor() {
    super('The console session has expired or is not valid: log in again at /console', {});
  }
}

/** A state-changing console request without the X-Console header: what a forged cross-site request looks like. */
export class ConsoleHeaderMissing extends Forbidden {
  readonly code = 'CONSOLE_HEADER_REQUIRED';
  constructor() {
    super('Console requests that change something must carry the X-Console header', {});
  }
}
