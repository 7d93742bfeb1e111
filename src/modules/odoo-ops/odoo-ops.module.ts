import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { SystemsModule } from '../systems/systems.module';
import { OdooOpsController } from './odoo-ops.controller';
import { OdooSdkController } from './odoo-sdk.controller';
import { OdooOpsService } from './odoo-ops.service';

/** Odoo operations for apps (`/api/v1/odoo/*`), executed in Odoo as the user. */
@Module({
  imports: [AuthModule, SystemsModule],
  controllers: [OdooOpsController, OdooSdkController],
  providers: [OdooOpsService],
})
export class OdooOpsModule {}
