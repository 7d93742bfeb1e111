import { Module } from '@nestjs/common';
import { ChangeFeedModule } from '../change-feed/change-feed.module';
import { SystemsModule } from '../systems/systems.module';
import { ReadScopeService } from './read-scope.service';

/** Odoo's access rights as BridgeCore applies them to every read path. */
@Module({
  imports: [SystemsModule, ChangeFeedModule],
  providers: [ReadScopeService],
  exports: [ReadScopeService],
})
export class AccessModule {}
