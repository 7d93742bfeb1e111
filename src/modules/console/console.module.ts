import { Module } from '@nestjs/common';
import { DatabaseModule } from '../../database/database.module';
import { AuthModule } from '../auth/auth.module';
import { CacheModule } from '../cache/cache.module';
import { DevicesModule } from '../devices/devices.module';
import { FeedModule } from '../feed/feed.module';
import { IngestionModule } from '../ingestion/ingestion.module';
import { OdooModule } from '../odoo/odoo.module';
import { OfflineSyncModule } from '../offline-sync/offline-sync.module';
import { SystemsModule } from '../systems/systems.module';
import { ConsoleAuthController } from './console-auth.controller';
import { ConsoleLiveGateway } from './console-live.gateway';
import { ConsolePagesController } from './console-pages.controller';
import { ConsoleController } from './console.controller';
import { ConsoleRepository } from './console.repository';
import { ConsoleService } from './console.service';

/** The operator console: pages at /console and their data at /api/v1/console (docs/console.md). */
@Module({
  imports: [DatabaseModule, AuthModule, CacheModule, FeedModule, SystemsModule, DevicesModule, IngestionModule, OdooModule, OfflineSyncModule],
  controllers: [ConsoleAuthController, ConsolePagesController, ConsoleController],
  providers: [ConsoleService, ConsoleRepository, ConsoleLiveGateway],
})
export class ConsoleModule {}
