import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

const PUSH_STATUSES = ['in_progress', 'unconfirmed', 'success', 'conflict', 'error'] as const;

/** Tables page on the server: one page of at most 200 rows, then `next_cursor` for the next one. */
export class PageQuery {
  @ApiProperty({ example: 'demo', description: 'The system (tenant) id' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  system!: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: "The previous page's next_cursor" })
  @IsOptional()
  @IsString()
  @MaxLength(600)
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'cursor must be a next_cursor of a previous page' })
  cursor?: string;

  @ApiPropertyOptional({ example: 6, description: 'Only this Odoo user' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  user_id?: number;
}

export class DevicesQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'sales_app' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  app_type?: string;
}

export class PushesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: PUSH_STATUSES, description: '`conflict`: conflicts waiting for a resolution' })
  @IsOptional()
  @IsIn(PUSH_STATUSES)
  status?: (typeof PUSH_STATUSES)[number];

  @ApiPropertyOptional({ example: 'phone-1' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  device_id?: string;
}

/** Names one system (tenant). */
export class SystemRefDto {
  @ApiProperty({ example: 'demo' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  system!: string;
}

/** Names one device of a tenant. */
export class DeviceRefDto {
  @ApiProperty({ example: 'demo' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  system!: string;

  @ApiProperty({ example: 6 })
  @IsInt()
  @Min(1)
  user_id!: number;

  @ApiProperty({ example: 'phone-1' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  device_id!: string;
}

/** Names one pushed change of a device. */
export class ChangeRefDto extends DeviceRefDto {
  @ApiProperty({ example: 'order-1' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  local_id!: string;
}
