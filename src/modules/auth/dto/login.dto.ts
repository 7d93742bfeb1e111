import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'demo', description: 'Odoo login' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  username!: string;

  @ApiProperty({ example: 'demo', writeOnly: true })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1024)
  password!: string;

  @ApiPropertyOptional({ example: 'demo', description: 'Odoo database name (picks the connected system using it)' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  database?: string;

  @ApiPropertyOptional({ example: 'default', description: 'Connected system (tenant) id' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  system_id?: string;
}

/** Refresh and logout take the refresh token as `Authorization: Bearer …` or in the body. */
export class RefreshTokenDto {
  @ApiPropertyOptional({ description: 'Alternative to Authorization: Bearer <refresh_token>' })
  @IsOptional()
  @IsString()
  @MaxLength(4096)
  refresh_token?: string;
}
