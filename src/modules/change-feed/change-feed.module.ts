import { Module } from '@nestjs/common';
import { DatabaseModule } from '../../database/database.module';
import { AuthModule } from '../auth/auth.module';
import { CacheModule } from '../cache/cache.module';
import { SystemsModule } from '../systems/systems.module';
import { ArchiveController } from './archive.controller';
import { ArchiverService } from './archiver.service';
import { Clock } from './clock';
import { CopyProgress } from './copy-progress';
import { DeviceStateRepository } from './device-state.repository';
import { EventLogRepository } from './event-log.repository';
import { FeedTail } from './feed-tail';
import { FeedWriter } from './feed-writer';
import { IngestionHealth } from './ingestion-health';
import { RecordStateRepository } from './record-state.repository';
import { INGESTION_CONTROLLERS, INGESTION_PROVIDERS } from './ingestion.providers';
import { IngestionScheduler } from './ingestion.scheduler';
import { IngestStateRepository } from './sources/ingest-state.repository';

/** The event log, device cursors, record state, retention and ingestion health. */
@Module({
  imports: [DatabaseModule, CacheModule, SystemsModule, AuthModule],
  providers: [Clock, EventLogRepository, FeedWriter, FeedTail, DeviceStateRepository, RecordStateRepository, IngestionHealth, ArchiverService, CopyProgress, ...INGESTION_PROVIDERS],
  controllers: [ArchiveController, ...INGESTION_CONTROLLERS],
  exports: [Clock, EventLogRepository, FeedWriter, FeedTail, IngestStateRepository, IngestionScheduler, DeviceStateRepository, RecordStateRepository, IngestionHealth, ArchiverService, CopyProgress],
})
export class ChangeFeedModule {}
