import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthGuard } from '../auth/auth.guard';
import type { AuthUser } from '../auth/auth.types';
import { CurrentUser } from '../auth/current-user.decorator';
import { ArchiverService, ArchiveStats } from './archiver.service';
import { ARCHIVE_STATS_EXAMPLE } from './change-feed.examples';
import { ArchiveStatsResponseDto } from './dto/responses.dto';

@ApiTags('smart-sync')
@ApiBearerAuth('bearer')
@Controller('api/v2/sync/archive')
@UseGuards(AuthGuard)
export class ArchiveController {
  constructor(private readonly archiver: ArchiverService) {}

  @Get('stats')
  @ApiOperation({ summary: "Event log retention figures of the caller's tenant" })
  @ApiOkResponse({ type: ArchiveStatsResponseDto, example: ARCHIVE_STATS_EXAMPLE })
  stats(@CurrentUser() user: AuthUser): Promise<ArchiveStats> {
    return this.archiver.stats(user.tenantId);
  }
}
