import { DomainError } from '../../common/errors';

/** Which Odoo exception it was, when Odoo said (never the traceback, never a password). */
export type OdooErrorDetails = { odoo_exception?: string };

/**
 * What went wrong in Odoo, as domain errors. Every error keeps Odoo's own message and says whether
 * retrying later can help.
 */
export abstract class OdooError extends DomainError<OdooErrorDetails> {
  /** True when the same call may succeed later (Odoo down, slow); false for business rejections. */
  abstract readonly retryable: boolean;

  constructor(message: string, details: OdooErrorDetails = {}) {
    super(message, details);
  }
}

/** The configured service user's credentials are refused: an operator must fix the system. */
export class OdooAuthenticationError extends OdooError {
  readonly kind = 'bad_gateway';
  readonly code = 'ODOO_AUTHENTICATION_FAILED';
  readonly retryable = false;
}

/**
 * Odoo refuses every web login from BridgeCore's address for a while (too many failed logins from it), whatever
 * the password: Odoo 18 answers AccessDenied "Too many login failures, please wait a bit before trying again."
 */
export class OdooLoginCooldown extends OdooError {
  readonly kind = 'rate_limited';
  readonly code = 'ODOO_LOGIN_COOLDOWN';
  readonly retryable = true;
  constructor(retryAfterSeconds: number) {
    super(`Odoo refuses logins for a while after too many failed ones; retry in ${retryAfterSeconds} s`, {
      odoo_exception: 'odoo.exceptions.AccessDenied',
    });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** Odoo's AccessError: the user's rights (model access, record rules) refuse the operation. */
export class OdooAccessError extends OdooError {
  readonly kind = 'forbidden';
  readonly code = 'ODOO_ACCESS_DENIED';
  readonly retryable = false;
}

export class OdooMissingError extends OdooError {
  readonly kind = 'not_found';
  readonly code = 'ODOO_RECORD_MISSING';
  readonly retryable = false;
}

/** UserError, ValidationError, unknown model or field: Odoo rejected the request as given. */
export class OdooValidationError extends OdooError {
  readonly kind = 'validation';
  readonly code = 'ODOO_VALIDATION_ERROR';
  readonly retryable = false;
}

export class OdooTimeoutError extends OdooError {
  readonly kind = 'timeout';
  readonly code = 'ODOO_TIMEOUT';
  readonly retryable = true;
  override retryAfterSeconds = 10;
}

export class OdooConnectionError extends OdooError {
  readonly kind = 'unavailable';
  readonly code = 'ODOO_UNAVAILABLE';
  readonly retryable = true;
  override retryAfterSeconds = 5;

  constructor(
    message: string,
    /** The request provably never reached Odoo (refused connection, HTTP 502/503): even a write may be resent. */
    readonly notSent = false,
  ) {
    super(message);
  }
}

/**
 * Two transactions touched the same rows (PostgreSQL's serialization failure, a lock that could not be taken, a
 * deadlock): Odoo rolled the call back, so nothing of it was kept and it may simply run again.
 */
export class OdooConcurrencyError extends OdooError {
  readonly kind = 'unavailable';
  readonly code = 'ODOO_CONCURRENT_UPDATE';
  readonly retryable = true;
  override retryAfterSeconds = 1;
}

/** Odoo no longer knows the session (JSON-RPC code 100); the service client re-authenticates once on it. */
export class OdooSessionExpiredError extends OdooError {
  readonly kind = 'bad_gateway';
  readonly code = 'ODOO_SERVICE_SESSION_EXPIRED';
  readonly retryable = true;
}

/**
 * The Odoo session a user's login obtained is gone (expired, logged out in Odoo): BridgeCore can no longer act
 * as the user, who must log in again. Retryable: nothing was executed, so the same change may run after that.
 */
export class OdooUserSessionExpired extends OdooError {
  readonly kind = 'unauthorized';
  readonly code = 'ODOO_SESSION_EXPIRED';
  readonly retryable = true;
  constructor(message = 'Your Odoo session has expired: log in again') {
    super(message);
  }
}

/** Anything else Odoo raised (a Python bug, an unknown method, a database error): not ours to retry. */
export class OdooServerError extends OdooError {
  readonly kind = 'bad_gateway';
  readonly code = 'ODOO_SERVER_ERROR';
  readonly retryable = false;
}

/** Odoo has no such method on the model (e.g. name_get and fields_view_get, gone since Odoo 17): the caller's mistake. */
export class OdooMethodMissing extends OdooError {
  readonly kind = 'validation';
  readonly code = 'ODOO_METHOD_NOT_FOUND';
  readonly retryable = false;
}

/** Odoo's words for a method the model does not have (fixtures/real/sdk-odoo.json). */
const METHOD_MISSING = /^The method '[^']+' does not exist$/;

/** An Odoo exception as either transport reports it. */
export interface OdooFault {
  /** Python qualified name, e.g. `odoo.exceptions.AccessError`, `builtins.ValueError`. */
  name: string;
  message: string;
  /** JSON-RPC `error.code` (200, or 100 for session expiry) or XML-RPC `faultCode`. */
  code?: number | string;
}

/** psycopg2's names for a transaction rolled back by a concurrent one (TransactionRollbackError and its kind). */
const CONCURRENCY_NAMES = new Set([
  'psycopg2.errors.SerializationFailure',
  'psycopg2.errors.DeadlockDetected',
  'psycopg2.errors.LockNotAvailable',
  'psycopg2.extensions.TransactionRollbackError',
]);

/** The same conflicts as `load` reports them, in a row's message (fixtures/push-facts.json). */
const CONCURRENCY_MESSAGE = /could not serialize access|deadlock detected|could not obtain lock|lock timeout/i;

/** Whether an Odoo message (e.g. one of `load`'s) is a database conflict rather than a rejection of the data. */
export function isConcurrencyMessage(message: string): boolean {
  return CONCURRENCY_MESSAGE.test(message);
}

const VALIDATION_NAMES = new Set([
  'odoo.exceptions.UserError',
  'odoo.exceptions.ValidationError',
  'odoo.exceptions.RedirectWarning',
  'odoo.exceptions.except_orm',
  'builtins.ValueError',
]);

/** Maps an Odoo exception to the domain error services throw. */
export function toOdooError(fault: OdooFault): OdooError {
  const details = { odoo_exception: fault.name };
  const message = fault.message || 'Odoo Server Error';
  if (fault.name === 'odoo.http.SessionExpiredException' || fault.code === 100) {
    return new OdooSessionExpiredError(message, details);
  }
  switch (fault.name) {
    case 'odoo.exceptions.AccessDenied':
      return new OdooAuthenticationError(message, details);
    case 'odoo.exceptions.AccessError':
      return new OdooAccessError(message, details);
    case 'odoo.exceptions.MissingError':
      return new OdooMissingError(message, details);
  }
  if (fault.name === 'builtins.AttributeError' && METHOD_MISSING.test(message)) return new OdooMethodMissing(message, details);
  if (CONCURRENCY_NAMES.has(fault.name)) return new OdooConcurrencyError(message, details);
  if (VALIDATION_NAMES.has(fault.name)) return new OdooValidationError(message, details);
  return new OdooServerError(message, details);
}
