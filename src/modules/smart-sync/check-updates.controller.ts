import { Controller, Get, Headers, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { AuthGuard } from '../auth/auth.guard';
import type { AuthUser } from '../auth/auth.types';
import { CurrentUser } from '../auth/current-user.decorator';
import { RateLimit, RateLimitGuard } from '../auth/rate-limit.guard';
import { DEVICE_HEADER } from '../devices/session-devices';
import { CheckUpdatesQueryDto, PendingUpdatesQueryDto } from './dto/pull.dto';
import { CheckUpdatesResponseDto, PendingUpdatesResponseDto } from './dto/responses.dto';
import { CHECK_UPDATES_EXAMPLE } from './smart-sync.examples';
import { UpdatesService, type CheckUpdatesResponse, type PendingUpdatesResponse } from './updates.service';

@ApiTags('smart-sync')
@Controller('api/v1')
export class CheckUpdatesController {
  constructor(private readonly sync: UpdatesService) {}

  @Get('check-updates')
  @UseGuards(AuthGuard, RateLimitGuard)
  @RateLimit('state')
  @ApiBearerAuth('bearer')
  @ApiSecurity('odoo-session')
  @ApiOperation({
    summary: "Legacy: has anything changed in the tenant's default app-type models since a time?",
    description:
      'Send back sync_token as since to poll (exact). An ISO since (the previous last_update_at) is compared with ' +
      'when BridgeCore logged each change, which follows the commit order. last_update_at is null when nothing ' +
      'changed. limit caps the number of models in summary.',
  })
  @ApiOkResponse({ type: CheckUpdatesResponseDto, example: CHECK_UPDATES_EXAMPLE })
  checkUpdates(@CurrentUser() user: AuthUser, @Query() query: CheckUpdatesQueryDto): Promise<CheckUpdatesResponse> {
    return this.sync.checkUpdates(user, query);
  }

  @Get('webhooks/check-updates')
  @UseGuards(AuthGuard, RateLimitGuard)
  @RateLimit('state')
  @ApiBearerAuth('bearer')
  @ApiSecurity('odoo-session')
  @ApiOperation({
    summary: "Flutter SDK hasUpdates: how many events this device's next pulls would bring (nothing moves)",
    description:
      'Without device_id: the caller\'s own device, named in the X-Device-Id header, else the device its login session ' +
      'last pulled (any sync API) or named in odoo-sync/sync-state, else "default". Counts what this user may receive (Odoo access ' +
      'rights, as a pull filters): a new or reset device counts the records of the snapshot it would receive. ' +
      'last_event_id is the head of the log.',
  })
  @ApiHeader({ name: 'X-Device-Id', required: false, description: 'The device, when device_id is not in the query' })
  @ApiOkResponse({ type: PendingUpdatesResponseDto })
  pendingUpdates(
    @CurrentUser() user: AuthUser,
    @Query() query: PendingUpdatesQueryDto,
    @Headers(DEVICE_HEADER) device?: string,
  ): Promise<PendingUpdatesResponse> {
    return this.sync.pendingUpdates(user, query, device);
  }
}
