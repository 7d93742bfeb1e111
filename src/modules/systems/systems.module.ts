import { Module } from '@nestjs/common';
import { DatabaseModule } from '../../database/database.module';
import { CacheModule } from '../cache/cache.module';
import { OdooModule } from '../odoo/odoo.module';
import { TokensModule } from '../tokens/tokens.module';
import { OperatorGuard } from './operator.guard';
import { SystemStatus } from './system-status';
import { SystemsController } from './systems.controller';
import { SystemsRepository } from './systems.repository';
import { SystemsService } from './systems.service';

/** Connected Odoo systems (tenants) and the operator routes that manage them. */
@Module({
  imports: [DatabaseModule, CacheModule, OdooModule, TokensModule],
  controllers: [SystemsController],
  providers: [SystemsService, SystemsRepository, SystemStatus, OperatorGuard],
  // @UseGuards(OperatorGuard) builds the guard in the module of the controller: TokensModule goes along so it can.
  exports: [SystemsService, SystemStatus, OperatorGuard, TokensModule],
})
export class SystemsModule {}
