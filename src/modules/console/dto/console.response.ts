import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IngestionStatus } from '../../systems/ingestion-status';

export class ModelIngestion {
  @ApiProperty({ example: 'sale.order' }) model!: string;
  @ApiProperty({ example: 'write_date', description: 'The change source whose cursor this is' }) source!: string;
  @ApiProperty({ example: '2026-12-07T21:00:00.000Z', description: 'When this source last moved its cursor for the model' })
  cursor_updated_at!: string;
  @ApiProperty({ example: 12, description: 'Seconds since then' }) lag_seconds!: number;
}

export class CopyProgressDto {
  @ApiProperty({ enum: ['pending', 'running', 'done'] }) status!: string;
  @ApiProperty() records_copied!: number;
  @ApiProperty() records_total!: number;
}

export class ConsoleSystem {
  @ApiProperty({ example: 'demo' }) id!: string;
  @ApiProperty({ example: 'Demo' }) name!: string;
  @ApiProperty({ example: 'http://127.0.0.1:8069' }) url!: string;
  @ApiProperty({ example: 'demo' }) database!: string;
  @ApiProperty({ example: '18.0', nullable: true }) odoo_version!: string | null;
  @ApiProperty({ enum: ['connected', 'disconnected'] }) status!: 'connected' | 'disconnected';
  @ApiProperty({ type: IngestionStatus, description: 'Change capture health as this instance sees it; `error` and `failing_since` are the last error and its time' })
  ingestion!: IngestionStatus;
  @ApiProperty({ type: [ModelIngestion] }) models!: ModelIngestion[];
  @ApiProperty({ example: 42, description: 'Calls this instance made to the Odoo of this system in the last full minute' })
  odoo_calls_per_minute!: number;
  @ApiProperty({ type: CopyProgressDto, nullable: true, description: 'The first copy of existing records' })
  first_copy!: CopyProgressDto | null;
  @ApiProperty({ example: 1234, description: 'The newest event id of the tenant' }) head!: number;
}

export class ConsoleSystems {
  @ApiProperty({ type: [ConsoleSystem] }) systems!: ConsoleSystem[];
}

export class ConsoleDevice {
  @ApiProperty({ example: 6 }) user_id!: number;
  @ApiProperty({ example: 'phone-1' }) device_id!: string;
  @ApiProperty({ example: 'sales_app' }) app_type!: string;
  @ApiProperty({ example: 120, description: 'The last event id the device has' }) position!: number;
  @ApiProperty({ example: 3, description: 'Events logged after the position (head − position)' }) behind!: number;
  @ApiProperty({ nullable: true }) last_pull_at!: string | null;
  @ApiProperty({
    enum: ['up_to_date', 'behind', 'snapshot', 'rescope'],
    description: '`snapshot`/`rescope`: a snapshot or re-scope pass is in progress',
  })
  state!: 'up_to_date' | 'behind' | 'snapshot' | 'rescope';
  @ApiProperty({ nullable: true, example: 'sale.order:41', description: 'While a pass runs: the last record it sent' })
  pass_at!: string | null;
  @ApiProperty({ nullable: true, description: "The fingerprint of the user's read rights the device was last served under" })
  rights_fingerprint!: string | null;
  @ApiProperty({ nullable: true, example: 'res.partner,sale.order' }) scope!: string | null;
  @ApiProperty() sync_count!: number;
  @ApiProperty() is_active!: boolean;
}

export class ConsoleDevices {
  @ApiProperty({ example: 1234 }) head!: number;
  @ApiProperty({ type: [ConsoleDevice] }) devices!: ConsoleDevice[];
  @ApiProperty({ nullable: true, description: 'Pass as `cursor` for the next page; null on the last page' })
  next_cursor!: string | null;
}

export class ConsoleResetResponse {
  @ApiProperty({ example: true }) success!: boolean;
  @ApiProperty({ example: 'The next pull of phone-1 starts with a new snapshot' }) message!: string;
}

export class ConsolePush {
  @ApiProperty({ example: 6 }) user_id!: number;
  @ApiProperty({ example: 'phone-1' }) device_id!: string;
  @ApiProperty({ example: 'order-1' }) local_id!: string;
  @ApiProperty({ example: 'sale.order' }) model!: string;
  @ApiProperty({ enum: ['create', 'update', 'delete'] }) action!: string;
  @ApiProperty({
    enum: ['success', 'conflict', 'rejected', 'retryable', 'in_progress'],
    description: '`conflict`: waiting for a resolution; `retryable`: Odoo was down or the outcome is being confirmed',
  })
  outcome!: 'success' | 'conflict' | 'rejected' | 'retryable' | 'in_progress';
  @ApiProperty({ nullable: true, example: 57, description: 'The Odoo id: the id mapping local_id → server_id' }) server_id!: number | null;
  @ApiPropertyOptional({ example: 'ACCESS_DENIED' }) error_code?: string;
  @ApiPropertyOptional() error?: string;
  @ApiPropertyOptional({ description: "The conflict: Odoo's values, the device's, the fields in conflict" }) conflict_info?: Record<string, unknown>;
  @ApiPropertyOptional({ description: 'The change as pushed, with references resolved' }) change?: Record<string, unknown>;
  @ApiProperty({ enum: ['device', 'operator'], nullable: true, description: 'Who resolved its conflict' })
  resolved_by!: 'device' | 'operator' | null;
  @ApiProperty({ nullable: true, type: String, description: 'The push request (batch) it came in; null for changes pushed before batches were recorded' })
  batch_id!: string | null;
  @ApiProperty({ description: 'When the device pushed it' }) pushed_at!: string;
  @ApiProperty({ description: 'When its outcome was last written' }) updated_at!: string;
}

export class ConsolePushes {
  @ApiProperty({ type: [ConsolePush] }) pushes!: ConsolePush[];
  @ApiProperty({ nullable: true }) next_cursor!: string | null;
}

export class ConsoleResolveResponse {
  @ApiProperty() success!: boolean;
  @ApiProperty({ enum: ['success', 'conflict', 'error'], description: "The change's result as the device will read it" }) status!: string;
  @ApiPropertyOptional({ example: 'NOT_IN_CONFLICT' }) error_code?: string;
  @ApiPropertyOptional() error?: string;
}
