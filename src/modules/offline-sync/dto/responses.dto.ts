import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BackfillInProgressDto } from '../../pull/dto/backfill.dto';

/*
 * The response bodies as OpenAPI schemas, so a generated client knows every field. The services return the plain
 * interfaces of offline-sync.types.ts; these classes only describe them.
 */

const OBJECT = { type: 'object', additionalProperties: true } as const;

export class ConflictInfoDto {
  @ApiProperty(OBJECT) server_data!: Record<string, unknown>;
  @ApiProperty(OBJECT) local_data!: Record<string, unknown>;
  @ApiPropertyOptional(OBJECT) base_data?: Record<string, unknown>;
  @ApiProperty({ type: [String] }) conflicting_fields!: string[];
  @ApiProperty({ type: String, nullable: true }) server_write_date!: string | null;
  @ApiProperty({ example: 'server_wins' }) strategy!: string;
}

export class PushResultDto {
  @ApiProperty({ example: 'order-1' }) local_id!: string;
  @ApiProperty({ enum: ['success', 'conflict', 'error', 'skipped'] }) status!: string;
  @ApiProperty({ enum: ['create', 'update', 'delete'] }) action!: string;
  @ApiProperty({ example: 'sale.order' }) model!: string;
  @ApiProperty({ type: Number, nullable: true, example: 31 }) server_id!: number | null;
  @ApiProperty({ example: '2026-11-22T10:31:00.000Z' }) server_timestamp!: string;
  @ApiPropertyOptional() error?: string;
  @ApiPropertyOptional({ example: 'ODOO_VALIDATION_ERROR' }) error_code?: string;
  @ApiPropertyOptional() retryable?: boolean;
  @ApiPropertyOptional({ type: ConflictInfoDto }) conflict_info?: ConflictInfoDto;
  @ApiProperty({ example: 41.3 }) processing_time_ms!: number;
  @ApiPropertyOptional() replayed?: boolean;
}

export class PushResponseDto {
  @ApiProperty() success!: boolean;
  @ApiProperty() total!: number;
  @ApiProperty() succeeded!: number;
  @ApiProperty() failed!: number;
  @ApiProperty() conflicts!: number;
  @ApiProperty() skipped!: number;
  @ApiProperty({ type: [PushResultDto] }) results!: PushResultDto[];
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, example: { 'order-1': 31 } })
  id_mapping!: Record<string, number>;
  @ApiProperty({ example: '6_iphone-abc123_1275' }) next_sync_token!: string;
  @ApiProperty() server_timestamp!: string;
  @ApiProperty() total_processing_time_ms!: number;
  @ApiProperty() average_processing_time_ms!: number;
}

/** One change in the Flutter SDK's `failed` / `conflicts` / `results` lists. */
export class SdkPushItemDto {
  @ApiProperty({ example: 'sdk:3f2a…:0', description: "The app's local_id, else the one derived from the batch" })
  local_id!: string;
  @ApiProperty({ example: 'sale.order' }) model!: string;
  @ApiProperty({ type: Number, nullable: true, description: "Position in the model's list as sent" }) index!: number | null;
  @ApiProperty({ nullable: true, description: 'The record id as the app sent it' }) id!: unknown;
  @ApiProperty({ type: Number, nullable: true }) server_id!: number | null;
  @ApiProperty({ enum: ['success', 'conflict', 'error', 'skipped'] }) status!: string;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
  @ApiProperty({ type: String, nullable: true }) error_code!: string | null;
  @ApiProperty() retryable!: boolean;
  @ApiPropertyOptional({ type: ConflictInfoDto }) conflict_info?: ConflictInfoDto;
}

export class SdkPushResponseDto {
  @ApiProperty() success!: boolean;
  @ApiProperty({ type: [String], description: 'local_ids of the changes that succeeded' }) successful!: string[];
  @ApiProperty({ type: [SdkPushItemDto] }) failed!: SdkPushItemDto[];
  @ApiProperty({ type: [SdkPushItemDto] }) conflicts!: SdkPushItemDto[];
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' } }) id_mapping!: Record<string, number>;
  @ApiProperty({ type: [SdkPushItemDto] }) results!: SdkPushItemDto[];
  @ApiProperty() server_timestamp!: string;
}

export class OfflineHealthResponseDto {
  @ApiProperty({ example: 'healthy' }) status!: string;
  @ApiProperty() healthy!: boolean;
  @ApiProperty({ example: 'offline-sync' }) service!: string;
  @ApiProperty({ example: '1.0.0' }) version!: string;
  @ApiProperty({ type: [String] }) features!: string[];
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) details!: Record<string, string>;
}

export class ResolveResponseDto {
  @ApiProperty() success!: boolean;
  @ApiProperty() resolved!: number;
  @ApiProperty() failed!: number;
  @ApiProperty({ type: [PushResultDto] }) results!: PushResultDto[];
}

/** resolve-conflicts answered to resolutions spelled `resolution` (Flutter SDK). */
export class SdkResolveResponseDto {
  @ApiProperty() success!: boolean;
  @ApiProperty({ type: [String], description: 'local_ids resolved' }) resolved!: string[];
  @ApiProperty({ type: [SdkPushItemDto] }) failed!: SdkPushItemDto[];
  @ApiProperty({ type: [PushResultDto] }) results!: PushResultDto[];
}

export class OfflinePulledEventDto {
  @ApiProperty() event_id!: number;
  @ApiProperty() model!: string;
  @ApiProperty() record_id!: number;
  @ApiProperty({ enum: ['create', 'write', 'unlink'] }) action!: string;
  @ApiProperty() timestamp!: string;
  @ApiProperty({ ...OBJECT, nullable: true }) data!: Record<string, unknown> | null;
  @ApiProperty({ type: [String], nullable: true }) changed_fields!: string[] | null;
  @ApiProperty({ enum: ['high', 'medium', 'low'] }) priority!: string;
  @ApiProperty({ enum: ['business', 'system', 'notification', 'custom'] }) category!: string;
  @ApiProperty({ enum: ['self', 'server'] }) origin!: string;
  @ApiPropertyOptional() local_id?: string;
  @ApiPropertyOptional(OBJECT) metadata?: Record<string, unknown>;
  @ApiPropertyOptional() snapshot?: boolean;
}

export class OfflinePullResponseDto {
  @ApiProperty() success!: boolean;
  @ApiProperty() has_updates!: boolean;
  @ApiProperty() new_events_count!: number;
  @ApiProperty({ type: [OfflinePulledEventDto] }) events!: OfflinePulledEventDto[];
  @ApiProperty() next_sync_token!: string;
  @ApiProperty() last_event_id!: number;
  @ApiProperty({ type: String, nullable: true }) last_sync_time!: string | null;
  @ApiProperty() has_more!: boolean;
  @ApiProperty() total_available!: number;
  @ApiProperty() server_timestamp!: string;
  @ApiProperty() app_type!: string;
  @ApiProperty() snapshot!: boolean;
  @ApiProperty() restarted!: boolean;
  @ApiProperty({
    type: BackfillInProgressDto,
    nullable: true,
    description: "The first copy of the system's existing records is not finished (as on v2 pull); null once it is",
  })
  backfill!: BackfillInProgressDto | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'array', items: OBJECT },
    description: 'Flutter SDK: model → current values of the records in this page; a deleted one is {id, _action: "delete"}',
  })
  data!: Record<string, Record<string, unknown>[]>;
  @ApiProperty() total_records!: number;
  @ApiProperty() synced_at!: string;
}

export class OfflineStateMetadataDto {
  @ApiProperty() app_type!: string;
  @ApiProperty({ enum: ['idle', 'syncing', 'conflicts'] }) sync_status!: string;
  @ApiProperty() conflicts!: number;
  @ApiProperty() in_progress!: number;
}

export class OfflineStateResponseDto {
  @ApiProperty() device_id!: string;
  @ApiProperty() user_id!: number;
  @ApiProperty() last_event_id!: number;
  @ApiProperty({ type: String, nullable: true }) last_sync_time!: string | null;
  @ApiProperty({ type: String, nullable: true }) last_sync_at!: string | null;
  @ApiProperty() next_sync_token!: string;
  @ApiProperty() total_syncs!: number;
  @ApiProperty() total_events_synced!: number;
  @ApiProperty({ enum: ['idle', 'syncing', 'conflicts'] }) sync_status!: string;
  @ApiProperty() pending_changes!: number;
  @ApiProperty() app_type!: string;
  @ApiProperty({ type: OfflineStateMetadataDto }) metadata!: OfflineStateMetadataDto;
}

export class OfflineResetResponseDto {
  @ApiProperty() success!: boolean;
  @ApiProperty() message!: string;
  @ApiProperty() device_id!: string;
}
