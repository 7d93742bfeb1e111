import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { OperatorGuard } from '../systems/operator.guard';
import { ArchiverService, ArchiveStats } from './archiver.service';
import { ARCHIVE_STATS_EXAMPLE } from './feed.examples';
import { ArchiveStatsResponseDto } from './dto/responses.dto';

export class ArchiveStatsQueryDto {
  @ApiProperty({ example: 'default', description: 'The system (tenant) whose event log to report' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  system_id!: string;
}

/** Tenant-wide figures are for operators (the admin key, as /systems), not for every app user of the tenant. */
@ApiTags('smart-sync')
@ApiSecurity('admin-key')
@Controller('api/v2/sync/archive')
@UseGuards(OperatorGuard)
export class ArchiveController {
  constructor(private readonly archiver: ArchiverService) {}

  @Get('stats')
  @ApiOperation({ summary: "Event log retention figures of a system's tenant (operators: X-Admin-Key)" })
  @ApiOkResponse({ type: ArchiveStatsResponseDto, example: ARCHIVE_STATS_EXAMPLE })
  stats(@Query() query: ArchiveStatsQueryDto): Promise<ArchiveStats> {
    return this.archiver.stats(query.system_id);
  }
}
