import { Body, Controller, Headers, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { bearerToken } from '../../tokens/bearer-token';
import { RefreshTokenMissing } from '../auth.errors';
import { LOGOUT_EXAMPLE } from '../auth.examples';
import { LogoutResponse } from '../dto/auth.response';
import { AuthGuard } from '../auth.guard';
import type { AuthUser } from '../auth.types';
import { CurrentUser } from '../current-user.decorator';
import { RateLimit, RateLimitGuard } from '../rate-limit.guard';
import { SdkAuthService } from './sdk-auth.service';
import { SdkLoginDto, SdkLoginResponse, SdkLogoutDto, SdkMeDto, SdkMeResponse, SdkRefreshDto, SdkTokenResponse } from './sdk-auth.dto';

/**
 * The Flutter SDK's auth routes, in its dialect (string user id, tenant slug and status, a reusable
 * refresh token, logout by access token). BridgeCore's own routes are in AuthController.
 */
@ApiTags('auth (Flutter SDK)')
@Controller('api/v1/auth/tenant')
export class SdkAuthController {
  constructor(private readonly sdk: SdkAuthService) {}

  @Post('login')
  @HttpCode(200)
  @UseGuards(RateLimitGuard)
  @RateLimit('login')
  @ApiOperation({ summary: 'Flutter SDK login: email (= Odoo login) and password; optional odoo_fields_check' })
  @ApiOkResponse({ type: SdkLoginResponse })
  async login(@Body() body: SdkLoginDto): Promise<SdkLoginResponse> {
    const input = { login: body.email, password: body.password, database: body.database, systemId: body.system_id };
    return SdkLoginResponse.fromSession(await this.sdk.login(input, body.odoo_fields_check));
  }

  @Post('refresh')
  @HttpCode(200)
  @ApiBearerAuth('bearer')
  @ApiOperation({ summary: 'A new access token for the refresh token (Bearer), which stays valid until its expiry or logout' })
  @ApiOkResponse({ type: SdkTokenResponse })
  async refresh(@Body() body: SdkRefreshDto, @Headers('authorization') authorization?: string): Promise<SdkTokenResponse> {
    const token = body.refresh_token ?? bearerToken(authorization);
    if (!token) throw new RefreshTokenMissing();
    return SdkTokenResponse.from(await this.sdk.refresh(token));
  }

  @Post('me')
  @HttpCode(200)
  @UseGuards(AuthGuard)
  @ApiBearerAuth('bearer')
  @ApiOperation({ summary: 'The user, the tenant and their Odoo groups and companies' })
  @ApiOkResponse({ type: SdkMeResponse })
  async me(@CurrentUser() user: AuthUser, @Body() body: SdkMeDto): Promise<SdkMeResponse> {
    return SdkMeResponse.from(await this.sdk.session(user, body.odoo_fields_check));
  }

  @Post('logout')
  @HttpCode(200)
  @UseGuards(AuthGuard)
  @ApiBearerAuth('bearer')
  @ApiOperation({ summary: 'Ends the session of the access token: its refresh token is revoked' })
  @ApiOkResponse({ type: LogoutResponse, schema: { example: LOGOUT_EXAMPLE } })
  async logout(@CurrentUser() user: AuthUser, @Body() _body: SdkLogoutDto): Promise<LogoutResponse> {
    await this.sdk.logout(user);
    return { success: true, message: 'Logged out' };
  }
}
