/**
 * Domain errors: services throw these (never HTTP exceptions) so the same logic serves HTTP,
 * sockets and background jobs. The global filter turns `kind` into a status and writes
 * `{error: <class name>, message, code, details}`.
 */
export type ErrorKind =
  | 'validation'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'gone'
  | 'too_large'
  | 'rate_limited'
  | 'bad_gateway'
  | 'unavailable'
  | 'timeout';

export abstract class DomainError extends Error {
  abstract readonly kind: ErrorKind;
  abstract readonly code: string;
  /** Seconds after which a retry may succeed; sent as Retry-After. */
  retryAfterSeconds?: number;

  constructor(
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationFailed extends DomainError {
  readonly kind = 'validation';
  readonly code = 'VALIDATION_ERROR';
}

export class Unauthorized extends DomainError {
  readonly kind = 'unauthorized';
  readonly code: string;
  constructor(message = 'Authentication required', code = 'UNAUTHORIZED', details: Record<string, unknown> = {}) {
    super(message, details);
    this.code = code;
  }
}

export class Forbidden extends DomainError {
  readonly kind = 'forbidden';
  readonly code: string;
  constructor(message = 'Not allowed', code = 'FORBIDDEN', details: Record<string, unknown> = {}) {
    super(message, details);
    this.code = code;
  }
}

export class NotFound extends DomainError {
  readonly kind = 'not_found';
  readonly code: string;
  constructor(message = 'Not found', code = 'NOT_FOUND', details: Record<string, unknown> = {}) {
    super(message, details);
    this.code = code;
  }
}

export class RateLimited extends DomainError {
  readonly kind = 'rate_limited';
  readonly code = 'RATE_LIMITED';
  constructor(retryAfterSeconds: number, details: Record<string, unknown> = {}) {
    super(`Too many requests; retry in ${retryAfterSeconds} s`, details);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export const STATUS_BY_KIND: Record<ErrorKind, number> = {
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  too_large: 413,
  rate_limited: 429,
  bad_gateway: 502,
  unavailable: 503,
  timeout: 504,
};
