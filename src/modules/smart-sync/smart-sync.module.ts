import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { DatabaseModule } from '../../database/database.module';
import { AccessModule } from '../access/access.module';
import { AuthModule } from '../auth/auth.module';
import { CacheModule } from '../cache/cache.module';
import { FeedModule } from '../feed/feed.module';
import { IngestionModule } from '../ingestion/ingestion.module';
import { SystemsModule } from '../systems/systems.module';
import { CheckUpdatesController } from './check-updates.controller';
import { FeedHeads } from './feed-heads';
import { SmartSyncController } from './smart-sync.controller';
import { SmartSyncService } from './smart-sync.service';
import { SnapshotAdmission } from './snapshot-admission';
import { StateWriter } from './state-writer';
import { SyncCache } from './sync-cache';
import { SyncMetricsMiddleware } from './sync-metrics.middleware';

@Module({
  imports: [DatabaseModule, CacheModule, FeedModule, IngestionModule, SystemsModule, AuthModule, AccessModule],
  controllers: [SmartSyncController, CheckUpdatesController],
  providers: [SmartSyncService, SyncCache, StateWriter, FeedHeads, SnapshotAdmission],
  exports: [SmartSyncService, SnapshotAdmission],
})
export class SmartSyncModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(SyncMetricsMiddleware).forRoutes(SmartSyncController, CheckUpdatesController);
  }
}
