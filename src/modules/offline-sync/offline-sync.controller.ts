import { Body, Controller, Get, HttpCode, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { AuthGuard } from '../auth/auth.guard';
import type { AuthUser } from '../auth/auth.types';
import { CurrentUser } from '../auth/current-user.decorator';
import { RateLimit, RateLimitGuard } from '../auth/rate-limit.guard';
import { DeviceQueryDto, OfflinePullDto } from './dto/pull.dto';
import { PushDto } from './dto/push.dto';
import { ResolveConflictsDto } from './dto/resolve-conflicts.dto';
import { OfflineSyncService } from './offline-sync.service';
import type { PullResponse, PushResponse, ResetResponse, ResolveResponse, StateResponse } from './offline-sync.types';
import { PushService } from './push.service';

const PUSH_EXAMPLE = {
  success: true,
  total: 2,
  succeeded: 2,
  failed: 0,
  conflicts: 0,
  skipped: 0,
  results: [
    { local_id: 'cust-1', status: 'success', action: 'create', model: 'res.partner', server_id: 57, server_timestamp: '2026-11-22T10:31:00.000Z', processing_time_ms: 41.2 },
    { local_id: 'order-1', status: 'success', action: 'create', model: 'sale.order', server_id: 31, server_timestamp: '2026-11-22T10:31:00.000Z', processing_time_ms: 45.9 },
  ],
  id_mapping: { 'cust-1': 57, 'order-1': 31 },
  next_sync_token: '6_iphone-abc123_1275',
  server_timestamp: '2026-11-22T10:31:00.120Z',
  total_processing_time_ms: 92.4,
  average_processing_time_ms: 46.2,
};

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
  @ApiOkResponse({
    schema: {
      example: {
        success: true,
        has_updates: true,
        new_events_count: 1,
        events: [
          {
            event_id: 1251,
            model: 'sale.order',
            record_id: 456,
            action: 'write',
            timestamp: '2026-11-22T10:30:00.000Z',
            data: { id: 456, state: 'sale' },
            changed_fields: ['state'],
            priority: 'high',
            category: 'business',
            origin: 'server',
          },
        ],
        next_sync_token: '6_iphone-abc123_1251',
        last_event_id: 1251,
        last_sync_time: '2026-11-22T10:31:00.000Z',
        has_more: false,
        total_available: 1,
        server_timestamp: '2026-11-22T10:31:00.000Z',
        app_type: 'sales_app',
      },
    },
  })
  pull(@CurrentUser() user: AuthUser, @Body() dto: OfflinePullDto): Promise<PullResponse> {
    return this.sync.pull(user, dto);
  }

  @Post('resolve-conflicts')
  @HttpCode(200)
  @RateLimit('resolve')
  @ApiOperation({ summary: 'Apply chosen resolutions to conflicts reported by earlier pushes' })
  @ApiOkResponse({
    schema: {
      example: {
        success: true,
        resolved: 1,
        failed: 0,
        results: [{ local_id: 'edit-5', status: 'success', action: 'update', model: 'res.partner', server_id: 123, server_timestamp: '2026-11-22T10:32:00.000Z', processing_time_ms: 38 }],
      },
    },
  })
  resolve(@CurrentUser() user: AuthUser, @Body() dto: ResolveConflictsDto): Promise<ResolveResponse> {
    return this.pushes.resolve(user, dto);
  }

  @Get('state')
  @RateLimit('state')
  @ApiOperation({ summary: "The device's sync state" })
  @ApiOkResponse({
    schema: {
      example: {
        device_id: 'iphone-abc123',
        user_id: 6,
        last_event_id: 1275,
        last_sync_time: '2026-11-22T10:31:00.000Z',
        next_sync_token: '6_iphone-abc123_1275',
        total_syncs: 150,
        total_events_synced: 3500,
        sync_status: 'idle',
        pending_changes: 0,
        app_type: 'sales_app',
      },
    },
  })
  state(@CurrentUser() user: AuthUser, @Query() query: DeviceQueryDto): Promise<StateResponse> {
    return this.sync.state(user, query.device_id);
  }

  @Post('reset')
  @HttpCode(200)
  @RateLimit('reset')
  @ApiOperation({ summary: "Rewind the device's pull cursor (pushed changes are unaffected)" })
  @ApiOkResponse({ schema: { example: { success: true, message: 'Sync state reset', device_id: 'iphone-abc123' } } })
  reset(@CurrentUser() user: AuthUser, @Query() query: DeviceQueryDto): Promise<ResetResponse> {
    return this.sync.reset(user, query.device_id);
  }
}
