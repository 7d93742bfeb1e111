import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { SyncBusy } from './admission';
import { DatabaseUnavailable, DomainError, ErrorDetails, STATUS_BY_KIND } from './errors';

export interface ErrorBody {
  error: string;
  message: string;
  code: string;
  details: Record<string, unknown>;
}

const CODE_BY_STATUS: Record<number, [string, string]> = {
  400: ['BadRequest', 'BAD_REQUEST'],
  401: ['Unauthorized', 'UNAUTHORIZED'],
  403: ['Forbidden', 'FORBIDDEN'],
  404: ['NotFound', 'NOT_FOUND'],
  405: ['MethodNotAllowed', 'METHOD_NOT_ALLOWED'],
  413: ['PayloadTooLarge', 'PAYLOAD_TOO_LARGE'],
  503: ['ServiceUnavailable', 'SERVICE_UNAVAILABLE'],
  415: ['UnsupportedMediaType', 'UNSUPPORTED_MEDIA_TYPE'],
  429: ['TooManyRequests', 'RATE_LIMITED'],
};

/** The body a domain error is answered with (also how the OpenAPI examples of domain errors are written). */
export function errorBody(error: DomainError<ErrorDetails>): ErrorBody {
  return { error: error.name, message: error.message, code: error.code, details: error.details };
}

/** body-parser errors carry a status and a type but are not HttpExceptions. */
interface ParserError {
  status: number;
  type: string;
  message: string;
}

function isParserError(e: unknown): e is ParserError {
  return typeof e === 'object' && e !== null && typeof (e as ParserError).status === 'number' && typeof (e as ParserError).type === 'string';
}

/** Maps every error to the body of SPEC §5; unknown errors become a masked 500 carrying the request id. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request & { id?: string }>();
    const { status, body, retryAfter } = this.describe(exception, req);
    if (res.headersSent) return;
    if (retryAfter !== undefined) res.setHeader('Retry-After', String(retryAfter));
    res.status(status).json(body);
  }

  describe(exception: unknown, req: { id?: string | number | object; method?: string; url?: string }): {
    status: number;
    body: ErrorBody;
    retryAfter?: number;
  } {
    if (exception instanceof DomainError) {
      const status = STATUS_BY_KIND[exception.kind];
      // A database outage is logged once by the database layer, and refused snapshot pages are counted in
      // sync_errors_total: neither once per request that meets it.
      if (status >= 500 && !(exception instanceof DatabaseUnavailable || exception instanceof SyncBusy)) this.logger.warn(`${exception.name} (${exception.code}): ${exception.message}`);
      return {
        status,
        retryAfter: exception.retryAfterSeconds,
        body: errorBody(exception),
      };
    }
    if (exception instanceof ThrottlerException) {
      return {
        status: 429,
        retryAfter: 60,
        body: { error: 'TooManyRequests', message: 'Too many requests', code: 'RATE_LIMITED', details: {} },
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const [error, code] = CODE_BY_STATUS[status] ?? ['HttpError', `HTTP_${status}`];
      // Structured bodies (e.g. terminus' failed health checks) are kept so callers see which check failed.
      const response = exception.getResponse();
      const details = typeof response === 'object' && response !== null && !('statusCode' in response) ? { ...response } : {};
      return { status, body: { error, message: exception.message, code, details } };
    }
    // body-parser errors other than bad JSON (which Nest maps to a BadRequestException), e.g. 413.
    if (isParserError(exception) && exception.status >= 400 && exception.status < 500) {
      const [error, code] = CODE_BY_STATUS[exception.status] ?? ['BadRequest', 'BAD_REQUEST'];
      return { status: exception.status, body: { error, message: exception.message, code, details: {} } };
    }
    const requestId = req.id === undefined ? undefined : String(req.id);
    this.logger.error(
      { err: exception, requestId, method: req.method, url: req.url },
      `Unhandled error on ${req.method} ${req.url}`,
    );
    return {
      status: HttpStatus.INTERNAL_SERVER_ERROR,
      body: {
        error: 'InternalServerError',
        message: 'An unexpected error occurred',
        code: 'INTERNAL_ERROR',
        details: requestId ? { request_id: requestId } : {},
      },
    };
  }
}
