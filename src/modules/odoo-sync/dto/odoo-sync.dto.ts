import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { MAX_ODOO_ID } from '../../../common/validators';
import { PRIORITIES, type Priority } from '../../feed/event.types';

const MODEL_NAME = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/;
const MAX_TOKEN = Number.MAX_SAFE_INTEGER;

/** Query strings are text: decimal ints and true/false become values to validate. */
const queryInt = ({ value }: { value: unknown }): unknown => (typeof value === 'string' && /^-?\d{1,16}$/.test(value) ? Number(value) : value);
const queryBool = ({ value }: { value: unknown }): unknown => (value === 'true' ? true : value === 'false' ? false : value);

/** OdooSyncService.pullEvents. */
export class FeedPullDto {
  @ApiPropertyOptional({
    example: 0,
    description:
      'The last_id of the last answer the device applied (0: nothing yet). Negative while it receives a snapshot. ' +
      "Missing: the device's recorded position",
  })
  @IsOptional()
  @IsInt()
  @Min(-MAX_TOKEN)
  @Max(MAX_TOKEN)
  last_event_id?: number;

  @ApiPropertyOptional({ example: 100, minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ example: ['sale.order'], description: "Narrows the app type's models; never widens them" })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @Matches(MODEL_NAME, { each: true })
  models?: string[];

  @ApiPropertyOptional({ enum: PRIORITIES, description: 'Only events of this priority (the position stops before the first other one)' })
  @IsOptional()
  @IsIn(PRIORITIES)
  priority?: Priority;

  @ApiPropertyOptional({ example: 'sales_app', description: "Missing: the device's last app type, else the tenant's default" })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  app_type?: string;
}

/** OdooSyncService.acknowledgeEvents. */
export class FeedAckDto {
  @ApiProperty({ example: [1201, 1202], description: 'The ids of the events of the last answer the device applied' })
  @IsArray()
  @ArrayMaxSize(1000)
  @IsInt({ each: true })
  event_ids!: number[];
}

/** The user and device a state call is about (the SDK names both in the body). */
class FeedDeviceDto {
  @ApiProperty({ example: 2, description: 'Must be the authenticated user' })
  @IsInt()
  @Min(1)
  @Max(MAX_ODOO_ID)
  user_id!: number;

  @ApiProperty({ example: 'iphone-abc123' })
  @IsString()
  @Length(1, 128)
  device_id!: string;
}

/** OdooSyncService.getSyncState. */
export class FeedStateDto extends FeedDeviceDto {
  @ApiPropertyOptional({ example: 'sales_app' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  app_type?: string;

  @ApiPropertyOptional({ description: 'Accepted, not stored' })
  @IsOptional()
  @IsString()
  @Length(0, 1000)
  device_info?: string;

  @ApiPropertyOptional({ description: 'Accepted, not stored' })
  @IsOptional()
  @IsString()
  @Length(0, 64)
  app_version?: string;
}

/** OdooSyncService.updateSyncState: the device records the position it applied. */
export class FeedStateUpdateDto extends FeedDeviceDto {
  @ApiProperty({ example: 1250, description: 'A last_id this server gave the device' })
  @IsInt()
  @Min(-MAX_TOKEN)
  @Max(MAX_TOKEN)
  last_event_id!: number;

  @ApiPropertyOptional({ example: 120, default: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  events_synced?: number;
}

/** The user a query-string call is about, and optionally the app type. */
class FeedUserQueryDto {
  @ApiProperty({ example: '2', description: 'Must be the authenticated user' })
  @Transform(queryInt)
  @IsInt()
  @Min(1)
  @Max(MAX_ODOO_ID)
  user_id!: number;

  @ApiPropertyOptional({ example: 'sales_app' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  app_type?: string;
}

/** OdooSyncService.getSyncStatistics. */
export class FeedStatsQueryDto extends FeedUserQueryDto {
  @ApiPropertyOptional({ example: 'iphone-abc123' })
  @IsOptional()
  @IsString()
  @Length(1, 128)
  device_id?: string;
}

/** OdooSyncService.smartPull: everything in the query. */
export class FeedSmartPullQueryDto extends FeedUserQueryDto {
  @ApiProperty({ example: 'iphone-abc123' })
  @IsString()
  @Length(1, 128)
  device_id!: string;

  @ApiPropertyOptional({ example: '100', default: 100 })
  @IsOptional()
  @Transform(queryInt)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({
    example: 'true',
    default: true,
    description: "true: the device's recorded position moves past the answer; false: it stays (ack or update the state)",
  })
  @IsOptional()
  @Transform(queryBool)
  @IsBoolean()
  auto_ack?: boolean;
}

/** OdooSyncService.getStatistics. */
export class FeedLogStatsQueryDto {
  @ApiPropertyOptional({ example: '7', default: 7 })
  @IsOptional()
  @Transform(queryInt)
  @IsInt()
  @Min(1)
  @Max(90)
  days?: number;
}
