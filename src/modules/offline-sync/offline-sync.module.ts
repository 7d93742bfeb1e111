import { Module } from '@nestjs/common';
import { OfflineSyncController } from './offline-sync.controller';
import { OfflineSyncService } from './offline-sync.service';
import { PushLedgerRepository } from './push-ledger.repository';
import { PushService } from './push.service';

/** Offline Sync v1: push (dependency-ordered, exactly once), pull, resolve-conflicts, state, reset. */
@Module({
  controllers: [OfflineSyncController],
  providers: [PushService, OfflineSyncService, PushLedgerRepository],
})
export class OfflineSyncModule {}
