import { DynamicModule, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import type { AppConfig } from '../../config/app.config';
import { BenchController } from './bench.controller';
import { DatabaseModule } from '../../database/database.module';
import { AuthModule } from '../auth/auth.module';
import { CacheModule } from '../cache/cache.module';
import { ChangeFeedModule } from '../change-feed/change-feed.module';
import { SystemsModule } from '../systems/systems.module';
import { CheckUpdatesController } from './check-updates.controller';
import { CheckUpdatesQuery } from './check-updates.query';
import { FeedHeads } from './feed-heads';
import { SmartSyncController } from './smart-sync.controller';
import { SmartSyncService } from './smart-sync.service';
import { StateWriter } from './state-writer';
import { SyncCache } from './sync-cache';
import { SyncMetricsMiddleware } from './sync-metrics.middleware';

@Module({})
export class SmartSyncModule implements NestModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: SmartSyncModule,
      imports: [DatabaseModule, CacheModule, ChangeFeedModule, SystemsModule, AuthModule],
      controllers: [SmartSyncController, CheckUpdatesController, ...(config.bench ? [BenchController] : [])],
      providers: [SmartSyncService, SyncCache, StateWriter, FeedHeads, CheckUpdatesQuery],
      exports: [SmartSyncService],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(SyncMetricsMiddleware).forRoutes(SmartSyncController, CheckUpdatesController);
  }
}
