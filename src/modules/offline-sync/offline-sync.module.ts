import { Module } from '@nestjs/common';
import { DatabaseModule } from '../../database/database.module';
import { AccessModule } from '../access/access.module';
import { AuthModule } from '../auth/auth.module';
import { FeedModule } from '../feed/feed.module';
import { IngestionModule } from '../ingestion/ingestion.module';
import { DevicesModule } from '../devices/devices.module';
import { PullModule } from '../pull/pull.module';
import { SystemsModule } from '../systems/systems.module';
import { OfflineSyncController, OfflineSyncHealthController } from './offline-sync.controller';
import { OfflineSyncService } from './offline-sync.service';
import { ChangeRecorder } from './change-recorder';
import { PushClaimsRepository } from './push-claims.repository';
import { PushLedgerRepository } from './push-ledger.repository';
import { PushService } from './push.service';
import { ResolveConflictsService } from './resolve-conflicts.service';

/** Offline Sync v1: push (dependency-ordered, exactly once), pull, resolve-conflicts, state, reset. */
@Module({
  imports: [DatabaseModule, FeedModule, IngestionModule, DevicesModule, PullModule, SystemsModule, AuthModule, AccessModule],
  controllers: [OfflineSyncController, OfflineSyncHealthController],
  providers: [PushService, ResolveConflictsService, ChangeRecorder, OfflineSyncService, PushLedgerRepository, PushClaimsRepository],
  // The operator console closes conflicts through the same path as devices.
  exports: [ResolveConflictsService],
})
export class OfflineSyncModule {}
