import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { MODEL_NAME } from './push.dto';

export class OfflinePullDto {
  @ApiProperty({ example: 'iphone-abc123' })
  @IsString()
  @Length(1, 128)
  device_id!: string;

  @ApiPropertyOptional({ example: 'sales_app', description: "Missing: the device's last app type, else the tenant default" })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  app_type?: string;

  @ApiPropertyOptional({ example: 1250, description: "Missing: the device's stored cursor" })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  last_event_id?: number;

  @ApiPropertyOptional({ example: ['sale.order'], description: 'Narrows the app type; never widens it' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @Matches(MODEL_NAME, { each: true })
  models_filter?: string[];

  @ApiPropertyOptional({ example: ['sale.order'], description: 'Alias of models_filter (Flutter SDK)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @Matches(MODEL_NAME, { each: true })
  models?: string[];

  @ApiPropertyOptional({
    example: '2025-12-20T01:02:03.456789',
    description:
      "Flutter SDK: accepted and not used. The server keeps the device's exact position in the log; a device-local " +
      'time without a zone could only approximate it',
  })
  @IsOptional()
  @IsString()
  @IsISO8601()
  since?: string;

  @ApiPropertyOptional({ example: 100, minimum: 1, maximum: 1000, description: 'Alias of limit (Flutter SDK)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  batch_size?: number;

  @ApiPropertyOptional({ example: ['high', 'medium'] })
  @IsOptional()
  @IsArray()
  @IsIn(['high', 'medium', 'low'], { each: true })
  priority_filter?: Array<'high' | 'medium' | 'low'>;

  @ApiPropertyOptional({ example: 100, minimum: 1, maximum: 1000, default: 100 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;

  @ApiPropertyOptional({ example: 0, default: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  offset?: number;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  include_payload?: boolean;

  @ApiPropertyOptional({ default: false, description: 'Adds metadata {source, user_id} to each event' })
  @IsOptional()
  @IsBoolean()
  include_metadata?: boolean;
}

export class DeviceQueryDto {
  @ApiProperty({ example: 'iphone-abc123' })
  @IsString()
  @Length(1, 128)
  device_id!: string;
}

/** Reset: the device in the query (BridgeCore) or in the body (Flutter SDK). */
export class OptionalDeviceDto {
  @ApiPropertyOptional({ example: 'iphone-abc123' })
  @IsOptional()
  @IsString()
  @Length(1, 128)
  device_id?: string;
}
