import { Body, Controller, Headers, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { bearerToken } from '../tokens/bearer-token';
import { RefreshTokenMissing } from './auth.errors';
import { LOGOUT_EXAMPLE, ME_EXAMPLE, TOKEN_EXAMPLE } from './auth.examples';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import type { AuthUser } from './auth.types';
import { CurrentUser } from './current-user.decorator';
import { RateLimit, RateLimitGuard } from './rate-limit.guard';
import { LoginDto, RefreshTokenDto } from './dto/login.dto';
import { LogoutResponse, MeResponse, TokenResponse } from './dto/auth.response';

function refreshTokenOf(body: RefreshTokenDto, authorization: string | undefined): string {
  const token = body.refresh_token ?? bearerToken(authorization);
  if (!token) throw new RefreshTokenMissing();
  return token;
}

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @HttpCode(200)
  @UseGuards(RateLimitGuard)
  @RateLimit('login')
  @ApiOperation({ summary: "Log in with the user's Odoo credentials" })
  @ApiOkResponse({ type: TokenResponse, schema: { example: TOKEN_EXAMPLE } })
  async login(@Body() body: LoginDto): Promise<TokenResponse> {
    return TokenResponse.fromTokens(
      await this.auth.login({ login: body.username, password: body.password, database: body.database, systemId: body.system_id }),
    );
  }

  @Post('refresh')
  @HttpCode(200)
  @ApiBearerAuth('bearer')
  @ApiOperation({ summary: 'Exchange a refresh token (single use) for new access and refresh tokens' })
  @ApiOkResponse({ type: TokenResponse, schema: { example: TOKEN_EXAMPLE } })
  async refresh(@Body() body: RefreshTokenDto, @Headers('authorization') authorization?: string): Promise<TokenResponse> {
    return TokenResponse.fromTokens(await this.auth.refresh(refreshTokenOf(body, authorization)));
  }

  @Post('me')
  @HttpCode(200)
  @UseGuards(AuthGuard)
  @ApiBearerAuth('bearer')
  @ApiOperation({ summary: 'The authenticated user and tenant' })
  @ApiOkResponse({ type: MeResponse, schema: { example: ME_EXAMPLE } })
  async me(@CurrentUser() user: AuthUser): Promise<MeResponse> {
    return MeResponse.from(await this.auth.me(user));
  }

  @Post('logout')
  @HttpCode(200)
  @ApiBearerAuth('bearer')
  @ApiOperation({ summary: 'End the login session of the refresh token (or of the access token) sent: every token rotated from that login is revoked' })
  @ApiOkResponse({ type: LogoutResponse, schema: { example: LOGOUT_EXAMPLE } })
  async logout(@Body() body: RefreshTokenDto, @Headers('authorization') authorization?: string): Promise<LogoutResponse> {
    await this.auth.logout(refreshTokenOf(body, authorization));
    return { success: true, message: 'Logged out' };
  }
}
