import { ApiProperty } from '@nestjs/swagger';

/* The odoo-sync feed's answers as OpenAPI schemas, so a generated client (and the SDK's casts) know every field. */

export class FeedEventDto {
  @ApiProperty({ example: 1251, description: 'Event-log id (for a snapshot record: its last event)' }) id!: number;
  @ApiProperty({ example: 'sale.order' }) model!: string;
  @ApiProperty({ example: 456 }) record_id!: number;
  @ApiProperty({ enum: ['create', 'write', 'unlink'] }) event!: string;
  @ApiProperty({ example: '2026-12-07T10:30:58.000Z' }) timestamp!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: "The record's values" })
  payload!: Record<string, unknown> | null;
  @ApiProperty({ enum: ['high', 'medium', 'low'] }) priority!: string;
  @ApiProperty({ example: 'business' }) category!: string;
  @ApiProperty({ type: 'integer', nullable: true, description: 'The Odoo user who made the change' }) user_id!: number | null;
}

export class FeedPullResponseDto {
  @ApiProperty({ enum: [true] }) success!: true;
  @ApiProperty({ type: [FeedEventDto] }) events!: FeedEventDto[];
  @ApiProperty() count!: number;
  @ApiProperty({ description: 'Send it back as last_event_id once this answer is applied (negative inside a snapshot)' })
  last_id!: number;
  @ApiProperty() has_more!: boolean;
  @ApiProperty() timestamp!: string;
  @ApiProperty({ description: 'The events are a snapshot of the records (as creates), not changes' }) snapshot!: boolean;
  @ApiProperty({ description: 'The position was behind the retained history: drop what the device holds' }) reset_required!: boolean;
}

export class FeedAckResponseDto {
  @ApiProperty({ enum: [true] }) success!: true;
  @ApiProperty() processed_count!: number;
  @ApiProperty() message!: string;
}

export class FeedSyncStateDto {
  @ApiProperty() user_id!: number;
  @ApiProperty() device_id!: string;
  @ApiProperty() app_type!: string;
  @ApiProperty({ description: 'Where the device continues, as the int the SDK pulls from' }) last_event_id!: number;
  @ApiProperty({ type: 'string', nullable: true }) last_sync_time!: string | null;
  @ApiProperty() sync_count!: number;
  @ApiProperty() total_events_synced!: number;
  @ApiProperty() is_active!: boolean;
}

export class FeedStateResponseDto {
  @ApiProperty({ type: FeedSyncStateDto }) sync_state!: FeedSyncStateDto;
}

export class FeedSmartPullResponseDto extends FeedPullResponseDto {
  @ApiProperty({ type: FeedSyncStateDto }) sync_state!: FeedSyncStateDto;
}

export class FeedStatsDto {
  @ApiProperty() user_id!: number;
  @ApiProperty() total_devices!: number;
  @ApiProperty() active_devices!: number;
  @ApiProperty() total_syncs!: number;
  @ApiProperty() total_events_synced!: number;
  @ApiProperty({ type: 'string', nullable: true }) last_sync_time!: string | null;
  @ApiProperty({ type: [FeedSyncStateDto] }) devices!: FeedSyncStateDto[];
}

export class FeedStatsResponseDto {
  @ApiProperty({ type: FeedStatsDto }) stats!: FeedStatsDto;
}

export class FeedLogStatsDto {
  @ApiProperty() days!: number;
  @ApiProperty() total_events!: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, description: 'Events per model the user may read' })
  by_model!: Record<string, number>;
  @ApiProperty() last_event_id!: number;
  @ApiProperty({ type: 'string', nullable: true }) last_event_time!: string | null;
}

export class FeedLogStatsResponseDto {
  @ApiProperty({ type: FeedLogStatsDto }) stats!: FeedLogStatsDto;
}

export class FeedHealthResponseDto {
  @ApiProperty({ enum: ['healthy'] }) status!: string;
  @ApiProperty() odoo_connected!: boolean;
  @ApiProperty() pending_events!: number;
  @ApiProperty() version!: string;
}
