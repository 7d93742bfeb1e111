import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';

export class SourcesDto {
  @ApiPropertyOptional({ oneOf: [{ type: 'string', enum: ['auto'] }, { type: 'boolean' }], default: 'auto' })
  @IsOptional()
  @IsIn(['auto', true, false])
  update_webhook?: 'auto' | boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  write_date?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  webhook?: boolean;
}

export class SystemOptionsDto {
  @ApiPropertyOptional({ type: SourcesDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => SourcesDto)
  sources?: SourcesDto;

  @ApiPropertyOptional({ example: ['sale.order', 'res.partner'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  @Matches(/^[a-z_][a-z0-9_.]*$/, { each: true, message: 'each tracked model must be an Odoo model name like sale.order' })
  tracked_models?: string[];

  @ApiPropertyOptional({ example: { 'sale.order': 'high' } })
  @IsOptional()
  @IsObject()
  model_priorities?: Record<string, 'high' | 'medium' | 'low'>;

  @ApiPropertyOptional({ example: 'sales_app' })
  @IsOptional()
  @IsString()
  default_app_type?: string;
}

export class ConnectSystemDto {
  @ApiProperty({ example: 'https://erp.example.com' })
  @IsString()
  @MaxLength(2048)
  url!: string;

  @ApiProperty({ example: 'production' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  database!: string;

  @ApiProperty({ example: 'bridgecore-service' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  username!: string;

  @ApiProperty({ description: 'Stored encrypted (AES-256-GCM); never returned.', writeOnly: true })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1024)
  password!: string;

  @ApiProperty({ enum: ['odoo'] })
  @IsIn(['odoo'])
  system_type!: 'odoo';

  @ApiPropertyOptional({ enum: ['jsonrpc', 'xmlrpc'], default: 'jsonrpc' })
  @IsOptional()
  @IsIn(['jsonrpc', 'xmlrpc'])
  protocol?: 'jsonrpc' | 'xmlrpc';

  @ApiPropertyOptional({ example: 'Production ERP' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ type: SystemOptionsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => SystemOptionsDto)
  options?: SystemOptionsDto;

  @ApiPropertyOptional({ description: 'HMAC-SHA256 secret for signed webhook deliveries; stored encrypted, never returned.', writeOnly: true })
  @IsOptional()
  @IsString()
  @MinLength(16)
  @MaxLength(512)
  webhook_secret?: string;

  @ApiPropertyOptional({ description: "The auto-webhook addon's bearer token / API key; stored encrypted, never returned.", writeOnly: true })
  @IsOptional()
  @IsString()
  @MinLength(16)
  @MaxLength(512)
  webhook_api_key?: string;
}
