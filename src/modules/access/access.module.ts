import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { FeedModule } from '../feed/feed.module';
import { SystemsModule } from '../systems/systems.module';
import { OdooVisibility } from './odoo-visibility';
import { ReadScopeService } from './read-scope.service';
import { SyncScopeService } from './sync-scope.service';

/** Odoo's access rights and the app types' models, as BridgeCore applies them to every read path. */
@Module({
  imports: [SystemsModule, FeedModule, AuthModule],
  providers: [ReadScopeService, SyncScopeService, OdooVisibility],
  exports: [ReadScopeService, SyncScopeService],
})
export class AccessModule {}
