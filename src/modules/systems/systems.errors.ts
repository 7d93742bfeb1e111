import { DomainError, NotFound } from '../../common/errors';

export class SystemNotFound extends NotFound {
  constructor(id: string) {
    super(`No connected system "${id}"`, 'SYSTEM_NOT_FOUND', { system_id: id });
  }
}

export class SystemNotConnected extends DomainError {
  readonly kind = 'conflict';
  readonly code = 'SYSTEM_NOT_CONNECTED';
  constructor(id: string) {
    super(`System "${id}" is disconnected; connect it again first`, { system_id: id });
  }
}

/** Connect was given credentials Odoo refuses: the operator's input, so a 400. */
export class OdooCredentialsRejected extends DomainError {
  readonly kind = 'validation';
  readonly code = 'ODOO_CREDENTIALS_REJECTED';
}

export class InvalidSystemRequest extends DomainError {
  readonly kind = 'validation';
  readonly code = 'INVALID_SYSTEM';
}
