import { ApiProperty } from '@nestjs/swagger';
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
