import { Module } from '@nestjs/common';
import { DatabaseModule } from '../../database/database.module';
import { AccessModule } from '../access/access.module';
import { AuthModule } from '../auth/auth.module';
import { CacheModule } from '../cache/cache.module';
import { DevicesModule } from '../devices/devices.module';
import { FeedModule } from '../feed/feed.module';
import { IngestionModule } from '../ingestion/ingestion.module';
import { PullModule } from '../pull/pull.module';
import { SystemsModule } from '../systems/systems.module';
import { FeedStateService } from './feed-state.service';
import { OdooSyncController, OdooSyncHealthController } from './odoo-sync.controller';
import { OdooSyncService } from './odoo-sync.service';
import { PageTokensRepository } from './page-tokens.repository';

/** The Flutter SDK's odoo-sync feed (/api/v1/odoo-sync): an adapter of the pull engine with positions the device holds. */
@Module({
  imports: [DatabaseModule, CacheModule, FeedModule, IngestionModule, DevicesModule, PullModule, SystemsModule, AuthModule, AccessModule],
  controllers: [OdooSyncController, OdooSyncHealthController],
  providers: [OdooSyncService, FeedStateService, PageTokensRepository],
})
export class OdooSyncModule {}
