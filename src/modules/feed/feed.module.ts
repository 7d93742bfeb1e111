import { Module } from '@nestjs/common';
import { DatabaseModule } from '../../database/database.module';
import { CacheModule } from '../cache/cache.module';
import { SystemsModule } from '../systems/systems.module';
import { DeliveredVersionRepository } from './delivered-version.repository';
import { ArchiveController } from './archive.controller';
import { ArchiverService } from './archiver.service';
import { Clock } from './clock';
import { DeviceRetentionRepository } from './device-retention.repository';
import { EventAppendRepository } from './event-append.repository';
import { EventArchiveRepository } from './event-archive.repository';
import { EventLogRepository } from './event-log.repository';
import { EventSummaryRepository } from './event-summary.repository';
import { FeedTail } from './feed-tail';
import { FeedWriter } from './feed-writer';
import { RecordStateRepository } from './record-state.repository';

/** The event log (SPEC §3): appends, its tail, record state, retention (device cursors: the devices module). Knows nothing of ingestion. */
@Module({
  // SystemsModule: the archive stats route is an operator route (OperatorGuard).
  imports: [DatabaseModule, CacheModule, SystemsModule],
  providers: [
    Clock,
    DeliveredVersionRepository,
    EventAppendRepository,
    EventLogRepository,
    EventSummaryRepository,
    EventArchiveRepository,
    FeedWriter, FeedTail, DeviceRetentionRepository, RecordStateRepository, ArchiverService],
  controllers: [ArchiveController],
  // Appends go through FeedWriter; retention through ArchiverService.
  exports: [Clock, DeliveredVersionRepository, EventLogRepository, EventSummaryRepository, FeedWriter, FeedTail, DeviceRetentionRepository, RecordStateRepository, ArchiverService],
})
export class FeedModule {}
