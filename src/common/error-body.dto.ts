import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import type { ErrorBody } from './http-exception.filter';

/** The error body of every endpoint (SPEC §5), as written by HttpExceptionFilter. */
export class ErrorBodyDto implements ErrorBody {
  @ApiProperty({ example: 'SyncResetRequired', description: 'Error class name' })
  error!: string;

  @ApiProperty({ example: 'Events after 12 are no longer retained (oldest available is 480); reset and sync again' })
  message!: string;

  @ApiProperty({ example: 'SYNC_RESET_REQUIRED', description: 'Stable UPPER_SNAKE code: branch on this, not on the message' })
  code!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { cursor: 12, oldest_available: 480 },
    description: 'Context of the error: `fields` for validation errors, `request_id` for masked 500s',
  })
  details!: Record<string, unknown>;
}

/**
 * Documents one error status of an endpoint with the shared error body and a concrete example:
 * `@ApiErrorResponse(410, { error: 'SyncResetRequired', code: 'SYNC_RESET_REQUIRED', message: '…' })`.
 */
export function ApiErrorResponse(status: number, example: Omit<ErrorBody, 'details'> & { details?: Record<string, unknown> }, description?: string) {
  return applyDecorators(
    ApiResponse({
      status,
      description: description ?? example.message,
      content: { 'application/json': { schema: { $ref: getSchemaPath(ErrorBodyDto) }, example: { details: {}, ...example } } },
    }),
  );
}
