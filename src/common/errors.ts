/**
 * Domain errors: services throw these (never HTTP exceptions) so the same logic serves HTTP,
 * sockets and background jobs. The global filter turns `kind` into a status and writes
 * `{error: <name>, message, code, details}`.
 *
 * One style everywhere: a class per error, declaring its `kind` and `code` as readonly fields and the
 * shape of its `details` as the type argument. Throw sites never spell a code.
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

/** What an error body's `details` may hold: a JSON object. */
export type ErrorDetails = Record<string, unknown>;
export type NoDetails = Record<string, never>;

export abstract class DomainError<Details extends ErrorDetails = NoDetails> extends Error {
  abstract readonly kind: ErrorKind;
  abstract readonly code: string;
  /** Seconds after which a retry may succeed; sent as Retry-After. */
  retryAfterSeconds?: number;

  constructor(
    message: string,
    readonly details: Details,
  ) {
    super(message);
    // The body's `error`: the class name, unless a base below fixes it.
    this.name = new.target.name;
  }
}

/**
 * The 401s of the authentication edge (missing, malformed, expired or unknown credentials). Their body
 * has always said `"error": "Unauthorized"` (the OpenAPI examples and clients show that name); the code
 * tells the cases apart.
 */
export abstract class Unauthorized<Details extends ErrorDetails = NoDetails> extends DomainError<Details> {
  readonly kind = 'unauthorized';
  override readonly name = 'Unauthorized';
}

/** As Unauthorized, for the 403s of the authentication edge: the body says `"error": "Forbidden"`. */
export abstract class Forbidden<Details extends ErrorDetails = NoDetails> extends DomainError<Details> {
  readonly kind = 'forbidden';
  override readonly name = 'Forbidden';
}

export interface FieldError {
  field: string;
  errors: string[];
}

/** The request failed its DTO's rules; `fields` lists every invalid field (nested ones as `changes.0.action`). */
export class ValidationFailed extends DomainError<{ fields: FieldError[] }> {
  readonly kind = 'validation';
  readonly code = 'VALIDATION_ERROR';
  constructor(fields: FieldError[]) {
    super(`Invalid request: ${fields.map((f) => `${f.field}: ${f.errors.join(', ')}`).join('; ')}`, { fields });
  }
}

export class RateLimited extends DomainError<{ bucket: string; limit: number }> {
  readonly kind = 'rate_limited';
  readonly code = 'RATE_LIMITED';
  constructor(retryAfterSeconds: number, details: { bucket: string; limit: number }) {
    super(`Too many requests; retry in ${retryAfterSeconds} s`, details);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/**
 * PostgreSQL cannot be reached (down, restarting, failing over, out of connections). Every route that needs the
 * database answers 503 with Retry-After meanwhile, and nothing the request asked for is reported as done. The
 * database layer logs the outage once; the driver's message (hosts, ports) is kept for that log, not the client.
 */
export class DatabaseUnavailable extends DomainError {
  readonly kind = 'unavailable';
  readonly code = 'DATABASE_UNAVAILABLE';
  override retryAfterSeconds = 5;

  constructor(readonly reason: string) {
    super('The database is unavailable; retry shortly', {});
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
