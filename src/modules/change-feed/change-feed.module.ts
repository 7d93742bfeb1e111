import { Global, Module } from '@nestjs/common';
import { ArchiveController } from './archive.controller';
import { ArchiverService } from './archiver.service';
import { Clock } from './clock';
import { DeviceStateRepository } from './device-state.repository';
import { EventLogRepository } from './event-log.repository';
import { IngestionHealth } from './ingestion-health';
import { RecordStateRepository } from './record-state.repository';
import { INGESTION_CONTROLLERS, INGESTION_PROVIDERS } from './ingestion.providers';

/** The event log, device cursors, retention and ingestion health (contract B). */
@Global()
@Module({
  providers: [Clock, EventLogRepository, DeviceStateRepository, RecordStateRepository, IngestionHealth, ArchiverService, ...INGESTION_PROVIDERS],
  controllers: [ArchiveController, ...INGESTION_CONTROLLERS],
  exports: [Clock, EventLogRepository, DeviceStateRepository, RecordStateRepository, IngestionHealth, ArchiverService],
})
export class ChangeFeedModule {}
