import { Body, Controller, Get, Header, HttpCode, Logger, Post, Query, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { AuthGuard } from '../auth/auth.guard';
import type { AuthUser } from '../auth/auth.types';
import { CurrentUser } from '../auth/current-user.decorator';
import { recordOnFinish } from '../pull/record-on-finish';
import { RateLimit, RateLimitGuard } from '../auth/rate-limit.guard';
import { DeviceQueryDto, PullRequestDto } from './dto/pull.dto';
import { HealthResponseDto, PullResponseDto, ResetResponseDto, SyncStateResponseDto } from './dto/responses.dto';
import { HEALTH_EXAMPLE, PULL_EXAMPLE, RESET_EXAMPLE, STATE_EXAMPLE } from './smart-sync.examples';
import { SmartSyncService } from './smart-sync.service';
import { SyncHealthService } from './sync-health.service';
import { SyncStateService, type SyncStateResponse } from './sync-state.service';

@ApiTags('smart-sync')
@Controller('api/v2/sync')
export class SmartSyncController {
  private readonly logger = new Logger(SmartSyncController.name);

  constructor(
    private readonly sync: SmartSyncService,
    private readonly states: SyncStateService,
    private readonly healthCheck: SyncHealthService,
  ) {}

  @Post('pull')
  @HttpCode(200)
  @UseGuards(AuthGuard, RateLimitGuard)
  @RateLimit('pull')
  // The body is assembled from cached JSON, so it is sent as-is rather than re-serialized.
  @Header('Content-Type', 'application/json; charset=utf-8')
  @ApiBearerAuth('bearer')
  @ApiSecurity('odoo-session')
  @ApiOperation({
    summary: 'Pull the events of this device since its cursor (or since ack_token)',
    description:
      'Without ack_token the device state advances to what is returned, once the whole answer was written to the ' +
      'connection (an answer the connection dropped leaves it where it was). With ack_token (the last next_sync_token ' +
      'the device durably applied) the pull starts there and records it, so a lost response loses nothing. ' +
      'last_sync_time is the previous sync of this device (1970-01-01T00:00:00.000Z if it never synced). ' +
      'A new or reset device gets a snapshot of the current records first (snapshot: true, remaining). A cursor ' +
      'behind the retained history gets 200 with reset_required: true and the first page of a snapshot: drop the ' +
      'local records, then apply the pages.',
  })
  @ApiOkResponse({ type: PullResponseDto, example: PULL_EXAMPLE })
  async pull(@CurrentUser() user: AuthUser, @Body() dto: PullRequestDto, @Res({ passthrough: true }) res: Response): Promise<string> {
    const { body, record } = await this.sync.pull(user, dto);
    recordOnFinish(res, record, this.logger);
    return body;
  }

  @Get('state')
  @UseGuards(AuthGuard, RateLimitGuard)
  @RateLimit('state')
  @ApiBearerAuth('bearer')
  @ApiSecurity('odoo-session')
  @ApiOperation({ summary: "A device's sync state (404 SYNC_STATE_NOT_FOUND if it never pulled)" })
  @ApiOkResponse({ type: SyncStateResponseDto, example: STATE_EXAMPLE })
  state(@CurrentUser() user: AuthUser, @Query() query: DeviceQueryDto): Promise<SyncStateResponse> {
    return this.states.state(user, query);
  }

  @Post('reset')
  @HttpCode(200)
  @UseGuards(AuthGuard, RateLimitGuard)
  @RateLimit('reset')
  @ApiBearerAuth('bearer')
  @ApiSecurity('odoo-session')
  @ApiOperation({ summary: 'Reset a device: its next pull starts from the start of the retained history' })
  @ApiOkResponse({ type: ResetResponseDto, example: RESET_EXAMPLE })
  reset(@CurrentUser() user: AuthUser, @Query() query: DeviceQueryDto) {
    return this.states.reset(user, query);
  }

  @Get('health')
  @ApiOperation({ summary: 'Smart Sync health (no authentication)' })
  @ApiOkResponse({ type: HealthResponseDto, example: HEALTH_EXAMPLE })
  health() {
    return this.healthCheck.health();
  }
}
