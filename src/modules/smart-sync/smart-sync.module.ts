import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { DatabaseModule } from '../../database/database.module';
import { AccessModule } from '../access/access.module';
import { AuthModule } from '../auth/auth.module';
import { CacheModule } from '../cache/cache.module';
import { FeedModule } from '../feed/feed.module';
import { IngestionModule } from '../ingestion/ingestion.module';
import { SystemsModule } from '../systems/systems.module';
import { CheckUpdatesController } from './check-updates.controller';
import { SmartSyncController } from './smart-sync.controller';
import { DevicesModule } from '../devices/devices.module';
import { PullModule } from '../pull/pull.module';
import { PullPages } from './pull-pages';
import { SmartSyncService } from './smart-sync.service';
import { SyncHealthService } from './sync-health.service';
import { SyncStateService } from './sync-state.service';
import { UpdatesService } from './updates.service';
import { SyncCache } from './sync-cache';
import { SyncMetricsMiddleware } from './sync-metrics.middleware';

@Module({
  imports: [DatabaseModule, CacheModule, FeedModule, IngestionModule, DevicesModule, PullModule, SystemsModule, AuthModule, AccessModule],
  controllers: [SmartSyncController, CheckUpdatesController],
  providers: [SmartSyncService, PullPages, SyncStateService, SyncHealthService, UpdatesService, SyncCache],
  exports: [SmartSyncService],
})
export class SmartSyncModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(SyncMetricsMiddleware).forRoutes(SmartSyncController, CheckUpdatesController);
  }
}
