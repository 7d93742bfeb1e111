import { Body, Controller, Get, HttpCode, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { AuthGuard } from '../auth/auth.guard';
import type { AuthUser } from '../auth/auth.types';
import { CurrentUser } from '../auth/current-user.decorator';
import { RateLimit, RateLimitGuard } from '../auth/rate-limit.guard';
import { DeviceQueryDto, OfflinePullDto } from './dto/pull.dto';
import { PushDto } from './dto/push.dto';
import { ResolveConflictsDto } from './dto/resolve-conflicts.dto';
import { PULL_EXAMPLE, PUSH_EXAMPLE, RESET_EXAMPLE, RESOLVE_EXAMPLE, STATE_EXAMPLE } from './offline-sync.examples';
import { OfflineSyncService } from './offline-sync.service';
import type { PullResponse, PushResponse, ResetResponse, ResolveResponse, StateResponse } from './offline-sync.types';
import { PushService } from './push.service';

@ApiTags('offline-sync')
@ApiBearerAuth('bearer')
@ApiSecurity('odoo-session')
@UseGuards(AuthGuard, RateLimitGuard)
@Controller('api/v1/offline-sync')
export class OfflineSyncController {
  constructor(
    private readonly pushes: PushService,
    private readonly sync: OfflineSyncService,
  ) {}

  @Post('push')
  @HttpCode(200)
  @RateLimit('push')
  @ApiOperation({ summary: 'Apply offline changes (dependency-ordered, exactly once per local_id, with conflict resolution)' })
  @ApiOkResponse({ schema: { example: PUSH_EXAMPLE } })
  push(@CurrentUser() user: AuthUser, @Body() dto: PushDto): Promise<PushResponse> {
    return this.pushes.push(user, dto);
  }

  @Post('pull')
  @HttpCode(200)
  @RateLimit('pull')
  @ApiOperation({ summary: "Changes since the device's cursor, from the event log" })
  @ApiOkResponse({ schema: { example: PULL_EXAMPLE } })
  pull(@CurrentUser() user: AuthUser, @Body() dto: OfflinePullDto): Promise<PullResponse> {
    return this.sync.pull(user, dto);
  }

  @Post('resolve-conflicts')
  @HttpCode(200)
  @RateLimit('resolve')
  @ApiOperation({ summary: 'Apply chosen resolutions to conflicts reported by earlier pushes' })
  @ApiOkResponse({ schema: { example: RESOLVE_EXAMPLE } })
  resolve(@CurrentUser() user: AuthUser, @Body() dto: ResolveConflictsDto): Promise<ResolveResponse> {
    return this.pushes.resolve(user, dto);
  }

  @Get('state')
  @RateLimit('state')
  @ApiOperation({ summary: "The device's sync state" })
  @ApiOkResponse({ schema: { example: STATE_EXAMPLE } })
  state(@CurrentUser() user: AuthUser, @Query() query: DeviceQueryDto): Promise<StateResponse> {
    return this.sync.state(user, query.device_id);
  }

  @Post('reset')
  @HttpCode(200)
  @RateLimit('reset')
  @ApiOperation({ summary: "Rewind the device's pull cursor (pushed changes are unaffected)" })
  @ApiOkResponse({ schema: { example: RESET_EXAMPLE } })
  reset(@CurrentUser() user: AuthUser, @Query() query: DeviceQueryDto): Promise<ResetResponse> {
    return this.sync.reset(user, query.device_id);
  }
}
