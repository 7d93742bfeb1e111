import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { FeedModule } from '../feed/feed.module';
import { SystemsModule } from '../systems/systems.module';
import { AccessCatalogueLoader } from './catalogue.loader';
import { OdooVisibility } from './odoo-visibility';
import { ReadPolicyService } from './read-policy.service';

/**
 * Odoo's access rights and the app types' models, as BridgeCore applies them to every read path. Other modules
 * use the read policy (ReadPolicyService) and its plain shapes (model-scope, read-filter), never the loader or the
 * evaluator behind it.
 */
@Module({
  imports: [SystemsModule, FeedModule, AuthModule],
  providers: [ReadPolicyService, AccessCatalogueLoader, OdooVisibility],
  exports: [ReadPolicyService],
})
export class AccessModule {}
