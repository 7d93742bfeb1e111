import { ApiProperty } from '@nestjs/swagger';
import type { Identity, IssuedTokens } from '../auth.service';

export class UserView {
  @ApiProperty({ example: 6, description: 'Odoo user id' }) id!: number;
  @ApiProperty({ example: 'Marc Demo' }) name!: string;
  @ApiProperty({ example: 'demo' }) login!: string;
  @ApiProperty({ example: 6 }) odoo_user_id!: number;
}

export class TenantView {
  @ApiProperty({ example: 'default' }) id!: string;
  @ApiProperty({ example: 'default' }) name!: string;
  @ApiProperty({ example: 'demo' }) odoo_database!: string;
}

export class MeResponse {
  @ApiProperty({ type: UserView }) user!: UserView;
  @ApiProperty({ type: TenantView }) tenant!: TenantView;

  static from(identity: Identity): MeResponse {
    const { user, tenant } = identity;
    return {
      user: { id: user.id, name: user.name, login: user.login, odoo_user_id: user.id },
      tenant: { id: tenant.id, name: tenant.name, odoo_database: tenant.database },
    };
  }
}

export class TokenResponse extends MeResponse {
  @ApiProperty({ example: 'eyJhbGciOiJIUzI1NiIs…' }) access_token!: string;
  @ApiProperty({ example: 'eyJhbGciOiJIUzI1NiIs…', description: 'Single use: each refresh returns a new one' }) refresh_token!: string;
  @ApiProperty({ example: 'bearer' }) token_type!: 'bearer';
  @ApiProperty({ example: 3600, description: 'Access token lifetime in seconds' }) expires_in!: number;

  static fromTokens(tokens: IssuedTokens): TokenResponse {
    return {
      access_token: tokens.accessToken,
      refresh_token: tokens.refreshToken,
      token_type: 'bearer',
      expires_in: tokens.expiresIn,
      ...MeResponse.from(tokens),
    };
  }
}

export class LogoutResponse {
  @ApiProperty({ example: true }) success!: boolean;
  @ApiProperty({ example: 'Logged out' }) message!: string;
}
