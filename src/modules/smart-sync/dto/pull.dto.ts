import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import { IsZonedDateTime, MAX_ODOO_ID } from '../../../common/validators';
import { numericString } from './transforms';

export const MODEL_NAME = /^[a-z0-9_.]{1,128}$/;

export class DeviceQueryDto {
  @ApiProperty({ example: 2, description: 'Odoo user id; must be the authenticated user. Number or numeric string.' })
  @Transform(numericString)
  @IsInt()
  @Min(1)
  @Max(MAX_ODOO_ID)
  user_id!: number;

  @ApiProperty({ example: 'iphone-abc123' })
  @IsString()
  @Length(1, 255)
  device_id!: string;
}

export class PullRequestDto extends DeviceQueryDto {
  @ApiPropertyOptional({ example: 'sales_app', description: "Missing: the tenant's default app type" })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  app_type?: string;

  @ApiPropertyOptional({ example: 100, minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Transform(numericString)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ example: ['sale.order'], description: 'Narrows the app type; models outside it are ignored' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @Matches(MODEL_NAME, { each: true })
  models_filter?: string[];

  @ApiPropertyOptional({ description: 'Alias of models_filter (Flutter SDK)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @Matches(MODEL_NAME, { each: true })
  models?: string[];

  @ApiPropertyOptional({
    type: String,
    example: '525',
    description: 'The last next_sync_token the device durably applied: the pull starts there and records it',
  })
  // Checked by the service, so anything malformed gets INVALID_SYNC_TOKEN rather than a generic error.
  @IsOptional()
  ack_token?: unknown;
}


/** A check-updates sync_token: a decimal event id up to 2^53-1. */
const SINCE_TOKEN = /^\d{1,15}$/;

export class CheckUpdatesQueryDto {
  @ApiPropertyOptional({
    example: '525',
    description:
      "The previous answer's sync_token (exact), or an ISO date-time with a zone compared with when changes were " +
      "logged (the previous last_update_at). Missing: since the start of retained history",
  })
  @IsOptional()
  @ValidateIf((o: CheckUpdatesQueryDto) => !(typeof o.since === 'string' && SINCE_TOKEN.test(o.since)))
  @IsZonedDateTime({ message: 'since must be a sync_token (decimal) or an ISO-8601 date-time with a zone, e.g. 2025-11-16T10:25:00Z' })
  since?: string;

  @ApiPropertyOptional({ example: 50, minimum: 1, maximum: 500, default: 100, description: 'Most models listed' })
  @IsOptional()
  @Transform(numericString)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

/** The Flutter SDK's hasUpdates query: each parameter only when the app passes it (its README passes none). */
export class PendingUpdatesQueryDto {
  @ApiPropertyOptional({ example: 2, description: 'When given, must be the authenticated user' })
  @IsOptional()
  @Transform(numericString)
  @IsInt()
  @Min(1)
  @Max(MAX_ODOO_ID)
  user_id?: number;

  @ApiPropertyOptional({ example: 'iphone-abc123', description: "Missing: the caller's own device (X-Device-Id, else its login session's last pulled device, else 'default')" })
  @IsOptional()
  @IsString()
  @Length(1, 255)
  device_id?: string;

  @ApiPropertyOptional({ example: 'sales_app', description: "Missing: the device's app type, else the tenant's default" })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  app_type?: string;
}
