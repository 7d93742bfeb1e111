import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { CallKwDto, MODEL } from './call.dto';

/**
 * The bodies of the Flutter SDK's dedicated Odoo routes (bridgecore-flutter.md §5C), each the arguments of one Odoo
 * method. Every one names its model; ids are Odoo ids; Odoo checks the rest.
 */
const MAX_ITEMS = 10_000;
const MAX_ID = 2_147_483_647;

export class SdkModelDto {
  @ApiProperty({ example: 'res.partner' })
  @IsString()
  @MaxLength(128)
  @Matches(MODEL, { message: 'model must be an Odoo model name' })
  model!: string;
}

const Ids = (): PropertyDecorator => (target, key) => {
  for (const d of [IsArray(), ArrayMaxSize(MAX_ITEMS), IsInt({ each: true }), Min(1, { each: true }), Max(MAX_ID, { each: true })]) d(target, key);
};
const Domain = (): PropertyDecorator => (target, key) => {
  for (const d of [IsOptional(), IsArray(), ArrayMaxSize(MAX_ITEMS)]) d(target, key);
};
const Fields = (): PropertyDecorator => (target, key) => {
  for (const d of [IsOptional(), IsArray(), ArrayMaxSize(MAX_ITEMS), IsString({ each: true })]) d(target, key);
};
const Count = (): PropertyDecorator => (target, key) => {
  for (const d of [IsOptional(), IsInt(), Min(0)]) d(target, key);
};

export class SdkSearchDto extends SdkModelDto {
  @ApiPropertyOptional({ example: [['is_company', '=', true]] }) @Domain() domain?: unknown[];
  @ApiPropertyOptional({ example: ['name', 'phone'] }) @Fields() fields?: string[];
  @ApiPropertyOptional({ example: 80 }) @Count() limit?: number;
  @ApiPropertyOptional({ example: 0 }) @Count() offset?: number;
  @ApiPropertyOptional({ example: 'name asc' }) @IsOptional() @IsString() @MaxLength(512) order?: string;
}

export class SdkIdsDto extends SdkModelDto {
  @ApiProperty({ example: [7] }) @Ids() ids!: number[];
}

export class SdkReadDto extends SdkIdsDto {
  @ApiPropertyOptional({ example: ['name', 'phone'] }) @Fields() fields?: string[];
}

export class SdkValuesListDto extends SdkModelDto {
  @ApiProperty({ example: [{ name: 'Café Atlas' }] })
  @IsArray()
  @ArrayMaxSize(MAX_ITEMS)
  @IsObject({ each: true })
  values_list!: Record<string, unknown>[];
}

export class SdkSaveDto extends SdkModelDto {
  @ApiProperty({ example: [{ id: 7, phone: '+212 600' }, { id: 0, name: 'New' }], description: 'id 0 or none: a new record' })
  @IsArray()
  @ArrayMaxSize(MAX_ITEMS)
  @IsObject({ each: true })
  records!: Record<string, unknown>[];
}

export class SdkUpdateDto {
  @ApiProperty({ example: 7 }) @IsInt() @Min(1) @Max(MAX_ID) id!: number;
  @ApiProperty({ example: { phone: '+212 600' } }) @IsObject() values!: Record<string, unknown>;
}

export class SdkBatchWriteDto extends SdkModelDto {
  @ApiProperty({ type: [SdkUpdateDto] })
  @IsArray()
  @ArrayMaxSize(MAX_ITEMS)
  @ValidateNested({ each: true })
  @Type(() => SdkUpdateDto)
  updates!: SdkUpdateDto[];
}

export class SdkBatchExecuteDto {
  @ApiProperty({
    example: [{ method: 'search_count', model: 'res.partner', domain: [] }],
    description: 'Each a call_kw: model, method, args?, kwargs?; any other key is a keyword argument',
  })
  @IsArray()
  @ArrayMaxSize(100)
  @IsObject({ each: true })
  operations!: Record<string, unknown>[];
}

export class SdkOnchangeDto extends SdkIdsDto {
  @ApiProperty({ example: { partner_id: 7 } }) @IsObject() values!: Record<string, unknown>;
  @ApiProperty({ example: 'partner_id', description: 'The field that changed' }) @IsString() @MaxLength(128) field!: string;
  @ApiPropertyOptional({ example: { partner_id: '1', pricelist_id: '' }, description: 'The fields to answer (their values are not used)' })
  @IsOptional()
  @IsObject()
  spec?: Record<string, unknown>;
}

export class SdkDefaultGetDto extends SdkModelDto {
  @ApiProperty({ example: ['state', 'date_order'] }) @IsArray() @ArrayMaxSize(MAX_ITEMS) @IsString({ each: true }) fields!: string[];
}

export class SdkReadGroupDto extends SdkModelDto {
  @ApiProperty({ example: [] }) @IsArray() @ArrayMaxSize(MAX_ITEMS) domain!: unknown[];
  @ApiProperty({ example: ['amount_total:sum'] }) @IsArray() @ArrayMaxSize(MAX_ITEMS) @IsString({ each: true }) fields!: string[];
  @ApiProperty({ example: ['user_id'] }) @IsArray() @ArrayMaxSize(16) @IsString({ each: true }) groupby!: string[];
  @ApiPropertyOptional() @Count() offset?: number;
  @ApiPropertyOptional() @Count() limit?: number;
  @ApiPropertyOptional({ example: 'user_id' }) @IsOptional() @IsString() @MaxLength(512) orderby?: string;
  @ApiPropertyOptional({ example: true }) @IsOptional() @IsBoolean() lazy?: boolean;
}

export class SdkCopyDto extends SdkModelDto {
  @ApiProperty({ example: 7 }) @IsInt() @Min(1) @Max(MAX_ID) id!: number;
  @ApiPropertyOptional({ example: { name: 'Copy' } }) @IsOptional() @IsObject() default?: Record<string, unknown>;
}

export class SdkNameSearchDto extends SdkModelDto {
  @ApiProperty({ example: 'Atlas' }) @IsString() @MaxLength(1024) name!: string;
  @ApiPropertyOptional({ example: [] }) @Domain() domain?: unknown[];
  @ApiPropertyOptional({ example: 100 }) @Count() limit?: number;
}

export class SdkNameCreateDto extends SdkModelDto {
  @ApiProperty({ example: 'Café Atlas' }) @IsString() @MaxLength(1024) name!: string;
}

export class SdkAccessRightsDto extends SdkModelDto {
  @ApiProperty({ enum: ['read', 'write', 'create', 'unlink'] }) @IsIn(['read', 'write', 'create', 'unlink']) operation!: string;
  @ApiPropertyOptional({ example: false }) @IsOptional() @IsBoolean() raise_exception?: boolean;
}

const ViewRef = (): PropertyDecorator => (target, key) => {
  for (const d of [IsOptional(), IsInt(), Min(1), Max(MAX_ID)]) d(target, key);
};

export class SdkViewsDto extends SdkModelDto {
  @ApiProperty({ example: [[false, 'form']], description: '[view id or false, view type] pairs' }) @IsArray() @ArrayMaxSize(32) views!: unknown[];
  @ApiPropertyOptional({ example: { load_filters: false } }) @IsOptional() @IsObject() options?: Record<string, unknown>;
}

export class SdkViewDto extends SdkModelDto {
  @ApiPropertyOptional({ example: null, nullable: true }) @ViewRef() view_id?: number | null;
  @ApiProperty({ example: 'form' }) @IsString() @MaxLength(64) view_type!: string;
}

/** fields_view_get: gone since Odoo 17; accepted as the SDK sends it and answered as Odoo answers. */
export class SdkFieldsViewGetDto extends SdkViewDto {
  @ApiPropertyOptional() @IsOptional() @IsBoolean() toolbar?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() submenu?: boolean;
}

/** The call an SDK route stands for: a call_kw. */
export type OdooCall = Required<Pick<CallKwDto, 'model' | 'method' | 'args' | 'kwargs'>>;
