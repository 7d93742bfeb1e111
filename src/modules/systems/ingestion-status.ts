import { ApiProperty } from '@nestjs/swagger';

export class IngestionStatus {
  @ApiProperty({
    enum: ['healthy', 'failing', 'unknown'],
    description: '`unknown`: this instance has not run the system\'s change capture (another instance may)',
  })
  status!: 'healthy' | 'failing' | 'unknown';
  @ApiProperty({ nullable: true, example: '2026-11-27T10:00:00.000Z' }) last_success_at!: string | null;
  @ApiProperty({ nullable: true, description: 'When the current run of failures began' }) failing_since!: string | null;
  @ApiProperty({ nullable: true, example: 'Odoo unreachable: connect ECONNREFUSED' }) error!: string | null;
  @ApiProperty({ nullable: true, description: 'Seconds since the last successful ingestion run' }) lag_seconds!: number | null;
}

export const UNKNOWN_INGESTION: IngestionStatus = {
  status: 'unknown',
  last_success_at: null,
  failing_since: null,
  error: null,
  lag_seconds: null,
};
