import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BackfillInProgressDto } from '../../pull/dto/backfill.dto';

export class PendingUpdatesResponseDto {
  @ApiProperty({ example: true })
  has_updates!: boolean;

  @ApiProperty({ example: 12, description: 'Events (or snapshot records) the next pulls would bring' })
  pending_events!: number;

  @ApiProperty({ example: 1250, description: 'The head of the log' })
  last_event_id!: number;

  @ApiProperty({ example: 'default' })
  device_id!: string;

  @ApiProperty({ example: 'sales_app' })
  app_type!: string;
}

/*
 * Response bodies as OpenAPI schemas (the service returns plain objects, or pre-serialized JSON for pull), so a
 * generated client knows every field.
 */

export class PulledEventDto {
  @ApiProperty({ example: 45, description: 'Event-log id (for a snapshot record: its last event)' }) id!: number;
  @ApiProperty({ example: 'sale.order' }) model!: string;
  @ApiProperty({ example: 1 }) record_id!: number;
  @ApiProperty({ enum: ['create', 'write', 'unlink'] }) event!: string;
  @ApiProperty({ example: '2026-11-22T10:30:00.000Z' }) timestamp!: string;
  @ApiProperty({ enum: ['high', 'medium', 'low'] }) priority!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: "The record's values" })
  payload!: Record<string, unknown> | null;
  @ApiPropertyOptional({ description: 'Part of a snapshot' }) snapshot?: boolean;
}

export class PullSyncStateDto {
  @ApiProperty() user_id!: number;
  @ApiProperty() device_id!: string;
  @ApiProperty() app_type!: string;
  @ApiProperty({ type: [String] }) models!: string[];
  @ApiProperty({ type: [String] }) ignored_models!: string[];
  @ApiProperty() last_event_id!: number;
  @ApiProperty({ type: String, nullable: true }) snapshot_token!: string | null;
  @ApiProperty() acknowledged!: boolean;
  @ApiProperty() last_sync_time!: string;
}

export class PullResponseDto {
  @ApiProperty({ example: 'success' }) status!: string;
  @ApiProperty() success!: boolean;
  @ApiProperty() has_updates!: boolean;
  @ApiProperty() new_events_count!: number;
  @ApiProperty({ example: '47', description: 'Send back as ack_token once applied' }) next_sync_token!: string;
  @ApiProperty({ description: "This device's previous sync" }) last_sync_time!: string;
  @ApiProperty() last_sync_at!: string;
  @ApiProperty() server_time!: string;
  @ApiProperty({ description: 'Pull again now' }) has_more!: boolean;
  @ApiProperty({ description: 'The records come from a snapshot' }) snapshot!: boolean;
  @ApiProperty({ description: 'Records and events left after this page' }) remaining!: number;
  @ApiProperty({ description: 'The device was behind the retained history and starts again with a snapshot' }) restarted!: boolean;
  @ApiProperty({
    type: BackfillInProgressDto,
    nullable: true,
    description:
      "The first copy of the system's existing records is not finished: the device holds what is copied so far, and the " +
      'rest arrives through the log as create events. Pull again (at the usual interval) until it is null.',
  })
  backfill!: BackfillInProgressDto | null;
  @ApiProperty({ type: PullSyncStateDto }) sync_state!: PullSyncStateDto;
  @ApiProperty({ type: [PulledEventDto] }) events!: PulledEventDto[];
}

export class DeviceStateSummaryDto {
  @ApiProperty() app_type!: string;
  @ApiProperty() next_sync_token!: string;
  @ApiProperty() is_active!: boolean;
  @ApiProperty() total_events_synced!: number;
}

export class SyncStateResponseDto {
  @ApiProperty() user_id!: number;
  @ApiProperty() device_id!: string;
  @ApiProperty() app_type!: string;
  @ApiProperty() last_event_id!: number;
  @ApiProperty() next_sync_token!: string;
  @ApiProperty() last_sync_time!: string;
  @ApiProperty() last_sync_at!: string;
  @ApiProperty() sync_count!: number;
  @ApiProperty() is_active!: boolean;
  @ApiProperty() total_events_synced!: number;
  @ApiProperty({ enum: ['active', 'inactive'] }) status!: string;
  @ApiProperty({ type: DeviceStateSummaryDto }) state!: DeviceStateSummaryDto;
}

export class ResetResponseDto {
  @ApiProperty({ example: 'success' }) status!: string;
  @ApiProperty() success!: boolean;
  @ApiProperty() message!: string;
}

export class HealthResponseDto {
  @ApiProperty({ example: 'healthy' }) status!: string;
  @ApiProperty() healthy!: boolean;
  @ApiProperty({ example: 'smart-sync' }) service!: string;
  @ApiProperty({ example: '2.0.0' }) version!: string;
  @ApiProperty({ type: [String] }) features!: string[];
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) details!: Record<string, string>;
}

export class ModelCountDto {
  @ApiProperty({ example: 'res.partner' }) model!: string;
  @ApiProperty({ example: 25 }) count!: number;
}

export class CheckUpdatesResponseDto {
  @ApiProperty() has_update!: boolean;
  @ApiProperty({ type: String, nullable: true }) last_update_at!: string | null;
  @ApiProperty({ type: [ModelCountDto] }) summary!: ModelCountDto[];
}
