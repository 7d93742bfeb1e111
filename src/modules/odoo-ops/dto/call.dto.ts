import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsInt, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

/** Odoo model names: `sale.order`, `x_custom.model`. */
export const MODEL = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/;
/** Python identifiers: the allow-list decides which are callable. */
const METHOD = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `POST /api/v1/odoo/call_kw`, as the Flutter SDK's Odoo service sends it. */
export class CallKwDto {
  @ApiProperty({ example: 'sale.order' })
  @IsString()
  @MaxLength(128)
  @Matches(MODEL, { message: 'model must be an Odoo model name' })
  model!: string;

  @ApiProperty({ example: 'search_read' })
  @IsString()
  @MaxLength(128)
  @Matches(METHOD, { message: 'method must be a method name' })
  method!: string;

  @ApiPropertyOptional({ example: [], description: 'Positional arguments (default [])' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10_000)
  args?: unknown[];

  @ApiPropertyOptional({ example: { domain: [['state', '=', 'draft']], fields: ['name', 'amount_total'], limit: 80 } })
  @IsOptional()
  @IsObject()
  kwargs?: Record<string, unknown>;
}

/** `POST /api/v1/odoo/call_method`: a method on records (`ids`), e.g. a button such as `action_confirm`. */
export class CallMethodDto extends CallKwDto {
  @ApiPropertyOptional({ example: [42], description: 'The records the method runs on (its first argument)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10_000)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(2_147_483_647, { each: true })
  ids?: number[];

  @ApiPropertyOptional({ example: { lang: 'en_US' }, description: 'Merged into kwargs.context' })
  @IsOptional()
  @IsObject()
  context?: Record<string, unknown>;
}
