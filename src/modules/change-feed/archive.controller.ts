import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthGuard } from '../auth/auth.guard';
import type { AuthUser } from '../auth/auth.types';
import { CurrentUser } from '../auth/current-user.decorator';
import { ArchiverService, ArchiveStats } from './archiver.service';

@ApiTags('smart-sync')
@ApiBearerAuth('bearer')
@Controller('api/v2/sync/archive')
@UseGuards(AuthGuard)
export class ArchiveController {
  constructor(private readonly archiver: ArchiverService) {}

  @Get('stats')
  @ApiOperation({ summary: "Event log retention figures of the caller's tenant" })
  @ApiOkResponse({
    schema: { example: { total_events: 1200, active_events: 300, archived_events: 900, archive_percentage: 75 } },
  })
  stats(@CurrentUser() user: AuthUser): Promise<ArchiveStats> {
    return this.archiver.stats(user.tenantId);
  }
}
