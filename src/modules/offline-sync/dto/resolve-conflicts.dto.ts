import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsObject, IsOptional, IsString, Length, ValidateIf, ValidateNested } from 'class-validator';
import { CONFLICT_STRATEGIES, type ConflictStrategy } from '../conflict-resolver';

export class ResolutionDto {
  @ApiProperty({ example: 'partner-edit-5' })
  @IsString()
  @Length(1, 128)
  local_id!: string;

  @ApiPropertyOptional({ enum: CONFLICT_STRATEGIES, example: 'client_wins', description: 'Required unless resolution is given' })
  @ValidateIf((r: ResolutionDto) => r.resolution === undefined)
  @IsIn(CONFLICT_STRATEGIES)
  strategy?: ConflictStrategy;

  @ApiPropertyOptional({
    enum: CONFLICT_STRATEGIES,
    description: 'The Flutter SDK spelling of strategy: a request using it is answered in the SDK shape',
  })
  @IsOptional()
  @IsIn(CONFLICT_STRATEGIES)
  resolution?: ConflictStrategy;

  @ApiPropertyOptional({ example: { phone: '+1 555 0100' } })
  @IsOptional()
  @IsObject()
  merged_data?: Record<string, unknown>;
}

export class ResolveConflictsDto {
  @ApiProperty({ example: 'iphone-abc123' })
  @IsString()
  @Length(1, 128)
  device_id!: string;

  @ApiPropertyOptional({ description: 'The conflicts as the device saw them (informational: the server uses its ledger)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsObject({ each: true })
  conflicts?: Record<string, unknown>[];

  @ApiProperty({ type: [ResolutionDto] })
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => ResolutionDto)
  resolutions!: ResolutionDto[];
}
