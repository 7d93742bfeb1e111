import { ApiProperty } from '@nestjs/swagger';

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
