import { ApiProperty } from '@nestjs/swagger';

export class ArchiveStatsResponseDto {
  @ApiProperty({ example: 1200 }) total_events!: number;
  @ApiProperty({ example: 300 }) active_events!: number;
  @ApiProperty({ example: 900 }) archived_events!: number;
  @ApiProperty({ example: 75 }) archive_percentage!: number;
}
