import { Body, Controller, Get, HttpCode, Logger, Post, Query, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiBody, ApiExtraModels, ApiOkResponse, ApiOperation, ApiSecurity, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { ValidationFailed } from '../../common/errors';
import { validateBody } from '../../common/validation';
import { AuthGuard } from '../auth/auth.guard';
import type { AuthUser } from '../auth/auth.types';
import { CurrentUser } from '../auth/current-user.decorator';
import { recordOnFinish } from '../pull/record-on-finish';
import { RateLimit, RateLimitGuard } from '../auth/rate-limit.guard';
import { DeviceQueryDto, OfflinePullDto, OptionalDeviceDto } from './dto/pull.dto';
import { PushDto } from './dto/push.dto';
import { ResolveConflictsDto } from './dto/resolve-conflicts.dto';
import {
  OfflineHealthResponseDto,
  OfflinePullResponseDto,
  OfflineResetResponseDto,
  OfflineStateResponseDto,
  PushResponseDto,
  ResolveResponseDto,
  SdkPushResponseDto,
  SdkResolveResponseDto,
} from './dto/responses.dto';
import { changesFromSdk, SdkPushDto, sdkPushResponse, sdkResolveResponse, type SdkPushResponse, type SdkResolveResponse } from './dto/sdk-push.dto';
import { PULL_EXAMPLE, PUSH_EXAMPLE, RESET_EXAMPLE, RESOLVE_EXAMPLE, STATE_EXAMPLE } from './offline-sync.examples';
import { OfflineSyncService } from './offline-sync.service';
import type { PullResponse, PushResponse, ResetResponse, ResolveResponse, StateResponse } from './offline-sync.types';
import { PushService } from './push.service';
import { ResolveConflictsService } from './resolve-conflicts.service';

const OFFLINE_SYNC_VERSION = '1.0.0';

@ApiTags('offline-sync')
@ApiBearerAuth('bearer')
@ApiSecurity('odoo-session')
@UseGuards(AuthGuard, RateLimitGuard)
@Controller('api/v1/offline-sync')
export class OfflineSyncController {
  private readonly logger = new Logger(OfflineSyncController.name);

  constructor(
    private readonly pushes: PushService,
    private readonly resolutions: ResolveConflictsService,
    private readonly sync: OfflineSyncService,
  ) {}

  @Post('push')
  @HttpCode(200)
  @RateLimit('push')
  @ApiOperation({
    summary: 'Apply offline changes (dependency-ordered, exactly once per local_id, with conflict resolution)',
    description:
      'changes as a list (BridgeCore) is answered with PushResponseDto; changes as a map of model → records plus ' +
      'timestamp (Flutter SDK) runs the same way and is answered with SdkPushResponseDto (successful/failed/conflicts lists).',
  })
  @ApiExtraModels(PushDto, SdkPushDto, PushResponseDto, SdkPushResponseDto)
  @ApiBody({ schema: { oneOf: [{ $ref: getSchemaPath(PushDto) }, { $ref: getSchemaPath(SdkPushDto) }] } })
  @ApiOkResponse({
    schema: { oneOf: [{ $ref: getSchemaPath(PushResponseDto) }, { $ref: getSchemaPath(SdkPushResponseDto) }] },
    example: PUSH_EXAMPLE,
  })
  // Untyped on purpose: the shape of `changes` decides which DTO validates the body.
  async push(@CurrentUser() user: AuthUser, @Body() body: object): Promise<PushResponse | SdkPushResponse> {
    if (Array.isArray((body as { changes?: unknown }).changes)) return this.pushes.push(user, validateBody(PushDto, body));
    const sdk = validateBody(SdkPushDto, body);
    const { changes, origins } = changesFromSdk(sdk);
    return sdkPushResponse(await this.pushes.push(user, { device_id: sdk.device_id, changes }, { sdk: true }), origins);
  }

  @Post('pull')
  @HttpCode(200)
  @RateLimit('pull')
  @ApiOperation({
    summary: "Changes since the device's cursor, from the event log",
    description: 'Without last_event_id the cursor moves past the answer once it was written whole to the connection.',
  })
  @ApiOkResponse({ type: OfflinePullResponseDto, example: PULL_EXAMPLE })
  async pull(@CurrentUser() user: AuthUser, @Body() dto: OfflinePullDto, @Res({ passthrough: true }) res: Response): Promise<PullResponse> {
    const { response, record } = await this.sync.pull(user, dto);
    recordOnFinish(res, record, this.logger);
    return response;
  }

  @Post('resolve-conflicts')
  @HttpCode(200)
  @RateLimit('resolve')
  @ApiOperation({ summary: 'Apply chosen resolutions to conflicts reported by earlier pushes' })
  @ApiExtraModels(ResolveResponseDto, SdkResolveResponseDto)
  @ApiOkResponse({
    schema: { oneOf: [{ $ref: getSchemaPath(ResolveResponseDto) }, { $ref: getSchemaPath(SdkResolveResponseDto) }] },
    example: RESOLVE_EXAMPLE,
  })
  async resolve(@CurrentUser() user: AuthUser, @Body() dto: ResolveConflictsDto): Promise<ResolveResponse | SdkResolveResponse> {
    const { response, sdk } = await this.resolutions.resolve(user, dto);
    // The SDK reads lists (a count is a Dart TypeError): for its spelling (`resolution`) and its pushes' conflicts.
    return sdk ? sdkResolveResponse(response) : response;
  }

  @Get('state')
  @RateLimit('state')
  @ApiOperation({ summary: "The device's sync state" })
  @ApiOkResponse({ type: OfflineStateResponseDto, example: STATE_EXAMPLE })
  state(@CurrentUser() user: AuthUser, @Query() query: DeviceQueryDto): Promise<StateResponse> {
    return this.sync.state(user, query.device_id);
  }

  @Post('reset')
  @HttpCode(200)
  @RateLimit('reset')
  @ApiOperation({ summary: "Rewind the device's pull cursor (pushed changes are unaffected)" })
  @ApiOkResponse({ type: OfflineResetResponseDto, example: RESET_EXAMPLE })
  reset(@CurrentUser() user: AuthUser, @Query() query: OptionalDeviceDto, @Body() body: OptionalDeviceDto): Promise<ResetResponse> {
    // BridgeCore's clients name the device in the query, the Flutter SDK in the body.
    const deviceId = query.device_id ?? body.device_id;
    if (deviceId === undefined) throw new ValidationFailed([{ field: 'device_id', errors: ['device_id is required (query or body)'] }]);
    return this.sync.reset(user, deviceId);
  }
}

/** The Flutter SDK's checkHealth; open like Smart Sync's health. */
@ApiTags('offline-sync')
@Controller('api/v1/offline-sync')
export class OfflineSyncHealthController {
  @Get('health')
  @ApiOperation({ summary: 'Offline Sync health (no authentication)' })
  @ApiOkResponse({ type: OfflineHealthResponseDto })
  health(): OfflineHealthResponseDto {
    return {
      status: 'healthy',
      healthy: true,
      service: 'offline-sync',
      version: OFFLINE_SYNC_VERSION,
      features: ['dependency-ordered push', 'exactly-once push', 'conflict resolution', 'flutter sdk dialect'],
      details: { api: '/api/v1/offline-sync' },
    };
  }
}
