import { Body, Controller, Get, Headers, HttpCode, Logger, Post, Query, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { AuthGuard } from '../auth/auth.guard';
import type { AuthUser } from '../auth/auth.types';
import { CurrentUser } from '../auth/current-user.decorator';
import { recordOnFinish } from '../pull/record-on-finish';
import { RateLimit, RateLimitGuard } from '../auth/rate-limit.guard';
import { DEVICE_HEADER, SessionDevices } from '../devices/session-devices';
import {
  FeedAckDto,
  FeedLogStatsQueryDto,
  FeedPullDto,
  FeedSmartPullQueryDto,
  FeedStateDto,
  FeedStateUpdateDto,
  FeedStatsQueryDto,
} from './dto/odoo-sync.dto';
import {
  FeedAckResponseDto,
  FeedHealthResponseDto,
  FeedLogStatsResponseDto,
  FeedPullResponseDto,
  FeedSmartPullResponseDto,
  FeedStateResponseDto,
  FeedStatsResponseDto,
} from './dto/responses.dto';
import {
  FEED_ACK_EXAMPLE,
  FEED_HEALTH_EXAMPLE,
  FEED_LOG_STATS_EXAMPLE,
  FEED_PULL_EXAMPLE,
  FEED_SMART_PULL_EXAMPLE,
  FEED_STATE_EXAMPLE,
  FEED_STATS_EXAMPLE,
} from './odoo-sync.examples';
import { FeedStateService, type FeedSmartPullResponse, type FeedStats, type FeedSyncState } from './feed-state.service';
import { OdooSyncService, type FeedAckResponse, type FeedPullResponse } from './odoo-sync.service';

const DEVICE_HEADER_DOC = {
  name: 'X-Device-Id',
  required: false,
  description: "The device (pull and ack name none): missing, the device the login session last pulled or named, else 'default'",
};

/** The Flutter SDK's OdooSyncService (bridgecore_flutter 3.1.0). */
@ApiTags('odoo-sync')
@ApiBearerAuth('bearer')
@ApiSecurity('odoo-session')
@UseGuards(AuthGuard, RateLimitGuard)
@Controller('api/v1/odoo-sync')
export class OdooSyncController {
  private readonly logger = new Logger(OdooSyncController.name);

  constructor(
    private readonly feed: OdooSyncService,
    private readonly states: FeedStateService,
    private readonly sessions: SessionDevices,
  ) {}

  @Post('pull')
  @ApiOkResponse({ description: 'OK', type: FeedPullResponseDto, example: FEED_PULL_EXAMPLE })
  @HttpCode(200)
  @RateLimit('pull')
  @ApiHeader(DEVICE_HEADER_DOC)
  @ApiOperation({
    summary: 'Events after the position the device holds (lossless: the same last_event_id gets the same events)',
    description:
      'Send back last_id as last_event_id once the answer is applied. A new device (0) gets a snapshot of the records ' +
      'first, with negative last_id tokens while it lasts. The recorded position is the one sent, so it moves only on ' +
      'the next pull, an ack of the events, or sync-state/update.',
  })
  async pull(@CurrentUser() user: AuthUser, @Body() dto: FeedPullDto, @Headers(DEVICE_HEADER) device?: string): Promise<FeedPullResponse> {
    return this.feed.pull(user, await this.sessions.deviceOf(user, device), dto);
  }

  @Post('ack')
  @ApiOkResponse({ description: 'OK', type: FeedAckResponseDto, example: FEED_ACK_EXAMPLE })
  @HttpCode(200)
  @RateLimit('pull')
  @ApiHeader(DEVICE_HEADER_DOC)
  @ApiOperation({ summary: "Acknowledge the last answer's events: the device's recorded position moves past it" })
  async ack(@CurrentUser() user: AuthUser, @Body() dto: FeedAckDto, @Headers(DEVICE_HEADER) device?: string): Promise<FeedAckResponse> {
    return this.feed.ack(user, await this.sessions.deviceOf(user, device), dto.event_ids);
  }

  @Post('sync-state')
  @ApiOkResponse({ description: 'OK', type: FeedStateResponseDto, example: FEED_STATE_EXAMPLE })
  @HttpCode(200)
  @RateLimit('state')
  @ApiOperation({ summary: "The device's state (created for a new device); last_event_id is where its pull continues" })
  state(@CurrentUser() user: AuthUser, @Body() dto: FeedStateDto): Promise<{ sync_state: FeedSyncState }> {
    return this.states.state(user, dto);
  }

  @Post('sync-state/update')
  @ApiOkResponse({ description: 'OK', type: FeedStateResponseDto, example: FEED_STATE_EXAMPLE })
  @HttpCode(200)
  @RateLimit('state')
  @ApiOperation({ summary: 'Record the position the device applied (a last_id this server gave it)' })
  update(@CurrentUser() user: AuthUser, @Body() dto: FeedStateUpdateDto): Promise<{ sync_state: FeedSyncState }> {
    return this.states.update(user, dto);
  }

  @Get('sync-state/stats')
  @ApiOkResponse({ description: 'OK', type: FeedStatsResponseDto, example: FEED_STATS_EXAMPLE })
  @RateLimit('state')
  @ApiOperation({ summary: "The user's devices and their sync counts" })
  stats(@CurrentUser() user: AuthUser, @Query() query: FeedStatsQueryDto): Promise<{ stats: FeedStats }> {
    return this.states.stats(user, query);
  }

  @Post('smart-pull')
  @ApiOkResponse({ description: 'OK', type: FeedSmartPullResponseDto, example: FEED_SMART_PULL_EXAMPLE })
  @HttpCode(200)
  @RateLimit('pull')
  @ApiOperation({
    summary: "State, pull and update in one call, from the device's recorded position",
    description:
      'auto_ack=true (the default) moves the position once the answer was written whole to the connection: an answer ' +
      'the phone never read is not sent again. Use pull for lossless sync.',
  })
  async smartPull(
    @CurrentUser() user: AuthUser,
    @Query() query: FeedSmartPullQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<FeedSmartPullResponse> {
    const { response, record } = await this.states.smartPull(user, query);
    recordOnFinish(res, record, this.logger);
    return response;
  }

  @Get('stats')
  @ApiOkResponse({ description: 'OK', type: FeedLogStatsResponseDto, example: FEED_LOG_STATS_EXAMPLE })
  @RateLimit('state')
  @ApiOperation({ summary: 'Events logged in the last days, per model the user may read' })
  logStats(@CurrentUser() user: AuthUser, @Query() query: FeedLogStatsQueryDto): Promise<{ stats: Record<string, unknown> }> {
    return this.states.logStats(user, query);
  }
}

/** OdooSyncService.checkHealth; open like the other sync APIs' health. */
@ApiTags('odoo-sync')
@Controller('api/v1/odoo-sync')
export class OdooSyncHealthController {
  constructor(private readonly states: FeedStateService) {}

  @Get('health')
  @ApiOkResponse({ description: 'OK', type: FeedHealthResponseDto, example: FEED_HEALTH_EXAMPLE })
  @ApiOperation({ summary: 'Odoo Sync feed health (no authentication)' })
  health(): ReturnType<FeedStateService['health']> {
    return this.states.health();
  }
}
