import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import type { IssuedTokens } from '../auth.service';
import type { FieldsCheckResult, SdkSession } from './sdk-auth.service';

export class FieldsCheckDto {
  @ApiProperty({ example: 'res.users' })
  @IsString()
  @Matches(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/, { message: 'model must be an Odoo model name' })
  @MaxLength(128)
  model!: string;

  @ApiProperty({ example: ['name', 'email'], type: [String] })
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(128, { each: true })
  list_fields!: string[];
}

/** The Flutter SDK's login: `email` is the Odoo login. */
export class SdkLoginDto {
  @ApiProperty({ example: 'demo', description: 'Odoo login (usually an email address)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  email!: string;

  @ApiProperty({ example: 'demo', writeOnly: true })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1024)
  password!: string;

  @ApiPropertyOptional({ example: 'demo' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  database?: string;

  @ApiPropertyOptional({ example: 'default' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  system_id?: string;

  @ApiPropertyOptional({ type: FieldsCheckDto, description: 'Answered as odoo_fields_data' })
  @IsOptional()
  @ValidateNested()
  @Type(() => FieldsCheckDto)
  odoo_fields_check?: FieldsCheckDto;
}

export class SdkMeDto {
  @ApiPropertyOptional({ type: FieldsCheckDto, description: "Answered as odoo_fields_data: the values of the user's own record" })
  @IsOptional()
  @ValidateNested()
  @Type(() => FieldsCheckDto)
  odoo_fields_check?: FieldsCheckDto;
}

/** The SDK sends `{}` and the refresh token as `Authorization: Bearer`; the body may carry it instead. */
export class SdkRefreshDto {
  @ApiPropertyOptional({ description: 'Alternative to Authorization: Bearer <refresh_token>' })
  @IsOptional()
  @IsString()
  @MaxLength(4096)
  refresh_token?: string;
}

/** The SDK sends `{}` with its access token. */
export class SdkLogoutDto {}

export class SdkUserView {
  @ApiProperty({ example: '6', description: 'The Odoo user id, as a string (the SDK casts it to String)' }) id!: string;
  @ApiProperty({ example: 'demo@example.com', description: "The user's email, else their login" }) email!: string;
  @ApiProperty({ example: 'Marc Demo' }) full_name!: string;
  @ApiProperty({ example: 'user', enum: ['admin', 'user'] }) role!: 'admin' | 'user';
  @ApiProperty({ example: 6 }) odoo_user_id!: number;
}

export class SdkMeUserView extends SdkUserView {
  @ApiProperty({ example: '2026-01-05T10:00:00.000Z', description: 'When the Odoo user was created' }) created_at!: string;
}

export class SdkTenantView {
  @ApiProperty({ example: 'default' }) id!: string;
  @ApiProperty({ example: 'default' }) name!: string;
  @ApiProperty({ example: 'default', description: 'The system id' }) slug!: string;
  @ApiProperty({ example: 'active', description: 'Always active: a disconnected system answers 403 TENANT_DISCONNECTED' }) status!: 'active';
  @ApiProperty({ example: 'demo' }) odoo_database!: string;
  @ApiPropertyOptional({ example: '18.0', nullable: true }) odoo_version!: string | null;
}

export class SdkMeTenantView extends SdkTenantView {
  @ApiProperty({ example: 'https://odoo.example.com' }) odoo_url!: string;
}

export class SdkTokenResponse {
  @ApiProperty() access_token!: string;
  @ApiProperty({ description: 'Reusable until its expiry or logout (the SDK keeps its first refresh token)' }) refresh_token!: string;
  @ApiProperty({ example: 'bearer' }) token_type!: 'bearer';
  @ApiProperty({ example: 3600 }) expires_in!: number;

  static from(tokens: IssuedTokens): SdkTokenResponse {
    return { access_token: tokens.accessToken, refresh_token: tokens.refreshToken, token_type: 'bearer', expires_in: tokens.expiresIn };
  }
}

export class SdkLoginResponse extends SdkTokenResponse {
  @ApiProperty({ type: SdkUserView }) user!: SdkUserView;
  @ApiProperty({ type: SdkTenantView }) tenant!: SdkTenantView;
  @ApiPropertyOptional({ description: 'Only when odoo_fields_check was sent' }) odoo_fields_data?: FieldsCheckResult;

  static fromSession(session: SdkSession & { tokens: IssuedTokens }): SdkLoginResponse {
    const me = SdkMeResponse.from(session);
    const { created_at: _created, ...user } = me.user;
    const { odoo_url: _url, ...tenant } = me.tenant;
    return { ...SdkTokenResponse.from(session.tokens), user, tenant, ...(session.fieldsData ? { odoo_fields_data: session.fieldsData } : {}) };
  }
}

export class SdkMeResponse {
  @ApiProperty({ type: SdkMeUserView }) user!: SdkMeUserView;
  @ApiProperty({ type: SdkMeTenantView }) tenant!: SdkMeTenantView;
  @ApiProperty({ example: 3, nullable: true }) partner_id!: number | null;
  @ApiProperty({ example: 1, nullable: true }) current_company_id!: number | null;
  @ApiProperty({ example: [1], type: [Number] }) company_ids!: number[];
  @ApiProperty({ example: ['base.group_user'], type: [String], description: 'External ids of the Odoo groups' }) groups!: string[];
  @ApiProperty({ example: false }) is_admin!: boolean;
  @ApiProperty({ example: true }) is_internal_user!: boolean;
  @ApiPropertyOptional({ description: "Only when odoo_fields_check was sent: the non-empty values of the user's own record (res.users)" })
  odoo_fields_data?: Record<string, unknown>;

  static from({ user, system, profile, fieldsData }: SdkSession): SdkMeResponse {
    return {
      user: {
        id: String(user.userId),
        email: profile.email,
        full_name: user.name ?? user.login,
        role: profile.isAdmin ? 'admin' : 'user',
        odoo_user_id: user.userId,
        created_at: profile.createdAt,
      },
      tenant: {
        id: system.id,
        name: system.name,
        slug: system.id,
        status: 'active',
        odoo_url: system.url,
        odoo_database: system.database,
        odoo_version: system.odooVersion,
      },
      partner_id: profile.partnerId,
      current_company_id: profile.currentCompanyId,
      company_ids: profile.companyIds,
      groups: profile.groups,
      is_admin: profile.isAdmin,
      is_internal_user: profile.isInternalUser,
      ...(fieldsData ? { odoo_fields_data: fieldsData.data ?? {} } : {}),
    };
  }
}
