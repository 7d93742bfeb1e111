import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateBy,
  ValidateIf,
  ValidateNested,
  type ValidationOptions,
} from 'class-validator';
import { MAX_ODOO_ID } from '../../../common/validators';
import { CONFLICT_STRATEGIES, type ConflictStrategy } from '../conflict-resolver';
import { isLocalRef, type LocalRef } from '../dependency-order';
import type { ChangeAction } from '../offline-sync.types';

/** Odoo model names: `res.partner`, `sale.order.line`, `x_custom`. */
export const MODEL_NAME = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/;

const IsRecordRef = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isRecordRef',
      validator: {
        validate: (v: unknown) =>
          (typeof v === 'number' && Number.isInteger(v) && v > 0 && v <= MAX_ODOO_ID) || (isLocalRef(v) && v.$local.length > 0 && v.$local.length <= 128),
        defaultMessage: () => `record_id must be an integer from 1 to ${MAX_ODOO_ID} or {"$local": "<local_id>"}`,
      },
    },
    options,
  );

const IsVersion = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isVersion',
      validator: {
        validate: (v: unknown) => (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && v.length <= 64),
        defaultMessage: () => 'version must be a number or a write_date string',
      },
    },
    options,
  );

const IsAdvisoryPriority = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isAdvisoryPriority',
      validator: {
        validate: (v: unknown) => ['high', 'medium', 'low'].includes(v as string) || (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 10),
        defaultMessage: () => 'priority must be high, medium, low or an integer 0..10',
      },
    },
    options,
  );

export class ChangeDto {
  @ApiProperty({ example: 'order-1', description: 'Client-side id of this change, unique per device (e.g. a UUID)' })
  @IsString()
  @Length(1, 128)
  local_id!: string;

  @ApiProperty({ enum: ['create', 'update', 'delete'] })
  @IsIn(['create', 'update', 'delete'])
  action!: ChangeAction;

  @ApiProperty({ example: 'sale.order' })
  @IsString()
  @Length(1, 128)
  @Matches(MODEL_NAME, { message: 'model must be an Odoo model name such as res.partner' })
  model!: string;

  @ApiPropertyOptional({ example: 42, description: 'Required for update/delete: a server id or {"$local": "<local_id>"}' })
  @ValidateIf((c: ChangeDto) => c.action !== 'create' || (c.record_id !== undefined && c.record_id !== null))
  @IsRecordRef()
  record_id?: number | LocalRef | null;

  @ApiPropertyOptional({
    example: { partner_id: { $local: 'cust-1' }, order_line: [[0, 0, { product_id: 5, product_uom_qty: 2 }]] },
    description: 'Field values; {"$local": "<local_id>"} anywhere is replaced by that change\'s server id',
  })
  @ValidateIf((c: ChangeDto) => c.action !== 'delete' || (c.data !== undefined && c.data !== null))
  @IsObject()
  data?: Record<string, unknown> | null;

  @ApiPropertyOptional({ example: '2026-11-22T10:30:00Z', description: 'When the change was made offline' })
  @IsOptional()
  @IsISO8601()
  local_timestamp?: string;

  @ApiPropertyOptional({ example: '2026-11-22 10:00:00', description: 'The write_date the client based its edit on (an integer is ignored)' })
  @IsOptional()
  @IsVersion()
  version?: number | string;

  @ApiPropertyOptional({ description: 'The values the client started from (with write_date): enables per-field merge' })
  @IsOptional()
  @IsObject()
  base_data?: Record<string, unknown>;

  @ApiPropertyOptional({ example: ['phone'], description: 'Only these fields of data are written' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  fields_changed?: string[];

  @ApiPropertyOptional({ description: 'Advisory only' })
  @IsOptional()
  @IsAdvisoryPriority()
  priority?: string | number;

  @ApiPropertyOptional({ example: ['cust-1'], description: 'local_ids that must be applied first' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  @Length(1, 128, { each: true })
  dependencies?: string[];

  @ApiPropertyOptional({ description: 'For conflict_strategy "merge": values that win over both sides' })
  @IsOptional()
  @IsObject()
  merged_data?: Record<string, unknown>;
}

export class PushDto {
  @ApiProperty({ example: 'iphone-abc123' })
  @IsString()
  @Length(1, 128)
  device_id!: string;

  @ApiProperty({ type: [ChangeDto], description: 'At most 1000 changes' })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ChangeDto)
  changes!: ChangeDto[];

  @ApiPropertyOptional({ enum: CONFLICT_STRATEGIES, default: 'server_wins' })
  @IsOptional()
  @IsIn(CONFLICT_STRATEGIES)
  conflict_strategy?: ConflictStrategy;

  @ApiPropertyOptional({ default: false, description: 'Run one by one and skip everything after the first error' })
  @IsOptional()
  @IsBoolean()
  stop_on_error?: boolean;

  @ApiPropertyOptional({ description: 'Accepted for compatibility; the server picks its own concurrency' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  batch_size?: number;
}
