import { Module } from '@nestjs/common';
import { HttpOdooClientFactory } from './odoo-client.factory';
import { ODOO_CLIENT_FACTORY } from './odoo.client';

/** Provides ODOO_CLIENT_FACTORY: Odoo clients over JSON-RPC or XML-RPC. */
@Module({
  providers: [HttpOdooClientFactory, { provide: ODOO_CLIENT_FACTORY, useExisting: HttpOdooClientFactory }],
  exports: [ODOO_CLIENT_FACTORY],
})
export class OdooModule {}
