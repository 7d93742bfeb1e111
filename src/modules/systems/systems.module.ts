import { Global, Module } from '@nestjs/common';
import { SystemsController } from './systems.controller';
import { SystemsService } from './systems.service';

/** Connected Odoo systems (tenants); SystemsService is available everywhere. */
@Global()
@Module({
  controllers: [SystemsController],
  providers: [SystemsService],
  exports: [SystemsService],
})
export class SystemsModule {}
