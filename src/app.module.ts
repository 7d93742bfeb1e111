import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from './config/app.config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { loggerOptions } from './common/logging';
import { CacheModule } from './modules/cache/cache.module';
import { AuthModule } from './modules/auth/auth.module';
import { FeedModule } from './modules/feed/feed.module';
import { HealthModule } from './modules/health/health.module';
import { IngestionModule } from './modules/ingestion/ingestion.module';
import { RealtimeModule } from './modules/realtime/realtime.module';
import { MetricsModule } from './modules/metrics/metrics.module';
import { OdooModule } from './modules/odoo/odoo.module';
import { SystemsModule } from './modules/systems/systems.module';
import { SmartSyncModule } from './modules/smart-sync/smart-sync.module';
import { OfflineSyncModule } from './modules/offline-sync/offline-sync.module';
import { OdooSyncModule } from './modules/odoo-sync/odoo-sync.module';
import { OdooOpsModule } from './modules/odoo-ops/odoo-ops.module';
import { DiagnosticsModule } from './modules/diagnostics/diagnostics.module';
import { ConsoleModule } from './modules/console/console.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerOptions(config)),
        DatabaseModule,
        CacheModule,
        MetricsModule.forRoot(),
        OdooModule,
        SystemsModule,
        AuthModule,
        FeedModule,
        IngestionModule,
        HealthModule,
        SmartSyncModule,
        OfflineSyncModule,
        OdooSyncModule,
        OdooOpsModule,
        RealtimeModule,
        DiagnosticsModule,
        ConsoleModule,
      ],
    };
  }
}
